"""The kg ontology: a closed rdflib namespace and domain/range look-ups.

The Turtle file ``ontologies/kg.ttl`` (shipped inside the package as
``kg.ontologies``) is the source of truth; the namespace below is closed so a
typo such as ``KG.partnerWith`` fails at once instead of minting a new IRI.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, DefinedNamespace

BASE = "https://w3id.org/kg/"
ENTITY = Namespace(BASE + "entity/")
ARTICLE = Namespace(BASE + "article/")
ASSERTION = Namespace(BASE + "assertion/")
MENTION = Namespace(BASE + "mention/")
# Every entity's type, label and aliases and every fact, each once (see docs/architecture.md).
FACT_GRAPH = URIRef(BASE + "graph/facts")


class KG(DefinedNamespace):
    """Terms of ``https://w3id.org/kg/ontology#`` (local names are a contract)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Organization: URIRef
    Company: URIRef
    Person: URIRef
    Founder: URIRef
    Product: URIRef
    CloudProduct: URIRef
    Place: URIRef
    Article: URIRef
    Assertion: URIRef

    partnersWith: URIRef
    foundedBy: URIRef
    offers: URIRef
    usesProduct: URIRef
    worksFor: URIRef
    locatedIn: URIRef
    headquarteredIn: URIRef
    subsidiaryOf: URIRef
    acquired: URIRef
    investsIn: URIRef

    sentence: URIRef
    startChar: URIRef
    endChar: URIRef
    rule: URIRef
    confidence: URIRef
    contentHash: URIRef
    sourceFile: URIRef

    EntityMention: URIRef
    FactGraph: URIRef
    entity: URIRef
    entityType: URIRef
    name: URIRef
    alias: URIRef


CLASSES = ("Organization", "Company", "Person", "Founder", "Product", "CloudProduct", "Place")
RELATIONS = (
    "partnersWith", "foundedBy", "offers", "usesProduct", "worksFor",
    "locatedIn", "headquarteredIn", "subsidiaryOf", "acquired", "investsIn",
)
SYMMETRIC = frozenset({"partnersWith"})


def ontology_path() -> Path:
    """Path of the packaged ``kg.ttl``."""
    return Path(str(resources.files("kg.ontologies").joinpath("kg.ttl")))


def shapes_path() -> Path:
    """Path of the packaged SHACL shapes ``kg-shapes.ttl``."""
    return Path(str(resources.files("kg.ontologies").joinpath("kg-shapes.ttl")))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology as an rdflib graph (parsed once)."""
    return Graph().parse(ontology_path(), format="turtle")


def _local(term: URIRef) -> str:
    return str(term).rsplit("#", 1)[-1]


def _class_set(graph: Graph, node) -> frozenset[str]:
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        return frozenset(_local(m) for m in Collection(graph, union))
    return frozenset({_local(node)})


@lru_cache(maxsize=1)
def superclasses() -> dict[str, frozenset[str]]:
    """Map each class local name to itself plus all its superclasses."""
    g = ontology_graph()
    out: dict[str, frozenset[str]] = {}
    for name in CLASSES:
        seen = {name}
        todo = [KG[name]]
        while todo:
            for sup in g.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(sup, URIRef) and _local(sup) not in seen:
                    seen.add(_local(sup))
                    todo.append(sup)
        out[name] = frozenset(seen)
    return out


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Map each relation local name to (domain classes, range classes) from the ontology."""
    g = ontology_graph()
    out = {}
    for rel in RELATIONS:
        dom = g.value(KG[rel], RDFS.domain)
        rng = g.value(KG[rel], RDFS.range)
        out[rel] = (_class_set(g, dom), _class_set(g, rng))
    return out


@lru_cache(maxsize=256)
def is_a(cls: str, target: str) -> bool:
    """True when class ``cls`` is ``target`` or a subclass of it."""
    return target in superclasses().get(cls, frozenset({cls}))


@lru_cache(maxsize=1024)
def fits(relation: str, subject_type: str, object_type: str) -> bool:
    """True when the types satisfy the relation's domain and range in the ontology.

    Examples
    --------
    >>> fits("offers", "Company", "CloudProduct")
    True
    >>> fits("usesProduct", "Company", "Company")
    False
    """
    dom, rng = signatures()[relation]
    return any(is_a(subject_type, d) for d in dom) and any(is_a(object_type, r) for r in rng)


def most_specific(types: set[str] | frozenset[str]) -> str:
    """The most specific of an entity's classes (alphabetically first among unrelated ones).

    >>> most_specific({"Organization", "Company"})
    'Company'
    >>> most_specific(set())
    'Organization'
    """
    best = None
    for t in sorted(types):
        if best is None or (is_a(t, best) and t != best):
            best = t
    return best or "Organization"


def class_iri(name: str) -> URIRef:
    return KG[name]


def is_ontology_class(term: URIRef) -> bool:
    return (term, RDF.type, OWL.Class) in ontology_graph()
