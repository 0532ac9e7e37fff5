"""Where a fact comes from: the articles, sentences, offsets, rules and confidences behind it."""
from __future__ import annotations

from dataclasses import dataclass

from kg.errors import QueryError
from kg.ontology import KG, RELATIONS, SYMMETRIC
from kg.store.rdf import entity_iri
from kg.store.embedded import KGStore

WHY_QUERY = """
PREFIX kg: <{kg}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?article ?id ?title ?source ?date ?sentence ?start ?end ?rule ?confidence ?s ?o WHERE {{
  VALUES (?s ?o) {{ {pairs} }}
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate <{predicate}> ; rdf:object ?o ;
     prov:wasDerivedFrom ?article ; kg:sentence ?sentence ; kg:startChar ?start ; kg:endChar ?end ;
     kg:rule ?rule ; kg:confidence ?confidence .
  OPTIONAL {{ ?article dcterms:identifier ?id }}
  OPTIONAL {{ ?article dcterms:title ?title }}
  OPTIONAL {{ ?article dcterms:source ?source }}
  OPTIONAL {{ ?article dcterms:date ?date }}
}}
ORDER BY DESC(?confidence) ?id ?start
"""


@dataclass(frozen=True)
class Support:
    """One piece of evidence for a fact."""

    article: str
    title: str | None
    source: str | None
    date: str | None
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


def why(store: KGStore, subject: str, relation: str, obj: str) -> list[Support]:
    """Every piece of evidence for ``subject relation object``, most confident first.

    Names are matched the way kg merges entities (case, punctuation and
    corporate suffix ignored), so "Microsoft Corp." finds Microsoft's facts.
    A symmetric relation is found in either direction.

    Examples
    --------
    >>> import tempfile
    >>> from kg.api import build
    >>> where = tempfile.mkdtemp()
    >>> _ = build(["examples/articles/azure-openai.txt"], store=where)
    >>> with KGStore(where, read_only=True) as store:
    ...     found = why(store, "Microsoft", "partnersWith", "OpenAI")
    >>> found[0].article, found[0].rule.startswith("verb:") or found[0].rule.startswith("noun:")
    ('azure-openai', True)
    """
    if relation not in RELATIONS:
        raise QueryError(f"unknown relation '{relation}'; expected one of: {', '.join(sorted(RELATIONS))}")
    s, o = entity_iri(subject), entity_iri(obj)
    pairs = f"(<{s}> <{o}>)" + (f" (<{o}> <{s}>)" if relation in SYMMETRIC else "")
    sparql = WHY_QUERY.format(kg=str(KG), pairs=pairs, predicate=str(KG[relation]))
    out: list[Support] = []
    seen: set[tuple] = set()
    for row in store.select(sparql):
        art = row["id"].value if row["id"] is not None else row["article"].value
        key = (art, int(row["start"].value), row["rule"].value)
        if key in seen:
            continue
        seen.add(key)
        out.append(Support(
            article=art,
            title=row["title"].value if row["title"] is not None else None,
            source=row["source"].value if row["source"] is not None else None,
            date=row["date"].value if row["date"] is not None else None,
            sentence=row["sentence"].value,
            start=int(row["start"].value),
            end=int(row["end"].value),
            rule=row["rule"].value,
            confidence=float(row["confidence"].value),
        ))
    return out


def format_support(subject: str, relation: str, obj: str, found: list[Support]) -> str:
    """Human-readable evidence listing for ``kg why``."""
    articles = {f.article for f in found}
    lines = [f"{subject} {relation} {obj}: {len(found)} piece(s) of evidence from {len(articles)} article(s)"]
    for f in found:
        where = f.article + (f" — {f.title}" if f.title else "") + (f" ({f.date})" if f.date else "")
        lines.append(f"- {where}")
        if f.source:
            lines.append(f"  source: {f.source}")
        lines.append(f"  chars {f.start}-{f.end}, rule {f.rule}, confidence {f.confidence:.3f}")
        lines.append(f"  \"{f.sentence}\"")
    return "\n".join(lines)
