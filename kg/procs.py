"""Child processes that never outlive their parent.

Used by the extraction worker (:mod:`kg.extract.parallel`) and the query workers of
``kg serve`` (:mod:`kg.store.workers`). A parent killed with SIGKILL runs no cleanup,
so each child watches for its parent's death itself and leaves within ``poll`` seconds.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time


def exit_with_parent(parent_pid: int, poll: float = 0.5) -> None:
    """Start a daemon thread that ends this process as soon as its parent is gone.

    Two signs, either suffices: the parent's sentinel (a pipe multiprocessing keeps open
    in the parent) becomes readable, or the process was re-parented (``getppid`` changed).
    """
    parent = multiprocessing.parent_process()

    def watch() -> None:
        from multiprocessing.connection import wait

        while True:
            if parent is not None and parent.sentinel is not None:
                try:
                    if wait([parent.sentinel], timeout=poll):
                        os._exit(1)
                except OSError:
                    pass
            if os.getppid() != parent_pid:
                os._exit(1)
            time.sleep(poll)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()
