"""Who sits at the centre, who clusters with whom, and how two names are linked.

Every function takes the projection :func:`kg.analysis.graph.to_networkx` returns (a
``MultiDiGraph``: entity IRIs as nodes with ``label``, ``cls`` and ``evidence``;
one edge per fact, keyed by relation, with its evidence list) and treats facts
as links in either direction: "Microsoft partnersWith OpenAI" connects both
ways when the question is who is near whom.

Examples
--------
>>> from kg.analysis.graph import from_facts
>>> g = from_facts([("OpenAI", "Company", "foundedBy", "Elon Musk", "Founder"),
...                 ("Microsoft", "Company", "partnersWith", "OpenAI", "Company")])
>>> [" ".join(h.fact) for h in shortest_paths(g, "Elon Musk", "Microsoft")[0]]
['OpenAI foundedBy Elon Musk', 'Microsoft partnersWith OpenAI']
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import KGError
from kg.names import normalize

SEED = 7  # communities and layouts are deterministic: the same store gives the same answer


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair, ``weight`` = the number of facts between them.

    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("A", "Company", "partnersWith", "B", "Company"), ("B", "Company", "investsIn", "A", "Company")])
    >>> undirected(g).edges["https://w3id.org/kg/entity/a", "https://w3id.org/kg/entity/b"]["weight"]
    2
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for s, o in graph.edges():
        if s == o:
            continue
        if simple.has_edge(s, o):
            simple.edges[s, o]["weight"] += 1
        else:
            simple.add_edge(s, o, weight=1)
    return simple


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by ``name``: its IRI, or its label as kg merges names (case, punctuation, Inc./Corp.).

    Raises
    ------
    KGError
        If no entity has that name; the message suggests labels that contain it.

    Examples
    --------
    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("Microsoft", "Company", "offers", "Azure", "CloudProduct")])
    >>> find_entity(g, "microsoft corp.")
    'https://w3id.org/kg/entity/microsoft'
    """
    if name in graph:
        return name
    key = normalize(name) or name.strip().lower()
    for node, data in graph.nodes(data=True):
        if (normalize(data.get("label", "")) or "") == key:
            return node
    near = sorted({d.get("label", "") for _, d in graph.nodes(data=True) if key and key in d.get("label", "").lower()})[:5]
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else "; `kg analyze` lists the central entities"
    raise KGError(f"no entity named '{name}' in the graph{hint}")


def label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", node.rsplit("/", 1)[-1])


def centrality(graph: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Degree (number of facts touching the entity) and PageRank of every node.

    PageRank runs on the undirected fact graph weighted by the number of facts,
    so an entity many others link to, in any direction, ranks high.

    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("Hub", "Company", "partnersWith", x, "Company") for x in "ABC"])
    >>> c = centrality(g)
    >>> c["https://w3id.org/kg/entity/hub"]["degree"], max(c, key=lambda n: c[n]["pagerank"]).rsplit("/", 1)[-1]
    (3, 'hub')
    """
    if graph.number_of_nodes() == 0:
        return {}
    pagerank = nx.pagerank(undirected(graph), weight="weight")
    degree = dict(graph.degree())
    return {n: {"degree": degree[n], "pagerank": pagerank.get(n, 0.0)} for n in graph}


def communities(graph: nx.MultiDiGraph, seed: int = SEED) -> list[set[str]]:
    """Groups of entities more linked to each other than to the rest (Louvain), largest first.

    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("A", "Company", "partnersWith", "B", "Company"), ("B", "Company", "partnersWith", "C", "Company"),
    ...                 ("A", "Company", "partnersWith", "C", "Company"), ("X", "Company", "partnersWith", "Y", "Company"),
    ...                 ("Y", "Company", "partnersWith", "Z", "Company"), ("X", "Company", "partnersWith", "Z", "Company")])
    >>> sorted(sorted(label(g, n) for n in c) for c in communities(g))
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    """
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(undirected(graph), weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def community_of(graph: nx.MultiDiGraph, seed: int = SEED) -> dict[str, int]:
    """Node -> community number (0 = the largest community)."""
    return {n: i for i, c in enumerate(communities(graph, seed)) for n in c}


@dataclass
class Hop:
    """One fact on a path, oriented as stored, with its strongest evidence."""

    fact: tuple[str, str, str]
    sentence: str
    article: str
    confidence: float

    def __str__(self) -> str:
        return f"{' '.join(self.fact)}  [{self.confidence:.2f}] \"{self.sentence}\" ({self.article})"


def _hop(graph: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The most confident fact between a and b, in whichever direction it was stated."""
    options = [(a, b, k, d) for k, d in (graph.get_edge_data(a, b) or {}).items()]
    options += [(b, a, k, d) for k, d in (graph.get_edge_data(b, a) or {}).items()]
    s, o, key, data = max(options, key=lambda x: (x[3]["confidence"], x[2]))
    best = max(data["evidence"], key=lambda e: e["confidence"])
    return Hop((label(graph, s), key, label(graph, o)), best["sentence"], best.get("title") or best["article"], best["confidence"])


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, limit: int = 3) -> list[list[Hop]]:
    """Up to ``limit`` shortest chains of facts linking two entities, each hop with its evidence.

    ``source`` and ``target`` are names or IRIs (:func:`find_entity`). Facts are
    followed in either direction. Returns an empty list when nothing links them.

    Examples
    --------
    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("Ann Lee", "Person", "worksFor", "Acme", "Company"),
    ...                 ("Acme", "Company", "usesProduct", "Azure", "CloudProduct"),
    ...                 ("Northwind", "Company", "offers", "Azure", "CloudProduct")])
    >>> for hop in shortest_paths(g, "Ann Lee", "Northwind")[0]:
    ...     print(" ".join(hop.fact))
    Ann Lee worksFor Acme
    Acme usesProduct Azure
    Northwind offers Azure
    """
    a, b = find_entity(graph, source), find_entity(graph, target)
    simple = undirected(graph)
    try:
        found = []
        for nodes in nx.all_shortest_paths(simple, a, b):
            found.append([_hop(graph, x, y) for x, y in zip(nodes, nodes[1:])])
            if len(found) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return found


