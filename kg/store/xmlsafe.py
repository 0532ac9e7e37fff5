"""Characters XML 1.0 forbids, for the XML exports (RDF/XML, GraphML, GEXF).

Article text is untrusted and may hold control characters (U+0000-U+001F but
tab, newline and carriage return; U+FFFE, U+FFFF). Turtle, N-Triples and JSON
escape them; XML 1.0 cannot carry them at all, not even as character
references. The XML exports replace each with U+FFFD and count them, so the
CLI can say how many it replaced.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def xml_safe(text: str, counter: list[int] | None = None) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD; ``counter[0]`` counts them.

    >>> xml_safe("a\\x01b\\tc")
    'a\\ufffdb\\tc'
    """
    out, n = _FORBIDDEN.subn(REPLACEMENT, text)
    if counter is not None:
        counter[0] += n
    return out


def xml_safe_triples(triples: Iterable[ox.Triple], counter: list[int]) -> Iterator[ox.Triple]:
    """pyoxigraph triples with their literals made XML-safe."""
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and _FORBIDDEN.search(o.value):
            value = xml_safe(o.value, counter)
            o = ox.Literal(value, language=o.language) if o.language else ox.Literal(value, datatype=o.datatype)
            t = ox.Triple(t.subject, t.predicate, o)
        yield t
