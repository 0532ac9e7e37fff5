"""The persistent store: reopening in new processes, idempotence, replacement, locking."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.extract.extractor import Extractor
from kg.ingest import Article
from kg.store import KGStore
from tests.conftest import EXAMPLES, run_kg


def nquads(path) -> set[str]:
    with KGStore(path, read_only=True) as s:
        buf = io.BytesIO()
        s._ox.dump(buf, ox.RdfFormat.N_QUADS)
    return set(buf.getvalue().decode().splitlines())


def test_sparql_in_a_new_process_partners_of_microsoft(built):
    out = run_kg("query", "--file", "examples/queries/partners-of-microsoft.rq", "--store", str(built / "kg-store"),
                 "--format", "json", cwd=EXAMPLES.parents[1], check=True).stdout
    partners = [b["partner"]["value"] for b in json.loads(out)["results"]["bindings"]]
    assert partners == ["OpenAI"]


def test_sparql_in_a_new_process_founders(built):
    out = run_kg("query", "--file", str(EXAMPLES.parent / "queries" / "founders-of-openai.rq"), "--store",
                 str(built / "kg-store"), "--format", "csv", check=True).stdout
    assert out.splitlines() == ["founder", "Elon Musk", "Peter Thiel", "Sam Altman"]


def test_evidence_is_queryable(built):
    q = """SELECT ?sentence ?rule ?conf ?start ?end WHERE {
      ?a rdf:subject kge:microsoft ; rdf:predicate kg:partnersWith ; rdf:object kge:openai ;
         kg:sentence ?sentence ; kg:rule ?rule ; kg:confidence ?conf ; kg:startChar ?start ; kg:endChar ?end ;
         prov:wasDerivedFrom ?article . ?article a kg:Article }"""
    rows = json.loads(run_kg("query", q, "--store", str(built / "kg-store"), "--format", "json", check=True).stdout)
    (row,) = rows["results"]["bindings"]
    assert row["sentence"]["value"].startswith("Microsoft has partnered with OpenAI")
    text = (EXAMPLES / "azure-openai.txt").read_text(encoding="utf-8")
    assert text[int(row["start"]["value"]):int(row["end"]["value"])] == row["sentence"]["value"]
    assert 0 < float(row["conf"]["value"]) <= 1 and row["rule"]["value"].startswith("verb:")


def test_rebuilding_the_same_article_changes_nothing(tmp_path):
    store = tmp_path / "s"
    run_kg("build", str(EXAMPLES), "--store", str(store), check=True)
    before = nquads(store)
    out = run_kg("build", str(EXAMPLES), "--store", str(store), check=True).stdout
    assert out.startswith("1 article unchanged; store: 1 article")
    assert nquads(store) == before and len(before) > 200


def test_changed_article_replaces_its_graph(tmp_path, nlp):
    ex = Extractor(nlp=nlp)
    a1 = Article("news-1", "Microsoft has partnered with OpenAI.")
    a2 = Article("news-1", "Google acquired DeepMind.")
    with KGStore(tmp_path / "s") as s:
        assert s.add(a1, ex.extract(a1)).status == "added"
        assert s.add(a2, ex.extract(a2)).status == "replaced"
        labels = {str(r[0]) for r in s.query("SELECT ?l WHERE { ?x kg:acquired|kg:partnersWith ?y . ?x rdfs:label ?l }")}
        assert labels == {"Google"}
        assert s.count_articles() == 1


def test_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "s"
    KGStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import pyoxigraph, sys, time; s = pyoxigraph.Store({str(path)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="another process"):
            KGStore(path)
        # readers still get in while the writer holds the lock
        with KGStore(path, read_only=True) as reader:
            assert reader.count_articles() == 0
    finally:
        holder.kill()
        holder.wait()


def test_missing_store_is_a_clear_error(tmp_path):
    proc = run_kg("stats", "--store", str(tmp_path / "none"))
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("kg: error: no kg store at") and len(proc.stderr.strip().splitlines()) == 1
