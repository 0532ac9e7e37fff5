"""Reading articles from files: plain text, Markdown, HTML and JSON Lines.

Every reader yields either an :class:`Article` or an :class:`InputError` for
the one record it could not read, so one bad file never sinks a batch.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from datetime import date, datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.lexicon import boilerplate

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 5_000_000  # one article; news pieces are < 100 kB, 5 MB is a book
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass
class Article:
    """One source text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # metadata that was ignored, and why

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """What makes this the same article in a later build: its URL, else its file and id, else its id.

        The content hash then tells whether it changed. Two files with the same
        name in different folders are different articles; so are two records of
        one JSONL file.

        >>> Article("a", "x", url="https://example.org/news/1").key
        'https://example.org/news/1'
        >>> Article("a", "x", source="/data/2024/a.txt").key
        '/data/2024/a.txt#a'
        >>> Article("a", "x").key
        'a'
        """
        if self.url:
            return self.url
        if self.source:
            return f"{self.source}#{self.id}"
        return self.id


def slug(value: str) -> str:
    """A safe identifier made from a name or path.

    >>> slug("founding article (v2).txt")
    'founding-article-v2-.txt'
    """
    s = _SLUG.sub("-", value.strip()).strip("-")
    return s or hashlib.sha256(value.encode()).hexdigest()[:12]


def mask_boilerplate(text: str) -> str:
    """Blank out page-boilerplate lines ("Please enter your comment!") keeping every offset.

    >>> text = "Real text.\\nPlease enter your name here\\n"
    >>> masked = mask_boilerplate(text)
    >>> masked.strip(), len(masked) == len(text)
    ('Real text.', True)
    """
    patterns = boilerplate()
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and any(p.match(body.strip()) for p in patterns):
            out.append(" " * len(body) + line[len(body):])
        else:
            out.append(line)
    return "".join(out)


def check_text(text: str, where: str) -> str:
    """Validate decoded article text; return it with boilerplate masked."""
    if not text.strip():
        raise InputError(f"{where}: article text is empty; expected some prose to extract facts from")
    if "\x00" in text:
        raise InputError(f"{where}: text contains NUL bytes, so it looks binary; expected UTF-8 text")
    bad = _SURROGATE.search(text)
    if bad and 0xDC80 <= ord(bad.group()) <= 0xDCFF:  # how undecodable input bytes arrive (surrogateescape)
        raise InputError(f"{where}: text is not valid UTF-8 (byte 0x{ord(bad.group()) - 0xDC00:02x} at character "
                         f"{bad.start():,}); re-encode the input as UTF-8")
    if bad:
        raise InputError(
            f"{where}: text holds a lone UTF-16 surrogate (U+{ord(bad.group()):04X}) at character {bad.start():,}, "
            "which is not Unicode text; fix the program that wrote it (it split a character in two)"
        )
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError(
            f"{where}: article is {len(text.encode('utf-8')):,} bytes, over the {MAX_BYTES:,}-byte limit for one article; "
            "split it into several articles"
        )
    # Unicode line and paragraph separators (legal raw in JSON strings) become newlines, one character
    # for one, so the parser sees line breaks and offsets stay put.
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return mask_boilerplate(text)


def decode(data: bytes, where: str) -> str:
    """Text of a file: UTF-8 (with or without a BOM), or UTF-16/32 when a byte-order mark says so."""
    if not data.strip():
        raise InputError(f"{where}: file is empty; expected article text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{where}: starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()}; "
                                 "re-encode it as UTF-8") from None
    head = data[:512]
    if len(head) >= 8 and (head[1::2].count(0) > 0.9 * len(head[1::2]) or head[0::2].count(0) > 0.9 * len(head[0::2])):
        order = "le" if head[1::2].count(0) > head[0::2].count(0) else "be"
        raise InputError(f"{where}: looks like UTF-16 text without a byte-order mark; re-encode it as UTF-8, "
                         f"e.g. iconv -f utf-16{order} -t utf-8")
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: file looks binary (NUL bytes); expected UTF-8 text (.txt, .md, .html or .jsonl)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8"
        ) from None


