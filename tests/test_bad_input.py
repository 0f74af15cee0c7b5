"""Bad article input, through the CLI and through the Python API.

Empty, blank, binary, too big, odd encodings, non-English, HTML with scripts,
Markdown with links, a 2 MB single line, no places at all, missing paths,
folders mixing good and bad files, unreadable files. Each error is one line
naming the file and the problem, never a traceback; each accepted file gives
the text and places a reader would expect.

Unreadable files: the tests run as root, so ``chmod 000`` does not stop a read.
Two other kinds of path are used instead: a named pipe (FIFO), which the reader
must refuse rather than block on, and a dangling symbolic link.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from _bad_files import (NO_PLACES, collect_runs, PNG_BYTES, WIRE, WIRE_PARAGRAPH, assert_one_line_error,
                        call_with_timeout, error_lines, open_fifo_writer, random_binary,
                        run_cli, start_big_file_run, write_bytes, write_repeated)
from flashpoints.article import MAX_BYTES_DEFAULT, read_article
from flashpoints.errors import FlashpointsError, InputError

#: Rough box around Europe and the nearby parts of Asia: what the non-English
#: articles below talk about. A place outside it is one on another continent.
EUROPE = (34.0, 72.0, -25.0, 60.0)  # lat min, lat max, lon min, lon max


@pytest.fixture(scope="module")
def pipeline(gaz, actors):
    """``extract`` with the shared gazetteer and actors (dates.py must be there)."""
    from flashpoints import pipeline as pl

    def run(article, **kw):
        return pl.extract(article, gazetteer=gaz, actors=actors, **kw)

    return run


def _place_names(x) -> set[str]:
    return set(x.places["name"])


def _mention_texts(x) -> set[str]:
    return {m["text"] for ms in x.places["mentions"] for m in ms}


def _assert_mention_offsets(x, text: str) -> None:
    for ms in x.places["mentions"]:
        for m in ms:
            assert text[m["start"]:m["end"]] == m["text"]


# ------------------------------------------------------------------ bad files, API

BAD_FILES = {
    # name: (file name, bytes, words the message must contain)
    "empty": ("empty.txt", b"", ("empty file",)),
    "whitespace": ("blank.md", b"  \n\t\n   \r\n\n", ("empty file",)),
    "png": ("picture.html", PNG_BYTES, ("binary",)),
    "random_with_nuls": ("noise.txt", random_binary(), ("binary",)),
    "random_no_nuls": ("noise2.md", bytes(b for b in random_binary(8192, seed=3) if b),
                       ("binary",)),
    "utf16_without_bom": ("u16.txt", "Troops near Brest.".encode("utf-16-le"), ("binary",)),
    "markup_only": ("only-markup.html", b"<html><body><script>x()</script><style>p{}</style>"
                    b"</body></html>", ("empty",)),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_read_article_refuses_bad_file(tmp_path, case):
    name, data, words = BAD_FILES[case]
    p = write_bytes(tmp_path / name, data)
    with pytest.raises(InputError) as exc:
        read_article(p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}: "), msg
    for w in words:
        assert w in msg
    assert "\n" not in msg


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_cli_bad_file_clear_error(tmp_path, capsys, case):
    name, data, words = BAD_FILES[case]
    p = write_bytes(tmp_path / name, data)
    code, out, err = run_cli(["extract", p], capsys)
    assert code == 1 and out == ""
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("flashpoints: ") for ln in lines), lines
    for ln in lines:
        assert str(p) in ln and all(w in ln for w in words), ln


@pytest.mark.parametrize("case", ["empty", "png"])
def test_cli_bad_file_is_one_line(tmp_path, capsys, case):
    name, data, words = BAD_FILES[case]
    p = write_bytes(tmp_path / name, data)
    code, out, err = run_cli(["extract", p], capsys)
    assert_one_line_error(code, err, str(p), *words)


def test_read_article_missing_path(tmp_path):
    p = tmp_path / "no-such-article.md"
    with pytest.raises(InputError) as exc:
        read_article(p)
    assert str(exc.value) == f"{p}: no such file"


def test_cli_missing_path_clear_error(tmp_path, capsys):
    p = tmp_path / "no-such-article.md"
    code, out, err = run_cli(["extract", p], capsys)
    assert code == 1 and out == "" and "Traceback" not in err
    assert error_lines(err) and all(f"{p}: no such file" in ln for ln in error_lines(err))


def test_read_article_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_article(tmp_path)


def test_dangling_symlink_is_a_clear_error(tmp_path, capsys):
    """The unreadable file used here: a symbolic link to a file that does not exist."""
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "deleted-long-ago.md")
    with pytest.raises(InputError) as exc:
        read_article(link)
    assert str(exc.value).startswith(f"{link}: ") and "no such file" in str(exc.value)
    code, out, err = run_cli(["extract", link], capsys)
    assert code == 1 and out == "" and "Traceback" not in err
    assert all(str(link) in ln for ln in error_lines(err))


def test_symlink_loop_is_a_clear_error(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(InputError) as exc:
        read_article(loop)
    assert str(exc.value).startswith(f"{loop}: ")


def test_fifo_is_refused_not_read(tmp_path):
    """The other unreadable file: a named pipe. Reading it would block for ever."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    finished, result = call_with_timeout(lambda: read_article(fifo), 3.0,
                                         unblock=lambda: open_fifo_writer(fifo))
    assert finished, "read_article blocked on a FIFO"
    assert isinstance(result, InputError) and str(result).startswith(f"{fifo}: ")


