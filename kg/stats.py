"""Summary counts of a store."""
from __future__ import annotations

from kg.ontology import CLASSES, KG, RELATIONS
from kg.store import KGStore

_NS = str(KG._NS)


def stats(store: KGStore) -> dict:
    """Articles, distinct entities per class, distinct facts per relation, assertions."""
    def one(q: str) -> int:
        return int(next(iter(store.select(q)))[0].value)

    classes = {}
    for row in store.select(
        "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a ?t } } GROUP BY ?t"
    ):
        name = row[0].value[len(_NS):] if row[0].value.startswith(_NS) else None
        if name in CLASSES:
            classes[name] = int(row[1].value)
    relations = {}
    for row in store.select(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?a <{KG.rule}> ?r ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o } } } GROUP BY ?p"
    ):
        name = row[0].value[len(_NS):]
        if name in RELATIONS:
            relations[name] = int(row[1].value)
    return {
        "articles": one(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> }} }}"),
        "entities": one(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l "
            f"FILTER NOT EXISTS {{ ?e a <{KG.Article}> }} }} }}"
        ),
        "classes": dict(sorted(classes.items())),
        "facts": sum(relations.values()),
        "relations": dict(sorted(relations.items())),
        "assertions": one(f"SELECT (COUNT(?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a <{KG.Assertion}> }} }}"),
    }
