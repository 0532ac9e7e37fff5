from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The founding article and its 16 hand-annotated triples: the project's own data, kept with the tests.
SEED_GOLD = ROOT / "tests" / "data" / "seed-gold.jsonl"
EXAMPLES = ROOT / "examples" / "articles"
KG = [sys.executable, "-m", "kg.cli"]
ARTIFACTS = ROOT / "test-artifacts"


def run_kg(*args: str, cwd: Path | None = None, input: str | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the real CLI in a new process."""
    proc = subprocess.run([*KG, *args], cwd=cwd, input=input, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def nlp():
    from kg.extract.pipeline import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_record() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A store built from the example articles by `kg build` in its own process; returns the work dir."""
    work = tmp_path_factory.mktemp("built")
    run_kg("build", str(EXAMPLES), "--store", str(work / "kg-store"), check=True)
    return work


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), "Debian chromium is required for the browser tests: run scripts/ensure-chromium.sh"
    return path


def live_descendants(pid: int) -> set[int]:
    """Process ids below ``pid`` that are still running (zombies count as gone), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = process_state(int(entry.name))
            if info is not None and info[0] != "Z":
                parents[int(entry.name)] = info[1]
    found, frontier = set(), {pid}
    while frontier:
        children = {p for p, pp in parents.items() if pp in frontier} - found
        found |= children
        frontier = children
    return found


def process_state(pid: int) -> tuple[str, int] | None:
    """``(state letter, parent pid)`` of a process, or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def still_running(pids: set[int]) -> set[int]:
    return {p for p in pids if (s := process_state(p)) is not None and s[0] != "Z"}
