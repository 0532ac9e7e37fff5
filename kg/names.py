"""Matching keys of entity names, shared by extraction, the store and scoring.

Kept apart from :mod:`kg.extract` so the store side can mint entity IRIs
without importing spaCy.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.lexicon import entities as entity_lexicon

_NON_WORD = re.compile(r"[^\w&+]+")


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(entity_lexicon()["corporate_suffixes"])


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Matching key of a name: lower case, no punctuation, no corporate suffix.

    Examples
    --------
    >>> normalize("Microsoft Corp.")
    'microsoft'
    >>> normalize("  Jellyfish   Pictures ")
    'jellyfish pictures'
    >>> normalize("São Paulo")
    'sao paulo'
    """
    suffixes = _suffixes()
    folded = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in folded if not unicodedata.combining(c))
    words = name.replace("’", "'").split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in suffixes:
        words.pop()
    if words and words[0].lower() == "the":
        words = words[1:]
    text = " ".join(words).lower().rstrip(",")
    text = re.sub(r"'s$", "", text)
    return " ".join(w for w in _NON_WORD.sub(" ", text).split())