# ----------------------------------------------------------------------------- HTML


class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "button", "svg", "template", "iframe"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "tr", "pre", "figcaption", "ul", "ol", "table", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self._in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in self.BLOCK and not self.skip:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK and not self.skip:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self.skip:
            self.parts.append(data)


def html_to_article(raw: str, where: str, article_id: str) -> Article:
    parser = _HTMLText()
    try:
        parser.feed(raw)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this guards against pathological input
        raise InputError(f"{where}: HTML could not be parsed ({exc}); expected an HTML page") from None
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*\n *", "\n\n", text).strip()
    if not text:
        raise InputError(f"{where}: HTML page has no visible text; expected an article body")
    meta = parser.meta
    warnings: list[str] = []
    title = check_title(meta.get("og:title") or (parser.title or "").strip() or None, where, warnings)
    url = check_url(meta.get("og:url") or meta.get("canonical"), where, warnings)
    published = check_date(meta.get("article:published_time") or meta.get("date") or meta.get("time"), where, warnings)
    article = Article(article_id, check_text(text, where), title=title, url=url, published=published)
    article.warnings = warnings
    return article


_MD_RULES = [
    (re.compile(r"^```.*?^```", re.S | re.M), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),
]


def markdown_to_text(raw: str) -> str:
    """Strip Markdown markup, keeping the prose.

    >>> markdown_to_text("# Title\\n\\nSee [Azure](https://x.test) **now**.")
    'Title\\n\\nSee Azure now.'
    """
    text = raw
    for pat, repl in _MD_RULES:
        text = pat.sub(repl, text)
    return text


# ----------------------------------------------------------------------------- files


def check_url(value: object, where: str, warnings: list[str]) -> str | None:
    """An absolute http(s) URL, or None with a warning saying why the value was ignored."""
    if value is None or value == "":
        return None
    from urllib.parse import urlsplit

    if isinstance(value, str) and not _SURROGATE.search(value):
        parts = urlsplit(value.strip())
        if parts.scheme.lower() in {"http", "https"} and parts.netloc:
            return value.strip()
    warnings.append(f"{where}: url {_show(value)} is not an absolute http(s) URL; ignored (the article is "
                    "identified by its file and id instead)")
    return None


