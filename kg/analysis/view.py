"""Offline, single-file HTML view of the graph: pyvis data, our own template.

pyvis builds the vis-network node and edge records; the page is rendered
through ``kg/templates/view.html`` instead of pyvis' own templates, because
those load Bootstrap or vis-network from a CDN. vis-network's script and CSS
(shipped inside the pyvis package) are inlined, so the file works with no
network and can be mailed as is.

Untrusted article text never reaches the page as markup: all data travels in
one JSON block with ``<``, ``>`` and ``&`` escaped, tooltips and the evidence
panel are built with ``textContent``, and vis-network draws labels on a canvas.
"""
from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from kg.analysis.analytics import centrality, community_of, neighborhood, top_nodes, undirected
from kg.analysis.graph import to_networkx
from kg.store.embedded import KGStore

CLASS_COLORS = {
    "Company": "#1f77b4",
    "Organization": "#6baed6",
    "Person": "#ff7f0e",
    "Founder": "#d62728",
    "Product": "#2ca02c",
    "CloudProduct": "#17becf",
    "Place": "#9467bd",
}
VIS_VERSION = "vis-9.1.2"


def _vis_asset(name: str) -> str:
    base = Path(pyvis.__file__).parent / "templates" / "lib" / VIS_VERSION
    return (base / name).read_text(encoding="utf-8")


