"""`kg serve`: a real HTTP server on 127.0.0.1, started by the test, queried by a real HTTP client."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph

from kg.api import build
from tests.conftest import EXAMPLES

PARTNERS = "SELECT ?p WHERE { ?m rdfs:label \"Microsoft\" . ?x kg:partnersWith ?m ; rdfs:label ?p }"


def start(store: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
    if not m:
        proc.kill()
        raise AssertionError(f"server did not start: {line!r} {proc.stderr.read()}")
    return proc, m.group(1)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("served")
    build([EXAMPLES], store=store)
    return store


@pytest.fixture(scope="module")
def server(example_store):
    proc, url = start(example_store)
    yield url
    stop(proc)


def test_get_query_returns_sparql_json(server):
    status, ctype, body = http(server + "?" + urllib.parse.urlencode({"query": PARTNERS}))
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert [b["p"]["value"] for b in data["results"]["bindings"]] == ["OpenAI"]  # seed gold


def test_post_query_with_accept_csv_and_xml(server):
    status, ctype, body = http(server, PARTNERS.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and ctype.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["p"], ["OpenAI"]]
    form = urllib.parse.urlencode({"query": PARTNERS}).encode()
    status, ctype, body = http(server, form, {"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "application/sparql-results+xml"})
    assert status == 200 and b"<literal>OpenAI</literal>" in body


def test_construct_as_turtle(server):
    q = "CONSTRUCT { ?s kg:foundedBy ?o } WHERE { ?s kg:foundedBy ?o }"
    status, ctype, body = http(server + "?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "text/turtle"})
    assert status == 200 and ctype.startswith("text/turtle")
    g = Graph().parse(data=body.decode(), format="turtle")
    assert len(g) == 3  # seed gold: three founders of OpenAI


def test_update_is_refused_by_default(server, example_store):
    upd = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    status, _, body = http(server, upd.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"--allow-update" in body
    status, _, _ = http(server, urllib.parse.urlencode({"update": upd}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, body = http(server + "?" + urllib.parse.urlencode({"query": "ASK { <urn:a> ?p ?o }"}))
    assert json.loads(body)["boolean"] is False  # nothing was written


def test_bad_requests_get_clear_errors(server):
    status, _, body = http(server + "?" + urllib.parse.urlencode({"query": "SELEKT nothing"}))
    assert status == 400 and b"malformed SPARQL" in body
    status, _, body = http(server)
    assert status == 400 and b"missing 'query'" in body
    status, _, _ = http(server.replace("/sparql", "/other") + "?query=x")
    assert status == 404
    status, _, body = http(server, b"x", {"Content-Type": "image/png"})
    assert status == 415


def test_updates_when_allowed(tmp_path):
    store = tmp_path / "rw"
    build([EXAMPLES], store=store)
    proc, url = start(store, "--allow-update")
    try:
        upd = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> \"written\" } }"
        status, _, _ = http(url, upd.encode(), {"Content-Type": "application/sparql-update"})
        assert status == 204
        status, _, body = http(url + "?" + urllib.parse.urlencode({"query": "SELECT ?o WHERE { <urn:a> <urn:b> ?o }"}))
        assert [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["written"]
    finally:
        stop(proc)


def test_query_time_limit(example_store):
    proc, url = start(example_store, "--timeout", "0.5")
    try:
        # a cross product of every triple with itself, four times over: far more than 0.5 s of work
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        t0 = time.monotonic()
        status, _, body = http(url + "?" + urllib.parse.urlencode({"query": slow}))
        assert status == 503 and b"time limit" in body
        assert time.monotonic() - t0 < 5
    finally:
        stop(proc)


def _raw(url: str, request: bytes) -> bytes:
    import socket

    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                data = sock.recv(65536)
            except TimeoutError:
                break
            if not data:
                break
            chunks.append(data)
            if b"\r\n\r\n" in b"".join(chunks):
                head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
                m = re.search(rb"Content-Length: (\d+)", head)
                if m and len(body) >= int(m.group(1)):
                    break
        return b"".join(chunks)


def test_endpoint_refuses_service_bad_headers_and_other_methods(tmp_path):
    build([EXAMPLES], store=tmp_path / "s")
    proc, url = start(tmp_path / "s")
    try:
        q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        status, _, body = http(url + "?" + urllib.parse.urlencode({"query": q}))
        assert status == 403 and b"SERVICE" in body
        path = urllib.parse.urlsplit(url).path
        for length in (b"abc", b"-1"):
            reply = _raw(url, b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                         b"\r\nContent-Length: " + length + b"\r\n\r\nASK {}")
            assert reply.startswith(b"HTTP/1.0 400") or reply.startswith(b"HTTP/1.1 400"), reply[:80]
        for method in (b"PUT", b"DELETE", b"PATCH"):
            reply = _raw(url, method + b" " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            head = reply.split(b"\r\n\r\n")[0]
            assert b" 405 " in head.split(b"\r\n")[0] and b"Allow: GET, POST" in head, reply[:200]
            assert b"<html" not in reply.lower()
        assert http(url + "?query=ASK%7B%7D")[0] == 200  # still serving
    finally:
        stop(proc)


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_timed_out_queries_free_their_slots(example_store):
    from concurrent.futures import ThreadPoolExecutor

    proc, url = start(example_store, "--timeout", "1", "--workers", "2")
    try:
        assert http(url + "?query=ASK%7B%7D")[0] == 200
        slow_url = url + "?" + urllib.parse.urlencode({"query": SLOW})
        with ThreadPoolExecutor(5) as pool:  # five slow queries for two slots
            replies = list(pool.map(lambda _: http(slow_url), range(5)))
        assert [status for status, _, _ in replies] == [503] * 5
        assert all(b"time limit" in body for _, _, body in replies)
        t0 = time.monotonic()
        status, _, body = http(url + "?query=ASK%7B%7D")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert time.monotonic() - t0 < 2.0
    finally:
        stop(proc)


def test_server_sees_later_builds(tmp_path):
    store = tmp_path / "growing"
    build([EXAMPLES], store=store)
    proc, url = start(store)
    count = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a kg:Article } }"})
    try:
        _, _, body = http(url + "?" + count, headers={"Accept": "text/csv"})
        assert body.decode().split() == ["n", "1"]
        invests = urllib.parse.urlencode({"query": "ASK { ?m rdfs:label \"Microsoft\" ; kg:investsIn ?o . "
                                                   "?o rdfs:label \"OpenAI\" }"})
        assert json.loads(http(url + "?" + invests)[2])["boolean"] is False
        build([EXAMPLES.parent / "updates"], store=store)  # one more article, written while the server runs
        _, _, body = http(url + "?" + count, headers={"Accept": "text/csv"})
        assert body.decode().split() == ["n", "2"]
        # the 2023 update states what the founding article does not: "Microsoft invested in OpenAI"
        assert json.loads(http(url + "?" + invests)[2])["boolean"] is True
    finally:
        stop(proc)


def test_query_workers_die_with_a_killed_server(example_store):
    import signal

    from tests.conftest import live_descendants, still_running

    proc, url = start(example_store, "--workers", "2")
    assert http(url + "?query=ASK%7B%7D")[0] == 200
    children = live_descendants(proc.pid)
    assert len(children) >= 2  # the two query workers (and multiprocessing's resource tracker)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while still_running(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not still_running(children)
