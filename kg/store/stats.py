"""Summary counts of a store."""
from __future__ import annotations

from kg.ontology import CLASSES, FACT_GRAPH, KG, RELATIONS, SYMMETRIC, most_specific
from kg.store.embedded import KGStore

_NS = str(KG._NS)
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def stats(store: KGStore) -> dict:
    """Articles, entities, entities per class, facts per relation, assertions.

    Each entity is counted once, under its most specific class (an entity one
    article calls a Company and another an Organization is a Company), so the
    per-class counts add up to the entity count. A symmetric fact counts once
    although the fact graph holds it both ways.
    """
    def one(q: str) -> int:
        return int(next(iter(store.select(q)))[0].value)

    types: dict[str, set[str]] = {}
    for row in store.select(f"SELECT ?e ?t WHERE {{ GRAPH <{FACT_GRAPH}> {{ ?e <{_RDFS_LABEL}> ?l ; a ?t }} }}"):
        t = row["t"].value
        types.setdefault(row["e"].value, set())
        if t.startswith(_NS) and t[len(_NS):] in CLASSES:
            types[row["e"].value].add(t[len(_NS):])
    classes: dict[str, int] = {}
    for found in types.values():
        cls = most_specific(found)
        classes[cls] = classes.get(cls, 0) + 1
    relations = {}
    for row in store.select(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH <{FACT_GRAPH}> {{ ?s ?p ?o }} "
        f"FILTER(STRSTARTS(STR(?p), \"{_NS}\")) }} GROUP BY ?p"
    ):
        name = row[0].value[len(_NS):]
        if name in RELATIONS:
            n = int(row[1].value)
            relations[name] = n // 2 if name in SYMMETRIC else n  # stored both ways
    return {
        "articles": one(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> }} }}"),
        "entities": len(types),
        "classes": dict(sorted(classes.items())),
        "facts": sum(relations.values()),
        "relations": dict(sorted(relations.items())),
        "assertions": one(f"SELECT (COUNT(?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a <{KG.Assertion}> }} }}"),
    }
