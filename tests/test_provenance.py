"""Incremental builds, removal, `kg why` and the example provenance queries on a real store."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.api import build
from kg.errors import StoreError
from kg.store.provenance import why
from kg.store.query import rows, run
from kg.store import KGStore
from tests.conftest import EXAMPLES, ROOT, run_kg

UPDATES = ROOT / "examples" / "updates"
QUERIES = ROOT / "examples" / "queries"
FOUNDING = (EXAMPLES / "azure-openai.txt").read_text(encoding="utf-8")


def facts(path: Path):
    with KGStore(path, read_only=True) as s:
        return s.fact_graph()


def assert_same(a, b) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        raise AssertionError("graphs differ:\nonly in first:\n" + "\n".join(map(str, sorted(only_a)))
                             + "\nonly in second:\n" + "\n".join(map(str, sorted(only_b))))


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """One store with the founding article, one with the founding article plus the 2023 update."""
    one = tmp_path_factory.mktemp("one")
    two = tmp_path_factory.mktemp("two")
    build([EXAMPLES], store=one)
    build([EXAMPLES], store=two)
    report = build([UPDATES], store=two)
    assert report.added == 1 and not report.errors
    return one, two


def test_second_article_leaves_the_first_facts_intact(stores):
    one, two = stores
    first, both = facts(one), facts(two)
    missing = [t for t in first if t not in both]
    assert not missing, missing
    assert len(both) > len(first)  # the update added something


def test_rebuilding_everything_changes_nothing(stores, tmp_path):
    _, two = stores
    before = facts(two)
    report = build([EXAMPLES, UPDATES], store=two)
    assert (report.unchanged, report.added, report.replaced) == (2, 0, 0)
    assert_same(before, facts(two))


def test_removing_an_article_removes_only_what_it_alone_supported(stores, tmp_path):
    one, _ = stores
    store = tmp_path / "s"
    build([EXAMPLES, UPDATES], store=store)
    with KGStore(store) as s:
        assert sorted(s.articles()) == ["azure-openai", "msft-openai-extension-2023"]
        assert [a.id for a in s.remove("msft-openai-extension-2023")] == ["msft-openai-extension-2023"]
        assert s.remove("msft-openai-extension-2023") == []  # already gone
    assert_same(facts(store), facts(one))  # exactly the founding article's graph is left


def test_why_gives_the_founding_sentence_with_offsets(stores):
    _, two = stores
    with KGStore(two, read_only=True) as s:
        found = why(s, "Microsoft Corp.", "partnersWith", "OpenAI")  # suffix ignored, as kg merges names
        reverse = why(s, "OpenAI", "partnersWith", "Microsoft")  # symmetric
    founding = [f for f in found if f.article == "azure-openai"]
    assert founding, found
    for f in founding:
        assert FOUNDING[f.start:f.end] == f.sentence  # offsets point into the article text
    assert any(f.sentence.startswith("Microsoft has partnered with OpenAI") for f in founding)
    assert {f.article for f in found} == {"azure-openai", "msft-openai-extension-2023"}
    update = next(f for f in found if f.article == "msft-openai-extension-2023")
    assert update.title == "Microsoft and OpenAI extend their partnership" and update.date == "2023-01-23"
    assert update.source.startswith("https://example.com/")
    assert {(f.article, f.start) for f in reverse} == {(f.article, f.start) for f in found}


def test_kg_why_and_remove_on_the_command_line(stores, tmp_path):
    _, two = stores
    proc = run_kg("why", "Microsoft", "partnersWith", "OpenAI", "--store", str(two), check=True)
    assert "Microsoft has partnered with OpenAI" in proc.stdout and "2 article(s)" in proc.stdout
    data = json.loads(run_kg("why", "Microsoft", "partnersWith", "OpenAI", "--store", str(two), "--json", check=True).stdout)
    assert {d["article"] for d in data} == {"azure-openai", "msft-openai-extension-2023"}
    none = run_kg("why", "OpenAI", "acquired", "Microsoft", "--store", str(two))
    assert none.returncode == 1 and "no evidence" in none.stderr
    bad = run_kg("why", "OpenAI", "buys", "Microsoft", "--store", str(two))
    assert bad.returncode == 1 and "unknown relation 'buys'" in bad.stderr
    gone = run_kg("remove", "no-such-article", "--store", str(two))
    assert gone.returncode == 1 and "no-such-article" in gone.stderr


def query_rows(store: Path, name: str) -> list[list[str]]:
    with KGStore(store, read_only=True) as s:
        return rows(run(s, (QUERIES / name).read_text(encoding="utf-8")))[1]


def test_example_query_partners(stores):
    # seed gold: Microsoft partnersWith OpenAI is the only partnership
    assert query_rows(stores[0], "partners-of-microsoft.rq") == [["OpenAI"]]


def test_example_query_founders(stores):
    # seed gold: OpenAI foundedBy Elon Musk, Peter Thiel, Sam Altman
    assert query_rows(stores[0], "founders-of-openai.rq") == [["Elon Musk"], ["Peter Thiel"], ["Sam Altman"]]


def test_example_query_cloud_users(stores):
    users = {r[0] for r in query_rows(stores[0], "cloud-users.rq")}
    assert {"OpenAI", "Esri", "Jellyfish Pictures"} <= users  # seed gold usesProduct subjects


def test_example_query_multi_source(stores):
    one, two = stores
    assert query_rows(one, "multi-source-facts.rq") == []  # one article: nothing has two sources
    got = {(r[0], r[1], r[2]): r[3] for r in query_rows(two, "multi-source-facts.rq")}
    assert got.get(("Microsoft", "partnersWith", "OpenAI")) == "2"


def test_example_query_since_date(stores):
    one, two = stores
    assert query_rows(one, "facts-since.rq") == []  # the founding article carries no date
    found = query_rows(two, "facts-since.rq")
    assert found and all(r[3] == "Microsoft and OpenAI extend their partnership" and r[4] >= "2023-01-01" for r in found)


def test_example_query_evidence(stores):
    found = query_rows(stores[0], "evidence.rq")
    assert all(r[5] in FOUNDING for r in found)  # every evidence sentence is text of the article
    assert ["Microsoft", "partnersWith", "OpenAI"] in [r[:3] for r in found]


def test_articles_are_identified_by_source_not_just_name(tmp_path):
    """Same file name in two folders: two articles; a changed file replaces only its own graph."""
    a, b = tmp_path / "2023" / "report.txt", tmp_path / "2024" / "report.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text("Microsoft has partnered with OpenAI.", encoding="utf-8")
    b.write_text("Northwind has partnered with Brightline.", encoding="utf-8")
    store = tmp_path / "s"
    first = build([a, b], store=store)
    assert (first.added, first.unchanged) == (2, 0)
    with KGStore(store, read_only=True) as s:
        assert s.articles() == ["report", "report"]
        partners = {(str(r[0]), str(r[1])) for r in s.select(
            "SELECT ?x ?y WHERE { ?s <https://w3id.org/kg/ontology#partnersWith> ?o . "
            "?s <http://www.w3.org/2000/01/rdf-schema#label> ?x . ?o <http://www.w3.org/2000/01/rdf-schema#label> ?y }")}
    assert {("Microsoft", "OpenAI"), ("Northwind", "Brightline")} <= {(x.strip('"'), y.strip('"')) for x, y in partners}
    b.write_text("Northwind has partnered with Harbor Capital.", encoding="utf-8")
    second = build([a, b], store=store)
    assert (second.unchanged, second.replaced, second.added) == (1, 1, 0)
    with KGStore(store) as s:
        with pytest.raises(StoreError, match="names 2 articles from different sources"):
            s.remove("report")  # ambiguous: say which
        assert [r.source for r in s.remove(str(b))] == [str(b.resolve())]
        assert s.articles() == ["report"]
        left = {str(r[0]) for r in s.select("SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
    assert '"Microsoft"' in left and not {'"Northwind"', '"Harbor Capital"', '"Brightline"'} & left


def test_a_jsonl_record_can_be_removed_alone(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "one", "text": "Microsoft has partnered with OpenAI."}) + "\n"
                    + json.dumps({"id": "two", "text": "Northwind has partnered with Brightline."}) + "\n", encoding="utf-8")
    store = tmp_path / "s"
    build([feed], store=store)
    proc = run_kg("remove", f"{feed}#two", "--store", str(store), check=True)
    assert proc.stdout.strip() == f"removed two ({feed.resolve()})"
    with KGStore(store, read_only=True) as s:
        assert s.articles() == ["one"]
