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
    assert page.evaluate("window.pwned") is None
    assert dialogs == [] and attempts == []
