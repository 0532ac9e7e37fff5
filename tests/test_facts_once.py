"""Each fact, type, label and alias once in the union graph, however many articles state it.

Articles here are hand-built extractions (no spaCy), so every expected count is
worked out by hand from the articles below; the end-to-end test builds the
example articles with the real CLI and checks against the founding article's gold.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.ingest import Article
from kg.model import Entity, Evidence, Extraction, Triple
from kg.store import KGStore
from kg.store.query import run
from kg.store.stats import stats
from tests.conftest import EXAMPLES, ROOT, SEED_GOLD, run_kg

UPDATES = ROOT / "examples" / "updates"
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
README_QUERY = "SELECT ?who WHERE { ?x kg:partnersWith kge:microsoft ; rdfs:label ?who }"


def fact(s, st, rel, o, ot, sentence, start=0, conf=0.9, rule="verb:test"):
    return Triple(s, rel, o, st, ot, Evidence("a", sentence, start, start + len(sentence), rule, conf))


def ent(label, cls, *aliases):
    return Entity(label.lower(), label, cls, set(aliases))


# A and B overlap on two facts (B states the partnership the other way round); C repeats one of A's.
ARTICLES = {
    "a": Extraction("a", [ent("Acme", "Company", "the Springfield company"), ent("Globex", "Company"),
                          ent("Widget", "Product"), ent("Jane Roe", "Person")], [
        fact("Acme", "Company", "partnersWith", "Globex", "Company", "Acme partnered with Globex."),
        fact("Acme", "Company", "offers", "Widget", "Product", "Acme sells the Widget.", 30),
        fact("Jane Roe", "Person", "worksFor", "Acme", "Company", "Jane Roe works for Acme.", 60),
    ]),
    "b": Extraction("b", [ent("Acme", "Organization"), ent("Globex", "Company"), ent("Widget", "Product"),
                          ent("Springfield", "Place")], [
        fact("Globex", "Company", "partnersWith", "Acme", "Organization", "Globex and Acme signed a deal."),
        fact("Acme", "Organization", "offers", "Widget", "Product", "Acme makes the Widget.", 40),
        fact("Acme", "Organization", "locatedIn", "Springfield", "Place", "Acme, based in Springfield.", 80),
    ]),
    "c": Extraction("c", [ent("Acme", "Company"), ent("Jane Roe", "Person")], [
        fact("Jane Roe", "Person", "worksFor", "Acme", "Company", "Acme hired Jane Roe.", 5),
    ]),
}
TEXT = {"a": "text of a", "b": "text of b", "c": "text of c"}


def build(path: Path, names: list[str], text: dict[str, str] = TEXT) -> KGStore:
    store = KGStore(path)
    for n in names:
        store.add(Article(n, text[n], title=f"Article {n}"), ARTICLES[n])
    return store


def distinct(sparql: str) -> str:
    """The same query with SELECT DISTINCT (a query that is already DISTINCT is unchanged)."""
    return re.sub(r"(?i)\bSELECT\s+(?!DISTINCT)", "SELECT DISTINCT ", sparql, count=1)


def answers(store, sparql: str) -> Counter:
    return Counter(tuple(str(v) for v in row) for row in run(store, sparql))


CHECKS = [
    "SELECT ?s ?o WHERE { ?s kg:partnersWith ?o }",
    "SELECT ?l WHERE { kge:acme rdfs:label ?l }",
    "SELECT ?e ?t WHERE { ?e a ?t }",
    "SELECT ?e ?a WHERE { ?e skos:altLabel ?a }",
    "SELECT ?who WHERE { ?x kg:partnersWith kge:acme ; rdfs:label ?who }",
    "SELECT ?p ?o WHERE { kge:acme ?p ?o }",
    "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
]


def test_union_graph_has_each_statement_once(tmp_path):
    with build(tmp_path / "s", ["a", "b", "c"]) as store:
        for q in CHECKS:
            got = answers(store, q)
            assert got == answers(store, distinct(q)), q
            assert max(got.values()) == 1, q
        # by hand: Acme, Globex, Widget, Jane Roe, Springfield; B's "Organization" for Acme yields to A's Company
        data = stats(store)
        assert data["entities"] == 5
        assert data["classes"] == {"Company": 2, "Person": 1, "Place": 1, "Product": 1}
        assert data["relations"] == {"locatedIn": 1, "offers": 1, "partnersWith": 1, "worksFor": 1}
        assert data["facts"] == 4 and data["assertions"] == 7
        assert sorted(answers(store, CHECKS[4])) == [("Globex",)]
        assert len(answers(store, CHECKS[0])) == 2  # the symmetric fact both ways, once each
        assert answers(store, "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?s kg:offers ?o } } }") == {("1",): 1}


def test_remove_keeps_what_another_article_says(tmp_path):
    with build(tmp_path / "s", ["a", "b", "c"]) as store:
        store.remove("b")
        data = stats(store)
        # B alone said locatedIn and named Springfield; partnersWith and offers are A's too
        assert data["relations"] == {"offers": 1, "partnersWith": 1, "worksFor": 1}
        assert data["entities"] == 4 and "Place" not in data["classes"]
        assert not answers(store, "SELECT ?t WHERE { kge:acme a ?t FILTER(?t = kg:Organization) }")
        store.remove("a")
        data = stats(store)
        assert data["relations"] == {"worksFor": 1} and data["entities"] == 2
        assert sorted(answers(store, "SELECT ?a WHERE { kge:acme skos:altLabel ?a }")) == []
        with build(tmp_path / "clean", ["c"]) as clean:
            assert isomorphic(store.union_graph(), clean.union_graph())


def test_replacing_an_article_drops_only_its_own_statements(tmp_path):
    with build(tmp_path / "s", ["a", "b"]) as store:
        ARTICLES["a2"] = Extraction("a", [ent("Acme", "Company"), ent("Globex", "Company")], [
            fact("Acme", "Company", "partnersWith", "Globex", "Company", "Acme partnered with Globex."),
        ])
        try:
            store.add(Article("a", "new text of a", title="Article a"), ARTICLES["a2"])
        finally:
            del ARTICLES["a2"]
        data = stats(store)
        # Jane Roe and worksFor were A's alone; offers is still B's
        assert data["relations"] == {"locatedIn": 1, "offers": 1, "partnersWith": 1}
        assert data["entities"] == 4
        assert not answers(store, "SELECT ?a WHERE { kge:acme skos:altLabel ?a }")  # A's alias went with it


def test_label_of_a_removed_article_gives_way(tmp_path):
    ARTICLES["x"] = Extraction("x", [ent("Acme Corp.", "Company")], [
        fact("Acme Corp.", "Company", "offers", "Widget", "Product", "Acme Corp. sells the Widget."),
    ])
    try:
        store = build(tmp_path / "s", ["x", "c"], {**TEXT, "x": "text of x"})
        with store:
            assert answers(store, "SELECT ?l WHERE { kge:acme rdfs:label ?l }") == {("Acme Corp.",): 1}
            assert answers(store, "SELECT ?a WHERE { kge:acme skos:altLabel ?a }") == {("Acme",): 1}
            store.remove("x")
            assert answers(store, "SELECT ?l WHERE { kge:acme rdfs:label ?l }") == {("Acme",): 1}
            assert not answers(store, "SELECT ?a WHERE { kge:acme skos:altLabel ?a }")
            with build(tmp_path / "clean", ["c"]) as clean:
                assert isomorphic(store.union_graph(), clean.union_graph())
    finally:
        del ARTICLES["x"]


@pytest.fixture(scope="module")
def overlapping(tmp_path_factory) -> str:
    """The founding article and the 2023 update, which restates the Microsoft-OpenAI partnership."""
    where = str(tmp_path_factory.mktemp("overlap") / "kg-store")
    run_kg("build", str(EXAMPLES), str(UPDATES), "--store", where, check=True)
    return where


def _rows(where: str, sparql: str) -> list[tuple]:
    out = run_kg("query", sparql, "--format", "json", "--store", where, check=True).stdout
    data = json.loads(out)
    names = data["head"]["vars"]
    return [tuple(b.get(n, {}).get("value") for n in names) for b in data["results"]["bindings"]]


@pytest.mark.parametrize("query", [README_QUERY] + [q.name for q in QUERIES])
def test_example_queries_answer_each_row_once(overlapping, query):
    sparql = query if query == README_QUERY else (ROOT / "examples" / "queries" / query).read_text(encoding="utf-8")
    rows = _rows(overlapping, sparql)
    assert Counter(rows) == Counter(_rows(overlapping, distinct(sparql))), query
    assert len(rows) == len(set(rows))


def test_overlapping_counts_match_gold(overlapping):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert _rows(overlapping, README_QUERY) == [("OpenAI",)]  # seed gold: Microsoft partnersWith OpenAI, once
    data = json.loads(run_kg("stats", "--json", "--store", overlapping, check=True).stdout)
    # the 2023 article names only entities of the founding article
    assert data["entities"] == len(gold["entities"])
    assert data["classes"] == dict(Counter(e["type"] for e in gold["entities"]))
    labels = _rows(overlapping, "SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l } GROUP BY ?e")
    assert {n for _, n in labels} == {"1"}
    assertions = int(_rows(overlapping, "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Assertion }")[0][0])
    evidence = _rows(overlapping, (ROOT / "examples/queries/evidence.rq").read_text(encoding="utf-8"))
    assert len(evidence) == assertions  # one row per piece of evidence
