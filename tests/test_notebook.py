"""The quickstart notebook runs clean from a fresh clone."""
from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from tests.conftest import ROOT


def test_quickstart_notebook_executes():
    nb = nbformat.read(ROOT / "notebooks" / "quickstart.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "OpenAI" in text and "Sam Altman" in text
    html = [o for o in outputs if o.output_type in {"execute_result", "display_data"} and "text/html" in o.get("data", {})]
    assert html and html[-1]["data"]["text/html"].startswith('<div class="kg-view"><iframe srcdoc=')
    # the analysis cells: Elon Musk reaches Microsoft through OpenAI (gold: foundedBy, partnersWith)
    assert "OpenAI foundedBy Elon Musk" in text and "Microsoft partnersWith OpenAI" in text and "community 0:" in text
    errors = [o for o in outputs if o.output_type == "stream" and o.get("name") == "stderr"]
    assert not errors, errors  # runs clean: no warnings either