def test_folder_with_fifo_skips_it(tmp_path, pipeline):
    """In a folder only regular files are read: a FIFO there neither blocks nor counts."""
    from flashpoints.pipeline import extract_paths

    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "good.md").write_text(WIRE, encoding="utf-8")
    errors: list[str] = []

    def run():
        return [a.source for a, _ in extract_paths([str(tmp_path)],
                                                   on_error=lambda f, e: errors.append(f))]

    finished, result = call_with_timeout(run, 30.0,
                                         unblock=lambda: open_fifo_writer(tmp_path / "pipe.md"))
    assert finished, "a FIFO in a folder blocked the run"
    assert result == [str(tmp_path / "good.md")] and errors == []


# ------------------------------------------------------------------ size limit

def test_50mb_file_is_over_the_default_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FLASHPOINTS_MAX_BYTES", raising=False)
    p = write_repeated(tmp_path / "huge.txt", WIRE_PARAGRAPH, 50_000_000)
    assert p.stat().st_size > MAX_BYTES_DEFAULT

    def no_read(self, *a, **k):  # refused from its size, without reading 50 MB first
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(InputError) as exc:
        read_article(p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}: ") and "over the limit" in msg
    assert "FLASHPOINTS_MAX_BYTES" in msg and f"{MAX_BYTES_DEFAULT:,}" in msg
    code, out, err = run_cli(["extract", p], capsys)
    assert code == 1 and out == "" and "Traceback" not in err
    assert all(str(p) in ln and "FLASHPOINTS_MAX_BYTES" in ln for ln in error_lines(err))


#: Wall-clock guard for the two multi-MB extractions below (run at once, each in a
#: child process that is killed at the deadline). Not a benchmark: each takes
#: some 8 s of CPU; the guard only keeps a run that would take hours (extraction
#: that grows with the square of the length) from hanging the suite.
BIG_DEADLINE_S = 120
QUADRATIC = ("extraction time grows with the square of the article length: resolve.score() "
             "measures every candidate against every earlier anchor (one per mention, "
             "duplicates kept), mentions.find_mentions' free() scans every border span for "
             "every place, and events.extract_events hashes the whole text (Article.id) for "
             "every event; 2 MB of wire text takes hours")


@pytest.fixture(scope="module")
def big_files(tmp_path_factory) -> dict[str, Path]:
    """About 2 MB of repeated wire text, and a 2 MB single line; written once."""
    root = tmp_path_factory.mktemp("big")
    unit = ("Russia moved troops near Brest on Sunday and Belarus sent 300 border guards to "
            "the Polish-Belarusian border, officials in Kyiv said; ")
    return {"wire": write_repeated(root / "wire.txt", WIRE_PARAGRAPH, 2_000_000),
            "line": write_repeated(root / "one-line.txt", unit, 2_000_000, newline=False)}


@pytest.fixture(scope="module")
def big_runs(big_files) -> dict[str, dict]:
    """Both big files extracted at once in child processes; ``{"timeout": True}`` when
    one did not finish by the deadline."""
    procs = {name: start_big_file_run(path, "2021-11-15",
                                      env={"FLASHPOINTS_MAX_BYTES": "5000000"})
             for name, path in big_files.items()}
    return collect_runs(procs, BIG_DEADLINE_S)


