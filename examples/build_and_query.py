"""Use kg from Python: build a store from the example articles, query it, write the view.

Run from the repository root:  python examples/build_and_query.py
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from kg.api import build
from kg.analysis.graph import to_networkx
from kg.store.query import format_result, run
from kg.store import KGStore
from kg.analysis.view import write_view

HERE = Path(__file__).parent


def main() -> None:
    store_dir = Path(tempfile.mkdtemp()) / "kg-store"
    report = build([HERE / "articles"], store=store_dir)
    print(f"{report.articles} article(s), {report.facts} facts")
    with KGStore(store_dir, read_only=True) as store:
        print(format_result(run(store, (HERE / "queries" / "cloud-users.rq").read_text(encoding="utf-8"))))
        graph = to_networkx(store)
        path, nodes, edges = write_view(store, store_dir.parent / "graph.html")
    hub = max(graph.degree, key=lambda pair: pair[1])[0]
    print(f"most connected: {graph.nodes[hub]['label']}; view with {nodes} entities and {edges} facts at {path}")


if __name__ == "__main__":
    main()