def neighborhood(graph: nx.MultiDiGraph, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entity and everything within ``depth`` facts of it (either direction), with the facts among them.

    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("A", "Company", "partnersWith", "B", "Company"), ("B", "Company", "acquired", "C", "Company"),
    ...                 ("C", "Company", "offers", "D", "Product")])
    >>> sorted(label(g, n) for n in neighborhood(g, "A", depth=2))
    ['A', 'B', 'C']
    """
    if depth < 0:
        raise KGError(f"depth must be 0 or more, got {depth}")
    center = find_entity(graph, name)
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=depth)
    return graph.subgraph(reach).copy()


def neighbors(graph: nx.MultiDiGraph, name: str, depth: int = 1) -> dict:
    """What :func:`neighborhood` holds, as a report: each entity's distance and the facts among them.

    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("A", "Company", "partnersWith", "B", "Company"), ("B", "Company", "acquired", "C", "Company")])
    >>> r = neighbors(g, "A", depth=2)
    >>> [(n["entity"], n["distance"]) for n in r["neighbors"]], [f["relation"] for f in r["facts"]]
    ([('B', 1), ('C', 2)], ['partnersWith', 'acquired'])
    """
    center = find_entity(graph, name)
    sub = neighborhood(graph, center, depth)
    dist = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), center)
    near = sorted(((d, label(sub, n), n) for n, d in dist.items() if n != center))
    facts = sorted((label(sub, s), k, label(sub, o), max(e["confidence"] for e in d["evidence"]))
                   for s, o, k, d in sub.edges(keys=True, data=True))
    return {"entity": label(graph, center), "class": graph.nodes[center]["cls"], "depth": depth,
            "neighbors": [{"entity": lab, "class": sub.nodes[n]["cls"], "distance": d} for d, lab, n in near],
            "facts": [{"subject": s, "relation": r, "object": o, "confidence": c} for s, r, o, c in facts]}


def top_nodes(graph: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """The ``n`` entities with the highest PageRank and the facts among them.

    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("Hub", "Company", "partnersWith", x, "Company") for x in "ABCD"])
    >>> sorted(label(g, x) for x in top_nodes(g, 1))
    ['Hub']
    """
    scores = centrality(graph)
    keep = sorted(scores, key=lambda x: (-scores[x]["pagerank"], x))[:max(n, 0)]
    return graph.subgraph(keep).copy()


@dataclass
class Report:
    """What :func:`analyze` found; ``as_dict`` for JSON."""

    entities: int
    facts: int
    relations: dict[str, int]
    components: list[int]
    central: list[dict]
    communities: list[dict]
    top_per_class: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def analyze(graph: nx.MultiDiGraph, top: int = 10, seed: int = SEED) -> Report:
    """Centrality, communities, connected components and the top entities per class.

    Examples
    --------
    >>> from kg.analysis.graph import from_facts
    >>> g = from_facts([("Microsoft", "Company", "partnersWith", "OpenAI", "Company"),
    ...                 ("Microsoft", "Company", "offers", "Azure", "CloudProduct"),
    ...                 ("OpenAI", "Company", "usesProduct", "Azure", "CloudProduct"),
    ...                 ("Acme", "Company", "locatedIn", "Oslo", "Place")])
    >>> r = analyze(g, top=2)
    >>> r.entities, r.facts, r.components
    (5, 4, [3, 2])
    >>> r.top_per_class["CloudProduct"]
    ['Azure']
    """
    scores = centrality(graph)
    ranked = sorted(scores, key=lambda n: (-scores[n]["pagerank"], label(graph, n)))
    central = [{"entity": label(graph, n), "class": graph.nodes[n]["cls"], "degree": scores[n]["degree"],
                "pagerank": round(scores[n]["pagerank"], 4)} for n in ranked[:top]]
    by_class: dict[str, list[str]] = {}
    for n in ranked:
        names = by_class.setdefault(graph.nodes[n]["cls"], [])
        if len(names) < top:
            names.append(label(graph, n))
    groups = []
    for i, c in enumerate(communities(graph, seed)):
        members = sorted(c, key=lambda n: (-scores[n]["pagerank"], label(graph, n)))
        groups.append({"community": i, "size": len(c), "members": [label(graph, n) for n in members[:top]]})
    comps = sorted((len(c) for c in nx.weakly_connected_components(graph)), reverse=True)
    relations = Counter(k for _, _, k in graph.edges(keys=True))
    return Report(graph.number_of_nodes(), graph.number_of_edges(), dict(sorted(relations.items())), comps,
                  central, groups[:top], dict(sorted(by_class.items())))
