"""SPARQL over the store, and formatting of results for people and programs."""
from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError
from kg.store.rdf import PREFIXES
from kg.store.sparql import refuse_service, syntax_message
from kg.store.embedded import KGStore, plain

FORMATS = ("table", "csv", "json")


def run(store: KGStore, sparql: str, allow_service: bool = False) -> Result:
    """Run a SPARQL query over the union of all article graphs.

    The prefixes ``kg:``, ``kge:`` (entities), ``kga:`` (articles), ``rdf:``,
    ``rdfs:``, ``skos:``, ``prov:``, ``dcterms:`` and ``xsd:`` are predeclared.
    A ``SERVICE`` clause (which would contact another server) is refused unless
    ``allow_service``.

    Raises
    ------
    QueryError
        On a syntax error (one line: where, the text there, a hint), a refused
        ``SERVICE`` or a failing query.
    """
    if not sparql.strip():
        raise QueryError("empty SPARQL query; expected e.g. SELECT ?s WHERE { ?s kg:partnersWith ?o }")
    refuse_service(sparql, allow_service, "kg query --allow-service")
    try:
        result = store.query(sparql)
        if result.type == "SELECT":
            result.bindings = list(result.bindings)  # force evaluation so errors surface here
        return result
    except SyntaxError as exc:
        raise QueryError(syntax_message(sparql, exc, PREFIXES)) from None
    except (ValueError, OSError, NotImplementedError) as exc:
        raise QueryError(f"SPARQL query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in PREFIXES.items():
            if s.startswith(str(ns)):
                return f"{prefix}:{s[len(str(ns)):]}"
        return s
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT result as display strings."""
    names = [str(v) for v in result.vars or []]
    out = [[_short(row[i]) if i < len(row) else "" for i in range(len(names))] for row in result]
    return names, out


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as an aligned table, CSV or SPARQL 1.1 JSON."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format '{fmt}'; expected one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" else str(bool(result.askAnswer)).lower()
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        return _json(result)
    names, body = rows(result)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        w.writerows(body)
        return buf.getvalue().rstrip("\n")
    widths = [max([len(n)] + [len(r[i]) for r in body]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    parts = [line(names), line(["-" * w for w in widths])] + [line(r) for r in body]
    parts.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(parts)


def _json(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    bindings = []
    for row in result:
        b = {}
        for name, term in zip(names, row):
            if term is None:
                continue
            term = plain(term)
            if isinstance(term, URIRef):
                b[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                b[name] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                d = {"type": "literal", "value": str(term)}
                if term.language:
                    d["xml:lang"] = term.language
                elif term.datatype:
                    d["datatype"] = str(term.datatype)
                b[name] = d
        bindings.append(b)
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