def check_title(value: object, where: str, warnings: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and not _SURROGATE.search(value):
        return value.strip() or None
    warnings.append(f"{where}: title {_show(value)} is not a text string; ignored")
    return None


def check_date(value: object, where: str, warnings: list[str]) -> str | None:
    """An ISO 8601 date (``2024-05-01``) or date-time, normalised; else None with a warning."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text).isoformat()
            return datetime.fromisoformat(text).isoformat()
        except ValueError:
            pass
    warnings.append(f"{where}: published {_show(value)} is not an ISO 8601 date such as \"2024-05-01\" or "
                    "\"2024-05-01T09:30:00Z\"; ignored")
    return None


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=True) if not isinstance(value, str) else json.dumps(value[:80], ensure_ascii=True)
    return text if len(text) <= 90 else text[:87] + "..."


def record_to_article(record: object, where: str, fallback_id: str) -> Article:
    """An Article from one JSON object ``{"id", "text", "title"?, "url"?, "published"?}``.

    ``text`` must be a non-empty string. Metadata of the wrong kind (a ``url``
    that is not an absolute http(s) URL, a ``title`` that is not a string, a
    ``published`` that is not an ISO date, an ``id`` that is not a string or a
    number) is ignored with a warning on the Article, never stored as is.
    """
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a \"text\" field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: record has no \"text\" string field; expected {{\"id\": ..., \"text\": ...}}")
    warnings: list[str] = []
    rid = record.get("id")
    if isinstance(rid, bool) or not isinstance(rid, (str, int)) or (isinstance(rid, str) and (not rid.strip() or _SURROGATE.search(rid))):
        if rid is not None:
            warnings.append(f"{where}: id {_show(rid)} is not a non-empty string or number; using '{fallback_id}'")
        rid = fallback_id
    article = Article(
        str(rid).strip(),
        check_text(text, where),
        title=check_title(record.get("title"), where, warnings),
        url=check_url(record.get("url"), where, warnings),
        published=check_date(record.get("published") if record.get("published") is not None else record.get("date"),
                             where, warnings),
        meta={k: v for k, v in record.items() if k not in {"text"}},
    )
    article.warnings = warnings
    return article


def _json_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines of a JSON Lines text, split at newlines only: U+2028, U+2029, form feeds and the other
    characters ``str.splitlines`` breaks at are legal inside a JSON string."""
    for n, line in enumerate(text.split("\n"), 1):
        yield n, line.removesuffix("\r")


def iter_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Article | InputError]:
    seen: dict[str, int] = {}
    numbered = _json_lines(lines) if isinstance(lines, str) else enumerate(lines, 1)
    for n, line in numbered:
        if not line.strip():
            continue
        loc = f"{where}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{loc}: malformed JSON ({exc.msg} at column {exc.colno}); expected one JSON object per line")
            continue
        except RecursionError:
            yield InputError(f"{loc}: JSON nested too deeply to read; expected one flat JSON object per line")
            continue
        try:
            article = record_to_article(record, loc, f"{Path(where).stem}-{n}")
        except InputError as exc:
            yield exc
            continue
        if article.id in seen:
            yield InputError(f"{loc}: id '{article.id}' is already used by line {seen[article.id]} of this file; give "
                             "every record its own id (this record was not stored, the first one was)")
            continue
        seen[article.id] = n
        yield article


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Articles in one file (a JSONL file may hold many)."""
    where = str(path)
    if path.is_symlink() and not path.exists():
        yield InputError(f"{where}: is a symbolic link to '{os.readlink(path)}', which does not exist")
        return
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield InputError(f"{where}: unsupported file type '{path.suffix}'; expected one of {', '.join(sorted(SUFFIXES))}")
        return
    try:
        info = os.stat(path)  # follows symlinks: what would be read
        if not stat.S_ISREG(info.st_mode):
            kind_name = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                         or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode)
                         else "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file")
            yield InputError(f"{where}: is {kind_name}, not a regular file; kg reads only regular files "
                             "(copy the data into a file first)")
            return
        size = info.st_size
        if kind != "jsonl" and size > MAX_BYTES:
            yield InputError(f"{where}: file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for one article")
            return
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1) if kind != "jsonl" else fh.read()
        if kind != "jsonl" and len(data) > MAX_BYTES:
            yield InputError(f"{where}: file grew past the {MAX_BYTES:,}-byte limit for one article while being read")
            return
    except OSError as exc:
        yield InputError(f"{where}: cannot read file ({exc.strerror or exc}); check the path and its permissions")
        return
    try:
        text = decode(data, where)
    except InputError as exc:
        yield exc
        return
    if kind == "jsonl":
        for item in iter_jsonl_lines(text, where):
            if isinstance(item, Article):
                item.source = str(path.resolve())
            yield item
        return
    article_id = slug(path.stem)
    try:
        if kind == "html":
            article = html_to_article(text, where, article_id)
        elif kind == "markdown":
            article = Article(article_id, check_text(markdown_to_text(text), where))
        else:
            article = Article(article_id, check_text(text, where))
    except InputError as exc:
        yield exc
        return
    article.source = str(path.resolve())
    if article.title is None:
        first = article.text.strip().splitlines()[0].strip()
        article.title = first[:200] if first else None
    yield article


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand folders (recursively, sorted) into supported files."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            # FIFOs and devices with an article's name are listed too, so read_file can refuse them by name
            files = sorted(f for f in path.rglob("*") if f.suffix.lower() in SUFFIXES and not f.is_dir()
                           and (f.exists() or f.is_symlink()))
            if not files:
                yield InputError(f"{path}: folder holds no {', '.join(sorted(SUFFIXES))} files")
            yield from files
        elif path.exists():
            yield path
        elif path.is_symlink():
            yield InputError(f"{path}: is a symbolic link to '{os.readlink(path)}', which does not exist")
        else:
            yield InputError(f"{path}: no such file or folder")


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article under ``paths``, or an error for each record that could not be read."""
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
