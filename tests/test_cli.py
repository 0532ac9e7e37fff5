"""The CLI end to end, in new processes, as a user runs it."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph

from tests.conftest import EXAMPLES, ROOT, SEED_GOLD, run_kg

COMMANDS = ["build", "extract", "export", "query", "viz", "stats", "validate", "eval", "why", "remove", "serve", "analyze", "path", "neighbors"]


def test_end_to_end_on_the_founding_article(tmp_path):
    store = tmp_path / "kg-store"
    out = run_kg("build", str(EXAMPLES), "--store", str(store), check=True).stdout
    assert out.startswith("1 article added; 16 facts extracted; store: 1 article, 16 entities, 16 facts")
    run_kg("export", "--format", "turtle", "-o", str(tmp_path / "out" / "graph.ttl"), "--store", str(store), check=True)
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert len(g) > 200
    viz = run_kg("viz", "-o", str(tmp_path / "out" / "graph.html"), "--store", str(store), check=True).stdout
    assert "16 entities, 16 facts" in viz
    assert run_kg("validate", str(tmp_path / "out" / "graph.ttl"), check=True).stdout.startswith("conforms")
    assert run_kg("validate", "--store", str(store), check=True).stdout.startswith("conforms")
    stats = json.loads(run_kg("stats", "--json", "--store", str(store), check=True).stdout)
    assert stats["articles"] == 1 and stats["facts"] == 16 and stats["relations"]["offers"] == 5
    table = run_kg("query", "SELECT ?who WHERE { ?x kg:partnersWith kge:microsoft ; rdfs:label ?who }", "--store", str(store), check=True).stdout
    assert table.splitlines()[0].strip() == "who" and "OpenAI" in table and "(1 row)" in table


def test_extract_follows_the_jsonl_contract():
    lines = [
        json.dumps({"id": "a", "text": "Microsoft has partnered with OpenAI."}),
        "{broken",
        json.dumps({"id": 7, "text": ""}),
        json.dumps({"id": "d", "text": "Please enter your comment!"}),
    ]
    proc = run_kg("extract", input="\n".join(lines) + "\n", check=True)
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["id"] == "a"
    (t,) = out[0]["triples"]
    assert set(t) == {"subject", "relation", "object", "confidence", "sentence", "subject_type", "object_type"}
    assert (t["subject"], t["relation"], t["object"]) == ("Microsoft", "partnersWith", "OpenAI")
    assert out[1]["triples"] == [] and "malformed JSON" in out[1]["error"]
    assert out[2]["id"] == 7 and out[2]["triples"] == [] and "empty" in out[2]["error"]
    assert out[3] == {"id": "d", "triples": []}


def test_eval_on_the_founding_article():
    proc = run_kg("eval", str(SEED_GOLD), "--json", check=True)
    (score,) = json.loads(proc.stdout)
    assert score["strict"]["tp"] >= 13 and score["strict"]["precision"] >= 0.85


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"Caf\xe9 au lait", "UTF-8"),
])
def test_bad_input_files(tmp_path, content, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    proc = run_kg("build", str(p), "--store", str(tmp_path / "s"))
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("kg: error:") and needle in line


def test_bad_article_does_not_sink_the_batch(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # a picture, not text
    (tmp_path / "b.txt").write_text("Microsoft has partnered with OpenAI.", encoding="utf-8")
    proc = run_kg("build", str(tmp_path), "--store", str(tmp_path / "s"))
    assert proc.returncode == 0
    assert proc.stdout.startswith("2 articles: 1 added, 1 failed") and "a.txt" in proc.stderr


def test_unknown_model(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Microsoft has partnered with OpenAI.", encoding="utf-8")
    proc = run_kg("build", str(p), "--model", "xx_no_such_model", "--store", str(tmp_path / "s"))
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert "xx_no_such_model" in line and "not installed" in line


def test_sparql_syntax_error(built):
    proc = run_kg("query", "SELECT WHERE {", "--store", str(built / "kg-store"))
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("kg: error: SPARQL syntax error")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    proc = run_kg(command, "--help", check=True)
    assert "Usage" in proc.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from kg.cli import app

    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert registered == set(COMMANDS)
    for command in COMMANDS:
        assert re.search(rf"`kg {command}\b", readme), f"kg {command} is not documented in README.md"


def test_readme_commands_are_the_makefile_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in ci


def test_api_example_script_runs():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "build_and_query.py")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Esri" in proc.stdout and "most connected: Microsoft" in proc.stdout
