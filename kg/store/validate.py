"""SHACL validation of a built graph against ``kg-shapes.ttl`` (pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph

from kg.ontology import ontology_graph, shapes_path


@dataclass
class Report:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph) -> Report:
    """Validate ``data`` against the kg shapes.

    The ontology is mixed in (no inference), so a ``kg:Company`` satisfies
    ``sh:class kg:Organization`` through ``rdfs:subClassOf`` while a wrong type
    still fails: domain/range entailment is deliberately not applied, since it
    would make every type check pass.
    """
    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, results, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology_graph(), inference="none", abort_on_first=False, allow_warnings=True
    )
    from rdflib.namespace import SH, RDF

    n = len(list(results.subjects(RDF.type, SH.ValidationResult)))
    return Report(bool(conforms), n, text)
