"""Exporting the store: Turtle/N-Triples/JSON-LD/RDF-XML of the union graph, TriG/N-Quads with graphs."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError
from kg.store import KGStore

GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
FORMATS = tuple(GRAPH_FORMATS) + tuple(DATASET_FORMATS)
SUFFIX = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf", "trig": ".trig", "nquads": ".nq"}


def export(store: KGStore, fmt: str = "turtle", facts_only: bool = False) -> str:
    """Serialise the store.

    Graph formats (turtle, nt, json-ld, xml) carry the union of all article
    graphs: entities, facts and, unless ``facts_only``, the evidence.
    Dataset formats (trig, nquads) keep one named graph per article.
    """
    if fmt in DATASET_FORMATS:
        buf = io.BytesIO()
        store._ox.dump(buf, DATASET_FORMATS[fmt])
        return buf.getvalue().decode("utf-8")
    if fmt not in GRAPH_FORMATS:
        raise KGError(f"unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}")
    graph = store.fact_graph() if facts_only else store.union_graph()
    return graph.serialize(format=GRAPH_FORMATS[fmt])


def export_to(store: KGStore, path: str | Path, fmt: str = "turtle", facts_only: bool = False) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export(store, fmt, facts_only), encoding="utf-8")
    return path
