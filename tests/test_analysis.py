"""Analytics on hand-made graphs and on the example store, checked against the founding article's gold triples."""
from __future__ import annotations

import json
import math
import random
from collections import Counter

import networkx as nx
import pytest

from kg.analysis import (centrality, communities, find_entity, label, neighborhood, shortest_paths,
                         top_nodes)
from kg.errors import KGError
from kg.analysis.graph import from_facts
from kg.analysis.view import layout, select, view_data
from tests.conftest import run_kg


def two_cliques():
    """Two triangles of partners joined by one investment."""
    facts = [(a, "Company", "partnersWith", b, "Company") for a, b in [("A", "B"), ("B", "C"), ("A", "C"),
                                                                       ("X", "Y"), ("Y", "Z"), ("X", "Z")]]
    return from_facts(facts + [("C", "Company", "investsIn", "X", "Company")])


def test_communities_split_at_the_bridge_and_paths_cross_it():
    g = two_cliques()
    assert sorted(sorted(label(g, n) for n in c) for c in communities(g)) == [["A", "B", "C"], ["X", "Y", "Z"]]
    chains = shortest_paths(g, "A", "Z")
    assert len(chains) == 1 and [h.fact for h in chains[0]] == [
        ("A", "partnersWith", "C"), ("C", "investsIn", "X"), ("X", "partnersWith", "Z")]
    # the bridge ends are the most central
    c = centrality(g)
    top2 = sorted(c, key=lambda n: -c[n]["pagerank"])[:2]
    assert {label(g, n) for n in top2} == {"C", "X"}


def test_unlinked_entities_have_no_path_and_unknown_names_say_so():
    g = from_facts([("A", "Company", "partnersWith", "B", "Company"), ("C", "Company", "offers", "D", "Product")])
    assert shortest_paths(g, "A", "D") == []
    with pytest.raises(KGError, match=r"no entity named 'Micro'.*did you mean"):
        find_entity(from_facts([("Microsoft", "Company", "offers", "Azure", "Product")]), "Micro")
    assert find_entity(g, "a inc.") == "https://w3id.org/kg/entity/a"  # merged the way kg merges names


def test_neighbourhood_depth_and_top_nodes():
    g = two_cliques()
    assert sorted(label(g, n) for n in neighborhood(g, "A", 0)) == ["A"]
    assert sorted(label(g, n) for n in neighborhood(g, "A", 1)) == ["A", "B", "C"]
    assert sorted(label(g, n) for n in neighborhood(g, "A", 2)) == ["A", "B", "C", "X"]
    with pytest.raises(KGError):
        neighborhood(g, "A", -1)
    top = top_nodes(g, 2)
    assert sorted(label(top, n) for n in top) == ["C", "X"] and top.number_of_edges() == 1
    assert select(g, around="A", depth=1, top=1).number_of_nodes() == 1


def test_large_layout_keeps_communities_together():
    """Community-by-community layout: members of a community sit nearer each other than to the rest."""
    g = nx.MultiDiGraph()
    rng = random.Random(3)
    for grp in range(8):  # 8 dense groups of 60, sparse links between them
        names = [f"G{grp}N{i}" for i in range(60)]
        for n in names:
            g.add_node(n, label=n, cls="Company", evidence=1)
        for _ in range(150):
            a, b = rng.sample(names, 2)
            g.add_edge(a, b, key="partnersWith", relation="partnersWith", confidence=0.9, evidence=[])
    for _ in range(20):
        a, b = f"G{rng.randrange(8)}N{rng.randrange(60)}", f"G{rng.randrange(8)}N{rng.randrange(60)}"
        g.add_edge(a, b, key="investsIn", relation="investsIn", confidence=0.9, evidence=[])
    pos = layout(g)
    assert set(pos) == set(g)
    def dist(a, b):
        return math.dist(pos[a], pos[b])
    same = [dist(f"G{k}N{i}", f"G{k}N{i + 1}") for k in range(8) for i in range(0, 58, 2)]
    other = [dist(f"G{k}N{i}", f"G{(k + 1) % 8}N{i}") for k in range(8) for i in range(0, 58, 2)]
    assert sum(same) / len(same) < 0.5 * sum(other) / len(other)


def test_view_records_size_by_pagerank_and_point_to_articles():
    g = from_facts([("Hub", "Company", "partnersWith", x, "Company",
                     {"article": f"art-{x}", "title": f"Title {x}", "date": "2024-01-0" + str(i + 1), "confidence": 0.7})
                    for i, x in enumerate("ABC")])
    data = view_data(g)
    size = {n["label"]: n["size"] for n in data["nodes"]}
    assert size["Hub"] > size["A"] == size["B"]
    assert sorted(a["title"] for a in data["articles"]) == ["Title A", "Title B", "Title C"]
    for e in data["edges"]:
        a = data["articles"][e["evidence"][0]["article"]]
        assert a["id"] == "art-" + next(n["label"] for n in data["nodes"] if n["id"] == e["to"])


def gold_degrees(seed_record) -> Counter:
    deg = Counter()
    for t in seed_record["triples"]:
        deg[t["subject"]] += 1
        deg[t["object"]] += 1
    return deg


def test_analyze_on_the_example_store_matches_the_gold_graph(built, seed_record):
    store = str(built / "kg-store")
    report = json.loads(run_kg("analyze", "--json", "--store", store, check=True).stdout)
    deg = gold_degrees(seed_record)
    assert report["entities"] == len(deg) and report["facts"] == len(seed_record["triples"])
    assert report["components"] == [len(deg)]  # the gold facts form one connected graph
    ranked = [c["entity"] for c in report["central"]]
    assert ranked[:3] == [name for name, _ in deg.most_common(3)]  # Microsoft, OpenAI, Azure by gold degree
    assert report["top_per_class"]["Founder"] == sorted(
        t["object"] for t in seed_record["triples"] if t["relation"] == "foundedBy")
    assert sum(c["size"] for c in report["communities"]) == len(deg)
    text = run_kg("analyze", "--store", store, check=True).stdout
    assert "most central" in text and "communities (Louvain)" in text and "1. Microsoft (Company)" in text


def test_path_and_neighbors_on_the_example_store(built, seed_record):
    store = str(built / "kg-store")
    out = run_kg("path", "Elon", "Musk", "Microsoft", "--store", store, check=True).stdout  # unquoted words
    lines = [x.strip() for x in out.splitlines()]
    # gold: OpenAI foundedBy Elon Musk; Microsoft partnersWith OpenAI
    assert lines[0] == "path 1 (2 hops):" and lines[1] == "OpenAI foundedBy Elon Musk" and lines[3] == "Microsoft partnersWith OpenAI"
    assert "Elon Musk" in lines[2] and lines[2].startswith('"')  # the evidence sentence of the hop
    data = json.loads(run_kg("neighbors", "Azure", "--json", "--store", store, check=True).stdout)
    gold = {t["subject"] for t in seed_record["triples"] if t["object"] == "Azure"} | {
        t["object"] for t in seed_record["triples"] if t["subject"] == "Azure"}
    assert {n["entity"] for n in data["neighbors"]} == gold
    missing = run_kg("path", "Microsoft", "Nobody At All", "--store", store)
    assert missing.returncode == 1 and "no entity named 'Nobody At All'" in missing.stderr
