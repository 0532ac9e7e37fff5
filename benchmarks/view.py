"""How fast a big graph view opens: build the page in Python, draw it in headless Chromium.

    python benchmarks/view.py [--sizes 1000 5000] [--write docs/benchmarks.md]

For each size N, generates a fact graph of N entities and 2N facts shaped like
kg's (classes, relations, one evidence sentence per fact from one of N/10
articles; a few hubs and loose industry clusters), then measures:

* Python: ``kg.analysis.view.render`` (PageRank, Louvain, precomputed layout, pyvis
  records, page) and the HTML size;
* the browser (Debian ``chromium`` through Playwright, every non-file request
  blocked and counted): from navigation to the first complete drawing
  (``window.kgView.ready``), then a search and a minimum-confidence filter,
  each from the input event until vis-network has redrawn.

The page must draw all N entities and 2N facts with zero network requests and
no console errors, or the run stops.
"""
from __future__ import annotations

import argparse
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from markdown_section import publish, rerun_args

from kg.analysis.view import render

START, END = "<!-- view:start -->", "<!-- view:end -->"
RELATIONS = [("partnersWith", "Company", "Company"), ("offers", "Company", "CloudProduct"),
             ("usesProduct", "Company", "CloudProduct"), ("worksFor", "Person", "Company"),
             ("foundedBy", "Company", "Founder"), ("locatedIn", "Company", "Place"), ("acquired", "Company", "Company"),
             ("investsIn", "Company", "Company")]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def generate(n_nodes: int, seed: int = 11) -> nx.MultiDiGraph:
    """N entities, 2N facts: clusters of ~50 with most facts inside a cluster, a few hubs everyone links to."""
    rng = random.Random(seed)
    classes = {"Company": 0.5, "CloudProduct": 0.15, "Person": 0.15, "Founder": 0.05, "Place": 0.15}
    names = {cls: [] for cls in classes}
    g = nx.MultiDiGraph()
    cluster: dict[str, int] = {}
    for i in range(n_nodes):
        cls = rng.choices(list(classes), weights=list(classes.values()))[0]
        node = f"https://w3id.org/kg/entity/e{i}"
        g.add_node(node, label=f"{cls} {i}", cls=cls, evidence=0)
        names[cls].append(node)
        cluster[node] = i // 50
    n_articles = max(n_nodes // 10, 1)
    made = 0
    while made < 2 * n_nodes:
        rel, s_cls, o_cls = rng.choice(RELATIONS)
        s = rng.choice(names[s_cls])
        pool = [x for x in names[o_cls] if cluster[x] == cluster[s]] if rng.random() < 0.8 else []
        o = rng.choice(pool or names[o_cls][:10] if rng.random() < 0.3 else pool or names[o_cls])
        if s == o or g.has_edge(s, o, key=rel):
            continue
        art = rng.randrange(n_articles)
        conf = round(rng.uniform(0.4, 0.95), 3)
        ev = {"sentence": f"{g.nodes[s]['label']} {rel} {g.nodes[o]['label']}, the article says at some length.",
              "confidence": conf, "rule": "verb:bench", "article": f"https://w3id.org/kg/article/a{art}",
              "title": f"Article {art}", "date": f"2024-{1 + art % 12:02d}-{1 + art % 28:02d}"}
        g.add_edge(s, o, key=rel, relation=rel, confidence=conf, evidence=[ev])
        g.nodes[s]["evidence"] += 1
        g.nodes[o]["evidence"] += 1
        made += 1
    return g


def chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        sys.exit("Debian chromium is required: apt-get install chromium (or scripts/ensure-chromium.sh)")
    return path


def measure(browser, html: Path, nodes: int, edges: int) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    attempts: list[str] = []
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else (attempts.append(r.request.url), r.abort()))
    t0 = time.perf_counter()
    page.goto(html.as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000, polling=20)
    first_draw = time.perf_counter() - t0
    shown = page.evaluate("[window.kgView.nodeView.length, window.kgView.edgeView.length]")
    assert shown == [nodes, edges], f"drew {shown}, expected {[nodes, edges]}"

    def interaction(js: str) -> float:
        # (an evaluate that returns the promise would wait for it here, before the input happens)
        page.evaluate("() => { window.__t = new Promise(r => window.kgView.network.once('afterDrawing', () => r(performance.now()))); }")
        start = page.evaluate(f"(() => {{ const t = performance.now(); {js}; window.kgView.network.redraw(); return t; }})()")
        end = page.evaluate("window.__t")
        return (end - start) / 1000

    search = interaction("const s = document.getElementById('search'); s.value = 'company 1'; "
                         "s.dispatchEvent(new Event('input'))")
    searched = page.evaluate("window.kgView.nodeView.length")
    assert 0 < searched < nodes, searched
    confidence = interaction("const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); "
                             "const c = document.getElementById('confidence'); c.value = '0.8'; c.dispatchEvent(new Event('input'))")
    filtered = page.evaluate("window.kgView.edgeView.length")
    assert 0 < filtered < edges, filtered
    assert attempts == [], f"network requests attempted: {attempts}"
    assert problems == [], problems
    page.close()
    return {"first_draw": first_draw, "search": search, "confidence": confidence}


def render_lines(rows: list[dict], argv: str) -> str:
    lines = [START, "", "## Graph view at scale", "",
             f"Command: `python benchmarks/view.py {argv}` (Python {platform.python_version()}, {platform.machine()}; "
             "headless Debian chromium via Playwright, network blocked; generated graphs of N entities and 2N facts).", "",
             "| entities | facts | HTML size | build page (Python: PageRank, communities, layout, records) | "
             "open to first full drawing (browser) | search, input to redraw | confidence filter, input to redraw |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['bytes'] / 1e6:.1f} MB | {r['build']:.2f} s | "
                     f"{r['first_draw']:.2f} s | {r['search'] * 1000:.0f} ms | {r['confidence'] * 1000:.0f} ms |")
    lines += ["", "Target (issue 5): 5,000 entities and 10,000 edges drawn and interactive within 5 s in headless "
              "Chromium. For comparison, pyvis' own page with physics on took 336 s for 5,000 nodes on this machine.",
              "", END]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--write", default=None, help="Markdown file whose view section is replaced")
    args = ap.parse_args()
    rows = []
    work = Path(tempfile.mkdtemp(prefix="kg-view-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        for n in args.sizes:
            g = generate(n)
            t0 = time.perf_counter()
            page = render(g, f"benchmark {n}")
            build = time.perf_counter() - t0
            html = work / f"view-{n}.html"
            html.write_text(page, encoding="utf-8")
            row = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "bytes": len(page.encode("utf-8")), "build": build}
            row.update(measure(browser, html, row["nodes"], row["edges"]))
            print(row, file=sys.stderr)
            rows.append(row)
        browser.close()
    publish(render_lines(rows, rerun_args(args.write)), args.write, START, END)


if __name__ == "__main__":
    main()
