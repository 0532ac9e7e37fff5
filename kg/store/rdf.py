"""Mapping extractions to RDF: entity IRIs, article evidence graphs and what each adds to the fact graph.

kg's dataset has two kinds of named graph (see docs/architecture.md):

* the **fact graph** (:data:`kg.ontology.FACT_GRAPH`) holds every entity's
  ``rdf:type``, ``rdfs:label`` and ``skos:altLabel`` and every plain fact
  ``s kg:p o`` (symmetric facts both ways), each once, however many articles
  state it, so SPARQL over the union of all graphs counts right;
* one **article graph** per article holds its evidence: the article record
  (title, source, date, content hash), one ``kg:Assertion`` per piece of evidence
  (``rdf:subject/predicate/object``, ``prov:wasDerivedFrom`` the article,
  sentence, offsets, rule, confidence) and one ``kg:EntityMention`` per entity
  it names (class, name, aliases). The fact graph is maintained from these:
  a statement stays there while some article graph supports it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.ingest import Article, slug
from kg.model import Extraction
from kg.names import normalize
from kg.ontology import ARTICLE, ASSERTION, BASE, ENTITY, KG, MENTION, SYMMETRIC

AGENT = URIRef(f"{BASE}agent/kg-{__version__}")
PREFIXES = {
    "kg": KG._NS, "kge": ENTITY, "kga": ARTICLE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV,
    "dcterms": DCTERMS, "xsd": XSD,
}
_IGNORED_ALIASES = {"it", "its"}


def entity_iri(label: str) -> URIRef:
    """Stable IRI of an entity from its canonical name.

    Case, punctuation and corporate suffixes do not matter, so "Microsoft Corp."
    and "Microsoft" share one IRI.

    >>> str(entity_iri("Microsoft Corp."))
    'https://w3id.org/kg/entity/microsoft'
    >>> entity_iri("Jellyfish Pictures") == entity_iri("jellyfish pictures")
    True
    """
    key = normalize(label) or label.strip().lower()
    return ENTITY[slug(key.replace(" ", "-"))]


def article_iri(article: Article) -> URIRef:
    """IRI of an article's named graph, fixed by :attr:`Article.key` (URL, else file and id, else id).

    A readable part (the id, or the URL's last segment) comes first; a short
    hash of the key keeps two sources with the same name apart.

    >>> from kg.ingest import Article
    >>> str(article_iri(Article("a", "text")))
    'https://w3id.org/kg/article/a'
    >>> article_iri(Article("a", "x", source="/one/a.txt")) != article_iri(Article("a", "y", source="/two/a.txt"))
    True
    >>> article_iri(Article("a", "x", url="https://e.org/n/1")) == article_iri(Article("b", "y", url="https://e.org/n/1"))
    True
    """
    key = article.key
    if key == article.id:
        return ARTICLE[slug(article.id)]
    readable = article.id
    if article.url:
        parts = [part for part in article.url.split("?")[0].split("/") if part]
        readable = parts[-1] if parts else article.id
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return ARTICLE[f"{slug(readable)[:60]}-{digest}"]


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


@dataclass
class Contribution:
    """What an article adds to the fact graph: entity classes, names, aliases and facts.

    ``facts`` are the stated directions only; :meth:`fact_triples` adds the
    mirror of each symmetric fact.
    """

    types: set[tuple[URIRef, URIRef]] = field(default_factory=set)
    names: dict[URIRef, str] = field(default_factory=dict)
    aliases: set[tuple[URIRef, str]] = field(default_factory=set)
    facts: set[tuple[URIRef, URIRef, URIRef]] = field(default_factory=set)

    @property
    def entities(self) -> set[URIRef]:
        return {e for e, _ in self.types} | set(self.names)

    def fact_triples(self) -> set[tuple[URIRef, URIRef, URIRef]]:
        out = set(self.facts)
        for s, p, o in self.facts:
            if str(p).rsplit("#", 1)[-1] in SYMMETRIC:
                out.add((o, p, s))  # owl:SymmetricProperty entailment, so one-way SPARQL patterns match
        return out

    def update(self, other: "Contribution") -> None:
        self.types |= other.types
        for e, n in other.names.items():
            self.names.setdefault(e, n)
        self.aliases |= other.aliases
        self.facts |= other.facts


def _entity_records(extraction: Extraction) -> dict[URIRef, tuple[str, str, set[str]]]:
    """entity IRI -> (class, name, aliases) as this article gives them (first statement wins)."""
    types: dict[URIRef, str] = {}
    names: dict[URIRef, str] = {}
    aliases: dict[URIRef, set[str]] = {}
    for t in extraction.triples:
        types.setdefault(entity_iri(t.subject), t.subject_type)
        types.setdefault(entity_iri(t.object), t.object_type)
    for ent in extraction.entities:
        iri = entity_iri(ent.label)
        types.setdefault(iri, ent.type)
        names.setdefault(iri, ent.label)
        aliases.setdefault(iri, set()).update(ent.aliases)
    for t in extraction.triples:
        names.setdefault(entity_iri(t.subject), t.subject)
        names.setdefault(entity_iri(t.object), t.object)
    out = {}
    for iri, cls in types.items():
        name = names[iri]
        kept = {a for a in aliases.get(iri, set()) if a.strip() and a.lower() not in _IGNORED_ALIASES} - {name}
        out[iri] = (cls, name, kept)
    return out


def _best_assertions(article_graph: URIRef, extraction: Extraction) -> dict[str, object]:
    """One assertion per fact, sentence and rule in an article: two mentions of one entity
    ("Microsoft", "Microsoft Corp.") can state the same fact in one sentence by one rule; the
    more confident is kept (SHACL allows one confidence)."""
    best: dict[str, object] = {}
    for t in extraction.triples:
        s, o, p = entity_iri(t.subject), entity_iri(t.object), KG[t.relation]
        digest = hashlib.sha256(f"{article_graph}|{s}|{p}|{o}|{t.evidence.start}|{t.evidence.rule}".encode()).hexdigest()[:24]
        if digest not in best or t.evidence.confidence > best[digest].evidence.confidence:
            best[digest] = t
    return best


def contribution(extraction: Extraction) -> Contribution:
    """What ``extraction`` adds to the fact graph."""
    c = Contribution()
    for iri, (cls, name, aliases) in _entity_records(extraction).items():
        c.types.add((iri, KG[cls]))
        c.names[iri] = name
        c.aliases |= {(iri, a) for a in aliases}
    for t in extraction.triples:
        c.facts.add((entity_iri(t.subject), KG[t.relation], entity_iri(t.object)))
    return c


def article_triples(article: Article, extraction: Extraction) -> Iterator[tuple]:
    """The triples of an article's named graph: the article record, its mentions and assertions.

    No plain fact, type or label is here: those go to the fact graph once
    (:func:`contribution`), so the union of all graphs holds each fact once.
    """
    a = article_iri(article)
    yield a, RDF.type, KG.Article
    yield a, RDF.type, PROV.Entity
    yield a, KG.contentHash, Literal(article.content_hash)
    yield a, DCTERMS.identifier, Literal(article.id)
    if article.title:
        yield a, DCTERMS.title, Literal(article.title)
    if article.url:
        yield a, DCTERMS.source, Literal(article.url, datatype=XSD.anyURI)
        if article.source:
            yield a, KG.sourceFile, Literal(article.source)  # so `kg remove FILE` finds it too
    elif article.source:
        yield a, DCTERMS.source, Literal(article.source)
    if article.published:
        yield a, DCTERMS.date, Literal(article.published, datatype=XSD.date) if len(article.published) == 10 \
            else Literal(article.published, datatype=XSD.dateTime)

    for iri, (cls, name, aliases) in _entity_records(extraction).items():
        m = MENTION[hashlib.sha256(f"{a}|{iri}".encode()).hexdigest()[:24]]
        yield m, RDF.type, KG.EntityMention
        yield m, KG.entity, iri
        yield m, KG.entityType, KG[cls]
        yield m, KG.name, Literal(name)
        for alias in sorted(aliases):
            yield m, KG.alias, Literal(alias)
        yield m, PROV.wasDerivedFrom, a

    for digest, t in _best_assertions(a, extraction).items():
        s, o, p = entity_iri(t.subject), entity_iri(t.object), KG[t.relation]
        ev = t.evidence
        node = ASSERTION[digest]
        yield node, RDF.type, KG.Assertion
        yield node, RDF.type, PROV.Entity
        yield node, RDF.subject, s
        yield node, RDF.predicate, p
        yield node, RDF.object, o
        yield node, PROV.wasDerivedFrom, a
        yield node, PROV.wasAttributedTo, AGENT
        yield node, KG.sentence, Literal(ev.sentence)
        yield node, KG.startChar, Literal(ev.start, datatype=XSD.integer)
        yield node, KG.endChar, Literal(ev.end, datatype=XSD.integer)
        yield node, KG.rule, Literal(ev.rule)
        yield node, KG.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal)


def fact_layer_triples(c: Contribution) -> Iterator[tuple]:
    """The fact-graph triples of one article alone (types, labels, aliases, facts)."""
    for e, t in sorted(c.types):
        yield e, RDF.type, t
    for e, n in sorted(c.names.items()):
        yield e, RDFS.label, Literal(n)
    for e, a in sorted(c.aliases):
        yield e, SKOS.altLabel, Literal(a)
    yield from sorted(c.fact_triples())


def article_graph(article: Article, extraction: Extraction) -> Graph:
    """The article's evidence graph as an rdflib Graph (identifier = article IRI)."""
    g = bind_prefixes(Graph(identifier=article_iri(article)))
    for triple in article_triples(article, extraction):
        g.add(triple)
    return g


def article_dataset_graph(article: Article, extraction: Extraction) -> Graph:
    """Everything one article puts in a store, fact layer included, merged into one rdflib Graph."""
    g = article_graph(article, extraction)
    for triple in fact_layer_triples(contribution(extraction)):
        g.add(triple)
    return g
