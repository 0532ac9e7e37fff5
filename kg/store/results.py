"""SPARQL results in the media type a client asked for (content negotiation for ``kg serve``).

Imports only pyoxigraph: the query workers of :mod:`kg.store.workers` load it.
"""
from __future__ import annotations

import pyoxigraph as ox

SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def choose(accept: str, table: dict, default: str) -> tuple[str, object]:
    """The first acceptable media type we can produce (q-values ignored, order respected)."""
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media, table[media]
        if media in {"*/*", "application/*", "text/*"}:
            break
    return default, table[default]


def serialize_result(result, accept: str) -> tuple[str, bytes]:
    """``(media type, body)`` for a pyoxigraph query result: solutions, a boolean or triples."""
    if isinstance(result, ox.QueryTriples):
        media, fmt = choose(accept, GRAPH_TYPES, "text/turtle")
    else:
        media, fmt = choose(accept, SOLUTION_TYPES, "application/sparql-results+json")
    return media, result.serialize(format=fmt)
