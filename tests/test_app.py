"""The Streamlit app: its page (streamlit.testing.v1.AppTest) and its helpers (appdata).

The page runs in-process; ``sys.argv`` is set to the app's own command line so
that saved corrections go to a temporary store, never to the user's.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from flashpoints import appdata as ad
from flashpoints.errors import ExportError, InputError
from flashpoints.table import EVENT_COLUMNS, Extraction, frame

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 60

#: Written for these tests. Four actors, day- and week-dated events, one undated
#: event, and a town name the gazetteer is unsure of.
ARTICLE = """# Troops gather on two borders

15 November 2021

Russia moved 8,000 troops towards its border with Ukraine on Sunday, according to
satellite images seen by analysts.

Poland deployed 12,000 soldiers along the Polish-Belarusian border last week after
migrants tried to cross near Kuznica.

Ukraine held naval exercises in the Sea of Azov on Saturday, its navy said.

NATO said it was watching the Black Sea closely and called on Moscow to explain the
build-up.

Soldiers arrived in Springfield on Monday.
"""

OTHER = """# Warships leave Sevastopol

3 March 2022

Russia sent three warships from Sevastopol into the Black Sea on Wednesday.
"""

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


# ------------------------------------------------------------------ helpers

@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """An AppTest of app.py with its own store (``--db``) and no files given."""
    monkeypatch.setattr(sys, "argv", [str(APP), "--db", str(tmp_path / "store.db")])
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


def shown(at) -> int:
    for c in at.caption:
        m = re.match(r"(\d+) (events?) shown of (\d+)", c.value)
        if m:
            n = int(m.group(1))
            assert m.group(2) == ("event" if n == 1 else "events"), c.value
            return n
    raise AssertionError("no 'N events shown' caption: "
                         + repr([c.value for c in at.caption][:5]))


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def paste(at, text: str):
    at.sidebar.radio(key="source").set_value("Paste").run()
    at.sidebar.text_area(key="paste").set_value(text).run()
    assert not at.exception, at.exception
    return at


def widget(items, label: str):
    for w in items:
        if w.label.startswith(label):
            return w
    raise AssertionError(f"no widget labelled {label!r}: {[w.label for w in items]}")


def events_frame(rows: list[dict]) -> pd.DataFrame:
    base = {"quantity": None, "unit": "", "place_id": None, "place": None, "lat": None,
            "lon": None, "evidence": "", "confidence": 0.8, "geometry": None}
    return frame([{**base, **r} for r in rows], EVENT_COLUMNS)


# ------------------------------------------------------------------ the page

def test_smoke_opens_on_a_sample_or_asks_for_input(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Flashpoints"
    if ad.sample_paths():
        assert shown(at) > 0
        assert at.sidebar.selectbox(key="sample").value == ad.sample_paths()[0].name
    else:
        assert at.info


def test_files_given_on_the_command_line(monkeypatch, tmp_path):
    f = tmp_path / "standoff.md"
    f.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", [str(APP), str(f), "--db", str(tmp_path / "s.db")])
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.sidebar.radio(key="source").value == "Files given"
    assert shown(at) >= 4
    assert any("Troops gather on two borders" in m.value for m in at.markdown)


def test_loading_each_sample(app):
    samples = ad.sample_paths()
    if len(samples) < 2:
        pytest.skip("fewer than two sample articles in data/samples")
    at = app.run()
    seen = set()
    for p in samples[:3]:
        at.sidebar.selectbox(key="sample").set_value(p.name).run()
        assert not at.exception
        assert not errors(at), errors(at)
        seen.add(at.markdown[0].value)
        assert shown(at) > 0
    assert len(seen) == len(samples[:3])


def test_pasted_text_then_bad_input_keeps_the_earlier_data(app):
    at = paste(app.run(), ARTICLE)
    n = shown(at)
    assert n >= 4 and not errors(at)
    at.sidebar.text_area(key="paste").set_value("   \n  ").run()
    assert not at.exception
    assert any("nothing pasted" in e for e in errors(at))
    assert shown(at) == n  # the earlier data is still drawn


def test_upload_good_then_binary_keeps_data_and_mixed_upload_reports_one_error(app):
    at = app.run()
    at.sidebar.radio(key="source").set_value("Upload").run()
    up = at.sidebar.file_uploader(key="uploads")
    up.set_value([("a.md", ARTICLE.encode(), "text/markdown")]).run()
    assert not at.exception and not errors(at)
    n = shown(at)
    assert n >= 4
    at.sidebar.file_uploader(key="uploads").set_value(
        [("photo.txt", BINARY, "text/plain")]).run()
    assert not at.exception
    assert any("photo.txt" in e and "binary" in e for e in errors(at)), errors(at)
    assert shown(at) == n
    at.sidebar.file_uploader(key="uploads").set_value([
        ("a.md", ARTICLE.encode(), "text/markdown"),
        ("empty.txt", b"  \n", "text/plain"),
        ("b.html", f"<html><body><p>{OTHER}</p></body></html>".encode(), "text/html"),
    ]).run()
    assert not at.exception
    assert [e for e in errors(at) if "empty.txt" in e] and len(errors(at)) == 1
    assert shown(at) > n  # both good files are in
    assert widget(at.metric, "Articles").value == "2"


def test_each_filter_changes_the_events_shown(app):
    at = paste(app.run(), ARTICLE)
    total = shown(at)

    at.sidebar.multiselect[0].select("Russia").run()  # actors
    assert 0 < shown(at) < total
    at.sidebar.multiselect[0].unselect("Russia").run()
    assert shown(at) == total

    types = at.sidebar.multiselect[1]
    assert "naval" in types.options[0] or any("naval" in o for o in types.options)
    types.select("naval").run()
    assert 0 < shown(at) < total
    at.sidebar.multiselect[1].unselect("naval").run()
    assert shown(at) == total

    undated = widget(at.sidebar.toggle, "Undated events")
    undated.set_value(False).run()
    dated = shown(at)
    assert 0 < dated < total
    widget(at.sidebar.toggle, "Undated events").set_value(True).run()

    slider = at.sidebar.slider[0]
    lo, hi = slider.value
    assert isinstance(lo, dt.date) and lo < hi
    slider.set_range(lo, lo).run()  # only the first day
    assert not at.exception
    assert shown(at) < total
    at.sidebar.slider[0].set_range(lo, hi).run()
    assert shown(at) == total

    naval = widget(at.sidebar.checkbox, "Naval activity")  # a map layer
    naval.uncheck().run()
    assert 0 < shown(at) < total
    widget(at.sidebar.checkbox, "Naval activity").check().run()
    assert shown(at) == total
    # the labels carry counts
    assert any(re.search(r"\(\d+\)$", o) for o in at.sidebar.multiselect[0].options)


def test_search_period_and_focus(app):
    at = paste(app.run(), ARTICLE)
    total = shown(at)
    widget(at.text_input, "Search").set_value("azov").run()
    assert shown(at) == 1
    widget(at.text_input, "Search").set_value("").run()
    assert shown(at) == total

    period = widget(at.selectbox, "Show only the period")
    assert period.options[0] == "All dates" and len(period.options) > 2
    period.set_value(period.options[1]).run()
    assert 0 < shown(at) < total

    widget(at.selectbox, "Show only the period").set_value("All dates").run()
    widget(at.selectbox, "Zoom to event").select_index(1).run()
    assert not at.exception
    assert widget(at.selectbox, "Zoom to event").index == 1
    # the evidence sentence is shown in full, as text
    assert any("Sea of Azov" in m.value or "troops" in m.value for m in at.markdown)


def test_article_text_is_never_rendered_as_html(app):
    hostile = ARTICLE.replace(
        "Ukraine held naval exercises",
        "Ukraine <img src=x onerror=alert(1)> held naval *exercises* [here](javascript:x)")
    at = paste(app.run(), hostile)
    focus = widget(at.selectbox, "Zoom to event")
    hit = next(i for i, o in enumerate(focus.options) if "naval" in o)
    focus.select_index(hit).run()
    texts = [m for m in at.markdown if "onerror" in m.value]
    assert texts, "the evidence sentence is shown"
    assert all(not m.proto.allow_html for m in at.markdown)
    for m in texts:
        assert not re.search(r"(?<!\\)[<>\[\]*]", m.value), m.value  # every one escaped


def test_query_parameters_set_the_initial_filters(app):
    app.query_params["actor"] = "Russia"
    at = paste(app.run(), ARTICLE)
    with_param = shown(at)
    assert at.sidebar.multiselect[0].value == ["Russia"]
    plain = paste(AppTest.from_file(str(APP), default_timeout=TIMEOUT).run(), ARTICLE)
    assert shown(plain) > with_param > 0


def test_correcting_a_place_is_saved_and_used(app, tmp_path):
    at = paste(app.run(), ARTICLE)
    assert widget(at.selectbox, "Mention").value == "Springfield"
    before = shown(at)
    cand = widget(at.selectbox, "Candidate")
    assert len(cand.options) > 1
    cand.select_index(1).run()
    at.button(key="fix-save").click().run()
    assert not at.exception, at.exception
    assert any("Saved" in s.value for s in at.success)
    corr = ad.load_corrections(tmp_path / "store.db")
    assert any(v.get("place_id") for v in corr.values())
    assert shown(at) >= before
    # the mention is no longer among those to check
    texts = [s.options for s in at.selectbox if s.label == "Mention"]
    assert not texts or "Springfield" not in texts[0]


def test_correcting_with_coordinates(app, tmp_path):
    at = paste(app.run(), "15 November 2021\n\nA convoy reached Novoselivka on Monday.")
    assert widget(at.selectbox, "Mention").value == "Novoselivka"
    widget(at.radio, "Correct it with").set_value("latitude/longitude").run()
    widget(at.number_input, "Latitude").set_value(51.2).run()
    widget(at.number_input, "Longitude").set_value(23.9).run()
    widget(at.text_input, "Name").set_value("Border crossing").run()
    at.button(key="fix-save").click().run()
    assert not at.exception and not errors(at)
    fix = next(iter(ad.load_corrections(tmp_path / "store.db").values()))
    assert (fix["lat"], fix["lon"]) == (51.2, 23.9)
    assert not [s for s in at.selectbox if s.label == "Mention"]


def test_store_source_shows_earlier_ingests(app, tmp_path):
    from flashpoints.article import from_text
    from flashpoints.pipeline import extract
    from flashpoints.store import Store

    at = app.run()
    at.sidebar.radio(key="source").set_value("Store").run()  # no store file yet
    assert not at.exception and any("store" in e for e in errors(at)), errors(at)
    with Store(tmp_path / "store.db") as store:
        for text in (ARTICLE, OTHER):
            art = from_text(text)
            store.add(art, extract(art))
        n = store.count()["events"]
    at.sidebar.text_input(key="db").set_value(str(tmp_path / "store.db")).run()
    assert not at.exception and not errors(at), errors(at)
    assert shown(at) == n
    assert widget(at.metric, "Articles").value == "2"


def test_png_export_without_chromium_shows_the_error(app, monkeypatch):
    from flashpoints import export

    def no_chromium(*args, **kwargs):
        raise ExportError("PNG export needs Chromium: apt-get install chromium")

    monkeypatch.setattr(export, "save_png", no_chromium)
    at = paste(app.run(), ARTICLE)
    at.button(key="png").click().run()
    assert not at.exception
    assert any("needs Chromium" in e for e in errors(at))
    assert shown(at) >= 4


def test_publication_date_re_extracts(app):
    at = paste(app.run(), ARTICLE)
    table = at.dataframe[0].value if at.dataframe else None
    at.sidebar.toggle(key="pub_on").set_value(True).run()
    at.sidebar.date_input(key="published").set_value(dt.date(2022, 3, 7)).run()
    assert not at.exception
    after = ad.date_bounds(_first_table(at))
    assert after is not None and after[1] <= dt.date(2022, 3, 7)
    assert after[0] >= dt.date(2022, 2, 1)
    assert table is None or not table.equals(_first_table(at))


def _first_table(at) -> pd.DataFrame:
    for df in at.dataframe:
        if "date_start" in df.value:
            return df.value.assign(date_precision=df.value["date_precision"])
    raise AssertionError("no events table")


# ------------------------------------------------------------------ appdata: inputs

def test_article_from_bytes_errors_name_the_file():
    with pytest.raises(InputError, match="empty.md: empty file"):
        ad.article_from_bytes(b" \n\t", "empty.md")
    with pytest.raises(InputError, match="x.txt: looks like a binary file"):
        ad.article_from_bytes(BINARY, "x.txt")
    with pytest.raises(InputError, match="x.pdf: not an article file"):
        ad.article_from_bytes(b"%PDF-1.4 hello", "x.pdf")
    art = ad.article_from_bytes(b"<html><title>T</title><body><p>Hello <b>there</b></p>"
                                b"</body></html>", "page.html")
    assert art.text == "Hello there" and art.title == "T" and art.source == "page.html"


def test_load_uploads_keeps_going_after_a_bad_file():
    calls = []

    def fake_extract(article):
        calls.append(article.source)
        return Extraction(events=events_frame([{"id": article.id, "actor": "Russia",
                                                "type": "naval", "date_start": "2021-11-14",
                                                "date_end": "2021-11-14",
                                                "date_precision": "day"}]),
                          articles=[article])

    progress = []
    b = ad.load_uploads([("a.md", ARTICLE.encode()), ("bad.txt", BINARY),
                         ("", b""), ("c.txt", OTHER.encode())], fake_extract,
                        published=dt.date(2021, 11, 15),
                        progress=lambda n, t, name: progress.append((n, t)))
    assert calls == ["a.md", "c.txt"]
    assert len(b.data.events) == 2 and b.ok
    assert [a.published for a in b.articles] == [dt.date(2021, 11, 15)] * 2
    assert len(b.errors) == 2 and "bad.txt" in b.errors[0] and "\n" not in b.errors[0]
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]
    empty = ad.load_uploads([("bad.txt", BINARY)], fake_extract)
    assert not empty.ok and len(empty.errors) == 1


def test_arguments():
    assert ad.script_args(["/x/pytest", "-q"], APP) == []
    assert ad.script_args([str(APP), "a.md"], APP) == ["a.md"]
    args = ad.parse_args(["a.md", "b.html", "--db", "s.db"])
    assert args.paths == (Path("a.md"), Path("b.html")) and args.db == Path("s.db")
    with pytest.raises(InputError, match="unknown"):
        ad.parse_args(["--nope"])


def test_query_parameters_parse():
    q = ad.parse_query({"actor": ["Russia", "NATO,Poland"], "since": "2021-11-01",
                        "until": "bad", "undated": "0", "freq": "week", "q": "azov"})
    assert q.actors == ("Russia", "NATO", "Poland") and q.since == dt.date(2021, 11, 1)
    assert q.until is None and not q.include_undated and q.freq == "week" and q.search == "azov"
    assert ad.parse_query({}) == ad.Initial()


# ------------------------------------------------------------------ appdata: filters

EVENTS = events_frame([
    {"id": "e1", "actor": "Russia", "type": "deployment", "date_start": "2021-11-14",
     "date_end": "2021-11-14", "date_precision": "day", "evidence": "Troops moved.",
     "place": "Crimea", "place_id": "region-crimea"},
    {"id": "e2", "actor": "Poland", "type": "border_control", "date_start": "2021-11-08",
     "date_end": "2021-11-14", "date_precision": "week", "evidence": "Guards came.",
     "place_id": "border-BY-PL"},
    {"id": "e3", "actor": None, "type": "statement", "date_start": "2021-11-15",
     "date_end": "2021-11-15", "date_precision": "unknown", "evidence": "Said things."},
    {"id": "e4", "actor": "Russia", "type": "naval", "date_start": "2021-10-01",
     "date_end": "2021-10-31", "date_precision": "month", "evidence": "Ships sailed."},
])


def test_filters_dates_overlap_and_undated_ignore_the_window():
    f = ad.Filters(since=dt.date(2021, 11, 10), until=dt.date(2021, 11, 12))
    assert list(ad.apply_filters(EVENTS, f)["id"]) == ["e2", "e3"]
    f = ad.Filters(since=dt.date(2021, 11, 10), include_undated=False)
    assert list(ad.apply_filters(EVENTS, f)["id"]) == ["e1", "e2"]
    assert list(ad.apply_filters(EVENTS, ad.Filters(actors=(ad.NO_ACTOR,)))["id"]) == ["e3"]
    assert list(ad.apply_filters(EVENTS, ad.Filters(types=("naval",)))["id"]) == ["e4"]
    assert list(ad.apply_filters(EVENTS, ad.Filters(search="CRIMEA troops"))["id"]) == ["e1"]
    narrowed = ad.Filters(since=dt.date(2021, 11, 1)).narrowed(dt.date(2021, 11, 8),
                                                                 dt.date(2021, 11, 14))
    assert (narrowed.since, narrowed.until) == (dt.date(2021, 11, 8), dt.date(2021, 11, 14))


def test_counts_bounds_timeline_and_periods():
    assert ad.option_counts(EVENTS, "actor") == {"Russia": 2, ad.NO_ACTOR: 1, "Poland": 1}
    assert ad.option_label("Russia", ad.option_counts(EVENTS, "actor")) == "Russia (2)"
    assert ad.date_bounds(EVENTS) == (dt.date(2021, 10, 1), dt.date(2021, 11, 14))
    assert ad.slider_bounds((dt.date(2021, 1, 2),) * 2) == (dt.date(2021, 1, 1),
                                                            dt.date(2021, 1, 3))
    day = ad.timeline(EVENTS)
    assert day["events"].sum() == 3 and set(day.columns) == {"period", "actor", "events"}
    week = ad.timeline(EVENTS, freq="week")
    assert all(p.weekday() == 0 for p in week["period"])
    assert ad.periods(EVENTS, freq="week")[0] == (dt.date(2021, 9, 27), dt.date(2021, 10, 3))
    assert ad.date_bounds(EVENTS.iloc[0:0]) is None and ad.timeline(EVENTS.iloc[0:0]).empty


def test_review_items_list_unresolved_and_low_confidence(gaz):
    from flashpoints.pipeline import extract

    x = extract("A convoy reached Novoselivka on Monday. Soldiers arrived in Springfield.",
                published="2021-11-15")
    items = ad.review_items(x, gazetteer=gaz)
    assert "Novoselivka" in list(items["text"])
    row = items[items["text"] == "Novoselivka"].iloc[0]
    labels = ad.candidate_labels(row["candidates"], gaz)
    assert labels and all("Novoselivka" in v for v in labels.values())
    assert ad.candidate_labels(["no-such-id"], gaz) == {}
    with pytest.raises(InputError, match="latitude"):
        ad.check_latlon(91, 0)


def test_markdown_escape_keeps_text_inert():
    text = "<script>alert(1)</script> [x](javascript:alert(1)) *bold* $5"
    out = ad.md_escape(text)
    assert "<script>" not in out and "](" not in out and "\\$" in out


# ------------------------------------------------------------------ appdata: exports

@pytest.fixture(scope="module")
def extraction() -> Extraction:
    from flashpoints.pipeline import extract

    return extract(ARTICLE + "\nA source said: <script>alert('x')</script> was found in "
                   "the Black Sea on Sunday.\n")


def test_exports_are_the_filtered_data(extraction):
    view = ad.shown(extraction, ad.Filters(actors=("Russia",)))
    assert 0 < len(view.events) < len(extraction.events)
    page = ad.map_html(view)
    assert page.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", page, re.I)
    assert "<script>alert('x')</script>" not in page
    gj = json.loads(ad.export_geojson(view))
    events = [f for f in gj["features"] if f["properties"]["record"] == "event"]
    assert len(events) == len(view.events)
    assert {f["properties"]["actor"] for f in events} == {"Russia"}
    rows = list(csv.reader(io.StringIO(ad.export_csv(view))))
    assert rows[0][:2] == ["event_id", "event_date"]
    assert len(rows) == len(view.events) + 1 and {r[4] for r in rows[1:]} == {"Russia"}


def test_focus_adds_a_highlighted_event(extraction):
    row = extraction.events.iloc[0].to_dict()
    plain = ad.map_html(extraction)
    page = ad.map_html(extraction, focus=row)
    assert "FP.focus(" in page and "FP.focus(" not in plain


def test_png_export(extraction):
    from flashpoints.export import find_chromium

    page = ad.map_html(extraction)
    try:
        find_chromium()
    except ExportError:
        with pytest.raises(ExportError, match="Chromium"):
            ad.export_png(page)
        return
    png = ad.export_png(page, width=600, height=400)
    assert png.startswith(b"\x89PNG")
