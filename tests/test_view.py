"""The HTML view in a real headless browser (Debian chromium via Playwright), fully offline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import chromium_path, run_kg

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        yield b
        b.close()


def open_view(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    attempts: list[str] = []
    problems: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            attempts.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=15000)
    return page, attempts, problems, dialogs


def test_example_view_offline(browser, built, artifacts):
    html = built / "graph.html"
    run_kg("viz", "-o", str(html), "--store", str(built / "kg-store"), check=True)
    text = html.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), "the page references a remote resource"
    assert not re.search(r"cdn\.|cdnjs|jsdelivr|unpkg|googleapis", text, re.I), "the page names a CDN"
    page, attempts, problems, _ = open_view(browser, html)
    assert page.evaluate("window.kgView.nodeView.length") == 16
    assert page.evaluate("window.kgView.edgeView.length") == 16
    legend = page.locator(".legend-item").all_inner_texts()
    assert any(x.startswith("CloudProduct") for x in legend) and any(x.startswith("Founder") for x in legend)
    # search narrows the view, a class filter hides a class
    page.fill("#search", "azure")
    assert page.evaluate("window.kgView.nodeView.length") == 5
    page.fill("#search", "")
    page.locator(".legend-item[data-cls='Place']").click()
    assert page.evaluate("window.kgView.nodeView.length") == 14
    page.locator(".legend-item[data-cls='Place']").click()
    # clicking a node shows its evidence
    pos = page.evaluate("""(() => { const n = window.kgView.nodes.get().find(x => x.label === 'Harry Shum');
        const p = window.kgView.network.canvasToDOM(window.kgView.network.getPositions([n.id])[n.id]); return p; })()""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert "Harry Shum" in page.inner_text("#details") and "executive vice president" in page.inner_text("#details")
    page.screenshot(path=str(artifacts / "example-view.png"))
    assert attempts == [], f"network requests attempted: {attempts}"
    assert problems == [], problems


def test_untrusted_names_are_not_executed(browser, tmp_path):
    evil = '<img src=x onerror="window.pwned=1;alert(1)">'
    article = tmp_path / "evil.txt"
    article.write_text(
        f'Microsoft has partnered with Evil{evil} Labs.\n\n'
        'Google acquired "onmouseover=alert(2) Corp</script><script>window.pwned=2</script>.\n',
        encoding="utf-8",
    )
    store = tmp_path / "s"
    run_kg("build", str(article), "--store", str(store), check=True)
    html = tmp_path / "evil.html"
    run_kg("viz", "-o", str(html), "--store", str(store), check=True)
    text = html.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in text and "<img src=x" not in text
    page, attempts, problems, dialogs = open_view(browser, html)
    page.wait_for_timeout(300)
    nodes = page.evaluate("window.kgView.nodes.get().map(n => n.label)")
    assert any("<" in n or "onmouseover" in n for n in nodes), f"the hostile names should appear as text: {nodes}"
    for n in range(page.evaluate("window.kgView.nodes.length")):
        page.evaluate(f"window.kgView.network.selectNodes([window.kgView.nodes.getIds()[{n}]])")
        # open the evidence panel for every entity: names, sentences and titles land in the DOM as text
        page.evaluate(f"window.kgView.network.body.emitter.emit('click', {{ nodes: [window.kgView.nodes.getIds()[{n}]], edges: [] }})")
        assert page.evaluate("document.querySelectorAll('#side img, #side script, [onmouseover], [onerror]').length") == 0
    options = page.locator("#article option").all_inner_texts()
    assert any("<img src=x" in o for o in options), options  # the hostile title is shown, as text
    page.fill("#search", "evil")
    assert page.evaluate("window.kgView.nodeView.length") >= 1
    assert page.evaluate("window.pwned") is None
    assert dialogs == [] and attempts == []


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory):
    """The founding article plus the dated 2023 update, viewed as one page."""
    from tests.conftest import EXAMPLES, ROOT

    work = tmp_path_factory.mktemp("two")
    store = work / "s"
    run_kg("build", str(EXAMPLES), str(ROOT / "examples" / "updates"), "--store", str(store), check=True)
    run_kg("viz", "-o", str(work / "view.html"), "--store", str(store), check=True)
    return work, store


def sparql_count(store: Path, where: str) -> int:
    out = run_kg("query", f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {where} }} }} }}",
                 "--format", "json", "--store", str(store), check=True).stdout
    import json

    return int(json.loads(out)["results"]["bindings"][0]["n"]["value"])


FACT = "?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?c ; prov:wasDerivedFrom ?art . "


