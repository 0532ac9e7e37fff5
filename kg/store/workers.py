"""Query worker processes for ``kg serve``: a query past its time limit is killed, not waited for.

Oxigraph cannot interrupt a running query, so a thread that runs one is lost until
the query ends on its own (a cross product can take hours). Each query therefore
runs in one of a fixed number of worker processes; past the time limit the server
kills that worker and starts a fresh one in its place, so the slot is free again
at once and the next query is answered as soon as the new worker has opened the
store (a fraction of a second).

Each worker opens the store read-only. A read-only Oxigraph store is a snapshot,
so before every query the worker compares a cheap signature of the store
directory (names, sizes and modification times of RocksDB's data, log and
manifest files) with the one it opened, and reopens the store when a build has
changed it since: the endpoint always answers from the latest committed state.

Workers import only pyoxigraph and the standard library (a fresh one is ready in
well under a second) and exit on their own when the server dies.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

# Files RocksDB rewrites when data changes; its info LOG and the LOCK are left out (readers touch them too).
_DATA_SUFFIXES = (".sst", ".log", ".blob")
_DATA_PREFIXES = ("MANIFEST-", "CURRENT")


def store_signature(path: str | Path) -> tuple:
    """What changes in a store directory whenever a transaction commits (about 50 µs to compute)."""
    entries = []
    with os.scandir(path) as it:
        for entry in it:
            name = entry.name
            if name.endswith(_DATA_SUFFIXES) or name.startswith(_DATA_PREFIXES):
                try:
                    st = entry.stat()
                except FileNotFoundError:  # compacted away while we looked
                    continue
                entries.append((name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


def _worker_main(path: str, conn: Connection, parent_pid: int) -> None:
    """Serve ``(sparql, accept)`` requests on ``conn`` until the parent closes it."""
    from kg.procs import exit_with_parent

    exit_with_parent(parent_pid)
    import pyoxigraph as ox

    from kg.store.results import serialize_result

    store = None
    opened: tuple | None = None
    while True:
        try:
            sparql, accept = conn.recv()
        except (EOFError, OSError):
            return
        try:
            now = store_signature(path)
            if store is None or now != opened:
                store = None  # let the old snapshot go before opening the new one
                store = ox.Store.read_only(path)
                opened = now
            result = store.query(sparql, use_default_graph_as_union=True)
            reply = ("ok", *serialize_result(result, accept))
        except SyntaxError as exc:
            reply = ("error", 400, f"malformed SPARQL query: {exc}")
        except OSError as exc:
            reply = ("error", 500, f"query failed: {exc}")
        except Exception as exc:  # noqa: BLE001 - any other failure is this request's, not the worker's
            reply = ("error", 500, f"query failed ({type(exc).__name__}: {exc})")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    started: float = field(default_factory=time.monotonic)

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, ValueError):
            pass
        self.conn.close()
        self.process.join(timeout=5)


class QueryTimeout(Exception):
    """The query (or its wait for a free worker) went past the time limit."""


class WorkerDied(Exception):
    """The worker running the query ended without answering (out of memory, killed from outside)."""


class QueryPool:
    """``size`` worker processes answering SPARQL queries over the store at ``path``.

    ``run(sparql, accept, timeout)`` returns ``("ok", media, body)`` or ``("error", status, message)``,
    raises :class:`QueryTimeout` past ``timeout`` seconds (waiting for a worker included) and
    :class:`WorkerDied` if the worker disappeared. Thread-safe: one request per worker at a time.
    """

    def __init__(self, path: str | Path, size: int = 4):
        self.path = str(path)
        self.size = size
        self._ctx = multiprocessing.get_context("spawn")  # never fork the threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._start_lock = threading.Lock()
        self._closed = False
        self._all: set[_Worker] = set()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        with self._start_lock:
            mine, theirs = self._ctx.Pipe(duplex=True)
            proc = self._ctx.Process(target=_worker_main, args=(self.path, theirs, os.getpid()),
                                     name="kg-sparql-worker", daemon=True)
            proc.start()
            theirs.close()
            worker = _Worker(proc, mine)
            self._all.add(worker)
            return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._start_lock:
            self._all.discard(worker)
        if not self._closed:
            self._idle.put(self._start())

    def run(self, sparql: str, accept: str, timeout: float) -> tuple:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"all {self.size} query workers stayed busy for the {timeout:g} s time limit") from None
        try:
            worker.conn.send((sparql, accept))
            answered = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.conn.recv() if answered else None
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerDied("the query worker ended without answering (out of memory?); it was restarted") from None
        except BaseException:
            self._replace(worker)  # in an unknown state: never hand it out again
            raise
        if not answered:
            self._replace(worker)
            raise QueryTimeout(f"the query ran longer than the {timeout:g} s time limit and was stopped")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker, busy or idle."""
        self._closed = True
        with self._start_lock:
            workers = list(self._all)
        for worker in workers:
            worker.kill()
