"""One base exception for everything kg reports to a user.

Each message says what went wrong, what was expected and how to fix it, in
one line, so the CLI can print it as-is (``kg: error: ...``).
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file or record cannot be read as an article."""


class ModelError(KGError):
    """The spaCy pipeline is missing or unusable."""


class StoreError(KGError):
    """The RDF store cannot be opened or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed."""


class GoldError(KGError):
    """A gold-standard file for ``kg eval`` is malformed."""
