"""A kg store on a remote SPARQL 1.1 server (Query, Update and Graph Store protocols).

``--store http://HOST:PORT`` makes build, query, export, why, remove and stats
run against a server such as ``oxigraph serve`` instead of the embedded store:

* queries go to ``{base}/query`` (POST, SPARQL JSON results, N-Triples for CONSTRUCT)
  with the union of all article graphs as the default graph. Oxigraph does that
  with its ``union-default-graph`` parameter; a server that rejects it gets the
  standard SPARQL 1.1 Protocol instead: every graph named as ``default-graph-uri``
  and ``named-graph-uri`` (one extra query per request to list them). Set
  ``KG_REMOTE_DATASET=protocol`` (or ``union``) to choose without probing;
* an article is written, or articles removed, with one SPARQL Update request to
  ``{base}/update`` that also keeps the fact graph in step (see :mod:`kg.store.dataset`);
* TriG/N-Quads exports read ``GET {base}/store`` as N-Quads.

The endpoint paths follow Oxigraph's layout and can be changed with
``query_path``, ``update_path`` and ``store_path``.
"""
from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.model import Extraction
from kg.ingest import Article
from kg.ontology import KG
from kg.store.dataset import FACTS_QUERY, UNION_QUERY, AddResult, ArticleRef, find_articles, remove_update, write_update
from kg.store.rdf import PREFIXES, article_iri, bind_prefixes

TIMEOUT = 120
DATASET_MODES = ("auto", "union", "protocol")


class Term:
    """A result value with ``.value``, like pyoxigraph's terms (what kg's readers use)."""

    __slots__ = ("value", "type")

    def __init__(self, value: str, kind: str):
        self.value = value
        self.type = kind


class Row:
    """One solution, readable by position or by variable name."""

    def __init__(self, names: list[str], values: dict[str, Term | None]):
        self._names = names
        self._values = values

    def __getitem__(self, key: int | str) -> Term | None:
        return self._values.get(self._names[key] if isinstance(key, int) else key)


