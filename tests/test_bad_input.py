"""Every kind of bad input, each beside one good article in the same `kg build`.

For each case: the exit code, the one-line message (naming the file or record and
what to do), the good article's fact in the store, and that nothing was stored
silently changed. The CLI runs in this process (`kg.cli.main`, as the console
script calls it) so the spaCy pipeline loads once for the whole table.
"""
from __future__ import annotations

import codecs
import json
import os
import sys
import xml.dom.minidom
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import main
from kg.store import KGStore
from kg.store.provenance import why
from kg.store.query import run

GOOD = "Microsoft has partnered with OpenAI."
SECOND = "Tesla was founded by Elon Musk."


def jsonl(*records: object) -> bytes:
    return ("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n").encode("utf-8")


def rec(**extra) -> dict:
    return {"id": "r1", "text": SECOND, **extra}


def html(head: str, body: str = f"<p>{SECOND}</p>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


@dataclass
class Case:
    name: str
    filename: str
    make: Callable[[Path], None]  # writes the bad input at the given path
    message: str | None  # expected in the one line about it (None: no message at all)
    level: str = "error"  # error | warning
    stored: bool = False  # the bad input's own fact (Tesla foundedBy Elon Musk) is in the store too


def write(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def fifo(p: Path) -> None:
    os.mkfifo(p)


def link(target: str) -> Callable[[Path], None]:
    return lambda p: os.symlink(target, p)


BIG_FILLER = "The weather was mild and the market was calm all week.\n\n"

CASES = [
    # files
    Case("empty file", "bad.txt", write(b""), "file is empty"),
    Case("whitespace only", "bad.txt", write(b"  \n\n \t "), "file is empty"),
    Case("binary (PNG)", "bad.txt", write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"), "looks binary"),
    Case("latin-1", "bad.txt", write(f"Caf\u00e9. {SECOND}".encode("latin-1")), "not valid UTF-8"),
    Case("UTF-16 LE with BOM", "u16.txt", write(codecs.BOM_UTF16_LE + SECOND.encode("utf-16-le")), None, stored=True),
    Case("UTF-16 BE with BOM", "u16.txt", write(codecs.BOM_UTF16_BE + SECOND.encode("utf-16-be")), None, stored=True),
    Case("UTF-16 without BOM", "bad.txt", write(SECOND.encode("utf-16-le")), "UTF-16 text without a byte-order mark"),
    Case("UTF-8 with BOM", "bom.txt", write(codecs.BOM_UTF8 + SECOND.encode()), None, stored=True),
    Case("NUL byte deep inside", "bad.txt", write(("word " * 3000 + "\x00" + SECOND).encode()), "NUL bytes"),
    Case("over kg's 5 MB cap", "bad.txt", write(b"word " * 1_000_100), "over the 5,000,000-byte limit"),
    Case("unsupported type", "bad.pdf", write(b"%PDF-1.4"), "unsupported file type '.pdf'"),
    Case("FIFO named .txt", "bad.txt", fifo, "is a FIFO, not a regular file"),
    Case("symlink to /dev/zero", "bad.txt", link("/dev/zero"), "is a device, not a regular file"),
    Case("broken symlink", "bad.txt", link("/nonexistent/target.txt"), "which does not exist"),
    Case("Markdown with only an image", "bad.md", write(b"![chart](chart.png)\n"), "article text is empty"),
    Case("HTML with only a script", "bad.html", write(html("", "<script>alert(1)</script>")), "no visible text"),
    Case("HTML canonical '/'", "page.html", write(html('<link rel="canonical" href="/">')),
         'url "/" is not an absolute http(s) URL', "warning", stored=True),
    Case("HTML og:url javascript:", "page.html", write(html('<meta property="og:url" content="javascript:alert(1)">')),
         "is not an absolute http(s) URL", "warning", stored=True),
    Case("HTML bad published_time", "page.html",
         write(html('<meta property="article:published_time" content="last Tuesday">')),
         'published "last Tuesday" is not an ISO 8601 date', "warning", stored=True),
    Case("control characters in text", "ctl.txt", write(f"Odd\x01text\x1b[31m here. {SECOND}".encode()), None,
         stored=True),
    # JSON Lines
    Case("malformed JSON", "b.jsonl", write(jsonl("{not json")), "b.jsonl:1: malformed JSON"),
    Case("record is an array", "b.jsonl", write(jsonl([1, 2])), "expected a JSON object"),
    Case("record without text", "b.jsonl", write(jsonl({"id": "x"})), 'no "text" string field'),
    Case("text is a number", "b.jsonl", write(jsonl({"id": "x", "text": 42})), 'no "text" string field'),
    Case("text is empty", "b.jsonl", write(jsonl({"id": "x", "text": " "})), "article text is empty"),
    Case("lone surrogate in text", "b.jsonl", write(b'{"id": "x", "text": "bad \\ud800 here"}\n'),
         "lone UTF-16 surrogate (U+D800)"),
    Case("raw U+2028 inside a string", "b.jsonl",
         write(json.dumps(rec(text=f"Line one.\u2028{SECOND}"), ensure_ascii=False).encode() + b"\n"), None, stored=True),
    Case("raw U+2029 inside a string", "b.jsonl",
         write(json.dumps(rec(text=f"Para one.\u2029{SECOND}"), ensure_ascii=False).encode() + b"\n"), None, stored=True),
    Case("duplicate id in one file", "b.jsonl", write(jsonl(rec(), {"id": "r1", "text": "Other text entirely."})),
         "b.jsonl:2: id 'r1' is already used by line 1", stored=True),
    Case("url '/'", "b.jsonl", write(jsonl(rec(url="/"))), 'url "/" is not an absolute http(s) URL', "warning",
         stored=True),
    Case("url is a number", "b.jsonl", write(jsonl(rec(url=12345))), "url 12345 is not an absolute", "warning",
         stored=True),
    Case("url ftp:", "b.jsonl", write(jsonl(rec(url="ftp://example.org/a"))), "is not an absolute http(s) URL",
         "warning", stored=True),
    Case("url javascript:", "b.jsonl", write(jsonl(rec(url="javascript:alert(1)"))), "is not an absolute http(s) URL",
         "warning", stored=True),
    Case("title is an object", "b.jsonl", write(jsonl(rec(title={"a": 1}))), 'title {"a": 1} is not a text string',
         "warning", stored=True),
    Case("published is a number", "b.jsonl", write(jsonl(rec(published=2024))), "published 2024 is not an ISO 8601",
         "warning", stored=True),
    Case("published is prose", "b.jsonl", write(jsonl(rec(published="yesterday"))), "is not an ISO 8601 date",
         "warning", stored=True),
    Case("published is no real day", "b.jsonl", write(jsonl(rec(published="2024-02-30"))), "is not an ISO 8601 date",
         "warning", stored=True),
    Case("id is an object", "b.jsonl", write(jsonl(rec(id={"x": 1}))), "is not a non-empty string or number",
         "warning", stored=True),
    Case("id is empty", "b.jsonl", write(jsonl(rec(id=""))), "is not a non-empty string or number", "warning",
         stored=True),
    Case("JSON nested too deeply", "b.jsonl", write(("[" * 100_000 + "]" * 100_000 + "\n").encode()),
         "nested too deeply"),
    Case("record text over 5 MB", "b.jsonl", write(jsonl({"id": "x", "text": "word " * 1_000_100})),
         "over the 5,000,000-byte limit"),
    Case("empty JSONL file", "b.jsonl", write(b""), "file is empty"),
    Case("invalid UTF-8 in JSONL", "b.jsonl", write(b'{"id": "x", "text": "caf\xe9"}\n'), "not valid UTF-8"),
    Case("CRLF line ends", "b.jsonl", write(jsonl(rec()).replace(b"\n", b"\r\n")), None, stored=True),
]


def kg(capsys, *args: str) -> tuple[int, str, str]:
    """Run the real CLI entry point in this process."""
    saved = sys.argv
    sys.argv = ["kg", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = saved
    out = capsys.readouterr()
    return code, out.out, out.err


def has_fact(store: KGStore, s: str, rel: str, o: str) -> bool:
    return bool(why(store, s, rel, o))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_beside_a_good_article(tmp_path, capsys, case):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = folder / case.filename
    case.make(bad)
    code, out, err = kg(capsys, "build", str(folder / "good.txt"), str(bad), "--store", str(tmp_path / "s"),
                        "--workers", "1")
    assert code == 0, err  # the good article was stored
    lines = [line for line in err.splitlines() if line.strip()]
    assert all(line.startswith(("kg: error: ", "kg: warning: ")) for line in lines), err
    if case.message is None:
        assert lines == [], err
    else:
        (line,) = lines
        assert line.startswith(f"kg: {case.level}: {bad}"), line
        assert case.message in line, line
    with KGStore(tmp_path / "s", read_only=True) as store:
        assert has_fact(store, "Microsoft", "partnersWith", "OpenAI")  # the good article
        assert has_fact(store, "Tesla", "foundedBy", "Elon Musk") is case.stored
        # nothing stored as it came in: every date is an ISO date or date-time, every title a string
        for row in run(store, "SELECT ?d WHERE { ?a dcterms:date ?d }"):
            assert str(row[0].datatype).endswith(("#date", "#dateTime")), row
        for row in run(store, "SELECT ?t WHERE { ?a dcterms:title ?t }"):
            assert not str(row[0]).startswith("{"), row
        for row in run(store, "SELECT ?u WHERE { ?a dcterms:source ?u FILTER(DATATYPE(?u) = xsd:anyURI) }"):
            assert str(row[0]).startswith(("http://", "https://")), row


def test_duplicate_id_keeps_the_first_record(tmp_path, capsys):
    p = tmp_path / "b.jsonl"
    p.write_bytes(jsonl({"id": "r1", "text": SECOND}, {"id": "r1", "text": GOOD}))
    code, out, err = kg(capsys, "build", str(p), "--store", str(tmp_path / "s"), "--workers", "1")
    assert code == 0 and "id 'r1' is already used by line 1" in err
    with KGStore(tmp_path / "s", read_only=True) as store:
        assert store.articles() == ["r1"]
        assert has_fact(store, "Tesla", "foundedBy", "Elon Musk")
        assert not has_fact(store, "Microsoft", "partnersWith", "OpenAI")  # not silently replaced


def test_text_over_the_pipeline_limit_is_parsed_in_parts(tmp_path, capsys):
    body = BIG_FILLER * (1_000_000 // len(BIG_FILLER) + 200)
    text = GOOD + "\n\n" + body + SECOND + "\n"
    assert 1_000_000 < len(text) < 5_000_000 // 4  # over spaCy's max_length, under kg's cap
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    code, out, err = kg(capsys, "build", str(tmp_path / "long.txt"), "--store", str(tmp_path / "s"))
    assert code == 0 and err == "", err
    with KGStore(tmp_path / "s", read_only=True) as store:
        (late,) = why(store, "Tesla", "foundedBy", "Elon Musk")
        assert late.start > 1_000_000 and text[late.start:late.end] == late.sentence  # offsets into the whole text
        (early,) = why(store, "Microsoft", "partnersWith", "OpenAI")
        assert early.start == 0


def test_control_characters_make_valid_xml_exports(tmp_path, capsys):
    (tmp_path / "ctl.txt").write_text(f"Tesla\x01 was founded by Elon Musk.\x0b {GOOD}", encoding="utf-8")
    code, _, err = kg(capsys, "build", str(tmp_path / "ctl.txt"), "--store", str(tmp_path / "s"))
    assert code == 0, err
    for fmt in ("xml", "graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        code, _, err = kg(capsys, "export", "--format", fmt, "-o", str(out), "--store", str(tmp_path / "s"))
        assert code == 0
        xml.dom.minidom.parse(str(out))  # well-formed XML 1.0
        assert "kg: warning:" in err and "replaced with U+FFFD" in err, (fmt, err)
    code, ttl, err = kg(capsys, "export", "--format", "turtle", "--store", str(tmp_path / "s"))
    assert "\\u0001" in ttl or "\x01" in ttl  # Turtle keeps the text as it was
    assert "warning" not in err


def test_remove_by_file_takes_records_with_urls_too(tmp_path, capsys):
    p = tmp_path / "batch.jsonl"
    p.write_bytes(jsonl({"id": "a", "text": GOOD, "url": "https://example.org/a"}, {"id": "b", "text": SECOND}))
    assert kg(capsys, "build", str(p), "--store", str(tmp_path / "s"), "--workers", "1")[0] == 0
    code, out, err = kg(capsys, "remove", str(p), "--store", str(tmp_path / "s"))
    assert code == 0, err
    assert "removed a" in out and "removed b" in out
    with KGStore(tmp_path / "s", read_only=True) as store:
        assert store.count_articles() == 0


def test_extract_keeps_one_line_per_input(tmp_path, capsys):
    p = tmp_path / "in.jsonl"
    p.write_bytes(json.dumps({"id": "1", "text": f"A\u2028{GOOD}"}, ensure_ascii=False).encode() + b"\n"
                  + b'{"id": "2\\ud800", "text": "bad \\ud800"}\n' + jsonl({"id": "3", "text": SECOND, "url": "/"}))
    code, out, err = kg(capsys, "extract", str(p), "--workers", "1")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert ("Microsoft", "partnersWith", "OpenAI") in {(t["subject"], t["relation"], t["object"]) for t in first["triples"]}
    assert second["triples"] == [] and "lone UTF-16 surrogate" in second["error"]
    assert "is not an absolute http(s) URL" in third["warnings"][0]
