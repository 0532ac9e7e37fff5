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


ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&]{1,9}")


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` ("AMD") is an abbreviation of ``long`` ("Advanced Micro Devices").

    The test of Schwartz and Hearst (2003) for abbreviation definitions: every
    letter and digit of the short form is found in the long form, right to left
    and in order, and its first one starts a word of the long form. The short form
    is one capitalised word holding at least two capitals, no longer than its
    long form, of fewer words than the long form has.

    Examples
    --------
    >>> abbreviates("AMD", "Advanced Micro Devices")
    True
    >>> abbreviates("ZCF", "Zorvik Children's Fund")
    True
    >>> abbreviates("TSLA", "Tesla")
    False
    >>> abbreviates("KMD", "Tarn Group")
    False
    """
    if not ACRONYM.fullmatch(short) or sum(c.isupper() for c in short) < 2:
        return False
    if len(long.split()) < 2 or len(short) >= len(long):
        return False
    s, k = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while k >= 0 and (long[k].lower() != c or (s == 0 and k > 0 and long[k - 1].isalnum())):
            k -= 1
        if k < 0:
            return False
        k -= 1
        s -= 1
    return True
