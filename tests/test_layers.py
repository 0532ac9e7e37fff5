"""The store and analysis sides stand alone: no spaCy, no extraction code, no import cycles."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

from tests.conftest import ROOT

KG_DIR = ROOT / "kg"
# Everything a reader of a store touches; none of it may reach the extraction pipeline.
STANDALONE = ["kg.store", "kg.analysis", "kg.ontology", "kg.model", "kg.names", "kg.ingest", "kg.lexicon",
              "kg.errors"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in KG_DIR.rglob("*.py")}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module ``path`` imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in modules else node.module)
    return out


def test_store_and_analysis_import_no_extraction_code():
    modules = _modules()
    offenders = []
    for name, path in modules.items():
        if any(name == s or name.startswith(s + ".") for s in STANDALONE):
            for imp in _imports(path, modules):
                if imp.split(".")[0] in {"spacy", "thinc"} or imp == "kg.extract" or imp.startswith("kg.extract."):
                    offenders.append(f"{name} imports {imp}")
    assert not offenders, offenders


def test_no_import_cycles():
    modules = _modules()
    g = nx.DiGraph()
    for name, path in modules.items():
        g.add_node(name)
        for imp in _imports(path, modules):
            if imp in modules and imp != name:
                g.add_edge(name, imp)
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not cycles, cycles


READER = """
import io, sys, json, threading, urllib.request
from kg.store import open_store
from kg.store.query import run, format_result
from kg.store.stats import stats
from kg.store.export import export
from kg.store.provenance import why
from kg.store.validate import validate_graph
from kg.store.serve import make_server
from kg.analysis import analyze, to_networkx
from kg.analysis.view import render
where = sys.argv[1]
with open_store(where, read_only=True) as s:
    rows = [str(r[0]) for r in run(s, "SELECT ?p WHERE { kge:openai kg:foundedBy ?f . ?f rdfs:label ?p }")]
    assert sorted(rows) == ["Elon Musk", "Peter Thiel", "Sam Altman"], rows
    assert stats(s)["articles"] == 1
    assert "kge:microsoft" in export(s, "turtle") or "entity/microsoft" in export(s, "turtle")
    assert why(s, "Microsoft", "partnersWith", "OpenAI")
    assert validate_graph(s.union_graph()).conforms
    g = to_networkx(s)
    analyze(g)
    assert "<html" in render(g).lower()
server, endpoint = make_server(where, port=0)
threading.Thread(target=server.serve_forever, daemon=True).start()
host, port = server.server_address[:2]
with urllib.request.urlopen(f"http://{host}:{port}/sparql?query=ASK%7B%7D", timeout=30) as resp:
    assert json.loads(resp.read())["boolean"] is True
server.shutdown(); endpoint.close()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"spacy", "thinc"} or m.startswith("kg.extract"))
print(json.dumps(loaded))
"""


def test_reading_a_store_never_loads_spacy(built):
    # the founding article's gold: OpenAI foundedBy Elon Musk, Peter Thiel, Sam Altman
    proc = subprocess.run([sys.executable, "-c", READER, str(built / "kg-store")], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout


def test_read_commands_never_load_spacy(built):
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg.cli", "query", "ASK {}", "--store",
                           str(built / "kg-store")], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "spacy" not in imported and not any(m.startswith("kg.extract") for m in imported)
    assert "kg.store.query" in imported  # the check reads real import-time output
