"""Exporting the store: Turtle/N-Triples/JSON-LD/RDF-XML of the union graph, TriG/N-Quads with graphs,
GraphML/GEXF of the fact network."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError
from kg.store.embedded import KGStore
from kg.store.rdf import PREFIXES, bind_prefixes
from kg.store.xmlsafe import xml_safe

GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = tuple(GRAPH_FORMATS) + tuple(DATASET_FORMATS) + NETWORK_FORMATS
SUFFIX = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf", "trig": ".trig", "nquads": ".nq",
          "graphml": ".graphml", "gexf": ".gexf"}
XML_FORMATS = {"xml", "graphml", "gexf"}


def network_graph(store: KGStore, replaced: list[int] | None = None):
    """The fact graph as a networkx MultiDiGraph with flat attributes GraphML and GEXF can carry.

    Nodes: ``label``, ``cls`` (ontology class), ``iri``, ``evidence`` (count).
    Edges (key = relation): ``relation``, ``confidence`` (best), ``sources``
    (number of articles), ``sentence`` (the most confident evidence sentence).
    Text is made XML-safe (see :mod:`kg.store.xmlsafe`), replacements counted in ``replaced[0]``.
    """
    import networkx as nx

    from kg.analysis.graph import to_networkx

    counter = replaced if replaced is not None else [0]
    g = to_networkx(store)
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        out.add_node(node, label=xml_safe(data["label"], counter), cls=data["cls"], iri=node,
                     evidence=int(data["evidence"]))
    for s, o, key, data in g.edges(keys=True, data=True):
        best = max(data["evidence"], key=lambda e: e["confidence"])
        out.add_edge(s, o, key=key, relation=data["relation"], label=data["relation"],
                     confidence=float(data["confidence"]),
                     sources=len({e["article"] for e in data["evidence"]}), sentence=xml_safe(best["sentence"], counter))
    return out


def export(store: KGStore, fmt: str = "turtle", facts_only: bool = False, warnings: list[str] | None = None) -> str:
    """Serialise the store.

    Graph formats (turtle, nt, json-ld, xml) carry the union of all article
    graphs: entities, facts and, unless ``facts_only``, the evidence.
    Dataset formats (trig, nquads) keep one named graph per article. Network
    formats (graphml, gexf) carry entities and facts with class, label,
    relation, confidence and source count as attributes (for Gephi, Cytoscape).
    XML formats replace characters XML 1.0 forbids with U+FFFD and say so in ``warnings``.
    """
    if fmt not in FORMATS:
        raise KGError(f"unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}")
    replaced = [0]
    text = _export(store, fmt, facts_only, replaced)
    if replaced[0] and warnings is not None:
        warnings.append(f"{replaced[0]} character(s) that XML 1.0 forbids (control characters in article text) "
                        f"were replaced with U+FFFD in the {fmt} export; Turtle, TriG and N-Triples keep them escaped")
    return text


def _export(store: KGStore, fmt: str, facts_only: bool, replaced: list[int]) -> str:
    if fmt in NETWORK_FORMATS:
        import networkx as nx

        g = network_graph(store, replaced)
        lines = nx.generate_graphml(g) if fmt == "graphml" else nx.generate_gexf(g)
        return "\n".join(lines) + "\n"
    if fmt in DATASET_FORMATS:
        if not hasattr(store, "_ox"):  # a remote server: N-Quads from its Graph Store, TriG made here
            text = store.dump_nquads()
            if fmt == "nquads":
                return text
            from rdflib import Dataset

            ds = bind_prefixes(Dataset())
            ds.parse(data=text, format="nquads")
            return ds.serialize(format="trig")
        buf = io.BytesIO()
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt == "trig" else None
        store._ox.dump(buf, DATASET_FORMATS[fmt], prefixes=prefixes)
        return buf.getvalue().decode("utf-8")
    if hasattr(store, "serialize") and fmt in {"turtle", "nt", "xml"}:
        return store.serialize(fmt, facts_only, replaced).decode("utf-8")  # Oxigraph's writer: fast at a million triples
    graph = store.fact_graph() if facts_only else store.union_graph()
    if fmt == "xml":
        from rdflib import Graph, Literal

        safe = bind_prefixes(Graph())
        for s, p, o in graph:
            safe.add((s, p, Literal(xml_safe(str(o), replaced), lang=o.language, datatype=o.datatype)
                      if isinstance(o, Literal) else o))
        graph = safe
    return graph.serialize(format=GRAPH_FORMATS[fmt])


def export_to(store: KGStore, path: str | Path, fmt: str = "turtle", facts_only: bool = False,
              warnings: list[str] | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export(store, fmt, facts_only, warnings), encoding="utf-8")
    return path
