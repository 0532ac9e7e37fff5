"""The library API behind every CLI command (the CLI is a thin layer over these)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TextIO

from kg.errors import InputError, KGError
from kg.extract.extractor import Extractor
from kg.model import Extraction
from kg.extract.pipeline import DEFAULT_MODEL
from kg.ingest import Article, record_to_article, read_articles
from kg.store.rdf import article_iri
from kg.store import DEFAULT_STORE, open_store

CHUNK = 64


@dataclass
class BuildReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    triples: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.replaced + self.unchanged

    def summary(self, store_stats: dict | None = None) -> str:
        """One line for people: what this build did, then what the store now holds.

        >>> BuildReport(unchanged=1).summary({"articles": 1, "entities": 16, "facts": 16})
        '1 article unchanged; store: 1 article, 16 entities, 16 facts'
        >>> BuildReport(added=2, replaced=1, facts=30, errors=["x"]).summary()
        '4 articles: 2 added, 1 replaced, 1 failed; 30 facts extracted'
        """
        def n(count: int, word: str, plural: str | None = None) -> str:
            return f"{count} {word if count == 1 else plural or word + 's'}"

        parts = [(c, w) for c, w in ((self.added, "added"), (self.replaced, "replaced"),
                                     (self.unchanged, "unchanged"), (len(self.errors), "failed")) if c]
        total = sum(c for c, _ in parts)
        if len(parts) == 1:
            line = f"{n(total, 'article')} {parts[0][1]}"
        else:
            line = f"{n(total, 'article')}: " + ", ".join(f"{c} {w}" for c, w in parts)
        if self.added or self.replaced:
            line += f"; {n(self.facts, 'fact')} extracted"
        if store_stats is not None:
            line += (f"; store: {n(store_stats['articles'], 'article')}, "
                     f"{n(store_stats['entities'], 'entity', 'entities')}, {n(store_stats['facts'], 'fact')}")
        return line


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def build(
    paths: Iterable[str | Path],
    store: str | Path = DEFAULT_STORE,
    model: str | Path = DEFAULT_MODEL,
    extractor: Extractor | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = 1,
    unnamed_products: bool = True,
) -> BuildReport:
    """Extract every article under ``paths`` into the store (one named graph per article).

    Unchanged articles are skipped before parsing; an article that cannot be read
    or processed is reported in ``errors`` and the rest go on. ``workers=2``
    extracts in a second process beside the parser (same output; see
    :mod:`kg.extract.parallel`) when no ``extractor`` is given; ``unnamed_products``
    keeps facts about products known only by a common noun phrase (False: named products only).
    """
    report = BuildReport()
    ex = extractor
    owned: Extractor | None = None
    try:
        with open_store(store) as kg_store:
            for chunk in _chunks(read_articles(paths), CHUNK):
                todo: list[Article] = []
                for item in chunk:
                    if isinstance(item, InputError):
                        report.errors.append(str(item))
                        if progress:
                            progress("error")
                        continue
                    report.warnings.extend(item.warnings)
                    if kg_store.content_hash(article_iri(item)) == item.content_hash:
                        report.unchanged += 1
                        if progress:
                            progress(item.id)
                    else:
                        todo.append(item)
                if not todo:
                    continue
                if ex is None:
                    ex = owned = Extractor(model, workers=workers, unnamed_products=unnamed_products)
                for article, result in ex.pipe(todo):
                    if isinstance(result, KGError):
                        report.errors.append(str(result))
                    else:
                        res = kg_store.add(article, result)
                        setattr(report, res.status, getattr(report, res.status) + 1)
                        report.triples += res.triples
                        report.facts += len(result.best_triples())
                    if progress:
                        progress(article.id)
    finally:
        if owned is not None:
            owned.close()  # stops the extraction worker, if one started
    return report


def extraction_record(article_id: str | None, extraction: Extraction | None = None, error: str | None = None) -> dict:
    """One output line of ``kg extract`` (the JSONL contract in docs/architecture.md)."""
    if extraction is None:
        return {"id": article_id, "triples": [], "error": error or "unknown error"}
    return {
        "id": article_id,
        "triples": [
            {
                "subject": t.subject,
                "relation": t.relation,
                "object": t.object,
                "confidence": t.evidence.confidence,
                "sentence": t.evidence.sentence,
                "subject_type": t.subject_type,
                "object_type": t.object_type,
            }
            for t in extraction.best_triples()
        ],
    }


def extract_records(lines: Iterable[str], extractor: Extractor) -> Iterator[dict]:
    """Run ``kg extract`` over JSONL lines: one output record per non-blank input line, in order.

    A record whose metadata was ignored carries ``"warnings"``; one that cannot be
    processed carries ``"error"`` and no triples.
    """
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    for chunk in _chunks(numbered, CHUNK):
        slots: list[dict | Article] = []
        for n, line in chunk:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                slots.append(extraction_record(None, error=f"line {n}: malformed JSON ({exc.msg} at column {exc.colno})"))
                continue
            except RecursionError:
                slots.append(extraction_record(None, error=f"line {n}: JSON nested too deeply to read"))
                continue
            rid = record.get("id") if isinstance(record, dict) else None
            try:
                slots.append(record_to_article(record, f"line {n}", f"line-{n}"))
            except InputError as exc:
                slots.append(extraction_record(rid, error=str(exc)))
        articles = [s for s in slots if isinstance(s, Article)]
        results = {id(a): r for a, r in extractor.pipe(articles)}
        for s in slots:
            if isinstance(s, Article):
                r = results[id(s)]
                rid = s.meta.get("id", s.id)
                out = extraction_record(rid, error=str(r)) if isinstance(r, KGError) else extraction_record(rid, r)
                if s.warnings:
                    out["warnings"] = list(s.warnings)
                yield out
            else:
                yield s


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    n = 0
    for rec in records:
        try:
            line = json.dumps(rec, ensure_ascii=False)
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (an id, say): JSON's \\u escapes carry it
            line = json.dumps(rec, ensure_ascii=True)
        out.write(line + "\n")
        out.flush()
        n += 1
    return n
