"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint over HTTP.

* ``GET /sparql?query=...`` and ``POST /sparql`` (``application/sparql-query`` body or
  form-encoded ``query=``) answer queries over the union of all article graphs;
* results by ``Accept``: SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK;
  Turtle (default), N-Triples or RDF/XML for CONSTRUCT/DESCRIBE;
* updates (``application/sparql-update`` or form ``update=``) are refused with 403
  unless the server was started with ``allow_update`` (then the store is opened
  for writing, and this server is its one writer);
* queries run in a few worker processes (:mod:`kg.store.workers`), each under a
  time limit: past it the client gets 503 and the worker is killed and replaced
  (Oxigraph cannot interrupt a query), so slow queries never lock the endpoint;
  a request waits for a free worker within the same limit. Workers reopen the
  store when a build has changed it, so answers follow later builds;
* ``SERVICE`` clauses are refused (403) unless started with ``allow_service``.

Bound to 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError
from kg.store.rdf import PREFIXES
from kg.store.sparql import refuse_service
from kg.store.workers import QueryPool, QueryTimeout, WorkerDied

PREFIX_HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
MAX_BODY = 1_000_000
DEFAULT_WORKERS = 4


class EndpointError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class SparqlEndpoint:
    """The query logic of the server, independent of HTTP (so it can be tested and reused).

    Queries run in ``workers`` processes (:class:`~kg.store.workers.QueryPool`) that see every
    later build; updates, when allowed, run here on the store opened for writing.
    """

    def __init__(self, store: str | Path, allow_update: bool = False, timeout: float = 10.0,
                 workers: int = DEFAULT_WORKERS, allow_service: bool = False):
        from kg.store.embedded import KGStore

        # Opening here checks at start-up that a store exists (clear error otherwise).
        self.store = KGStore(store, read_only=not allow_update)
        if not allow_update:
            self.store.close()
            self.store = None
        self.allow_update = allow_update
        self.allow_service = allow_service
        self.timeout = timeout
        self.pool = QueryPool(store, size=workers)
        self._write = threading.Lock()

    def close(self) -> None:
        self.pool.close()
        if self.store is not None:
            self.store.close()

    def _refuse_service(self, sparql: str) -> None:
        try:
            refuse_service(sparql, self.allow_service, "start kg serve --allow-service")
        except QueryError as exc:
            raise EndpointError(403, str(exc)) from None

    def query(self, sparql: str, accept: str) -> tuple[str, bytes]:
        self._refuse_service(sparql)
        try:
            reply = self.pool.run(PREFIX_HEADER + sparql, accept, self.timeout)
        except QueryTimeout as exc:
            raise EndpointError(503, str(exc)) from None
        except WorkerDied as exc:
            raise EndpointError(500, str(exc)) from None
        if reply[0] == "error":
            raise EndpointError(reply[1], reply[2])
        return reply[1], reply[2]

    def update(self, sparql: str) -> None:
        if not self.allow_update:
            raise EndpointError(403, "updates are disabled on this endpoint; start `kg serve --allow-update` to permit them")
        self._refuse_service(sparql)
        # An update is not killed at the time limit (it is one transaction: it commits or it does not);
        # one runs at a time.
        if not self._write.acquire(timeout=self.timeout):
            raise EndpointError(503, f"another update is still running after {self.timeout:g} s; try again later")
        try:
            self.store.update(PREFIX_HEADER + sparql)
        except SyntaxError as exc:
            raise EndpointError(400, f"malformed SPARQL update: {exc}") from None
        except OSError as exc:
            raise EndpointError(500, f"update failed: {exc}") from None
        finally:
            self._write.release()


def _handler(endpoint: SparqlEndpoint, path: str):
    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql"
        error_content_type = "text/plain; charset=utf-8"
        error_message_format = "%(code)d %(message)s\n"

        def __getattr__(self, name: str):
            # any method but GET and POST (PUT, DELETE, PATCH, ...): a plain 405 naming the allowed ones
            if name.startswith("do_"):
                return self._not_allowed
            raise AttributeError(name)

        def _not_allowed(self) -> None:
            body = f"method {self.command} is not allowed here; use GET or POST\n".encode()
            self.send_response(405)
            self.send_header("Allow", "GET, POST")
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
            pass

        def _send(self, status: int, media: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{media}; charset=utf-8" if media.startswith("text/") else media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, exc: EndpointError) -> None:
            self._send(exc.status, "text/plain", (str(exc) + "\n").encode("utf-8"))

        def _route(self) -> dict[str, list[str]] | None:
            url = urlsplit(self.path)
            if url.path.rstrip("/") != path.rstrip("/"):
                self._send(404, "text/plain", f"no endpoint here; the SPARQL endpoint is {path}\n".encode())
                return None
            return parse_qs(url.query)

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            params = self._route()
            if params is None:
                return
            try:
                if "update" in params:
                    raise EndpointError(405, "updates must be sent with POST")
                if "query" not in params:
                    raise EndpointError(400, "missing 'query' parameter; expected GET /sparql?query=SELECT...")
                media, body = endpoint.query(params["query"][0], self.headers.get("Accept", ""))
                self._send(200, media, body)
            except EndpointError as exc:
                self._error(exc)

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            params = self._route()
            if params is None:
                return
            try:
                raw_length = (self.headers.get("Content-Length") or "0").strip()
                if not raw_length.isdigit():
                    self.close_connection = True
                    raise EndpointError(400, f"malformed Content-Length header {raw_length[:40]!r}; expected a "
                                             "non-negative number of bytes")
                length = int(raw_length)
                if length > MAX_BODY:
                    raise EndpointError(413, f"request body over {MAX_BODY} bytes")
                raw = self.rfile.read(length)
                try:
                    body = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise EndpointError(400, "request body is not UTF-8") from None
                ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype == "application/sparql-query":
                    media, out = endpoint.query(body, self.headers.get("Accept", ""))
                    self._send(200, media, out)
                elif ctype == "application/sparql-update":
                    endpoint.update(body)
                    self._send(204, "text/plain", b"")
                elif ctype == "application/x-www-form-urlencoded":
                    form = parse_qs(body)
                    if "update" in form:
                        endpoint.update(form["update"][0])
                        self._send(204, "text/plain", b"")
                    elif "query" in form:
                        media, out = endpoint.query(form["query"][0], self.headers.get("Accept", ""))
                        self._send(200, media, out)
                    else:
                        raise EndpointError(400, "form body needs a 'query' or 'update' field")
                else:
                    raise EndpointError(415, f"unsupported Content-Type '{ctype}'; use application/sparql-query, "
                                             "application/sparql-update or application/x-www-form-urlencoded")
            except EndpointError as exc:
                self._error(exc)

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # the listen backlog: 200 clients at once must not wait on SYN retries
    daemon_threads = True


def make_server(store: str | Path, host: str = "127.0.0.1", port: int = 7878, path: str = "/sparql",
                allow_update: bool = False, timeout: float = 10.0, allow_service: bool = False,
                workers: int = DEFAULT_WORKERS) -> tuple[ThreadingHTTPServer, SparqlEndpoint]:
    """An HTTP server (not yet serving) and its endpoint; call ``serve_forever()`` on the first."""
    endpoint = SparqlEndpoint(store, allow_update=allow_update, timeout=timeout, allow_service=allow_service,
                              workers=workers)
    server = _Server((host, port), _handler(endpoint, path))
    server.daemon_threads = True
    return server, endpoint


def describe(server: ThreadingHTTPServer, path: str) -> str:
    host, port = server.server_address[:2]
    return json.dumps({"endpoint": f"http://{host}:{port}{path}"})
