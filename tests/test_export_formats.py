"""Every export parses back: RDF formats isomorphic to the store's graphs, GraphML/GEXF with kg's attributes."""
from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.api import build
from kg.store.export import export
from kg.ontology import FACT_GRAPH
from kg.store.embedded import KGStore, _from_ox_triple
from tests.conftest import EXAMPLES, ROOT

UPDATES = ROOT / "examples" / "updates"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("exp")
    build([EXAMPLES, UPDATES], store=path)
    with KGStore(path, read_only=True) as s:
        yield s


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"), ("xml", "xml")])
def test_graph_formats_round_trip(store, fmt, rdflib_fmt):
    for facts_only in (False, True):
        expected = store.fact_graph() if facts_only else store.union_graph()
        back = Graph().parse(data=export(store, fmt, facts_only), format=rdflib_fmt)
        assert len(back) == len(expected) > 0
        assert isomorphic(back, expected)


@pytest.mark.parametrize("fmt,rdflib_fmt", [("trig", "trig"), ("nquads", "nquads")])
def test_dataset_formats_keep_one_graph_per_article(store, fmt, rdflib_fmt):
    ds = Dataset()
    ds.parse(data=export(store, fmt), format=rdflib_fmt)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    # two article graphs of evidence and the one fact graph
    assert names == {str(g) for g in store.graphs()} and len(names) == 3 and str(FACT_GRAPH) in names
    for name in names:
        ours = Graph()
        for t in store.select(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"):
            ours.add(_from_ox_triple(t))
        assert isomorphic(ds.graph(name), ours)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats_carry_class_label_relation(store, fmt, tmp_path):
    path = tmp_path / f"g.{fmt}"
    path.write_text(export(store, fmt), encoding="utf-8")
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    labels = {d["label"]: d for _, d in g.nodes(data=True)}
    assert labels["Microsoft"]["cls"] == "Company" and labels["Sam Altman"]["cls"] == "Founder"
    rels = {(g.nodes[s]["label"], d["relation"], g.nodes[o]["label"]): d for s, o, d in g.edges(data=True)}
    # seed gold facts, stated in the founding article
    for fact in [("OpenAI", "foundedBy", "Elon Musk"), ("Microsoft", "offers", "Azure"), ("OpenAI", "usesProduct", "Azure")]:
        assert fact in rels, fact
    assert int(rels[("Microsoft", "partnersWith", "OpenAI")]["sources"]) == 2  # both example articles say it
