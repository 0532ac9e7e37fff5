"""Replacing one generated section of docs/benchmarks.md, leaving the others alone."""
from __future__ import annotations

import re
from pathlib import Path


def replace_section(path: str | Path, start: str, end: str, section: str) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in place of the old one, or append it."""
    target = Path(path)
    old = target.read_text(encoding="utf-8") if target.exists() else "# Benchmarks\n"
    if start in old and end in old:
        new = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: section, old, flags=re.S)
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    target.write_text(new, encoding="utf-8")


def rerun_args(write: str | None) -> str:
    """This run's arguments as they belong in the published command (``--write`` always names docs/benchmarks.md)."""
    import sys

    argv = " ".join(a for a in sys.argv[1:] if a not in {"--write", write or ""}).strip()
    return (argv + " --write docs/benchmarks.md").strip() if write else argv


def publish(section: str, write: str | None, start: str, end: str) -> None:
    """Print the section and, with ``--write FILE``, replace its old copy in FILE."""
    print(section)
    if write:
        replace_section(write, start, end, section)
