"""Loading of the data files in ``kg/data`` (lexicons, trigger patterns, boilerplate)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_json(name: str) -> dict[str, Any]:
    """Parse a JSON data file shipped in ``kg/data``."""
    return json.loads(_read(name))


def entities() -> dict[str, Any]:
    return load_json("entities.json")


def relations() -> dict[str, Any]:
    return load_json("relations.json")


def demonyms() -> dict[str, str]:
    """Nationality adjective -> place name ("Swedish" -> "Sweden")."""
    return load_json("demonyms.json")["demonyms"]


def country_abbreviations() -> dict[str, str]:
    """Abbreviation -> country, union or U.S. state name ("U.S." -> "United States", "Fla." -> "Florida")."""
    data = load_json("demonyms.json")
    return {**data["abbreviations"], **data["region_abbreviations"]}


@lru_cache(maxsize=1)
def postal_codes() -> dict[str, str]:
    """Two-letter U.S. state and Canadian province code -> name ("WI" -> "Wisconsin"), a place only after "City, "."""
    return dict(load_json("demonyms.json")["postal_codes"])


@lru_cache(maxsize=1)
def boilerplate() -> tuple[re.Pattern[str], ...]:
    """Regular expressions of page boilerplate lines (comment boxes, share buttons)."""
    lines = [ln.strip() for ln in _read("boilerplate.txt").splitlines()]
    return tuple(re.compile(ln, re.IGNORECASE) for ln in lines if ln and not ln.startswith("#"))


@lru_cache(maxsize=1)
def datelines() -> tuple[re.Pattern[str], ...]:
    """Regular expressions of datelines and press-wire headers at a line's start (multi-line, verbose)."""
    text = "\n".join(ln for ln in _read("datelines.txt").splitlines() if not ln.lstrip().startswith("#"))
    return tuple(re.compile(part, re.MULTILINE | re.VERBOSE) for part in text.split("\n%%\n") if part.strip())
