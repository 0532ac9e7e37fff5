r"""Datelines, press-wire headers and ticker symbols: blanked before parsing, offsets kept.

"DENVER--(BUSINESS WIRE)--Acme Robotics, a ..." puts a city, a wire
service and the first party of the story into one run of capitalised words,
which spaCy's NER reads as one organisation; "NEW YORK (AP) —" makes the news
agency look located in the city the story was filed from; "Acme (NYSE: ACME)"
makes the exchange look like a party. Each is replaced by spaces of the same
length, so the parse starts at the story's first word and every offset into the
text still holds. A press-wire header keeps its place, on a line of its own: a
release is datelined where its issuer is based
(:func:`kg.extract.relations.wire_dateline_candidates`).
"""
from __future__ import annotations

from functools import lru_cache

from kg.lexicon import datelines
from kg.lexicon import entities as entity_lexicon

@lru_cache(maxsize=2)
def _calendar_words(kind: str) -> frozenset[str]:
    return frozenset(entity_lexicon()["calendar_words"][kind])


def is_month(word: str) -> bool:
    """A month's name or abbreviation, full stop or not (kg/data/entities.json ``calendar_words``).

    >>> [is_month(w) for w in ("Feb", "Sept.", "March", "Marching", "Friday")]
    [True, True, True, False, False]
    """
    return word.lower().rstrip(".") in _calendar_words("months")


def is_calendar_word(word: str) -> bool:
    """A month or a day of the week ("Feb.", "Thursday"): a date's word, not a name.

    >>> [is_calendar_word(w) for w in ("Thursday", "Sept.", "Zorvik")]
    [True, True, False]
    """
    return is_month(word) or word.lower() in _calendar_words("weekdays")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every dateline or wire header at the start of a line of ``text``,
    and of every ticker parenthetical.

    >>> t = "NEW YORK (AP) — Acme plans to cut jobs."
    >>> [t[s:e] for s, e in dateline_spans(t)]
    ['NEW YORK (AP) — ']
    >>> dateline_spans("Microsoft (MSFT) said on Monday it would hire.")
    []
    >>> t = "Acme (NYSE: ACME) and Nordia (NORD.ST) agreed."
    >>> [t[s:e] for s, e in dateline_spans(t)]
    ['(NYSE: ACME)', '(NORD.ST)']
    """
    return [(s, e) for s, e, _ in _matches(text)]


def _matches(text: str) -> list[tuple[int, int, int | None]]:
    """``(start, end, end of the kept place or None)`` of every match, first pattern first."""
    spans: list[tuple[int, int, int | None]] = []
    for pattern in datelines():
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(s <= m.start() < e for s, e, _ in spans):
                keep = m.end("place") if "place" in pattern.groupindex and m.group("place") else None
                spans.append((m.start(), m.end(), keep))
    return sorted(spans)


def mask_datelines(text: str) -> str:
    r"""``text`` with its datelines replaced by spaces (same length, same offsets).

    >>> mask_datelines("NEW YORK (AP) — Acme plans to cut jobs")
    '                Acme plans to cut jobs'

    A press-wire header keeps the issuer's place, alone on its line:

    >>> mask_datelines("DENVER--(BUSINESS WIRE)--Acme Robotics is pleased")
    'DENVER\n                  Acme Robotics is pleased'
    """
    if "(" not in text and "—" not in text and "–" not in text and "--" not in text:
        return text  # every pattern needs one of these: most texts are left without a regex pass
    spans = _matches(text)
    if not spans:
        return text
    out, last = [], 0
    for s, e, keep in spans:
        out.append(text[last:s])
        if keep is not None:  # a press-wire header: the issuer's place stays, on a line of its own
            out.append(text[s:keep] + "\n" + " " * (e - keep - 1))
        else:
            out.append(" " * (e - s))
        last = e
    out.append(text[last:])
    return "".join(out)
