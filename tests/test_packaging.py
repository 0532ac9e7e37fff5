"""The built wheel works outside the repository: ontology, shapes, lexicons and template ship inside it."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import ROOT

CHECK = """
import pathlib, sys, kg, kg.ontology as o, kg.lexicon as lx
import kg.store.query, kg.store.serve, kg.store.export, kg.analysis.view, kg.extract.parallel
from importlib import resources
here = pathlib.Path(kg.__file__).resolve()
assert str(here).startswith(sys.argv[1]), here
assert o.ontology_path().is_file() and o.shapes_path().is_file()
assert o.signatures()["partnersWith"][0] == frozenset({"Organization"})
assert lx.relations()["verbs"] and lx.boilerplate()
assert resources.files("kg.templates").joinpath("view.html").is_file()
print("ok", here)
"""


def test_wheel_installs_and_runs_outside_the_repo(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, text=True, timeout=300)
    (wheel,) = wheels.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ["kg/ontologies/kg.ttl", "kg/ontologies/kg-shapes.ttl", "kg/data/relations.json",
                     "kg/data/entities.json", "kg/data/boilerplate.txt", "kg/templates/view.html"]:
        assert required in names, f"{required} missing from the wheel"
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([sys.executable, "-c", CHECK, str(target.resolve())], cwd=elsewhere, capture_output=True,
                          text=True, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")
