"""What kg checks in a SPARQL text before running it, and how it reports a syntax error.

* ``SERVICE`` sends part of a query to another server. Oxigraph would run it
  for any client, so a query could make kg (or ``kg serve``) contact any host;
  kg refuses it unless the user opts in (``--allow-service``).
* Oxigraph reports a syntax error as a position and the full list of tokens it
  expected, which can run to hundreds of characters; kg prints one line with
  the line, column, the text there and a hint.
"""
from __future__ import annotations

import re

from kg.errors import QueryError

# Strings (long and short, with escapes), IRIs and comments: what may hold the word SERVICE harmlessly.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)
# The keyword, not a variable (?service), a prefixed name (ex:service, service:x) or part of a word.
_SERVICE = re.compile(r"(?<![\w?$:.\-])SERVICE(?![\w:\-])", re.I)
_POSITION = re.compile(r"error at (\d+):(\d+)")


def uses_service(sparql: str) -> bool:
    """True when the query (or update) has a ``SERVICE`` clause.

    >>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?service ex:service "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_OPAQUE.sub(" ", sparql)))


def refuse_service(sparql: str, allow: bool = False, how: str = "--allow-service") -> None:
    """Raise :class:`QueryError` for a query with ``SERVICE`` unless ``allow``."""
    if not allow and uses_service(sparql):
        raise QueryError("the query uses SERVICE, which would send part of it to another server; kg does not "
                         f"contact other servers unless you allow it ({how})")


def syntax_message(sparql: str, error: BaseException, prefixes: dict | None = None) -> str:
    """One line for a SPARQL syntax error: where, the text there, and a hint.

    >>> print(syntax_message("SELECT ?x WHERE { ?x ?y }", SyntaxError("error at 1:26: expected one of LATERAL")))
    SPARQL syntax error at line 1, column 26, in 'SELECT ?x WHERE { ?x ?y }': check the text up to there: a triple pattern is subject, predicate and object, patterns are separated by '.', keywords and functions are spelt as in SPARQL 1.1, and brackets and quotes close
    """
    text = str(error).strip()
    m = _POSITION.search(text)
    if not m:
        return f"SPARQL syntax error: {text.splitlines()[0] if text else type(error).__name__}"
    line, col = int(m.group(1)), int(m.group(2))
    lines = sparql.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    before, after = here[: col - 1], here[col - 1:]
    snippet = (before[-30:].lstrip() + after[:10].rstrip()) or "(empty line)"
    where = f"SPARQL syntax error at line {line}, column {col}, in {snippet!r}"
    body = re.sub(r"(?is)^\s*((PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>|#[^\n]*)\s*)*", "", sparql)
    if "Prefix not found" in text:
        prefix = re.search(r"([A-Za-z_][\w.-]*)?:[\w.-]*$", before)
        name = (prefix.group(1) or "") if prefix else ""
        known = ", ".join(f"{p}:" for p in (prefixes or {}))
        hint = f"the prefix '{name}:' is not declared; add PREFIX {name}: <...>" + (f" (predeclared: {known})" if known else "")
    elif not re.match(r"(?i)(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", body):
        hint = "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX lines)"
    else:
        hint = ("check the text up to there: a triple pattern is subject, predicate and object, patterns are "
                "separated by '.', keywords and functions are spelt as in SPARQL 1.1, and brackets and quotes close")
    return f"{where}: {hint}"
