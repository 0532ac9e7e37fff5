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

from kg.graph import to_networkx
from kg.store import KGStore

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


def layout(graph: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Precomputed positions, so the browser draws at once with physics off."""
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    simple = nx.Graph(graph.to_undirected()) if graph.is_multigraph() else graph.to_undirected()
    iterations = 50 if n <= 1000 else 15
    pos = nx.spring_layout(simple, seed=seed, iterations=iterations)
    scale = 120 * math.sqrt(n) + 200
    return {k: (float(x) * scale, float(y) * scale) for k, (x, y) in pos.items()}


def build_network(graph: nx.MultiDiGraph) -> Network:
    """vis-network records for the graph, through pyvis."""
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    pos = layout(graph)
    for node, data in graph.nodes(data=True):
        x, y = pos.get(node, (0.0, 0.0))
        net.add_node(
            node, label=data["label"], title=f"{data['label']} ({data['cls']})",
            color=CLASS_COLORS.get(data["cls"], "#999999"), x=x, y=y, physics=False,
            size=10 + 3 * math.log1p(data.get("evidence", 0)), cls=data["cls"],
        )
    for s, o, key, data in graph.edges(keys=True, data=True):
        top = max(data["evidence"], key=lambda e: e["confidence"])
        net.add_edge(
            s, o, label=key, title=top["sentence"], relation=key, confidence=round(data["confidence"], 3),
            evidence=data["evidence"], arrows="to",
        )
    net.toggle_physics(False)
    return net


def render(graph: nx.MultiDiGraph, title: str = "kg knowledge graph") -> str:
    """The complete offline HTML page for a graph projection."""
    net = build_network(graph)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(resources.files("kg.templates").joinpath("view.html").read_text(encoding="utf-8"))
    data = {
        "nodes": nodes,
        "edges": edges,
        "classes": {c: CLASS_COLORS[c] for c in CLASS_COLORS},
        "options": json.loads(options),
    }
    return template.render(
        title=title,
        data_json=jinja2.utils.markupsafe.Markup(safe_json(data)),
        vis_js=jinja2.utils.markupsafe.Markup(_vis_asset("vis-network.min.js").replace("</script", "<\\/script")),
        vis_css=jinja2.utils.markupsafe.Markup(_vis_asset("vis-network.css")),
        node_count=len(nodes),
        edge_count=len(edges),
    )


def inline(graph: nx.MultiDiGraph, height: int = 600, title: str = "kg knowledge graph"):
    """The view for a Jupyter output cell: the same offline page inside an ``<iframe srcdoc>``.

    The page is HTML-escaped into the attribute, so nothing in it runs in the notebook's own document.
    """
    import html

    from IPython.display import HTML

    page = render(graph, title)
    return HTML(
        f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        'sandbox="allow-scripts"></iframe>'
    )


def write_view(store: KGStore, path: str | Path, title: str = "kg knowledge graph") -> tuple[Path, int, int]:
    """Write the HTML view of the store to ``path``; return (path, nodes, edges)."""
    graph = to_networkx(store)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(graph, title), encoding="utf-8")
    return path, graph.number_of_nodes(), graph.number_of_edges()
