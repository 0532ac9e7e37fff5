"""A networkx projection of the fact graph: entities as nodes, facts as keyed edges.

Nodes carry ``label``, ``cls`` (most specific ontology class) and ``evidence``
(number of assertions touching the node); edges are keyed by relation local
name and carry every piece of evidence behind the fact.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.ontology import FACT_GRAPH, KG, most_specific
from kg.store.embedded import KGStore

_NS = str(KG._NS)

ENTITY_QUERY = f"""
SELECT ?e ?label ?type WHERE {{
  GRAPH <{FACT_GRAPH}> {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label ; a ?type }}
  FILTER(STRSTARTS(STR(?type), "{_NS}") && ?type NOT IN (<{KG.Article}>, <{KG.Assertion}>))
}}"""

EVIDENCE_QUERY = f"""
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?sentence ?confidence ?rule ?article ?title ?date WHERE {{
  GRAPH ?g {{
    ?a a <{KG.Assertion}> ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       <{KG.sentence}> ?sentence ; <{KG.confidence}> ?confidence ; <{KG.rule}> ?rule ;
       prov:wasDerivedFrom ?article .
    OPTIONAL {{ ?article dcterms:title ?title }}
    OPTIONAL {{ ?article dcterms:date ?date }}
  }}
}}"""


def to_networkx(store: KGStore, include_isolated: bool = False) -> nx.MultiDiGraph:
    """Project the store onto a ``networkx.MultiDiGraph``.

    Examples
    --------
    >>> import tempfile
    >>> from kg.store import KGStore
    >>> with KGStore(tempfile.mkdtemp()) as store:
    ...     g = to_networkx(store)
    >>> g.number_of_nodes(), g.number_of_edges()
    (0, 0)
    """
    g = nx.MultiDiGraph()
    labels: dict[str, str] = {}
    types: dict[str, set[str]] = {}
    for row in store.select(ENTITY_QUERY):
        iri = row["e"].value
        labels.setdefault(iri, row["label"].value)
        types.setdefault(iri, set()).add(row["type"].value[len(_NS):])
    for row in store.select(EVIDENCE_QUERY):
        s, o = row["s"].value, row["o"].value
        rel = row["p"].value[len(_NS):] if row["p"].value.startswith(_NS) else row["p"].value
        for node in (s, o):
            if node not in g:
                g.add_node(node, label=labels.get(node, node.rsplit("/", 1)[-1]), cls=most_specific(types.get(node, set())), evidence=0)
            g.nodes[node]["evidence"] += 1
        if not g.has_edge(s, o, key=rel):
            g.add_edge(s, o, key=rel, relation=rel, evidence=[], confidence=0.0)
        data = g.edges[s, o, rel]
        conf = float(row["confidence"].value)
        data["evidence"].append({
            "sentence": row["sentence"].value,
            "confidence": conf,
            "rule": row["rule"].value,
            "article": row["article"].value,
            "title": row["title"].value if row["title"] is not None else None,
            "date": row["date"].value if row["date"] is not None else None,
        })
        data["confidence"] = max(data["confidence"], conf)
    if include_isolated:
        for iri, label in labels.items():
            if iri not in g:
                g.add_node(iri, label=label, cls=most_specific(types[iri]), evidence=0)
    return g


def from_facts(facts: Iterable[tuple]) -> nx.MultiDiGraph:
    """The same projection built from plain facts, for examples, tests and data from elsewhere.

    Each fact is ``(subject, subject_class, relation, object, object_class)``,
    optionally followed by an evidence dict (``sentence``, ``confidence``,
    ``article``, ``rule``, ``title``, ``date``); nodes are keyed by
    :func:`kg.store.rdf.entity_iri` as in the store.

    Examples
    --------
    >>> g = from_facts([("Microsoft", "Company", "offers", "Azure", "CloudProduct")])
    >>> g.nodes["https://w3id.org/kg/entity/azure"]["cls"], list(g.edges(keys=True))[0][2]
    ('CloudProduct', 'offers')
    """
    from kg.store.rdf import entity_iri

    g = nx.MultiDiGraph()
    for fact in facts:
        s, s_cls, rel, o, o_cls = fact[:5]
        given = fact[5] if len(fact) > 5 else {}
        ev = {"sentence": f"{s} {rel} {o}.", "confidence": 1.0, "rule": "given", "article": "given",
              "title": None, "date": None, **given}
        si, oi = str(entity_iri(s)), str(entity_iri(o))
        for iri, name, cls in ((si, s, s_cls), (oi, o, o_cls)):
            if iri not in g:
                g.add_node(iri, label=name, cls=cls, evidence=0)
            g.nodes[iri]["evidence"] += 1
        if not g.has_edge(si, oi, key=rel):
            g.add_edge(si, oi, key=rel, relation=rel, evidence=[], confidence=0.0)
        data = g.edges[si, oi, rel]
        data["evidence"].append(ev)
        data["confidence"] = max(data["confidence"], float(ev["confidence"]))
    return g