def safe_json(data: object) -> str:
    """JSON that can sit inside a ``<script>`` element whatever strings it holds.

    >>> safe_json({"name": "</script><script>alert(1)</script>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


COMMUNITY_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                    "#9c755f", "#bab0ac", "#86bcb6", "#d37295"]
LARGE = 1000  # above this many entities the page draws straight, unlabelled edges (labels on hover)


def layout(graph: nx.MultiDiGraph, groups: dict[str, int] | None = None, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Precomputed positions, so the browser draws at once with physics off.

    Small graphs get a spring layout. Larger ones are laid out community by
    community (a spring layout inside each, communities packed on a spiral,
    largest in the middle): seconds for 5,000 entities where one global spring
    layout takes about 15 s here, and related entities still sit together.

    >>> from kg.analysis.graph import from_facts
    >>> pos = layout(from_facts([("A", "Company", "partnersWith", "B", "Company")]))
    >>> len(pos), all(isinstance(v, float) for xy in pos.values() for v in xy)
    (2, True)
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    simple = undirected(graph)
    if n <= 300:
        pos = nx.spring_layout(simple, seed=seed, iterations=50)
        scale = 120 * math.sqrt(n) + 200
        return {k: (float(x) * scale, float(y) * scale) for k, (x, y) in pos.items()}
    groups = groups if groups is not None else community_of(graph, seed)
    members: dict[int, list[str]] = {}
    for node in graph:
        members.setdefault(groups.get(node, -1), []).append(node)
    out: dict[str, tuple[float, float]] = {}
    placed_area = 0.0
    golden = math.pi * (3 - math.sqrt(5))
    for i, (_, nodes) in enumerate(sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0]))):
        radius = 60 * math.sqrt(len(nodes)) + 40
        # a spiral whose radius grows with the area already used keeps the groups apart
        dist = 0.0 if i == 0 else math.sqrt(placed_area / math.pi) + radius
        cx, cy = dist * math.cos(i * golden), dist * math.sin(i * golden)
        placed_area += math.pi * (radius * 1.15) ** 2
        if len(nodes) == 1:
            out[nodes[0]] = (cx, cy)
            continue
        sub = simple.subgraph(nodes)
        inner = nx.spring_layout(sub, seed=seed, iterations=30 if len(nodes) <= 500 else 10)
        for k, (x, y) in inner.items():
            out[k] = (cx + float(x) * radius, cy + float(y) * radius)
    return out


def view_data(graph: nx.MultiDiGraph, seed: int = 7) -> dict:
    """Node and edge records for the page, through pyvis' Network/Node/Edge.

    Nodes carry class, PageRank (their size), degree and community; edges
    carry relation, best confidence and every piece of evidence, pointing to
    the article table by index so long titles are stored once.
    """
    from pyvis.edge import Edge

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    scores = centrality(graph)
    groups = community_of(graph, seed)
    pos = layout(graph, groups, seed)
    top = max((v["pagerank"] for v in scores.values()), default=1.0) or 1.0
    for node, data in graph.nodes(data=True):
        x, y = pos.get(node, (0.0, 0.0))
        pr = scores[node]["pagerank"]
        net.add_node(
            node, label=data["label"], color=CLASS_COLORS.get(data["cls"], "#999999"), x=x, y=y, physics=False,
            size=round(8 + 32 * math.sqrt(pr / top), 2), cls=data["cls"], pagerank=round(pr, 5),
            degree=scores[node]["degree"], community=groups.get(node, -1),
        )
    articles: dict[str, int] = {}
    table: list[dict] = []
    for s, o, key, data in graph.edges(keys=True, data=True):
        evidence = []
        for ev in sorted(data["evidence"], key=lambda e: -e["confidence"]):
            if ev["article"] not in articles:
                articles[ev["article"]] = len(table)
                table.append({"id": ev["article"], "title": ev.get("title"), "date": ev.get("date")})
            evidence.append({"sentence": ev["sentence"], "confidence": round(ev["confidence"], 3), "rule": ev["rule"],
                             "article": articles[ev["article"]]})
        # Edge records straight from pyvis' Edge: Network.add_edge scans the node list per edge (minutes at 10k).
        net.edges.append(Edge(s, o, True, relation=key, confidence=round(data["confidence"], 3), evidence=evidence).options)
    nodes, edges, *_ = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "articles": table,
            "classes": dict(CLASS_COLORS), "communities": COMMUNITY_COLORS,
            "large": len(nodes) > LARGE}


def render(graph: nx.MultiDiGraph, title: str = "kg knowledge graph") -> str:
    """The complete offline HTML page for a graph projection."""
    data = view_data(graph)
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(resources.files("kg.templates").joinpath("view.html").read_text(encoding="utf-8"))
    return template.render(
        title=title,
        data_json=jinja2.utils.markupsafe.Markup(safe_json(data)),
        vis_js=jinja2.utils.markupsafe.Markup(_vis_asset("vis-network.min.js").replace("</script", "<\\/script")),
        vis_css=jinja2.utils.markupsafe.Markup(_vis_asset("vis-network.css")),
        node_count=len(data["nodes"]),
        edge_count=len(data["edges"]),
    )


def select(graph: nx.MultiDiGraph, around: str | None = None, depth: int = 2, top: int | None = None) -> nx.MultiDiGraph:
    """The part of the graph to draw: the neighbourhood of ``around``, then the ``top`` most central entities."""
    if around is not None:
        graph = neighborhood(graph, around, depth)
    if top is not None:
        graph = top_nodes(graph, top)
    return graph


def inline(graph: nx.MultiDiGraph, height: int = 600, title: str = "kg knowledge graph"):
    """The view for a Jupyter output cell: the same offline page inside an ``<iframe srcdoc>``.

    The page is HTML-escaped into the attribute, so nothing in it runs in the notebook's own document.
    """
    import html

    from IPython.display import HTML

    page = render(graph, title)
    return HTML(
        # In a <div>: IPython warns about HTML that starts with <iframe> (it would rather load a URL, which we lack).
        f'<div class="kg-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>'
    )


def write_view(store: KGStore, path: str | Path, title: str = "kg knowledge graph", around: str | None = None,
               depth: int = 2, top: int | None = None) -> tuple[Path, int, int]:
    """Write the HTML view of the store (or of :func:`select`'s part of it) to ``path``; return (path, nodes, edges)."""
    graph = select(to_networkx(store), around, depth, top)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(graph, title), encoding="utf-8")
    return path, graph.number_of_nodes(), graph.number_of_edges()
