"""``kg serve`` under 200 clients at once, and its recovery from slow queries.

    python benchmarks/serve.py [--clients 200] [--rounds 5] [--write docs/benchmarks.md]

Builds the example articles into a temporary store and starts a real ``kg serve``
on 127.0.0.1 (default 4 query workers). Then:

* sequential: one client, one request after another (the floor);
* concurrent: ``--clients`` threads, each its own TCP connection, released together
  by a barrier, each sending one SELECT (partners of Microsoft); ``--rounds`` times.
  Latency is measured per request from just before connecting to the last byte;
* recovery: as many cross-product queries as there are workers plus two, under a
  1 s time limit, then the time until ``ASK {}`` is answered.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_section import publish, rerun_args  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- serve:start -->", "<!-- serve:end -->"
KG = [sys.executable, "-m", "kg.cli"]
QUERY = "SELECT ?p WHERE { ?m rdfs:label \"Microsoft\" . ?x kg:partnersWith ?m ; rdfs:label ?p }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def start(store: str, *extra: str) -> tuple[subprocess.Popen, str, int]:
    proc = subprocess.Popen([*KG, "serve", "--store", store, "--port", "0", *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    m = re.search(r"http://(127\.0\.0\.1):(\d+)(/sparql)", proc.stdout.readline())
    if not m:
        proc.kill()
        raise SystemExit(f"kg serve did not start: {proc.stderr.read()}")
    return proc, m.group(1), int(m.group(2))


def request(host: str, port: int, query: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
        resp = conn.getresponse()
        resp.read()
        status = resp.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return time.perf_counter() - t0, status


def concurrent_round(host: str, port: int, clients: int) -> list[tuple[float, int]]:
    barrier = threading.Barrier(clients)

    def one(_: int) -> tuple[float, int]:
        barrier.wait()
        return request(host, port, QUERY)

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, range(clients)))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--write", help="replace the section in this Markdown file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "kg-store")
        for src in ("articles", "updates"):
            subprocess.run([*KG, "build", str(ROOT / "examples" / src), "--store", store], check=True,
                           capture_output=True)
        proc, host, port = start(store, "--workers", str(args.workers))
        try:
            request(host, port, QUERY)  # warm the workers
            sequential = [request(host, port, QUERY) for _ in range(200)]
            together: list[tuple[float, int]] = []
            for _ in range(args.rounds):
                together += concurrent_round(host, port, args.clients)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        proc, host, port = start(store, "--workers", str(args.workers), "--timeout", "1")
        try:
            request(host, port, "ASK {}")
            with ThreadPoolExecutor(args.workers + 2) as pool:
                slow = list(pool.map(lambda _: request(host, port, SLOW), range(args.workers + 2)))
            recovery, ask_status = request(host, port, "ASK {}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    seq = [t for t, _ in sequential]
    lat = [t for t, _ in together]
    failed = sum(1 for _, s in together if s != 200)
    ms = 1000.0
    lines = [START, "## SPARQL endpoint under load", "",
             f"`python benchmarks/serve.py {rerun_args(args.write)}` — a real `kg serve` ({args.workers} query "
             f"workers) on the example store, this machine: {os.cpu_count()} cores. Latency per request, "
             "connect to last byte.", "",
             "| load | requests | failed | median (ms) | p95 (ms) | p99 (ms) | max (ms) |", "|---|---|---|---|---|---|---|",
             f"| 1 client, sequential | {len(seq)} | {sum(1 for _, s in sequential if s != 200)} | "
             f"{statistics.median(seq) * ms:.1f} | {pct(seq, .95) * ms:.1f} | {pct(seq, .99) * ms:.1f} | {max(seq) * ms:.1f} |",
             f"| {args.clients} clients at once × {args.rounds} rounds | {len(lat)} | {failed} | "
             f"{statistics.median(lat) * ms:.1f} | {pct(lat, .95) * ms:.1f} | {pct(lat, .99) * ms:.1f} | {max(lat) * ms:.1f} |",
             "",
             f"Recovery: {args.workers + 2} cross-product queries against {args.workers} workers under a 1 s limit "
             f"got {', '.join(sorted({str(s) for _, s in slow}))} after at most {max(t for t, _ in slow):.2f} s "
             f"(the workers running them were killed and replaced); `ASK {{}}` right after: HTTP {ask_status} "
             f"in {recovery * ms:.0f} ms.",
             END]
    publish("\n".join(lines), args.write, START, END)


if __name__ == "__main__":
    main()
