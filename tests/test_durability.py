"""A build killed with SIGKILL leaves a store that opens, and a rerun ends exactly where a clean build does."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.store import KGStore
from tests.conftest import EXAMPLES, ROOT

UPDATE = ROOT / "examples" / "updates" / "2023-partnership.jsonl"
N = 120


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """120 articles made of paragraphs of the two example articles: long enough a build that kills land mid-way."""
    paras = [p.strip() for p in (EXAMPLES / "azure-openai.txt").read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    paras.append(json.loads(UPDATE.read_text(encoding="utf-8").splitlines()[0])["text"])
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for n in range(N):
            text = " ".join(paras[(n + k) % len(paras)] for k in range(3)) + f" (Report {n}.)"
            f.write(json.dumps({"id": f"a{n:02d}", "text": text, "published": f"2024-01-{n % 28 + 1:02d}"}) + "\n")
    return path


def build_cmd(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(store)]


def snapshot(store: Path):
    with KGStore(store, read_only=True) as s:
        return s.union_graph(), s.count_articles()


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    store = tmp_path_factory.mktemp("clean") / "s"
    subprocess.run(build_cmd(corpus, store), check=True, capture_output=True, timeout=600)
    graph, n = snapshot(store)
    assert n == N
    return graph


def wait_for_articles(store: Path, at_least: int, limit: float = 120.0) -> int:
    """Poll the store read-only (as a reader may while a build runs) until some articles are in."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if store.exists() and any(store.iterdir()):
            try:
                with KGStore(store, read_only=True) as s:
                    n = s.count_articles()
                if n >= at_least:
                    return n
            except Exception:  # the store may not be readable in the first instant of its creation
                pass
        time.sleep(0.05)
    raise AssertionError(f"the build wrote fewer than {at_least} articles in {limit} s")


@pytest.mark.parametrize("kill_after", [1, 10, 40])
def test_sigkill_mid_build_then_rerun_matches_a_clean_build(corpus, clean, tmp_path, kill_after):
    store = tmp_path / "s"
    proc = subprocess.Popen(build_cmd(corpus, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        seen = wait_for_articles(store, kill_after)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    # the killed store opens, read-only and for writing, and holds whole articles only
    graph, n = snapshot(store)
    assert seen <= n <= N
    with KGStore(store) as s:
        assert s.count_articles() == n
    rerun = subprocess.run(build_cmd(corpus, store), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    final, n = snapshot(store)
    assert n == N
    assert len(final) == len(clean) and isomorphic(final, clean)


def test_a_reader_can_query_while_a_build_writes(corpus, tmp_path):
    store = tmp_path / "s"
    proc = subprocess.Popen(build_cmd(corpus, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        first = wait_for_articles(store, 1)
        later = wait_for_articles(store, first + 3)
        assert later > first  # readers saw the build progress, while it held the writer lock
        assert proc.poll() is None or proc.returncode == 0
    finally:
        proc.wait(timeout=600)
    assert proc.returncode == 0
