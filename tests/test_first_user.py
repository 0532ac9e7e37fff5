"""What a first user hits: build summaries, one-line errors, help text, prefixes in exports, paths."""
from __future__ import annotations

import json
import re

import pytest

from kg.ingest import Article
from kg.model import Entity, Evidence, Extraction, Triple
from kg.store import KGStore
from kg.store.rdf import PREFIXES
from tests.conftest import EXAMPLES, SEED_GOLD, run_kg

COMMANDS = ["build", "extract", "export", "query", "why", "remove", "serve", "viz", "analyze", "path", "neighbors",
            "stats", "validate", "eval"]


def test_rebuild_with_nothing_changed_says_what_the_store_holds(built):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    proc = run_kg("build", str(EXAMPLES), "--store", str(built / "kg-store"), check=True)
    # the founding article: 16 gold triples over 16 gold entities
    assert len(gold["triples"]) == 16 and len(gold["entities"]) == 16
    assert proc.stdout.startswith("1 article unchanged; store: 1 article, 16 entities, 16 facts"), proc.stdout


def test_build_of_a_missing_path_prints_the_error_only(tmp_path):
    proc = run_kg("build", str(tmp_path / "nonexistent"), "--store", str(tmp_path / "s"))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip() == f"kg: error: {tmp_path / 'nonexistent'}: no such file or folder"


def test_sparql_syntax_error_is_one_line_with_position(built):
    proc = run_kg("query", "SELECT ?x WHERE {\n  ?x kg:partnersWith \n}", "--store", str(built / "kg-store"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(r"at line \d+, column \d+", lines[0]), proc.stderr
    assert "expected one of" not in lines[0] and "triple pattern" in lines[0]
    proc = run_kg("query", "SELECT ?x WHERE { ?x nope:thing ?y }", "--store", str(built / "kg-store"))
    assert "prefix 'nope:' is not declared" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_python_type_placeholders(command):
    out = run_kg(command, "--help", check=True).stdout
    assert not re.search(r"<(bool|str|int|float|path|list\[[^\]]*\])>", out), out


def test_query_help_lists_every_predeclared_prefix():
    out = " ".join(run_kg("query", "--help", check=True).stdout.replace("│", " ").split())
    for prefix, ns in PREFIXES.items():
        assert f"{prefix}: <{ns}>" in out, prefix


def test_trig_export_uses_the_kg_prefixes(built):
    out = run_kg("export", "--format", "trig", "--store", str(built / "kg-store"), check=True).stdout
    for prefix in ("kg", "kge", "kga"):
        assert f"@prefix {prefix}: <{PREFIXES[prefix]}>" in out or f"PREFIX {prefix}: <{PREFIXES[prefix]}>" in out
    assert "kge:microsoft" in out and "kg:partnersWith" in out


def test_path_to_an_entity_without_facts_says_so(tmp_path):
    ev = Evidence("a", "Acme hired Jane Roe.", 0, 20, "verb:test", 0.9)
    ex = Extraction("a", [Entity("acme", "Acme", "Company"), Entity("jane roe", "Jane Roe", "Person"),
                          Entity("globex", "Globex", "Company")],
                    [Triple("Jane Roe", "worksFor", "Acme", "Person", "Company", ev)])
    with KGStore(tmp_path / "s") as store:
        store.add(Article("a", "Acme hired Jane Roe. Globex was mentioned."), ex)
    proc = run_kg("path", "Globex", "Acme", "--store", str(tmp_path / "s"))
    assert proc.returncode == 1
    assert "Globex is in the store but takes part in no fact" in proc.stderr and "did you mean" not in proc.stderr
    ok = run_kg("path", "Jane Roe", "Acme", "--store", str(tmp_path / "s"), check=True)
    assert "Jane Roe worksFor Acme" in ok.stdout


def test_cli_prefix_table_is_the_store_one():
    from kg.cli import _prefixes

    assert _prefixes() == {k: str(v) for k, v in PREFIXES.items()}
