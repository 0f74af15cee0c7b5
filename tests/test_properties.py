"""Property tests of the text pipeline (hypothesis): for any text, mentions,
resolutions and events keep their promises.

- ``find_mentions`` returns for any Unicode text, and every mention's offsets
  point at its text;
- ``resolve_mentions`` gives one Resolution per place mention, in order, and
  every resolved place has a valid geometry and coordinates in range;
- ``extract`` returns or raises a FlashpointsError (never anything else), and
  every event has ``date_start <= date_end``, a known precision and evidence
  that is exactly ``article.text[evidence_start:evidence_end]``.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoints.article import from_text
from flashpoints.errors import FlashpointsError, InputError
from flashpoints.records import PRECISIONS

SETTINGS = settings(max_examples=150, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def tools():
    from flashpoints.gazetteer import default_gazetteer
    from flashpoints.mentions import default_actors

    return default_gazetteer(), default_actors()


# ------------------------------------------------------------------ strategies

PLACE_NAMES = [
    "Black Sea", "Sea of Azov", "Crimea", "Crimean Peninsula", "Donbas", "Donbass", "Kyiv",
    "Kiev", "Moscow", "Minsk", "Brest", "Warsaw", "Sevastopol", "Odesa", "Baltic Sea",
    "Ukraine", "Russia", "Poland", "Belarus", "Lithuania", "Georgia", "Paris", "Washington",
    "Kharkiv region", "Springfield, Illinois", "Ill.", "U.S.", "UK", "NATO", "the Kremlin",
    "the Pentagon", "Polish-Belarusian border", "its border with Russia",
    "the border between Ukraine and Belarus", "Ukraine's border", "the border",
    "Ukrainian territory", "Russian", "Poles", "USS Mount Whitney", "Vladimir Putin",
    "Bosnia and Herzegovina", "Strait of Kerch", "Kerch Strait", "Nord Stream 2",
    "Zürich", "Kraków", "Białystok", "São Paulo", "Côte d'Ivoire",
]
DATE_PHRASES = [
    "on Sunday", "on Monday", "last week", "next week", "in 2014", "since 2014",
    "in late October", "in early March", "this February", "on 3 March", "on March 3",
    "on 15 November 2021", "November 15, 2021", "2021-11-15", "yesterday", "today",
    "last month", "next month", "last year", "in the 1990s", "on February 30",
    "on 31 April", "in 0000", "in 9999", "earlier this week", "in mid-December",
    "over the weekend", "two days ago", "Published: 2021-11-15",
]
WORDS = [
    "troops", "moved", "deployed", "said", "warships", "sailed", "into", "near", "along",
    "the", "and", "of", "to", "from", "8,500", "three", "tanks", "exercises", "border guards",
    "annexed", "threatened", "sanctions", "talks", "killed", "clashes", "fortified",
]
PUNCT = [".", ",", ";", ":", "!", "?", "-", "–", "—", "'", "’", '"', "“", "”", "(", ")",
         "[", "]", "\n", "\n\n", " ", "  ", "\t", "\r\n", "…", "/", "&", "<", ">", "#", "*"]

capitalised = st.from_regex(r"\A[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF'’-]{0,10}\Z")
acronym = st.from_regex(r"\A(?:[A-Z]{2,5}|(?:[A-Z]\.){2,3})\Z")
number = st.integers(min_value=0, max_value=10**7).map(lambda n: f"{n:,}" if n % 2 else str(n))
token = st.one_of(
    st.sampled_from(PLACE_NAMES), st.sampled_from(DATE_PHRASES), st.sampled_from(WORDS),
    st.sampled_from(PUNCT), capitalised, acronym, number, st.text(max_size=6),
)
newsy_text = st.lists(st.tuples(token, st.sampled_from([" ", " ", " ", "", ". ", ", ", "\n"])),
                      max_size=40).map(lambda parts: "".join(t + s for t, s in parts))
any_text = st.one_of(st.text(max_size=300), newsy_text)
#: Mostly plausible publication dates, sometimes the ends of the calendar
#: ("last week" from 0001-01-03, "next year" from 9999-12-30 must not overflow).
published = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1),
                                          max_value=dt.date(2100, 12, 31)),
                      st.dates(max_value=dt.date(1, 2, 1)),
                      st.dates(min_value=dt.date(9999, 11, 30)), st.dates())


def _check_span(text: str, m) -> None:
    assert 0 <= m.start <= m.end <= len(text), (m, len(text))
    assert text[m.start:m.end] == m.text, (m, text[m.start:m.end])


def _check_place(p) -> None:
    assert p.geometry is not None and not p.geometry.is_empty, p.id
    assert p.geometry.is_valid, p.id
    assert math.isfinite(p.lat) and math.isfinite(p.lon), p.id
    assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, (p.id, p.lat, p.lon)
    minx, miny, maxx, maxy = p.geometry.bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90, p.id


# ------------------------------------------------------------------ mentions

@SETTINGS
@given(text=any_text, pub=published)
def test_mentions_offsets_point_at_their_text(tools, text, pub):
    from flashpoints.mentions import find_mentions

    gaz, actors = tools
    ms = find_mentions(text, gaz, actors, published=pub)
    for group in (ms.places, ms.actors, ms.ships, ms.others):
        for m in group:
            _check_span(text, m)
    assert [m.start for m in ms.places] == sorted(m.start for m in ms.places)
    for d in ms.dates:
        assert d.start <= d.end and d.precision in PRECISIONS
        if d.offset >= 0 and d.text:
            assert text[d.offset:d.offset + len(d.text)] == d.text, d
    for m in ms.actors:
        assert m.norm in actors.actors


@SETTINGS
@given(text=st.text(max_size=400))
def test_mentions_any_unicode(tools, text):
    from flashpoints.mentions import find_mentions

    gaz, actors = tools
    ms = find_mentions(text, gaz, actors, published=dt.date(2021, 11, 15))
    for m in [*ms.places, *ms.actors, *ms.ships, *ms.others]:
        _check_span(text, m)


# ------------------------------------------------------------------ resolve

@SETTINGS
@given(text=newsy_text, pub=published)
def test_one_resolution_per_place_mention(tools, text, pub):
    from flashpoints.mentions import find_mentions
    from flashpoints.resolve import resolve_mentions

    gaz, actors = tools
    ms = find_mentions(text, gaz, actors, published=pub)
    res = resolve_mentions(ms, gaz, text=text, actors=actors)
    assert len(res) == len(ms.places)
    assert [r.mention for r in res] == ms.places
    for r in res:
        assert 0.0 <= r.confidence <= 1.0
        if r.place is not None:
            _check_place(r.place)
        else:
            assert r.reason


# ------------------------------------------------------------------ the whole pipeline

def _check_extraction(x, text: str) -> None:
    for r in x.places.itertuples():
        _check_place_row(r)
        for m in r.mentions:
            assert text[m["start"]:m["end"]] == m["text"]
    for r in x.events.itertuples():
        assert r.date_precision in PRECISIONS
        assert dt.date.fromisoformat(r.date_start) <= dt.date.fromisoformat(r.date_end)
        assert 0 <= r.evidence_start <= r.evidence_end <= len(text)
        assert text[r.evidence_start:r.evidence_end] == r.evidence
        assert r.evidence.strip()
        if r.geometry is not None:
            assert r.geometry.is_valid
            assert -90 <= r.lat <= 90 and -180 <= r.lon <= 180
    for r in x.unresolved.itertuples():
        assert text[r.start:r.end] == r.text


def _check_place_row(r) -> None:
    assert r.geometry.is_valid and not r.geometry.is_empty
    assert -90 <= r.lat <= 90 and -180 <= r.lon <= 180


@SETTINGS
@given(text=any_text, pub=published)
def test_extract_returns_or_raises_flashpoints_error(tools, text, pub):
    from flashpoints.pipeline import extract

    gaz, actors = tools
    try:
        art = from_text(text, markup="text", published=pub)
    except InputError:
        assert not text.replace("\r", "").strip()
        return
    try:
        x = extract(art, gazetteer=gaz, actors=actors)
    except FlashpointsError:
        return
    assert art.text == text.replace("\r\n", "\n").replace("\r", "\n")
    _check_extraction(x, art.text)
    # the tables also serialise
    import json

    fc = json.loads(x.to_geojson())
    assert len(fc["features"]) == len(x.places) + len(x.events)


@settings(max_examples=80, deadline=None)
@given(text=st.one_of(st.text(max_size=200), newsy_text,
                      st.sampled_from(["", " ", "\n\n", "<html></html>", "<p></p>", "# ",
                                       "[](http://x)", "<script>x</script>"])))
def test_extract_guessing_markup_only_raises_flashpoints_errors(tools, text):
    """``extract(str)`` guesses Markdown or HTML: empty results raise InputError."""
    from flashpoints.pipeline import extract

    gaz, actors = tools
    try:
        x = extract(text, gazetteer=gaz, actors=actors)
    except FlashpointsError:
        return
    _check_extraction(x, x.articles[0].text)


def test_empty_text_is_an_input_error(tools):
    from flashpoints.pipeline import extract

    gaz, actors = tools
    for text in ("", "   ", "\n\t\r\n"):
        with pytest.raises(InputError, match="empty"):
            extract(text, gazetteer=gaz, actors=actors)


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.sampled_from(PLACE_NAMES + DATE_PHRASES + WORDS), min_size=1,
                      max_size=25), pub=published)
def test_sentences_of_known_names(tools, parts, pub):
    """Sentences made of real names and date phrases: the same promises hold."""
    from flashpoints.pipeline import extract

    gaz, actors = tools
    text = " ".join(parts).strip() + "."
    art = from_text(text[:1].upper() + text[1:], markup="text", published=pub)
    x = extract(art, gazetteer=gaz, actors=actors)
    _check_extraction(x, art.text)


@pytest.mark.parametrize("pub", [dt.date.min, dt.date(1, 1, 6), dt.date.max,
                                 dt.date(9999, 12, 27)], ids=str)
def test_calendar_ends_do_not_overflow(tools, pub):
    """Relative dates next to year 1 and year 9999 stay inside the calendar."""
    from flashpoints.pipeline import extract

    gaz, actors = tools
    text = ("Russia moved troops to Crimea " + ", ".join(DATE_PHRASES) +
            ", and Poland deployed soldiers near Brest yesterday, tomorrow, next year, "
            "last year and two weeks ago.")
    art = from_text(text, markup="text", published=pub)
    x = extract(art, gazetteer=gaz, actors=actors)
    assert len(x.events) >= 1
    _check_extraction(x, art.text)
