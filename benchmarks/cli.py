"""Start-up cost of kg's read commands next to a bare interpreter.

    python benchmarks/cli.py [--runs 7] [--write docs/benchmarks.md]

Builds the example article into a temporary store, then times ``python -c pass``,
``kg stats`` and ``kg query`` (each a fresh process, as a user runs them; best and
median of ``--runs``). Reading a store imports no spaCy, so the read commands
cost the interpreter plus rdflib, pyoxigraph and typer.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_section import publish, rerun_args  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- cli:start -->", "<!-- cli:end -->"
KG = [sys.executable, "-m", "kg.cli"]


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--write", help="replace the section in this Markdown file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "kg-store")
        subprocess.run([*KG, "build", str(ROOT / "examples" / "articles"), "--store", store], check=True,
                       capture_output=True)
        rows = [
            ("`python -c pass`", timed([sys.executable, "-c", "pass"], args.runs)),
            ("`kg stats`", timed([*KG, "stats", "--store", store], args.runs)),
            ("`kg query` (partners of Microsoft)", timed(
                [*KG, "query", "--file", str(ROOT / "examples/queries/partners-of-microsoft.rq"), "--store", store],
                args.runs)),
            ("`kg query --format json` (every fact with evidence)", timed(
                [*KG, "query", "--file", str(ROOT / "examples/queries/evidence.rq"), "--format", "json",
                 "--store", store], args.runs)),
        ]
    lines = [START, "## Read commands: start-up", "",
             f"`python benchmarks/cli.py {rerun_args(args.write)}` — wall time of a fresh process on the example "
             f"store ({args.runs} runs; this machine: {__import__('os').cpu_count()} cores). No read command imports spaCy.", "",
             "| command | best (s) | median (s) |", "|---|---|---|"]
    lines += [f"| {name} | {best:.2f} | {med:.2f} |" for name, (best, med) in rows]
    lines.append(END)
    publish("\n".join(lines), args.write, START, END)


if __name__ == "__main__":
    main()
