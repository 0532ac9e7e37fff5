"""The persistent store: an rdflib ``Dataset`` on oxrdflib (Oxigraph on disk).

One named graph of evidence per article and one fact graph (see
:mod:`kg.store.dataset`). Writing an article replaces its graph and updates the
fact graph in a single SPARQL update, which Oxigraph applies as one transaction,
so a process killed mid-write leaves either the old state or the new one.
Readers open the store read-only and can query while a build runs.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.ingest import Article
from kg.model import Extraction
from kg.ontology import KG
from kg.store.dataset import (FACTS_QUERY, UNION_QUERY, AddResult, ArticleRef, find_articles, remove_update,
                              write_update)
from kg.store.rdf import PREFIXES, article_iri, bind_prefixes

DEFAULT_STORE = "kg-store"


def _open_inner(path: Path, read_only: bool) -> ox.Store:
    if read_only:
        if not path.is_dir() or not any(path.iterdir()):
            raise StoreError(f"no kg store at '{path}': build one first with `kg build PATH --store {path}`")
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at '{path}' read-only ({exc}); is it a kg store?") from None
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise StoreError(
                f"the store at '{path}' is being written by another process (its LOCK file is held); "
                "wait for that build to finish or use another --store"
            ) from None
        raise StoreError(f"cannot open the store at '{path}' ({msg})") from None


class KGStore:
    """A kg store on disk. Use as a context manager so it is flushed and closed.

    Examples
    --------
    >>> import tempfile
    >>> with KGStore(tempfile.mkdtemp()) as store:
    ...     store.count_articles()
    0
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._ox = _open_inner(self.path, read_only)
        self.dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        bind_prefixes(self.dataset)

    # -- lifecycle
    def __enter__(self) -> "KGStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._ox is None:
            return
        if not self.read_only:
            # Without a flush the next open replays the write-ahead log (slow on big stores).
            self._ox.flush()
        # pyoxigraph has no close(): RocksDB shuts down when the last reference goes.
        self.dataset.store.close()
        self._ox = None
        self.dataset = None  # type: ignore[assignment]
        gc.collect()

    # -- writing
    def content_hash(self, graph: URIRef) -> str | None:
        """Content hash of the article stored in ``graph`` (see :func:`kg.store.rdf.article_iri`), or None."""
        g = ox.NamedNode(str(graph))
        for q in self._ox.quads_for_pattern(g, ox.NamedNode(str(KG.contentHash)), None, g):
            return q.object.value
        return None

    def add(self, article: Article, extraction: Extraction) -> AddResult:
        """Store an article's graph; unchanged content is left alone, changed content replaces it."""
        if self.read_only:
            raise StoreError(f"the store at '{self.path}' is open read-only")
        g = article_iri(article)
        old = self.content_hash(g)
        if old == article.content_hash:
            return AddResult(article.id, "unchanged", 0)
        update, n = write_update(self, article, extraction)
        # One update request = one Oxigraph transaction: graph and fact layer change together.
        self._ox.update(update)
        return AddResult(article.id, "added" if old is None else "replaced", n)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction (the store must be open for writing)."""
        if self.read_only:
            raise StoreError(f"the store at '{self.path}' is open read-only")
        self._ox.update(sparql)

    def remove(self, ref: str) -> list[ArticleRef]:
        """Delete the articles ``ref`` names (see :func:`find_articles`): their evidence goes,
        and with it every fact no other article states. Returns what was removed (empty if nothing matched).
        """
        if self.read_only:
            raise StoreError(f"the store at '{self.path}' is open read-only")
        found = find_articles(self, ref)
        if found:
            self._ox.update(remove_update(self, found))
        return found

    def articles(self) -> list[str]:
        """Identifiers of the stored articles, sorted."""
        q = (f"SELECT ?id WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> ; "
             "<http://purl.org/dc/terms/identifier> ?id } } ORDER BY ?id")
        return [row[0].value for row in self._ox.query(q)]

    def select(self, sparql: str):
        """Run a SPARQL query on the Oxigraph store directly (pyoxigraph results; fast path)."""
        return self._ox.query(sparql, use_default_graph_as_union=True)

    # -- reading
    def count_articles(self) -> int:
        q = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> }} }}"
        return int(next(iter(self._ox.query(q)))[0].value)

    def graphs(self) -> Iterator[URIRef]:
        for g in self._ox.named_graphs():
            yield URIRef(g.value)

    def union_graph(self) -> Graph:
        """All facts, entities and evidence merged into one in-memory rdflib Graph."""
        g = bind_prefixes(Graph())
        for s, p, o in self.dataset.triples((None, None, None)):
            g.add((s, p, plain(o)))
        return g

    def fact_graph(self) -> Graph:
        """Only entities and ontology facts (no evidence nodes), merged over articles."""
        g = bind_prefixes(Graph())
        for t in self._ox.query(FACTS_QUERY):
            g.add(_from_ox_triple(t))
        return g

    def serialize(self, rdf_format: str, facts_only: bool = False, replaced: list[int] | None = None) -> bytes:
        """The union graph (or only the facts) written by Oxigraph's own serialiser.

        ``rdf_format`` is ``turtle``, ``nt`` or ``xml``; for XML, characters XML
        forbids are replaced by U+FFFD and counted in ``replaced[0]``. Streams from the store
        without building an rdflib graph: a million triples take seconds, not minutes.
        """
        fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[rdf_format]
        triples = self._ox.query(FACTS_QUERY if facts_only else UNION_QUERY)
        if fmt == ox.RdfFormat.RDF_XML:
            from kg.store.xmlsafe import xml_safe_triples

            triples = xml_safe_triples(triples, replaced if replaced is not None else [0])
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt != ox.RdfFormat.N_TRIPLES else None
        return ox.serialize(triples, format=fmt, prefixes=prefixes)

    def query(self, sparql: str):
        """Run SPARQL over the union of all article graphs (rdflib Result)."""
        return self.dataset.query(sparql)


def plain(term):
    """Oxigraph returns simple literals as xsd:string; give rdflib the plain literal back."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _from_ox_triple(t: ox.Triple):
    from oxrdflib._converter import from_ox

    return from_ox(t.subject), from_ox(t.predicate), plain(from_ox(t.object))


__all__ = ["KGStore", "AddResult", "ArticleRef", "DEFAULT_STORE", "find_articles"]
