"""Reading articles: formats, encodings, header dates, clear errors."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoints.article import from_text, iter_paths, read_article
from flashpoints.errors import InputError


def test_markdown_header_date_and_title(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# Troops gather\n\nClara Example\n\n3 December 2021\n\nBody text about "
                 "[Kyiv](http://example.org) and **Minsk**.\n", encoding="utf-8")
    a = read_article(p)
    assert a.title == "Troops gather"
    assert a.published == dt.date(2021, 12, 3)
    assert "Kyiv and Minsk" in a.text and "http" not in a.text


@pytest.mark.parametrize("line, date", [
    ("November 15, 2021", dt.date(2021, 11, 15)),
    ("Published: 2021-11-15", dt.date(2021, 11, 15)),
    ("Monday, 15 Nov 2021", dt.date(2021, 11, 15)),
])
def test_header_date_formats(line, date):
    assert from_text(f"Title\n\n{line}\n\nText here.").published == date


def test_given_date_wins():
    a = from_text("Title\n\n15 November 2021\n\nText.", published="2022-01-02")
    assert a.published == dt.date(2022, 1, 2)


def test_html_scripts_and_styles_dropped(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<html><head><title>T &amp; U</title><style>p{}</style></head><body>"
                 "<script>alert(1)</script><p>Tanks near Brest.</p></body></html>")
    a = read_article(p)
    assert a.title == "T & U"
    assert a.text == "Tanks near Brest."


def test_latin1_and_utf16(tmp_path):
    p = tmp_path / "l1.txt"
    p.write_bytes("Troops in Bogotá.".encode("latin-1"))
    assert read_article(p).text == "Troops in Bogotá."
    q = tmp_path / "u16.txt"
    q.write_bytes("Ships near Odesa.".encode("utf-16"))
    assert read_article(q).text == "Ships near Odesa."


@pytest.mark.parametrize("content, needle", [
    (b"", "empty file"),
    (b"   \n\t  \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_files_clear_error(tmp_path, content, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_article(p)
    assert str(p) in str(exc.value) and needle in str(exc.value)


def test_missing_and_too_big(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.md")
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    monkeypatch.setenv("FLASHPOINTS_MAX_BYTES", "100")
    with pytest.raises(InputError, match="over the limit.*FLASHPOINTS_MAX_BYTES"):
        read_article(p)


def test_html_only_markup_is_empty(tmp_path):
    p = tmp_path / "e.html"
    p.write_text("<html><body><script>x()</script></body></html>")
    with pytest.raises(InputError, match="empty article"):
        read_article(p)


def test_folder_walk_finds_article_files_only(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.md", "sub/b.html", "sub/c.txt", "d.pdf", "e.json"):
        (tmp_path / name).write_text("x")
    found = [p.name for p in iter_paths([tmp_path])]
    assert found == ["a.md", "b.html", "c.txt"]


def test_id_is_content_hash():
    assert from_text("Same text.").id == from_text("Same text.").id
    assert from_text("Same text.").id != from_text("Other text.").id
