"""Exporting the store: Turtle/N-Triples/JSON-LD/RDF-XML of the union graph, TriG/N-Quads with graphs,
GraphML/GEXF of the fact network."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError
from kg.store import KGStore

GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = tuple(GRAPH_FORMATS) + tuple(DATASET_FORMATS) + NETWORK_FORMATS
SUFFIX = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf", "trig": ".trig", "nquads": ".nq",
          "graphml": ".graphml", "gexf": ".gexf"}


def network_graph(store: KGStore):
    """The fact graph as a networkx MultiDiGraph with flat attributes GraphML and GEXF can carry.

    Nodes: ``label``, ``cls`` (ontology class), ``iri``, ``evidence`` (count).
    Edges (key = relation): ``relation``, ``confidence`` (best), ``sources``
    (number of articles), ``sentence`` (the most confident evidence sentence).
    """
    import networkx as nx

    from kg.graph import to_networkx

    g = to_networkx(store)
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        out.add_node(node, label=data["label"], cls=data["cls"], iri=node, evidence=int(data["evidence"]))
    for s, o, key, data in g.edges(keys=True, data=True):
        best = max(data["evidence"], key=lambda e: e["confidence"])
        out.add_edge(s, o, key=key, relation=data["relation"], label=data["relation"],
                     confidence=float(data["confidence"]),
                     sources=len({e["article"] for e in data["evidence"]}), sentence=best["sentence"])
    return out


def export(store: KGStore, fmt: str = "turtle", facts_only: bool = False) -> str:
    """Serialise the store.

    Graph formats (turtle, nt, json-ld, xml) carry the union of all article
    graphs: entities, facts and, unless ``facts_only``, the evidence.
    Dataset formats (trig, nquads) keep one named graph per article. Network
    formats (graphml, gexf) carry entities and facts with class, label,
    relation, confidence and source count as attributes (for Gephi, Cytoscape).
    """
    if fmt in NETWORK_FORMATS:
        import networkx as nx

        g = network_graph(store)
        lines = nx.generate_graphml(g) if fmt == "graphml" else nx.generate_gexf(g)
        return "\n".join(lines) + "\n"
    if fmt in DATASET_FORMATS:
        if not hasattr(store, "_ox"):  # a remote server: N-Quads from its Graph Store, TriG made here
            text = store.dump_nquads()
            if fmt == "nquads":
                return text
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(data=text, format="nquads")
            return ds.serialize(format="trig")
        buf = io.BytesIO()
        store._ox.dump(buf, DATASET_FORMATS[fmt])
        return buf.getvalue().decode("utf-8")
    if fmt not in GRAPH_FORMATS:
        raise KGError(f"unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}")
    if hasattr(store, "serialize") and fmt in {"turtle", "nt", "xml"}:
        return store.serialize(fmt, facts_only).decode("utf-8")  # Oxigraph's writer: fast at a million triples
    graph = store.fact_graph() if facts_only else store.union_graph()
    return graph.serialize(format=GRAPH_FORMATS[fmt])


def export_to(store: KGStore, path: str | Path, fmt: str = "turtle", facts_only: bool = False) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export(store, fmt, facts_only), encoding="utf-8")
    return path
