"""kg: a knowledge-graph builder for news.

text -> spaCy (NER + parse) -> typed mentions and relation patterns -> triples
with evidence -> rdflib/Oxigraph store (one named graph per article) -> Turtle,
SPARQL, networkx and an offline HTML view.

The public API lives in :mod:`kg.api`; ``import kg`` stays light so the CLI
starts quickly.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
