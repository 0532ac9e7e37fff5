"""Packaged as ``kg.ontologies`` so the ontology and shapes ship inside the wheel."""
