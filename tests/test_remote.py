"""The remote backend against a real `oxigraph serve` process (PyPI `oxigraph`) on 127.0.0.1."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.api import build
from kg.errors import StoreError
from kg.store import KGStore
from tests.conftest import EXAMPLES, ROOT, run_kg

UPDATES = ROOT / "examples" / "updates"


def diff(a, b) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"only remote: {sorted(only_a)[:5]}\nonly local: {sorted(only_b)[:5]}"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the `oxigraph` server is missing: pip install -e '.[test]' installs it"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode())
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    path = tmp_path_factory.mktemp("local")
    build([EXAMPLES, UPDATES], store=path)
    with KGStore(path, read_only=True) as s:
        return s.fact_graph(), s.union_graph(), {str(g) for g in s.graphs()}


def test_build_query_why_export_against_oxigraph_server(server, local, tmp_path):
    run_kg("build", str(EXAMPLES), str(UPDATES), "--store", server, check=True)
    # the same facts and evidence as the embedded store
    fact_ttl = run_kg("export", "--format", "turtle", "--facts-only", "--store", server, check=True).stdout
    assert isomorphic(Graph().parse(data=fact_ttl, format="turtle"), local[0])
    union_nt = run_kg("export", "--format", "nt", "--store", server, check=True).stdout
    back = Graph().parse(data=union_nt, format="nt")
    assert isomorphic(back, local[1]), diff(back, local[1])
    out = run_kg("query", "--file", str(ROOT / "examples/queries/partners-of-microsoft.rq"), "--format", "json",
                 "--store", server, check=True).stdout
    assert [b["partner"]["value"] for b in json.loads(out)["results"]["bindings"]] == ["OpenAI"]  # seed gold
    why = run_kg("why", "Microsoft", "partnersWith", "OpenAI", "--store", server, check=True).stdout
    assert "Microsoft has partnered with OpenAI" in why and "2 article(s)" in why
    nq = run_kg("export", "--format", "nquads", "--store", server, check=True).stdout
    ds = Dataset()
    ds.parse(data=nq, format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert len(graphs) == 3 and graphs == local[2]  # one per article and the fact graph, named as embedded
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(merged, local[1]), diff(merged, local[1])
    stats = json.loads(run_kg("stats", "--json", "--store", server, check=True).stdout)
    assert stats["articles"] == 2


def test_rebuild_is_unchanged_and_remove_keeps_other_facts(server, tmp_path):
    build([EXAMPLES, UPDATES], store=server)
    again = build([EXAMPLES, UPDATES], store=server)
    assert (again.unchanged, again.added, again.replaced) == (2, 0, 0)
    only_first = tmp_path / "first"
    build([EXAMPLES], store=only_first)
    url = json.loads((UPDATES / "2023-partnership.jsonl").read_text(encoding="utf-8"))["url"]
    out = run_kg("remove", url, "--store", server, check=True).stdout
    assert out == f"removed msft-openai-extension-2023 ({url})\n"  # an article with a URL is named by it
    with KGStore(only_first, read_only=True) as s:
        expected = s.fact_graph()
    remote_facts = run_kg("export", "--format", "nt", "--facts-only", "--store", server, check=True).stdout
    assert isomorphic(Graph().parse(data=remote_facts, format="nt"), expected)


def test_unreachable_server_is_a_clear_error():
    proc = run_kg("stats", "--store", f"http://127.0.0.1:{free_port()}")
    assert proc.returncode == 1 and "no SPARQL server answers" in proc.stderr


def test_standard_protocol_dataset_gives_the_same_answers(server, local, monkeypatch):
    """Without Oxigraph's union-default-graph parameter: every graph named by default-graph-uri/named-graph-uri."""
    from kg.store.export import export
    from kg.store.remote import RemoteStore

    build([EXAMPLES, UPDATES], store=server)
    monkeypatch.setenv("KG_REMOTE_DATASET", "protocol")
    with RemoteStore(server, read_only=True) as remote:
        assert remote.dataset_mode == "protocol"
        facts = Graph().parse(data=export(remote, "nt", facts_only=True), format="nt")
        assert isomorphic(facts, local[0]), diff(facts, local[0])
        assert {str(g) for g in remote.graphs()} == local[2]
        assert [r["who"].value for r in remote.select(
            "SELECT DISTINCT ?who WHERE { ?x <https://w3id.org/kg/ontology#partnersWith> <https://w3id.org/kg/entity/microsoft> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?who }")] == ["OpenAI"]  # seed gold
    with pytest.raises(StoreError, match="unknown remote dataset mode"):
        RemoteStore(server, dataset="everything")


def test_view_analysis_and_validation_read_the_remote_store(server, tmp_path):
    build([EXAMPLES, UPDATES], store=server)
    local = tmp_path / "local"
    build([EXAMPLES, UPDATES], store=local)
    remote_view = run_kg("viz", "-o", str(tmp_path / "r.html"), "--store", server, check=True).stdout.split(": ", 1)[1]
    local_view = run_kg("viz", "-o", str(tmp_path / "l.html"), "--store", str(local), check=True).stdout.split(": ", 1)[1]
    assert remote_view == local_view and "entities" in remote_view
    remote_report = json.loads(run_kg("analyze", "--json", "--store", server, check=True).stdout)
    local_report = json.loads(run_kg("analyze", "--json", "--store", str(local), check=True).stdout)
    assert remote_report == local_report
    assert run_kg("validate", "--store", server, check=True).stdout.startswith("conforms")
