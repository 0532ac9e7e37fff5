"""Parse in this process, extract in a second one: kg's rules overlap spaCy's parser.

spaCy's small English pipeline gains nothing from ``n_process=2`` on two cores,
but kg's own work after the parse (mentions, coreference, relation patterns,
the pair classifier) is pure Python that can run beside the parser. The main
process parses a batch, packs its Docs into a :class:`spacy.tokens.DocBin`
(about a tenth of the cost of extracting them) and hands it to one worker
process, which unpacks the Docs against a blank vocabulary of the same
language and runs the extraction function it was given (the Extractor passes
:func:`kg.extract.extractor.extract_doc`, pickled by reference). Results come
back in input order. The worker watches its parent and exits when the parent
dies, so a killed build leaves no process behind.

Nothing is lost if the worker fails: the main process keeps each batch's Docs
until its results arrive and extracts them itself if the worker dies or
cannot start. Small inputs never start a worker: the first ``start_after``
tokens (about three seconds of parsing) are extracted in process.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.tokens import Doc, DocBin

from kg.errors import KGError
from kg.procs import exit_with_parent

MAX_PENDING = 16  # batches in flight: bounds memory, keeps parsing while the worker starts
START_AFTER_TOKENS = 20_000  # a worker takes ~2 s to start: worth it only past a few seconds of parsing
RESULT_TIMEOUT = 600.0  # seconds to wait for one batch before the main process does it itself
_worker_state: dict = {}


def auto_workers() -> int:
    """2 (parse here, extract there) when the machine has two or more cores, else 1."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def extract_safely(extract: Callable[[Doc, str], object], doc: Doc, article_id: str):
    """An article's extraction, or a KGError saying why it failed (one bad article never sinks a batch)."""
    try:
        return extract(doc, article_id)
    except (KGError, ValueError, IndexError, KeyError) as exc:
        return KGError(f"article {article_id}: extraction failed ({type(exc).__name__}: {exc})")


def _init_worker(lang: str, pair_model, extract: Callable, parent_pid: int) -> None:
    exit_with_parent(parent_pid)
    import spacy

    _worker_state["vocab"] = spacy.blank(lang).vocab
    _worker_state["pair_model"] = pair_model
    _worker_state["extract"] = extract


def _extract_batch(data: bytes, ids: list[str]) -> list:
    docs = list(DocBin().from_bytes(data).get_docs(_worker_state["vocab"]))
    pm, extract = _worker_state["pair_model"], _worker_state["extract"]
    return [extract_safely(lambda d, a: extract(d, a, pair_model=pm), doc, aid) for doc, aid in zip(docs, ids)]


class Pipeline:
    """Owns the worker process of one :class:`~kg.extract.extractor.Extractor`."""

    def __init__(self, lang: str, pair_model, local: Callable[[Doc, str], object], remote: Callable,
                 start_after: int = START_AFTER_TOKENS):
        """``local(doc, id)`` extracts in this process; ``remote(doc, id, pair_model=...)`` is a module-level
        function the worker runs (it must pickle by reference)."""
        self.lang = lang
        self.remote = remote
        self.pair_model = pair_model
        self.local = local
        self.start_after = start_after
        self._pool: ProcessPoolExecutor | None = None
        self._failed = False
        self._tokens_seen = 0

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _abandon(self) -> None:
        """Stop using a worker that died or hangs; never wait for it."""
        self._failed = True
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def _ensure_pool(self) -> ProcessPoolExecutor | None:
        if self._failed:
            return None
        if self._pool is None:
            try:
                # spawn: a fresh interpreter, never a fork of a process holding BLAS threads
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_init_worker,
                                                 initargs=(self.lang, self.pair_model, self.remote, os.getpid()))
            except (OSError, ValueError):
                self._failed = True
                return None
        return self._pool

    def _local_batch(self, batch: list[tuple[Doc, str, object]]) -> Iterator[tuple[object, object]]:
        for doc, aid, payload in batch:
            yield payload, extract_safely(self.local, doc, aid)

    def _submit(self, batch: list[tuple[Doc, str, object]]) -> tuple[Future | None, list]:
        if self._tokens_seen < self.start_after:
            self._tokens_seen += sum(len(doc) for doc, _, _ in batch)
            return None, batch
        pool = self._ensure_pool()
        if pool is None:
            return None, batch
        packed = DocBin(store_user_data=False)
        for doc, _, _ in batch:
            packed.add(doc)
        try:
            return pool.submit(_extract_batch, packed.to_bytes(), [aid for _, aid, _ in batch]), batch
        except RuntimeError:  # the pool broke earlier (BrokenProcessPool is a RuntimeError)
            self._failed = True
            return None, batch

    def _collect(self, item: tuple[Future | None, list]) -> Iterator[tuple[object, object]]:
        future, batch = item
        if future is None or self._failed:  # no worker, or it was given up: its results are not awaited
            yield from self._local_batch(batch)
            return
        try:
            results = future.result(timeout=RESULT_TIMEOUT)
        except Exception:  # noqa: BLE001 - a dead, broken or stuck worker: extract here, lose nothing
            self._abandon()
            yield from self._local_batch(batch)
            return
        for (_, _, payload), result in zip(batch, results):
            yield payload, result

    def run(self, docs: Iterable[tuple[Doc, tuple[str, object]]], batch_size: int) -> Iterator[tuple[object, object]]:
        """``(doc, (article_id, payload))`` in, ``(payload, Extraction | KGError)`` out, in order."""
        pending: deque = deque()
        batch: list[tuple[Doc, str, object]] = []
        for doc, (aid, payload) in docs:
            batch.append((doc, aid, payload))
            if len(batch) >= batch_size:
                pending.append(self._submit(batch))
                batch = []
                while pending and (pending[0][0] is None or pending[0][0].done() or len(pending) > MAX_PENDING):
                    yield from self._collect(pending.popleft())
        if batch:
            pending.append(self._submit(batch))
        while pending:
            yield from self._collect(pending.popleft())
