"""Mapping extractions to RDF: entity IRIs, one named graph per article, PROV-O evidence.

For an article ``A`` with extracted triple ``s p o`` the named graph ``A`` holds

* the plain fact ``s kg:p o`` (so plain SPARQL over the union graph answers "who
  partners with Microsoft"),
* ``s`` and ``o`` with ``rdf:type``, ``rdfs:label`` and ``skos:altLabel``,
* one ``kg:Assertion`` per piece of evidence: ``rdf:subject/predicate/object``,
  ``prov:wasDerivedFrom A``, ``kg:sentence``, ``kg:startChar``, ``kg:endChar``,
  ``kg:rule``, ``kg:confidence``, ``prov:wasAttributedTo`` the extractor,
* the article itself: ``kg:Article``, title, URL, date, content hash.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.extract.mentions import normalize
from kg.extract.model import Extraction
from kg.ingest import Article, slug
from kg.ontology import ARTICLE, ASSERTION, BASE, ENTITY, KG, SYMMETRIC

AGENT = URIRef(f"{BASE}agent/kg-{__version__}")
PREFIXES = {
    "kg": KG._NS, "kge": ENTITY, "kga": ARTICLE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV,
    "dcterms": DCTERMS, "xsd": XSD,
}

Quad = tuple[URIRef, URIRef, object, URIRef]


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
        readable = [part for part in article.url.split("?")[0].split("/") if part][-1]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return ARTICLE[f"{slug(readable)[:60]}-{digest}"]


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def article_triples(article: Article, extraction: Extraction, labels: dict[URIRef, str] | None = None) -> Iterator[tuple]:
    """The triples of an article's named graph.

    ``labels`` maps entity IRIs already in the store to their label, so an
    entity keeps one label across articles.
    """
    labels = labels or {}
    a = article_iri(article)
    yield a, RDF.type, KG.Article
    yield a, RDF.type, PROV.Entity
    yield a, KG.contentHash, Literal(article.content_hash)
    yield a, DCTERMS.identifier, Literal(article.id)
    if article.title:
        yield a, DCTERMS.title, Literal(article.title)
    if article.url:
        yield a, DCTERMS.source, Literal(article.url, datatype=XSD.anyURI)
    elif article.source:
        yield a, DCTERMS.source, Literal(article.source)
    if article.published:
        yield a, DCTERMS.date, Literal(article.published)

    types: dict[URIRef, str] = {}
    for t in extraction.triples:
        types.setdefault(entity_iri(t.subject), t.subject_type)
        types.setdefault(entity_iri(t.object), t.object_type)
    for ent in extraction.entities:
        iri = entity_iri(ent.label)
        types.setdefault(iri, ent.type)
    aliases: dict[URIRef, set[str]] = {}
    names: dict[URIRef, str] = {}
    for ent in extraction.entities:
        iri = entity_iri(ent.label)
        names.setdefault(iri, ent.label)
        aliases.setdefault(iri, set()).update(ent.aliases)
    for t in extraction.triples:
        names.setdefault(entity_iri(t.subject), t.subject)
        names.setdefault(entity_iri(t.object), t.object)
    for iri, cls in types.items():
        label = labels.get(iri, names[iri])
        yield iri, RDF.type, KG[cls]
        yield iri, RDFS.label, Literal(label)
        for alias in sorted(aliases.get(iri, set()) - {label}):
            if alias.strip() and alias.lower() not in {"it", "its"}:
                yield iri, SKOS.altLabel, Literal(alias)

    # Two mentions of one entity ("Microsoft", "Microsoft Corp.") can state the same fact in the same
    # sentence by the same rule: one assertion node, with the higher confidence (SHACL allows one).
    best: dict[str, object] = {}
    for t in extraction.triples:
        s, o, p = entity_iri(t.subject), entity_iri(t.object), KG[t.relation]
        digest = hashlib.sha256(f"{a}|{s}|{p}|{o}|{t.evidence.start}|{t.evidence.rule}".encode()).hexdigest()[:24]
        if digest not in best or t.evidence.confidence > best[digest].evidence.confidence:
            best[digest] = t
    for digest, t in best.items():
        s, o, p = entity_iri(t.subject), entity_iri(t.object), KG[t.relation]
        ev = t.evidence
        yield s, p, o
        if t.relation in SYMMETRIC:
            yield o, p, s  # owl:SymmetricProperty entailment, so one-way SPARQL patterns match
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


def article_graph(article: Article, extraction: Extraction, labels: dict[URIRef, str] | None = None) -> Graph:
    """The article's named graph as an rdflib Graph (identifier = article IRI)."""
    g = bind_prefixes(Graph(identifier=article_iri(article)))
    for triple in article_triples(article, extraction, labels):
        g.add(triple)
    return g
