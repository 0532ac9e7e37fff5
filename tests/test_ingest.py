"""Reading articles: formats, metadata and every kind of bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import MAX_BYTES, Article, markdown_to_text, mask_boilerplate, read_articles, read_file


def one(path: Path) -> Article | InputError:
    (item,) = list(read_file(path))
    return item


def test_plain_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Microsoft has partnered with OpenAI.\n", encoding="utf-8")
    art = one(p)
    assert isinstance(art, Article)
    assert art.id == "a" and art.text.startswith("Microsoft") and len(art.content_hash) == 64


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Caf\u00e9 Microsoft".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_files_give_one_clear_error(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    err = one(p)
    assert isinstance(err, InputError)
    assert message in str(err) and str(p) in str(err) and "\n" not in str(err)


def test_unreadable_path(tmp_path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    err = one(d)
    assert isinstance(err, InputError) and "not a regular file" in str(err)
    (missing,) = list(read_articles([tmp_path / "nope.txt"]))
    assert isinstance(missing, InputError) and "no such file" in str(missing)


def test_huge_file_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * (MAX_BYTES // 5 + 10))
    err = one(p)
    assert isinstance(err, InputError) and "limit" in str(err)


def test_jsonl_bad_line_does_not_sink_the_batch(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a", "text": "Microsoft has partnered with OpenAI.", "url": "https://example.org/a", "published": "2016-11-15"}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Esri uses Azure."}),
    ]), encoding="utf-8")
    items = list(read_file(p))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert "batch.jsonl:2" in str(items[1]) and "malformed JSON" in str(items[1])
    assert items[0].url == "https://example.org/a" and items[0].published == "2016-11-15"


def test_html_keeps_prose_and_metadata_drops_scripts(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Deal news</title><meta property='article:published_time' content='2016-11-15'>"
        "<link rel='canonical' href='https://news.example/deal'><script>var x = 'Evil Corp acquired Good Corp';</script></head>"
        "<body><nav>Home | About</nav><h1>Deal</h1><p>Microsoft has partnered with <b>OpenAI</b>.</p>"
        "<p>Tom &amp; Jerry</p><footer>Please enter your comment!</footer></body></html>",
        encoding="utf-8",
    )
    art = one(p)
    assert isinstance(art, Article)
    assert art.title == "Deal news" and art.published == "2016-11-15" and art.url == "https://news.example/deal"
    assert "Microsoft has partnered with OpenAI." in art.text and "Tom & Jerry" in art.text
    assert "Evil Corp" not in art.text and "Home | About" not in art.text


def test_malformed_html_without_text(tmp_path):
    p = tmp_path / "broken.html"
    p.write_text("<html><script>unterminated", encoding="utf-8")
    err = one(p)
    assert isinstance(err, InputError) and "no visible text" in str(err)


def test_markdown_is_stripped():
    assert markdown_to_text("## Deal\n\n**Microsoft** partnered with [OpenAI](https://openai.example).") == \
        "Deal\n\nMicrosoft partnered with OpenAI."


def test_boilerplate_masking_keeps_offsets():
    text = "Microsoft partnered with OpenAI.\nPlease enter your comment!\nMore text."
    masked = mask_boilerplate(text)
    assert len(masked) == len(text)
    assert "Please" not in masked and masked.endswith("More text.")


def test_folder_is_expanded_sorted(tmp_path):
    (tmp_path / "b.txt").write_text("Esri uses Azure.", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nMicrosoft offers Azure.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00")
    ids = [a.id for a in read_articles([tmp_path])]
    assert ids == ["a", "b"]
