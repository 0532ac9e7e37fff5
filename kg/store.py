"""The persistent store: an rdflib ``Dataset`` on oxrdflib (Oxigraph on disk).

One named graph per article. Writing an article replaces its graph in a single
SPARQL update, which Oxigraph applies as one transaction, so a process killed
mid-write leaves either the old graph or the new one. Readers open the store
read-only and can query while a build runs.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import StoreError
from kg.extract.model import Extraction
from kg.ingest import Article
from kg.ontology import KG
from kg.rdf import article_iri, article_triples, bind_prefixes, entity_iri

DEFAULT_STORE = "kg-store"


@dataclass
class AddResult:
    article: str
    status: str  # added | replaced | unchanged
    triples: int


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
        """Content hash of the article stored in ``graph`` (see :func:`kg.rdf.article_iri`), or None."""
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
        body, n = article_ntriples(self, article, extraction)
        # One update request = one Oxigraph transaction: the graph is swapped atomically.
        self._ox.update(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{body}}} }}")
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
            self._ox.update(" ;\n".join(f"DROP GRAPH <{a.graph}>" for a in found))
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

    def serialize(self, rdf_format: str, facts_only: bool = False) -> bytes:
        """The union graph (or only the facts) written by Oxigraph's own serialiser.

        ``rdf_format`` is ``turtle``, ``nt`` or ``xml``. Streams from the store
        without building an rdflib graph: a million triples take seconds, not minutes.
        """
        from kg.rdf import PREFIXES

        fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[rdf_format]
        triples = self._ox.query(FACTS_QUERY if facts_only else UNION_QUERY)
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt != ox.RdfFormat.N_TRIPLES else None
        return ox.serialize(triples, format=fmt, prefixes=prefixes)

    def query(self, sparql: str):
        """Run SPARQL over the union of all article graphs (rdflib Result)."""
        return self.dataset.query(sparql)


def article_ntriples(store, article: Article, extraction: Extraction) -> tuple[str, int]:
    """The article's named-graph content as N-Triples text, and its triple count.

    Entities already in ``store`` (any object with ``select``) keep their stored label,
    so an entity has one label across articles. Shared by the embedded and remote stores.
    """
    iris = sorted({entity_iri(t.subject) for t in extraction.triples} | {entity_iri(t.object) for t in extraction.triples}
                  | {entity_iri(e.label) for e in extraction.entities})
    labels: dict[URIRef, str] = {}
    if iris:
        values = " ".join(f"<{i}>" for i in iris)
        q = (f"SELECT ?e (MIN(?l) AS ?label) WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?e "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l } } GROUP BY ?e")
        for row in store.select(q):
            if row["label"] is not None:
                labels[URIRef(row["e"].value)] = row["label"].value
    triples = list(article_triples(article, extraction, labels))
    return "".join(f"{s.n3()} {p.n3()} {_nt(o)} .\n" for s, p, o in triples), len(triples)


# Facts = entities and ontology facts: no evidence (assertion) nodes, no article records.
FACTS_QUERY = (
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
    f"FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?s a <{KG.Assertion}> }} }} FILTER NOT EXISTS {{ GRAPH ?g3 {{ ?s a <{KG.Article}> }} }} }}"
)
UNION_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class ArticleRef:
    """A stored article: its named graph, id and source (file path or URL)."""

    graph: URIRef
    id: str
    source: str | None


def find_articles(store, ref: str) -> list[ArticleRef]:
    """The stored articles ``ref`` names, in any of the ways a user would name one.

    An article graph IRI, a URL, a file path (every record read from that file;
    relative paths are resolved), ``path#id`` for one record of a JSONL file, or
    an article id. A bare id that several sources share is ambiguous and raises
    :class:`StoreError` listing them. ``store`` is any object with ``select``.
    """
    names = {ref}
    if not ref.startswith(("http://", "https://")):
        path, _, rid = ref.partition("#")
        resolved = str(Path(path).expanduser().resolve())
        names.add(f"{resolved}#{rid}" if rid else resolved)
    values = " ".join(Literal(n).n3() for n in sorted(names))
    base = (f"SELECT DISTINCT ?a ?id ?src WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> ; "
            f"<http://purl.org/dc/terms/identifier> ?id . OPTIONAL {{ ?a <http://purl.org/dc/terms/source> ?src }} }} "
            f"VALUES ?name {{ {values} }} ")
    strong = base + 'FILTER(STR(?a) = ?name || STR(?src) = ?name || CONCAT(STR(?src), "#", STR(?id)) = ?name) } ORDER BY ?a'
    by_id = base + "FILTER(STR(?id) = ?name) } ORDER BY ?a"

    def refs(query: str) -> list[ArticleRef]:
        return [ArticleRef(URIRef(r["a"].value), r["id"].value, r["src"].value if r["src"] is not None else None)
                for r in store.select(query)]

    found = refs(strong)
    if found:
        return found
    found = refs(by_id)
    if len({a.source for a in found}) > 1:
        listing = "; ".join(f"{a.source or a.graph}" for a in found)
        raise StoreError(f"'{ref}' names {len(found)} articles from different sources ({listing}); "
                         "pass the file path, URL or path#id of the one you mean")
    return found


def open_store(spec: str | Path = DEFAULT_STORE, read_only: bool = False):
    """A store from a ``--store`` value: a directory (embedded Oxigraph) or an http(s) URL (remote server)."""
    text = str(spec)
    if text.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(text, read_only=read_only)
    return KGStore(spec, read_only=read_only)


def _nt(term) -> str:
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return Literal(str(term)).n3()
    return term.n3()


def plain(term):
    """Oxigraph returns simple literals as xsd:string; give rdflib the plain literal back."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _from_ox_triple(t: ox.Triple):
    from oxrdflib._converter import from_ox

    return from_ox(t.subject), from_ox(t.predicate), plain(from_ox(t.object))


__all__ = ["KGStore", "AddResult", "DEFAULT_STORE", "DATASET_DEFAULT_GRAPH_ID", "open_store"]