def test_max_bytes_env_var_lowers_and_raises_the_limit(big_files, monkeypatch):
    wire = big_files["wire"]
    monkeypatch.setenv("FLASHPOINTS_MAX_BYTES", "1000000")
    with pytest.raises(InputError,
                       match="over the limit of 1,000,000 bytes.*FLASHPOINTS_MAX_BYTES"):
        read_article(wire)
    monkeypatch.setenv("FLASHPOINTS_MAX_BYTES", "5000000")
    art = read_article(wire)
    assert len(art.text) > 1_900_000 and art.text.startswith("Belarus sent 500 border guards")
    monkeypatch.setenv("FLASHPOINTS_MAX_BYTES", "not a number")  # ignored: the default
    assert read_article(wire).text == art.text


def test_few_mb_of_wire_text_is_processed(big_runs):
    r = big_runs["wire"]
    assert "error" not in r, r.get("error")
    assert not r.get("timeout"), f"not done in {BIG_DEADLINE_S} s: {QUADRATIC}"
    assert r["chars"] > 1_900_000
    assert {"Black Sea", "Kyiv", "Brest"} <= set(r["names"]) and "border" in r["kinds"]
    assert r["events"] > 1000
    assert r["offsets_ok"] and r["evidence_ok"]


def test_2mb_single_line(big_runs):
    r = big_runs["line"]
    assert "error" not in r, r.get("error")
    assert not r.get("timeout"), f"not done in {BIG_DEADLINE_S} s: {QUADRATIC}"
    assert r["chars"] >= 1_900_000 and r["lines"] <= 2
    assert {"Brest", "Kyiv"} <= set(r["mentions"]) and "border" in r["kinds"]
    assert r["offsets_ok"] and r["evidence_ok"]


def test_long_single_line_of_moderate_size(tmp_path, pipeline):
    """A 200 kB line without a break, made mostly of words that name nothing, around
    a few real names: processed, offsets right."""
    filler = "the committee talked about budgets and pensions for a long while " * 3000
    text = ("Russia moved troops near Brest on Sunday, officials in Kyiv said; " + filler
            + " and Belarus sent 300 border guards to the Polish-Belarusian border.")
    p = tmp_path / "line.txt"
    p.write_text(text, encoding="utf-8")
    art = read_article(p, published="2021-11-15")
    assert art.text == text
    x = pipeline(art)
    assert {"Brest", "Kyiv", "Polish-Belarusian border"} <= _mention_texts(x)
    _assert_mention_offsets(x, art.text)
    for r in x.events.itertuples():
        assert art.text[r.evidence_start:r.evidence_end] == r.evidence


# ------------------------------------------------------------------ encodings

def test_latin1_file(tmp_path, pipeline):
    text = ("Soldiers from Kraków and München were sent toward the Black Sea, "
            "a spokesman in Zürich said.\n")
    p = write_bytes(tmp_path / "latin1.txt", text.encode("latin-1"))
    art = read_article(p)
    assert art.text == text
    x = pipeline(art)
    assert {"Kraków", "Black Sea"} <= _mention_texts(x)
    _assert_mention_offsets(x, art.text)
    krakow = x.places[x.places["mentions"].map(lambda ms: ms[0]["text"] == "Kraków")].iloc[0]
    assert 49.5 < krakow["lat"] < 50.5 and 19.5 < krakow["lon"] < 20.5


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-16"),  # BOM + native order
    lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
    lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
    lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),  # UTF-8 with BOM
], ids=["utf16", "utf16le-bom", "utf16be-bom", "utf8-bom"])
def test_bom_files(tmp_path, pipeline, encode):
    text = "Warships left Sevastopol for the Sea of Azov, officials in Kyiv said.\n"
    p = write_bytes(tmp_path / "bom.md", encode(text))
    art = read_article(p)
    assert art.text == text  # no BOM left: offsets start at the first letter
    x = pipeline(art)
    assert {"Sevastopol", "Sea of Azov", "Kyiv"} <= _mention_texts(x)
    _assert_mention_offsets(x, art.text)
    azov = x.places[x.places["name"] == "Sea of Azov"].iloc[0]
    assert azov["kind"] == "sea" and azov["geometry"].geom_type in ("Polygon", "MultiPolygon")


