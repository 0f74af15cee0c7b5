"""Articles in: plain text, Markdown or HTML, from a string, a file or a folder.

``Article.text`` is the text every offset refers to (markup stripped). The
publication date is taken from the caller or found in the header (the first
lines), and the article id is a hash of the text so re-ingest is idempotent.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from .errors import InputError

#: Largest article accepted, in bytes (raise with ``FLASHPOINTS_MAX_BYTES``).
MAX_BYTES_DEFAULT = 20_000_000
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Article:
    """One article: its text (offsets refer to it), title, publication date, source."""

    text: str
    title: str = ""
    published: dt.date | None = None
    source: str = ""

    @cached_property
    def id(self) -> str:
        """A hash of the text: the same article always gets the same id."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def words(self) -> int:
        return len(self.text.split())


def max_bytes() -> int:
    import os

    try:
        return int(os.environ.get("FLASHPOINTS_MAX_BYTES", MAX_BYTES_DEFAULT))
    except ValueError:
        return MAX_BYTES_DEFAULT


# ---------------------------------------------------------------- decoding

def decode(data: bytes, name: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1.

    Binary data (NUL bytes outside UTF-16, or mostly control characters) is refused.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"{name}: not valid UTF-16 text ({err.reason})") from err
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = text[:65536]
    if sample:
        ctrl = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
        if ctrl / len(sample) > 0.05:
            raise InputError(f"{name}: looks like a binary file, not text "
                             f"({ctrl} control characters in the first {len(sample)})")
    return text


# ---------------------------------------------------------------- markup

class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
              "article", "header", "footer", "blockquote", "pre", "ul", "ol", "table", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def strip_html(markup: str) -> tuple[str, str]:
    """Visible text and <title> of an HTML page (scripts and styles dropped)."""
    p = _TextExtractor()
    p.feed(markup)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*\n *", "\n\n", text)
    return text.strip(), " ".join("".join(p.title).split())


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
                      r"(?:\s+\"[^\"]*\")?\)")
_MD_REF_LINK = re.compile(r"!?\[([^\]]+)\]\[[^\]]*\]")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_MD_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")


def strip_markdown(md: str) -> str:
    """Markdown to plain text: links keep their label, emphasis and heading marks go."""
    text = _MD_REF_DEF.sub("", md)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REF_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub("", text)
    text = _MD_EMPH.sub(r"\2", text)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    return text


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<p>" in head or "<!doctype html" in head


# ---------------------------------------------------------------- header

_MONTHS = ("january february march april may june july august september october "
           "november december").split()
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|date|posted|updated)\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})|([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2}))"
    r"\b", re.I)


def _month(name: str) -> int | None:
    name = name.lower()
    for i, m in enumerate(_MONTHS, 1):
        if len(name) >= 3 and m.startswith(name):
            return i
    return None


def find_published(text: str, lines: int = 8) -> dt.date | None:
    """The publication date when one of the first lines is just a date."""
    for line in text.strip().splitlines()[: lines * 2]:
        if not line.strip():
            continue
        m = _DATE_LINE.match(line)
        if not m or len(line.strip()) > 60:
            continue
        try:
            if m.group(1):
                mon = _month(m.group(2))
                if mon:
                    return dt.date(int(m.group(3)), mon, int(m.group(1)))
            elif m.group(4):
                mon = _month(m.group(4))
                if mon:
                    return dt.date(int(m.group(6)), mon, int(m.group(5)))
            else:
                return dt.date(int(m.group(7)), int(m.group(8)), int(m.group(9)))
        except ValueError:
            continue
    return None


def _find_title(text: str) -> str:
    for line in text.strip().splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


# ---------------------------------------------------------------- entry points

def from_text(text: str, *, title: str = "", published: dt.date | str | None = None,
              source: str = "", markup: str | None = None) -> Article:
    """An article from a string; ``markup`` is ``text|markdown|html`` or guessed."""
    if not isinstance(text, str):
        raise InputError("article text must be a string")
    if markup is None:
        markup = "html" if looks_like_html(text) else "markdown"
    if markup == "html":
        body, html_title = strip_html(text)
        title = title or html_title
    elif markup == "markdown":
        body = strip_markdown(text)
    else:
        body = text
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        where = source or "article"
        raise InputError(f"{where}: empty article (no text after removing markup)")
    pub = _as_date(published) if published is not None else find_published(body)
    return Article(text=body, title=title or _find_title(body), published=pub, source=source)


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as err:
        raise InputError(f"publication date {value!r} is not a date like 2021-11-15") from err


def read_article(path: str | Path, *, published: dt.date | str | None = None) -> Article:
    """Read one .txt/.md/.html file into an Article (clear errors, never a traceback)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; use iter_paths() or pass the files")
    if not p.is_file():
        raise InputError(f"{p}: not a regular file (a pipe or a device); save it to a file first")
    try:
        size = p.stat().st_size
        limit = max_bytes()
        if size > limit:
            raise InputError(f"{p}: {size:,} bytes is over the limit of {limit:,} bytes "
                             "(set FLASHPOINTS_MAX_BYTES to raise it)")
        data = p.read_bytes()
    except PermissionError as err:
        raise InputError(f"{p}: cannot read it (permission denied)") from err
    except OSError as err:
        raise InputError(f"{p}: cannot read it ({err.strerror or err})") from err
    if not data.strip():
        raise InputError(f"{p}: empty file")
    text = decode(data, str(p))
    suffix = p.suffix.lower()
    markup = {".html": "html", ".htm": "html", ".txt": "text"}.get(suffix, "markdown")
    if suffix == ".txt" and looks_like_html(text):
        markup = "html"
    try:
        return from_text(text, published=published, source=str(p), markup=markup)
    except InputError as err:
        if str(err).startswith(str(p)):
            raise
        raise InputError(f"{p}: {err}") from err


def iter_paths(paths: list[str | Path] | tuple[str | Path, ...]) -> Iterator[Path]:
    """Files named, and article files found (recursively, sorted) in folders named.

    In folders, README/LICENSE/CHANGELOG files are notes about the articles, not articles.
    """
    for item in paths:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and \
                        f.stem.upper() not in ("README", "LICENSE", "CHANGELOG"):
                    yield f
        else:
            yield p