class RemoteStore:
    """The same reading and writing verbs as :class:`kg.store.KGStore`, over HTTP."""

    def __init__(self, url: str, read_only: bool = False, query_path: str = "/query",
                 update_path: str = "/update", store_path: str = "/store", dataset: str | None = None):
        import os

        self.dataset_mode = dataset or os.environ.get("KG_REMOTE_DATASET", "auto")
        if self.dataset_mode not in DATASET_MODES:
            raise StoreError(f"unknown remote dataset mode '{self.dataset_mode}'; expected one of {', '.join(DATASET_MODES)}")
        self.url = url.rstrip("/")
        self.path = self.url
        self.read_only = read_only
        self.query_url = self.url + query_path
        self.update_url = self.url + update_path
        self.store_url = self.url + store_path
        try:
            self._request(self.query_url, {"query": "ASK { }"}, accept="application/sparql-results+json")
        except StoreError as exc:
            raise StoreError(f"no SPARQL server answers at '{url}' ({exc}); start one (e.g. `oxigraph serve "
                             "--location DIR --bind 127.0.0.1:7878`) or use a store directory") from None
        if self.dataset_mode == "auto":
            try:
                self._request(self.query_url, {"query": "ASK { }", "union-default-graph": ""},
                              accept="application/sparql-results+json")
                self.dataset_mode = "union"
            except QueryError:
                self.dataset_mode = "protocol"  # not Oxigraph: name the graphs the standard way

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        pass  # nothing held open between requests

    # -- HTTP
    def _request(self, url: str, params: dict | None = None, data: bytes | None = None, method: str | None = None,
                 accept: str | None = None, ctype: str | None = None) -> bytes:
        if params:
            url = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        req = urllib.request.Request(url, data=data, method=method)
        if accept:
            req.add_header("Accept", accept)
        if ctype:
            req.add_header("Content-Type", ctype)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                return resp.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip()[:500]
            if err.code == 400:
                raise QueryError(f"the server rejected the request: {detail}") from None
            if err.code == 404 and method == "DELETE":
                raise KeyError(url) from None
            raise StoreError(f"{method or ('POST' if data else 'GET')} {url} failed with HTTP {err.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach {url}: {exc}") from None

    def _query(self, sparql: str, accept: str) -> bytes:
        """POST a query whose default graph is the union of all graphs (see the module notes)."""
        if self.dataset_mode == "union":
            return self._request(self.query_url, {"union-default-graph": ""}, data=sparql.encode("utf-8"),
                                 accept=accept, ctype="application/sparql-query")
        listing = json.loads(self._request(
            self.query_url, data=urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode(),
            accept="application/sparql-results+json", ctype="application/x-www-form-urlencoded"))
        graphs = [b["g"]["value"] for b in listing["results"]["bindings"]]
        form = [("query", sparql)] + [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        return self._request(self.query_url, data=urllib.parse.urlencode(form).encode("utf-8"), accept=accept,
                             ctype="application/x-www-form-urlencoded")

    def _select_json(self, sparql: str) -> dict:
        return json.loads(self._query(sparql, "application/sparql-results+json"))

    def _construct(self, sparql: str) -> Graph:
        body = self._query(sparql, "application/n-triples")
        return bind_prefixes(Graph()).parse(data=body.decode("utf-8"), format="nt")

    # -- reading
    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT; rows readable like pyoxigraph solutions (``row["x"].value``)."""
        data = self._select_json(sparql)
        names = data["head"]["vars"]
        return [Row(names, {k: Term(v["value"], v["type"]) for k, v in b.items()}) for b in data["results"]["bindings"]]

    def query(self, sparql: str) -> Result:
        """Run any query over the union of all article graphs (an rdflib Result)."""
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        text = header + sparql
        kind = _query_form(sparql)
        if kind in {"CONSTRUCT", "DESCRIBE"}:
            g = self._construct(text)
            res = Result("CONSTRUCT")
            res.graph = g
            return res
        body = self._query(text, "application/sparql-results+json")
        return Result.parse(source=io.BytesIO(body), format="json")

    def content_hash(self, graph: URIRef) -> str | None:
        rows = self.select(f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ <{graph}> <{KG.contentHash}> ?h }} }}")
        return rows[0]["h"].value if rows else None

    def count_articles(self) -> int:
        rows = self.select(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> }} }}")
        return int(rows[0]["n"].value)

    def articles(self) -> list[str]:
        rows = self.select(f"SELECT ?id WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> ; "
                           "<http://purl.org/dc/terms/identifier> ?id } } ORDER BY ?id")
        return [r["id"].value for r in rows]

    def graphs(self) -> Iterator[URIRef]:
        for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield URIRef(r["g"].value)

    def union_graph(self) -> Graph:
        return self._construct(UNION_QUERY)

    def fact_graph(self) -> Graph:
        return self._construct(FACTS_QUERY)

    def dump_nquads(self) -> str:
        return self._request(self.store_url, accept="application/n-quads").decode("utf-8")

    # -- writing
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at '{self.url}' is open read-only")

    def _update(self, sparql: str) -> None:
        self._request(self.update_url, data=sparql.encode("utf-8"), ctype="application/sparql-update")

    def add(self, article: Article, extraction: Extraction) -> AddResult:
        """Store an article with one SPARQL update (unchanged content is left alone)."""
        self._writable()
        g = article_iri(article)
        old = self.content_hash(g)
        if old == article.content_hash:
            return AddResult(article.id, "unchanged", 0)
        update, n = write_update(self, article, extraction)
        self._update(update)
        return AddResult(article.id, "added" if old is None else "replaced", n)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the server."""
        self._writable()
        self._update(sparql)

    def remove(self, ref: str) -> list[ArticleRef]:
        """Delete the articles ``ref`` names (:func:`kg.store.dataset.find_articles`) with one SPARQL update."""
        self._writable()
        found = find_articles(self, ref)
        if found:
            self._update(remove_update(self, found))
        return found


def _query_form(sparql: str) -> str:
    import re

    body = re.sub(r"(?im)^\s*(#.*|prefix\s+\S*\s*<[^>]*>|base\s+<[^>]*>)\s*$", "", sparql)
    m = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body)
    return m.group(1).upper() if m else "SELECT"


__all__ = ["RemoteStore", "Row", "Term"]
