"""How kg keeps its RDF dataset: article graphs of evidence and one fact graph, in step.

Shared by the embedded store (:mod:`kg.store.embedded`) and the remote one
(:mod:`kg.store.remote`): both write an article with :func:`write_update` and
remove articles with :func:`remove_update`, each one SPARQL update request,
which Oxigraph (embedded or served) applies as one transaction.

The fact graph holds each type, label, alias and fact once. Writing an article
adds what it says (``INSERT`` is a set operation, so a fact stated again adds
nothing); replacing or removing one deletes from the fact graph each statement
the old version made that no article graph still supports. Support is looked
up in the evidence itself (an assertion for a fact, an entity mention for a
type or alias), so there are no counters to drift. An entity keeps the first
label it was given while any article still names it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.errors import StoreError
from kg.ingest import Article
from kg.model import Extraction
from kg.ontology import FACT_GRAPH, KG, SYMMETRIC
from kg.store.rdf import Contribution, article_iri, article_triples, contribution

F = f"<{FACT_GRAPH}>"
FACTS_QUERY = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {F} {{ ?s ?p ?o }} }}"
UNION_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_SYMMETRIC_IRIS = " ".join(f"<{KG[r]}>" for r in sorted(SYMMETRIC))


@dataclass
class AddResult:
    article: str
    status: str  # added | replaced | unchanged
    triples: int


@dataclass(frozen=True)
class ArticleRef:
    """A stored article: its named graph, id and source (file path or URL)."""

    graph: URIRef
    id: str
    source: str | None


def _nt(term) -> str:
    if isinstance(term, str) and not isinstance(term, (URIRef, Literal)):
        term = Literal(term)
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return Literal(str(term)).n3()
    return term.n3()


def _lines(triples: Iterable[tuple]) -> str:
    return "".join(f"{s.n3()} {p.n3()} {_nt(o)} .\n" for s, p, o in triples)


def _values(rows: Iterable[tuple]) -> str:
    return " ".join("(" + " ".join(_nt(t) for t in row) + ")" for row in sorted(rows))


def stored_contribution(store, graphs: Iterable[URIRef]) -> Contribution:
    """What the stored article graphs ``graphs`` add to the fact graph (read from their evidence).

    ``store`` is anything with ``select`` (pyoxigraph-like rows).
    """
    c = Contribution()
    graphs = sorted(set(graphs))
    if not graphs:
        return c
    values = " ".join(f"<{g}>" for g in graphs)
    for r in store.select(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?a a <{KG.Assertion}> ; "
        f"<{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o }} }}"
    ):
        c.facts.add((URIRef(r["s"].value), URIRef(r["p"].value), URIRef(r["o"].value)))
    for r in store.select(
        f"SELECT ?e ?t ?n ?alias WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?m a <{KG.EntityMention}> ; "
        f"<{KG.entity}> ?e ; <{KG.entityType}> ?t ; <{KG.name}> ?n OPTIONAL {{ ?m <{KG.alias}> ?alias }} }} }}"
    ):
        e = URIRef(r["e"].value)
        c.types.add((e, URIRef(r["t"].value)))
        c.names.setdefault(e, r["n"].value)
        c.aliases.add((e, r["n"].value))  # a name may be an alias in the fact graph
        if r["alias"] is not None:
            c.aliases.add((e, r["alias"].value))
    return c


def _add_statements(new: Contribution) -> list[str]:
    ops = []
    facts = list(new.fact_triples()) + [(e, RDF.type, t) for e, t in new.types]
    if facts:
        ops.append(f"INSERT DATA {{ GRAPH {F} {{\n{_lines(sorted(facts))}}} }}")
    if new.names:
        ops.append(
            f"INSERT {{ GRAPH {F} {{ ?e <{RDFS.label}> ?l }} }} WHERE {{ VALUES (?e ?l) {{ {_values(new.names.items())} }} "
            f"FILTER NOT EXISTS {{ GRAPH {F} {{ ?e <{RDFS.label}> ?x }} }} }}"
        )
        # every name and alias the article used, except the entity's label, is an alias
        aliases = set(new.aliases) | {(e, Literal(n)) for e, n in new.names.items()}
        aliases = {(e, Literal(str(a))) for e, a in aliases}
        ops.append(
            f"INSERT {{ GRAPH {F} {{ ?e <{SKOS.altLabel}> ?a }} }} WHERE {{ VALUES (?e ?a) {{ {_values(aliases)} }} "
            f"FILTER NOT EXISTS {{ GRAPH {F} {{ ?e <{RDFS.label}> ?a }} }} }}"
        )
    return ops


def _cleanup_statements(old: Contribution) -> list[str]:
    """Delete what ``old`` said that no article graph supports any more (run after the graphs changed)."""
    ops = []
    facts = old.fact_triples()
    if facts:
        ops.append(
            f"DELETE {{ GRAPH {F} {{ ?s ?p ?o }} }} WHERE {{ VALUES (?s ?p ?o) {{ {_values(facts)} }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o }} }} "
            f"FILTER (?p NOT IN ({_SYMMETRIC_IRIS.replace(' ', ', ')}) || NOT EXISTS {{ GRAPH ?g2 {{ "
            f"?b <{RDF.subject}> ?o ; <{RDF.predicate}> ?p ; <{RDF.object}> ?s }} }}) }}"
        )
    if old.types:
        ops.append(
            f"DELETE {{ GRAPH {F} {{ ?e a ?t }} }} WHERE {{ VALUES (?e ?t) {{ {_values(old.types)} }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?m <{KG.entity}> ?e ; <{KG.entityType}> ?t }} }} }}"
        )
    aliases = {(e, Literal(str(a))) for e, a in old.aliases} | {(e, Literal(n)) for e, n in old.names.items()}
    if aliases:
        ops.append(
            f"DELETE {{ GRAPH {F} {{ ?e <{SKOS.altLabel}> ?a }} }} WHERE {{ VALUES (?e ?a) {{ {_values(aliases)} }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?m <{KG.entity}> ?e ; <{KG.name}>|<{KG.alias}> ?a }} }} }}"
        )
    if old.entities:
        values = " ".join(f"<{e}>" for e in sorted(old.entities))
        # A label no remaining article uses gives way to one they do (the first in code-point order);
        # the old label stays an alias only where a mention still uses it.
        ops.append(
            f"DELETE {{ GRAPH {F} {{ ?e <{RDFS.label}> ?l }} }} INSERT {{ GRAPH {F} {{ ?e <{RDFS.label}> ?new }} }} "
            f"WHERE {{ {{ SELECT ?e (MIN(?n) AS ?new) WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?m <{KG.entity}> ?e ; "
            f"<{KG.name}> ?n }} }} GROUP BY ?e }} GRAPH {F} {{ ?e <{RDFS.label}> ?l }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?m2 <{KG.entity}> ?e ; <{KG.name}> ?l }} }} }}"
        )
        ops.append(
            f"DELETE {{ GRAPH {F} {{ ?e <{SKOS.altLabel}> ?l }} }} WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH {F} {{ ?e <{RDFS.label}> ?l ; <{SKOS.altLabel}> ?l }} }}"
        )
        ops.append(
            f"INSERT {{ GRAPH {F} {{ ?e <{SKOS.altLabel}> ?a }} }} WHERE {{ VALUES (?e ?a) {{ {_values(aliases)} }} "
            f"GRAPH ?g {{ ?m <{KG.entity}> ?e ; <{KG.name}>|<{KG.alias}> ?a }} "
            f"FILTER NOT EXISTS {{ GRAPH {F} {{ ?e <{RDFS.label}> ?a }} }} }}"
        )
        ops.append(
            f"DELETE {{ GRAPH {F} {{ ?e <{RDFS.label}> ?l }} }} WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH {F} {{ ?e <{RDFS.label}> ?l }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?m <{KG.entity}> ?e }} }} }}"
        )
    return ops


def write_update(store, article: Article, extraction: Extraction) -> tuple[str, int]:
    """The one SPARQL update that stores ``article`` (replacing an older version) and its triple count."""
    g = article_iri(article)
    old = stored_contribution(store, [g])
    body = _lines(article_triples(article, extraction))
    new = contribution(extraction)
    ops = [f"DROP SILENT GRAPH <{g}>", f"INSERT DATA {{ GRAPH <{g}> {{\n{body}}} }}"]
    ops += _add_statements(new)
    ops += _cleanup_statements(old)
    n = body.count("\n") + len(new.fact_triples()) + len(new.types)
    return " ;\n".join(ops), n


def remove_update(store, articles: list[ArticleRef]) -> str:
    """The one SPARQL update that deletes ``articles`` and every fact-graph statement only they supported."""
    old = stored_contribution(store, [a.graph for a in articles])
    ops = [f"DROP SILENT GRAPH <{a.graph}>" for a in articles] + _cleanup_statements(old)
    return " ;\n".join(ops)


def find_articles(store, ref: str) -> list[ArticleRef]:
    """The stored articles ``ref`` names, in any of the ways a user would name one.

    An article graph IRI, a URL, a file path (every record read from that file,
    whether or not the record had its own URL; relative paths are resolved),
    ``path#id`` for one record of a JSONL file, or an article id. A bare id that
    several sources share is ambiguous and raises :class:`StoreError` listing them.
    ``store`` is any object with ``select``.
    """
    names = {ref}
    if not ref.startswith(("http://", "https://")):
        path, _, rid = ref.partition("#")
        resolved = str(Path(path).expanduser().resolve())
        names.add(f"{resolved}#{rid}" if rid else resolved)
    values = " ".join(Literal(n).n3() for n in sorted(names))
    base = (f"SELECT DISTINCT ?a ?id ?src ?file WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> ; "
            f"<{DCTERMS.identifier}> ?id . OPTIONAL {{ ?a <{DCTERMS.source}> ?src }} "
            f"OPTIONAL {{ ?a <{KG.sourceFile}> ?file }} }} VALUES ?name {{ {values} }} ")
    strong = base + ('FILTER(STR(?a) = ?name || STR(?src) = ?name || STR(?file) = ?name '
                     '|| CONCAT(STR(?src), "#", STR(?id)) = ?name || CONCAT(STR(?file), "#", STR(?id)) = ?name) } ORDER BY ?a')
    by_id = base + "FILTER(STR(?id) = ?name) } ORDER BY ?a"

    def refs(query: str) -> list[ArticleRef]:
        return [ArticleRef(URIRef(r["a"].value), r["id"].value, r["src"].value if r["src"] is not None else None)
                for r in store.select(query)]

    found = refs(strong)
    if found:
        return found
    found = refs(by_id)
    if len({a.source for a in found}) > 1:
        listing = "; ".join(f"{a.source or a.graph}" for a in found)
        raise StoreError(f"'{ref}' names {len(found)} articles from different sources ({listing}); "
                         "pass the file path, URL or path#id of the one you mean")
    return found
