"""Extraction in a second process gives exactly what one process gives, and survives a dead worker."""
from __future__ import annotations

import os
import signal

import pytest

from kg.extract.extractor import Extractor
from kg.ingest import Article
from tests.conftest import EXAMPLES, run_kg

TEXTS = [
    "Microsoft has partnered with OpenAI.",
    "Northwind, a logistics company based in Oslo, uses Azure.",
    "Brightline was founded by Ann Lee and Tom Berg in 2015.",
    "Acme Corp. acquired Harbor Capital last year, the company said.",
    "Ann Lee, chief executive of Brightline, joined Acme in 2020.",
    "Harbor Capital invested in Northwind.",
]


def key(extraction) -> list[tuple]:
    return [(t.subject, t.relation, t.object, t.evidence.start, t.evidence.end, t.evidence.rule, t.evidence.confidence)
            for t in extraction.triples]


@pytest.fixture(scope="module")
def articles():
    founding = (EXAMPLES / "azure-openai.txt").read_text(encoding="utf-8")
    texts = [founding] + TEXTS * 3
    return [Article(f"a{i}", t) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def single(articles):
    ex = Extractor(batch_size=2)
    return ex, [(a.id, key(r)) for a, r in ex.pipe(articles)]


def test_two_processes_give_the_same_triples_in_the_same_order(articles, single):
    ex, expected = single
    with Extractor(nlp=ex.nlp, batch_size=2, workers=2) as piped:
        piped.start_worker_after = 100  # tokens: the founding article alone passes it
        got = [(a.id, key(r)) for a, r in piped.pipe(articles)]
        assert piped._pipeline._pool is not None, "the worker never started: the test would prove nothing"
    assert got == expected
    assert any(triples for _, triples in expected)


def test_a_killed_worker_loses_nothing(articles, single):
    ex, expected = single
    with Extractor(nlp=ex.nlp, batch_size=2, workers=2) as piped:
        piped.start_worker_after = 100
        got, killed = [], []
        for a, r in piped.pipe(articles):
            got.append((a.id, key(r)))
            pool = piped._pipeline._pool
            if pool is not None and pool._processes and not killed:
                for pid in list(pool._processes):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
    assert killed, "no worker was running to kill"
    assert got == expected  # the main process extracted what the dead worker held


def test_workers_option_is_checked():
    proc = run_kg("extract", "--workers", "3", input='{"id": "a", "text": "Microsoft has partnered with OpenAI."}\n')
    assert proc.returncode == 1 and "--workers must be 1 or 2" in proc.stderr


def _stall() -> None:
    import time

    time.sleep(60)  # runs in the worker while it unpickles its start-up arguments


class StallsTheWorker:
    """A stand-in pair model whose unpickling hangs the worker's start-up (locally it means: rules only)."""

    def __reduce__(self):
        return (_stall, ())


def test_a_stuck_worker_is_given_up_and_nothing_is_lost(articles, single, monkeypatch):
    import kg.extract.parallel as parallel

    ex, _ = single
    rules_only = [(a.id, key(r)) for a, r in Extractor(nlp=ex.nlp, batch_size=2, pair_model=None).pipe(articles)]
    monkeypatch.setattr(parallel, "RESULT_TIMEOUT", 3.0)
    with Extractor(nlp=ex.nlp, batch_size=2, pair_model=StallsTheWorker(), workers=2) as piped:
        piped.start_worker_after = 100
        got = [(a.id, key(r)) for a, r in piped.pipe(articles)]
        assert piped._pipeline._failed  # it waited RESULT_TIMEOUT, then extracted here
    assert got == rules_only


def test_small_inputs_never_start_a_worker(articles, single):
    ex, expected = single
    with Extractor(nlp=ex.nlp, batch_size=2, workers=2) as piped:
        got = [(a.id, key(r)) for a, r in piped.pipe(articles)]  # ~1,000 tokens, far below the start-up threshold
        assert piped._pipeline._pool is None and not piped._pipeline._failed
    assert got == expected


def test_killing_the_build_leaves_no_worker_behind(tmp_path):
    """SIGKILL of `kg build` (no cleanup runs) while its extraction worker is busy: the worker and
    multiprocessing's helper processes must exit on their own within a few seconds."""
    import json
    import subprocess
    import sys
    import time

    from tests.conftest import KG, live_descendants, still_running

    founding = (EXAMPLES / "azure-openai.txt").read_text(encoding="utf-8")
    batch = tmp_path / "many.jsonl"
    # ~600 tokens each: 200 distinct articles are well past the 20,000 tokens after which the worker starts
    batch.write_text("".join(json.dumps({"id": f"n{i}", "text": f"Story {i}. " + founding}) + "\n"
                             for i in range(200)), encoding="utf-8")
    proc = subprocess.Popen([*KG, "build", str(batch), "--store", str(tmp_path / "s"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        children: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            children = live_descendants(proc.pid)
            if any("spawn_main" in _cmdline(pid) for pid in children):
                break
            time.sleep(0.2)
        assert proc.poll() is None and any("spawn_main" in _cmdline(p) for p in children), \
            "the extraction worker never started"
        time.sleep(1.0)  # let it take a batch
        children = live_descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while still_running(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not still_running(children), [_cmdline(p) for p in still_running(children)]
    finally:
        if proc.poll() is None:
            proc.kill()


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