# ------------------------------------------------------------------ non-English text

NON_ENGLISH = {
    "russian": ("Российские войска провели учения в Крыму и у границы с Украиной в воскресенье. "
                "В министерстве обороны заявили, что восемь тысяч военнослужащих переброшены "
                "в Ростовскую область, а корабли вышли в Азовское море.\n"),
    "ukrainian": ("Українські прикордонники посилили охорону кордону з Білоруссю. У Києві "
                  "заявили, що кораблі флоту вийшли в Азовське море, а в Криму тривають "
                  "навчання.\n"),
    "polish": ("Polskie wojsko wysłało dodatkowych żołnierzy na granicę z Białorusią. Minister "
               "obrony powiedział w Warszawie, że sytuacja w Kuźnicy jest napięta. Straż "
               "Graniczna zatrzymała w nocy grupę migrantów koło Białegostoku, a Rosja "
               "prowadzi ćwiczenia na Morzu Czarnym.\n"),
    "mixed": ("Über die Lage an der Grenze sprach der Minister in Warszawa; Российские корабли "
              "вышли в море. Żołnierze z Krakowa pojechali na wschód. Ελληνικά και 中文 "
              "שלום عربى.\n"),
}


@pytest.mark.parametrize("lang", sorted(NON_ENGLISH))
def test_non_english_text_no_crash_no_far_places(tmp_path, pipeline, lang):
    text = NON_ENGLISH[lang]
    p = tmp_path / f"{lang}.txt"
    p.write_text(text, encoding="utf-8")
    art = read_article(p, published="2021-11-15")
    assert art.text == text
    x = pipeline(art)
    _assert_mention_offsets(x, art.text)
    lat0, lat1, lon0, lon1 = EUROPE
    for r in x.places.itertuples():
        assert lat0 <= r.lat <= lat1 and lon0 <= r.lon <= lon1, (
            f"{lang}: {r.name!r} ({r.kind}, {r.lat}, {r.lon}) from "
            f"{[m['text'] for m in r.mentions]} is on another continent")
    for r in x.events.itertuples():
        assert art.text[r.evidence_start:r.evidence_end] == r.evidence


def test_cyrillic_text_yields_no_places(pipeline):
    """The offline gazetteer has Latin-script names only: Cyrillic text finds nothing
    rather than something wrong."""
    from flashpoints.article import from_text

    for lang in ("russian", "ukrainian"):
        x = pipeline(from_text(NON_ENGLISH[lang], markup="text"))
        assert len(x.places) == 0


@pytest.mark.parametrize("lang", ["russian", "polish"])
def test_cli_non_english_exit_0(tmp_path, capsys, lang):
    p = tmp_path / f"{lang}.md"
    p.write_text(NON_ENGLISH[lang], encoding="utf-8")
    code, out, err = run_cli(["extract", p, "--published", "2021-11-15"], capsys)
    assert code == 0 and "Traceback" not in err
    fc = json.loads(out)
    assert fc["type"] == "FeatureCollection"


# ------------------------------------------------------------------ markup

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Border &amp; sea</title>
<style>body { font: 12px serif } .x:after { content: "STYLE_MARKER Moscow" }</style>
<script>var leaked = "SCRIPT_MARKER Washington"; document.title = "pwned";</script>
<SCRIPT type="text/javascript">window.UPPER_MARKER = "Beijing";</SCRIPT>
</head><body onload="ONLOAD_MARKER()">
<!-- COMMENT_MARKER Tokyo -->
<h1>Troops near the border</h1>
<p>Russian troops were seen near <a href="https://example.org/brest" onclick="CLICK_MARKER()">Brest</a>
on Sunday, officials in <b>Kyiv</b> said.</p>
<noscript>NOSCRIPT_MARKER Paris</noscript>
<template><p>TEMPLATE_MARKER London</p></template>
<p>Ships sailed into the Black Sea &amp; the Sea of Azov.</p>
<script>
  if (a < b && c > d) { document.write("<p>WRITE_MARKER Cairo</p>"); }
