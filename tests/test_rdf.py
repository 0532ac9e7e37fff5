"""RDF output: Turtle round trip, SHACL conformance, ontology contract."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg.store.export import NETWORK_FORMATS, FORMATS, export
from kg.ontology import CLASSES, KG, RELATIONS, fits, ontology_graph
from kg.store import KGStore
from kg.store.validate import validate_graph


def _diff(a: Graph, b: Graph) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return "only in first:\n" + only_a.serialize(format="nt") + "\nonly in second:\n" + only_b.serialize(format="nt")


def test_turtle_round_trip_is_isomorphic(built):
    with KGStore(built / "kg-store", read_only=True) as s:
        union = s.union_graph()
        ttl = export(s, "turtle")
    back = Graph().parse(data=ttl, format="turtle")
    assert len(back) > 200
    assert isomorphic(union, back), _diff(union, back)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in NETWORK_FORMATS])  # networks: test_export_formats.py
def test_every_export_format_parses_back(built, fmt):
    from rdflib import Dataset

    with KGStore(built / "kg-store", read_only=True) as s:
        text = export(s, fmt)
        union = s.union_graph()
    rdflib_fmt = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml", "trig": "trig", "nquads": "nquads"}[fmt]
    if fmt in {"trig", "nquads"}:
        ds = Dataset()
        ds.parse(data=text, format=rdflib_fmt)
        merged = Graph()
        for g in ds.graphs():
            for t in g:
                merged.add(t)
        assert len(list(ds.graphs())) >= 2  # default graph + one per article
    else:
        merged = Graph().parse(data=text, format=rdflib_fmt)
    assert isomorphic(merged, union), _diff(merged, union)


def test_built_graph_conforms_to_shapes(built):
    with KGStore(built / "kg-store", read_only=True) as s:
        report = validate_graph(s.union_graph())
    assert report.conforms, report.text


def test_shapes_catch_a_wrongly_typed_fact(built):
    with KGStore(built / "kg-store", read_only=True) as s:
        g = s.union_graph()
    person = next(g.subjects(RDF.type, KG.Person))
    place = next(g.subjects(RDF.type, KG.Place))
    g.add((place, KG.worksFor, person))  # a place cannot work for a person
    report = validate_graph(g)
    assert not report.conforms and report.violations == 2


def test_entities_have_label_type_and_aliases(built):
    with KGStore(built / "kg-store", read_only=True) as s:
        g = s.union_graph()
    azure = URIRef("https://w3id.org/kg/entity/azure")
    assert g.value(azure, RDFS.label) == Literal("Azure")
    assert (azure, RDF.type, KG.CloudProduct) in g
    from rdflib.namespace import SKOS
    assert Literal("Microsoft Azure") in set(g.objects(azure, SKOS.altLabel))


def test_ontology_contract():
    onto = ontology_graph()
    for name in CLASSES:
        assert (KG[name], RDF.type, OWL.Class) in onto
        assert onto.value(KG[name], RDFS.label) is not None and onto.value(KG[name], RDFS.comment) is not None
    for name in RELATIONS:
        assert (KG[name], RDF.type, OWL.ObjectProperty) in onto
        assert onto.value(KG[name], RDFS.domain) is not None and onto.value(KG[name], RDFS.range) is not None
    assert (KG.partnersWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (KG.headquarteredIn, RDFS.subPropertyOf, KG.locatedIn) in onto
    for sub, sup in [("Company", "Organization"), ("Founder", "Person"), ("CloudProduct", "Product")]:
        assert (KG[sub], RDFS.subClassOf, KG[sup]) in onto


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        KG.partnerWith  # noqa: B018  (typo on purpose)


def test_domain_range_checks_follow_the_hierarchy():
    assert fits("foundedBy", "Company", "Founder")
    assert fits("worksFor", "Founder", "Company")
    assert not fits("worksFor", "Company", "Person")
    assert not fits("locatedIn", "Company", "Person")


def test_one_fact_stated_twice_by_merged_names_is_one_assertion():
    """"Microsoft" and "Microsoft Corp." share an IRI: the same fact from the same sentence and rule is one node."""
    from kg.model import Evidence, Extraction, Triple
    from kg.ingest import Article
    from kg.store.rdf import article_graph

    sentence = "Microsoft Corp. invested in OpenAI, and Microsoft said so."
    art = Article("a", sentence, source="/news/a.txt")
    t1 = Triple("Microsoft Corp.", "investsIn", "OpenAI", "Company", "Company", Evidence("a", sentence, 0, len(sentence), "verb:invest", 0.68))
    t2 = Triple("Microsoft", "investsIn", "OpenAI", "Company", "Company", Evidence("a", sentence, 0, len(sentence), "verb:invest", 0.8))
    g = article_graph(art, Extraction("a", [], [t1, t2]))
    nodes = list(g.subjects(RDF.type, KG.Assertion))
    assert len(nodes) == 1 and [float(c) for c in g.objects(nodes[0], KG.confidence)] == [0.8]
    report = validate_graph(g)
    assert report.conforms, report.text
