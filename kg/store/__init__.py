"""The store side of kg: RDF mapping, the embedded and remote stores, SPARQL, the endpoint, exports.

Nothing here imports :mod:`kg.extract` or spaCy: reading a store never loads
the extraction pipeline.

* :mod:`kg.store.rdf` — entity and article IRIs, article evidence graphs, what each adds to the fact graph
* :mod:`kg.store.dataset` — the fact graph kept in step with the article graphs (shared by both stores)
* :mod:`kg.store.embedded` — :class:`KGStore`, Oxigraph on disk through rdflib
* :mod:`kg.store.remote` — :class:`~kg.store.remote.RemoteStore`, any SPARQL 1.1 server
* :mod:`kg.store.query`, :mod:`kg.store.sparql` — running and formatting SPARQL; what kg refuses to run
* :mod:`kg.store.serve` — ``kg serve``, the SPARQL 1.1 Protocol endpoint
* :mod:`kg.store.export`, :mod:`kg.store.validate`, :mod:`kg.store.provenance`, :mod:`kg.store.stats`
"""
from __future__ import annotations

from pathlib import Path

# The names below load on first use: the query workers of `kg serve` import modules of this
# package and must not pay for rdflib.
_LAZY = {"AddResult": "kg.store.dataset", "ArticleRef": "kg.store.dataset", "find_articles": "kg.store.dataset",
         "DEFAULT_STORE": "kg.store.embedded", "KGStore": "kg.store.embedded"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg.store' has no attribute {name!r}")


def open_store(spec: str | Path = "kg-store", read_only: bool = False):
    """A store from a ``--store`` value: a directory (embedded Oxigraph) or an http(s) URL (remote server)."""
    text = str(spec)
    if text.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore(text, read_only=read_only)
    from kg.store.embedded import KGStore

    return KGStore(spec, read_only=read_only)


__all__ = ["KGStore", "AddResult", "ArticleRef", "DEFAULT_STORE", "find_articles", "open_store"]