</script>
<p>Done.</p>
<script>var unclosed = "UNCLOSED_MARKER Lima";
</body></html>
"""
MARKERS = ("STYLE_MARKER", "SCRIPT_MARKER", "UPPER_MARKER", "ONLOAD_MARKER", "COMMENT_MARKER",
           "CLICK_MARKER", "NOSCRIPT_MARKER", "TEMPLATE_MARKER", "WRITE_MARKER", "UNCLOSED_MARKER",
           "pwned", "https://", "<", ">")


def test_html_script_and_style_never_reach_the_text(tmp_path, pipeline):
    p = tmp_path / "page.html"
    p.write_text(HOSTILE_HTML, encoding="utf-8")
    art = read_article(p, published="2021-11-15")
    for marker in MARKERS:
        assert marker not in art.text, marker
    assert art.title == "Border & sea"
    flat = " ".join(art.text.split())  # a line break inside <p> is a space
    assert "Russian troops were seen near Brest on Sunday, officials in Kyiv said." in flat
    assert "Ships sailed into the Black Sea & the Sea of Azov." in art.text
    x = pipeline(art)
    names = _place_names(x)
    assert {"Black Sea", "Sea of Azov", "Kyiv"} <= names
    # the cities named only inside scripts, styles and comments are not there
    assert not names & {"Moscow", "Washington", "Beijing", "Tokyo", "Paris", "London", "Cairo",
                        "Lima"}
    for ev in x.events["evidence"]:
        assert not any(m in ev for m in MARKERS[:-2])


def test_html_in_txt_file_is_stripped_too(tmp_path):
    p = tmp_path / "saved-page.txt"
    p.write_text(HOSTILE_HTML, encoding="utf-8")
    art = read_article(p)
    assert "SCRIPT_MARKER" not in art.text and "officials in Kyiv said" in art.text


MARKDOWN = (
    "# Ships and [links](https://example.org/title-link)\n\n"
    "Russian warships were seen near [Sevastopol](https://example.org/sev?a=1&b=2) and in "
    "[the Sea of Azov](http://example.com/azov \"Azov, a sea\") on Sunday, "
    "![a map of Crimea](maps/crimea.png) **officials** in [Kyiv](<https://example.org/k y>) "
    "said.\n\n> Quoted: troops moved to [Brest](https://example.org/brest).\n"
)


def test_markdown_links_keep_labels_drop_urls(tmp_path, pipeline):
    p = tmp_path / "links.md"
    p.write_text(MARKDOWN, encoding="utf-8")
    art = read_article(p, published="2021-11-15")
    for gone in ("https://", "http://", "example.org", "example.com", "maps/crimea.png",
                 "](", "**"):
        assert gone not in art.text, gone
    assert art.title == "Ships and links"
    assert ("Russian warships were seen near Sevastopol and in the Sea of Azov on Sunday, "
            "a map of Crimea officials in Kyiv said.") in art.text
    assert "Quoted: troops moved to Brest." in art.text
    x = pipeline(art)
    assert {"Sevastopol", "Sea of Azov", "Kyiv", "Brest"} <= _mention_texts(x)
    _assert_mention_offsets(x, art.text)


def test_markdown_reference_links():
    from flashpoints.article import from_text

    art = from_text("Troops moved to [Brest][1] on Sunday.\n\n[1]: https://example.org/brest\n",
                    markup="markdown")
    assert "https://" not in art.text and "[1]" not in art.text
    assert "Troops moved to Brest on Sunday." in art.text


def test_markdown_link_url_with_parentheses():
    from flashpoints.article import from_text

    art = from_text("Troops in [Crimea](https://example.org/wiki/Crimea_(peninsula)) moved.",
                    markup="markdown")
    assert art.text == "Troops in Crimea moved."


# ------------------------------------------------------------------ long lines, no places

def test_no_places_api(tmp_path, pipeline):
    p = tmp_path / "nothing.txt"
    p.write_text(NO_PLACES, encoding="utf-8")
    x = pipeline(read_article(p))
    assert len(x.places) == 0 and len(x.events) == 0 and len(x.unresolved) == 0
    assert json.loads(x.to_geojson()) == {"type": "FeatureCollection", "features": []}


def test_no_places_cli_exit_0(tmp_path, capsys):
    p = tmp_path / "nothing.txt"
    p.write_text(NO_PLACES, encoding="utf-8")
    code, out, err = run_cli(["extract", p, "--format", "table"], capsys)
    assert code == 0 and "Traceback" not in err
    assert out.startswith("0 places\n") and "\n0 events\n" in out
    code, out, err = run_cli(["extract", p], capsys)
    assert code == 0 and json.loads(out)["features"] == []


# ------------------------------------------------------------------ folders

def _mixed_folder(root: Path) -> tuple[Path, list[Path]]:
    good = root / "a-good.md"
    good.write_text(WIRE, encoding="utf-8")
    bad = [
        write_bytes(root / "b-empty.txt", b""),
        write_bytes(root / "c-blank.md", b"\n  \n"),
        write_bytes(root / "d-picture.html", PNG_BYTES),
        write_bytes(root / "sub" / "e-noise.txt", random_binary()),
    ]
    write_bytes(root / "f-picture.png", PNG_BYTES)  # not an article file: ignored
    (root / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return good, bad


def test_folder_good_and_bad_api(tmp_path, pipeline, gaz, actors):
    from flashpoints.pipeline import extract_paths

    good, bad = _mixed_folder(tmp_path)
    errors: dict[str, FlashpointsError] = {}
    done = list(extract_paths([str(tmp_path)], gazetteer=gaz, actors=actors,
                              on_error=lambda f, e: errors.setdefault(f, e)))
    assert [a.source for a, _ in done] == [str(good)]
    assert "Black Sea" in _place_names(done[0][1])
    assert sorted(errors) == sorted(str(b) for b in bad)
    for f, e in errors.items():
        assert isinstance(e, InputError) and str(e).startswith(f"{f}: ")


def test_folder_without_on_error_raises_first_problem(tmp_path, gaz, actors):
    from flashpoints.pipeline import extract_paths

    _good, bad = _mixed_folder(tmp_path)
    with pytest.raises(InputError) as exc:
        list(extract_paths([str(tmp_path)], gazetteer=gaz, actors=actors))
    assert str(exc.value).startswith(f"{bad[0]}: ")


def test_folder_good_and_bad_cli(tmp_path, capsys):
    good, bad = _mixed_folder(tmp_path)
    code, out, err = run_cli(["extract", tmp_path], capsys)
    assert code == 0 and "Traceback" not in err
    fc = json.loads(out)
    names = {f["properties"]["name"] for f in fc["features"]
             if f["properties"]["record"] == "place"}
    assert "Black Sea" in names
    skipped = [ln for ln in err.splitlines() if ln.startswith("flashpoints: skipped: ")]
    assert len(skipped) == len(bad)
    for b in bad:  # each bad file on its own line, with its problem
        assert sum(str(b) in ln for ln in skipped) == 1
    assert not any(str(good) in ln for ln in skipped)
    assert not any(".png" in ln or "notes.csv" in ln for ln in err.splitlines())
    assert any("empty file" in ln for ln in skipped) and any("binary" in ln for ln in skipped)


def test_folder_all_bad_cli_exit_1(tmp_path, capsys):
    bad = [write_bytes(tmp_path / "x.txt", b""), write_bytes(tmp_path / "y.md", PNG_BYTES)]
    code, out, err = run_cli(["extract", tmp_path], capsys)
    assert code == 1 and out == "" and "Traceback" not in err
    lines = error_lines(err)
    for b in bad:
        assert any(str(b) in ln for ln in lines)
    assert lines[-1] == "flashpoints: error: no article could be read (2 errors)"


def test_folder_with_no_article_files(tmp_path, capsys):
    (tmp_path / "photo.png").write_bytes(PNG_BYTES)
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "empty-sub").mkdir()
    code, out, err = run_cli(["extract", tmp_path], capsys)
    assert_one_line_error(code, err, "no article files", str(tmp_path))
    assert code == 1 and out == ""


def test_empty_folder(tmp_path, capsys):
    code, out, err = run_cli(["extract", tmp_path], capsys)
    assert_one_line_error(code, err, "no article files", str(tmp_path))


def test_good_file_and_missing_file_cli(tmp_path, capsys):
    good = tmp_path / "good.md"
    good.write_text(WIRE, encoding="utf-8")
    missing = tmp_path / "missing.md"
    code, out, err = run_cli(["extract", good, missing, "--format", "table"], capsys)
    assert code == 0
    assert out.splitlines()[0].endswith("places") and not out.startswith("0 places")
    assert [ln for ln in error_lines(err)] == [f"flashpoints: skipped: {missing}: no such file"]