def test_relation_article_and_confidence_filters(browser, two_articles, seed_record):
    work, store = two_articles
    page, attempts, problems, _ = open_view(browser, work / "view.html")
    total = page.evaluate("window.kgView.edgeView.length")
    assert total == sparql_count(store, FACT)
    # relation filter: hiding "offers" drops its facts and the entities only an offer linked (from the gold triples)
    offers = [t for t in seed_record["triples"] if t["relation"] == "offers"]
    only_offered = {t["object"] for t in offers} - {x for t in seed_record["triples"] if t["relation"] != "offers"
                                                   for x in (t["subject"], t["object"])}
    nodes_before = page.evaluate("window.kgView.nodeView.length")
    page.locator(".legend-item[data-relation='offers']").click()
    assert page.evaluate("window.kgView.edgeView.length") == total - len(offers)
    shown = set(page.evaluate("window.kgView.nodeView.get().map(n => n.label)"))
    assert not shown & only_offered and page.evaluate("window.kgView.nodeView.length") == nodes_before - len(only_offered)
    page.locator(".legend-item[data-relation='offers']").click()
    assert page.evaluate("window.kgView.edgeView.length") == total
    # article filter: only the facts the 2023 article supports (counted by SPARQL, not by the page)
    update = page.evaluate("window.kgView.articles.findIndex(a => (a.date || '') === '2023-01-23')")
    assert update >= 0
    page.select_option("#article", str(update))
    in_update = sparql_count(store, FACT + "?art dcterms:date ?d . FILTER(STR(?d) = '2023-01-23')")
    assert 0 < in_update < total and page.evaluate("window.kgView.edgeView.length") == in_update
    page.select_option("#article", "")
    # minimum confidence: facts whose best evidence reaches 0.85
    page.locator("#confidence").fill("0.85")
    strong = sparql_count(store, "{ SELECT ?s ?p ?o (MAX(?c) AS ?m) WHERE { " + FACT + "} GROUP BY ?s ?p ?o } FILTER(?m >= 0.85)")
    assert 0 < strong < total and page.evaluate("window.kgView.edgeView.length") == strong
    assert page.inner_text("#conf-value") == "0.85"
    page.locator("#confidence").fill("0")
    # clicking a fact of the update shows its article title and date
    eid = page.evaluate("""window.kgView.edges.get().find(e => e.evidence.some(x => x.article === %d)).id""" % update)
    page.evaluate(f"window.kgView.network.selectEdges(['{eid}'])")
    page.evaluate(f"""window.kgView.network.body.emitter.emit('click', {{ nodes: [], edges: ['{eid}'] }})""")
    details = page.inner_text("#details")
    assert "2023-01-23" in details and "Microsoft and OpenAI extend their partnership" in details
    assert attempts == [] and problems == []


def test_colour_by_community_and_size_by_centrality(browser, two_articles):
    work, store = two_articles
    import json

    report = json.loads(run_kg("analyze", "--json", "--store", str(store), check=True).stdout)
    page, attempts, problems, _ = open_view(browser, work / "view.html")
    before = set(page.evaluate("window.kgView.nodes.get().map(n => n.color)"))
    page.check("#by-community")
    after = page.evaluate("window.kgView.nodes.get().map(n => n.color)")
    assert set(after) != before and len(set(after)) == len(report["communities"])
    assert len(page.locator("#community-legend .legend-item").all()) == len(report["communities"])
    sizes = page.evaluate("Object.fromEntries(window.kgView.nodes.get().map(n => [n.label, n.size]))")
    central = report["central"][0]["entity"]
    assert sizes[central] == max(sizes.values())  # the top-PageRank entity is drawn biggest
    page.uncheck("#by-community")
    assert set(page.evaluate("window.kgView.nodes.get().map(n => n.color)")) == before
    assert attempts == [] and problems == []


def test_viz_around_and_top_draw_a_part(tmp_path, built, seed_record):
    store = str(built / "kg-store")
    out = run_kg("viz", "-o", str(tmp_path / "a.html"), "--around", "Azure", "--depth", "1", "--store", store, check=True).stdout
    near = {t["subject"] for t in seed_record["triples"] if t["object"] == "Azure"}
    assert f"{len(near) + 1} entities" in out  # Azure and the gold entities one fact away
    out = run_kg("viz", "-o", str(tmp_path / "t.html"), "--top", "3", "--store", store, check=True).stdout
    assert out.strip().endswith("3 entities, 3 facts")  # Microsoft, OpenAI, Azure and the three facts among them (gold)
    bad = run_kg("viz", "-o", str(tmp_path / "x.html"), "--around", "Nobody", "--store", store)
    assert bad.returncode == 1 and "no entity named 'Nobody'" in bad.stderr
