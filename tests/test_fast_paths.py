"""The shortcuts that keep recognition fast give the answers of the plain way.

Capitalised runs are analysed once and replayed; border patterns run only in
windows around border words; lower-case actor phrases are matched on
lower-cased text; "Ukrainian territory" is found from its noun. Each test
compares a shortcut with the straightforward computation, or checks that the
context a replayed run depends on is still honoured.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flashpoints import mentions as M
from flashpoints.gazetteer import Gazetteer
from flashpoints.mentions import find_mentions

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# text made of the pieces border phrases are built from, in any order and spacing
PIECES = ["Poland", "Belarus", "Polish", "Belarusian", "Ukraine's", "Russia", "the", "its",
          "border", "borders", "frontier", "boundary", "between", "and", "with", "-", "–", "/",
          "long", "northern", "1,000-kilometre", "side of the", "Hungarian-Serbian", "land",
          "state", "Sea", "x", ".", ",", "\n", "  ", "Ukrainian", "territory", "coast",
          "coastline", "sides", "inside", "waters", "9Russian", "_Polish", "Iİ"]
border_text = st.lists(st.sampled_from(PIECES), max_size=60).map(
    lambda parts: " ".join(parts).replace(" - ", "-"))


def _full_text_borders(text, gaz):
    """The border search without windows: every pattern over the whole text."""
    saved = M._finditer
    try:
        M._finditer = lambda pattern, text, windows: pattern.finditer(text)
        return M._border_mentions(text, gaz)
    finally:
        M._finditer = saved


@SETTINGS
@given(text=border_text)
def test_border_windows_find_what_the_whole_text_holds(gaz, text):
    assert M._border_mentions(text, gaz) == _full_text_borders(text, gaz)


def test_border_windows_on_a_long_article(gaz):
    filler = "Nothing happened in the town that day. " * 200
    text = (filler + "Troops massed on the Polish-Belarusian border. " + filler +
            "Kyiv reinforced the border between Ukraine and Belarus. " + filler +
            "Hungary closed its 175-kilometre long border with Serbia.")
    got = M._border_mentions(text, gaz)
    assert [m.norm for m in got] == ["border:PL|BY", "border:UA|BY", "border:?|RS"]
    assert got == _full_text_borders(text, gaz)


@SETTINGS
@given(text=border_text)
def test_demonym_nouns_match_the_regex(text):
    want = [(m.start(), m.end(), m.group("dem")) for m in M.DEMONYM_PLACE_RE.finditer(text)]
    assert M._demonym_places(text) == want


def test_lower_case_actor_phrases_when_lower_casing_changes_length(gaz, actors):
    # "İ" lower-cases to two characters: offsets of the lowered text would drift,
    # so the case-insensitive pattern runs on the text itself
    for text in ("Officials said the alliance met.", "İİİ. Officials said the alliance met."):
        assert len(text.lower()) != len(text) or "İ" not in text
        found = [m for m in find_mentions(text, gaz, actors, with_dates=False).actors
                 if m.norm == actors.lookup("the alliance")]
        assert [(m.text, text[m.start:m.end]) for m in found] == [("the alliance",) * 2]


def test_a_replayed_run_keeps_its_context(gaz):
    # the same run ("WARSAW") is a dateline only when it opens a paragraph
    # before a comma; an acronym that is not a dateline names no small town
    text = "WARSAW, Nov 15 - Troops moved.\nOfficials in WARSAW said nothing."
    ms = find_mentions(text, gaz, with_dates=False).places
    assert [(m.text, m.start) for m in ms if m.text == "WARSAW"][:1] == [("WARSAW", 0)]
    # "Ill." is Illinois, "Ill" (no full stop) is not, whatever came first
    for text in ("He fell Ill today. They met in Springfield, Ill. on Monday.",
                 "They met in Springfield, Ill. on Monday. He fell Ill today."):
        ill = [m for m in find_mentions(text, gaz, with_dates=False).places if m.text == "Ill"]
        assert len(ill) == 1 and text[ill[0].end] == "."


def test_surnames_learned_from_earlier_runs_still_count(gaz):
    # "Kelly" the town is dropped once "Mary Kelly" has made it a surname
    text = "Mary Kelly spoke. Kelly said the troops left."
    assert "Kelly" not in [m.text for m in find_mentions(text, gaz, with_dates=False).places]


def test_run_analysis_is_per_gazetteer(tmp_path):
    """A second gazetteer with an extra place must not reuse the first one's answers."""
    from flashpoints.mentions import default_actors

    extra = tmp_path / "extra.csv"
    extra.write_text("id,name,kind,aliases,country_codes,wkt,source\n"
                     "x-zorrowfield,Zorrowfield Base,base,,PL,POINT (21 52),test\n",
                     encoding="utf-8")
    text = "Troops arrived at Zorrowfield Base on Monday."
    plain = Gazetteer()
    richer = Gazetteer(extra_places=[extra])
    actors = default_actors()
    assert "Zorrowfield Base" not in [m.text for m in find_mentions(
        text, plain, actors, with_dates=False).places]
    assert "Zorrowfield Base" in [m.text for m in find_mentions(
        text, richer, actors, with_dates=False).places]


@pytest.mark.parametrize("size", [1, 3])
def test_run_cache_is_bounded(gaz, actors, monkeypatch, size):
    monkeypatch.setattr(M, "RUN_CACHE_SIZE", size)
    text = " ".join(f"Alpha{i} Brest{i} went to Grodno." for i in range(20))
    find_mentions(text, gaz, actors, with_dates=False)
    assert len(M._run_cache(gaz, actors)) <= size
    assert [m.text for m in find_mentions(text, gaz, actors, with_dates=False).places
            if m.text == "Grodno"] == ["Grodno"] * 20


def test_pattern_reach_covers_the_longest_phrases():
    """The windows are wide enough for the longest match each pattern allows."""
    name = "A" + "b" * 30 + ".C..D..E..F." + (" G" + "h" * 30) * 3  # the longest _NAME
    longest_with = ("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb's "
                    + "1,000,000.00-kilometres-long " * 4 + "border with " + name)
    m = M.WITH_BORDER_RE.search(longest_with)
    assert m is not None and m.start() == 0
    i = longest_with.index("border with")
    before, after = M._REACH["with"]
    assert i <= before and m.end() - i <= after
    assert m.group("b") == name
    between = "border between the " + name + " and the " + name
    m = M.BETWEEN_BORDER_RE.search(between)
    assert m is not None and m.end() <= M._REACH["between"][1]
    pair = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb - " \
           "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb state border"
    m = M.PAIR_BORDER_RE.search(pair)
    assert m is not None and m.start() == 0
    assert pair.index("border") <= M._REACH["pair"][0]
    assert re.search("border", pair)


# ------------------------------------------------------------------ shortcuts of 2026-12-01

#: The run pattern written the plain way: a lookbehind, then a capitalised word.
PLAIN_RUN_RE = re.compile(rf"(?<![\w'’]){M._CAP}(?:(?:[ \u00a0]{M._CONN})*[ \u00a0]{M._CAP})*")

RUN_PIECES = ["U.S.", "A.B", "St.Pete.", "Kyiv", "kyiv", "of", "the", "and", "de", "Ó", "ölçü",
              "Łódź", "O'Brien", "’Ali", "x", "9", "_", "-", "Fargo-Moorhead", "'", "’", ".",
              " ", "\u00a0", "\n", "Ä.", "ÉTAT", "M.Sc.", "Y", "ab"]
run_text = st.lists(st.sampled_from(RUN_PIECES), max_size=50).map("".join)


@SETTINGS
@given(text=run_text)
def test_run_pattern_finds_what_the_plain_pattern_finds(text):
    assert [m.span() for m in M.RUN_RE.finditer(text)] == \
        [m.span() for m in PLAIN_RUN_RE.finditer(text)]


def test_run_pattern_on_the_samples():
    from conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        got = [m.group(0) for m in M.RUN_RE.finditer(text)]
        assert got == [m.group(0) for m in PLAIN_RUN_RE.finditer(text)], path.name
        assert len(got) > 50


LOWER_PIECES = ["the alliance", "alliance", "the", "bloc", "the bloc", "separatist",
                "separatists", "pro-russian separatists", "forces", "separatist forces",
                "efp", "xefp", "efpx", "von der leyen", "el-sisi", "nuclear watchdog", " ",
                ",", ".", "\n", "a", "-", "_"]
lower_text = st.lists(st.sampled_from(LOWER_PIECES), max_size=40).map(" ".join)


@SETTINGS
@given(text=lower_text)
def test_lower_case_actor_windows_find_what_the_whole_text_holds(actors, text):
    want = [m.span() for m in actors.lower_cs_re.finditer(text)]
    assert [m.span() for m in actors.lower_hits(text)] == want


def test_lower_case_actor_windows_on_a_long_article(actors):
    filler = "nothing happened in the town that day. " * 300
    text = (filler + "the alliance met. " + filler + "pro-russian separatists fired. "
            + filler + "the bloc agreed.")
    got = [m.group(0) for m in actors.lower_hits(text)]
    assert got == [m.group(0) for m in actors.lower_cs_re.finditer(text)]
    assert got == ["the alliance", "pro-russian separatists", "the bloc"]


def test_a_lower_case_phrase_inside_a_named_actor_is_not_a_second_actor(gaz, actors):
    # "the Alliance" is an actor of the capitalised runs already; the lower-case
    # pass must not add it again, while a later "the alliance" is added
    text = "Officials of the Alliance met on Monday. Later the alliance said more."
    alliance = actors.lookup("the alliance")
    got = [m for m in find_mentions(text, gaz, actors, with_dates=False).actors
           if m.norm == alliance]
    assert len({(m.start, m.end) for m in got}) == len(got)
    assert text.index("the alliance") in [m.start for m in got]


def test_gazetteer_keys_survive_the_cache_format(gaz):
    import pickle

    keys = gaz._idx.keys
    back = pickle.loads(pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL))
    assert len(back) == len(keys) > 100_000
    for k in ("kyiv", "sea of azov", "paris", "washington", "crimea"):
        assert k in back and list(back.get(k)) == list(keys.get(k)) and len(back.get(k)) >= 1
    assert back.get("zqxvillegrad") == () and "zqxvillegrad" not in back
    sample = dict(list(back.items())[:500])
    assert all(list(v) == list(keys.get(k)) for k, v in sample.items())


def test_index_pickle_keeps_every_column(gaz):
    import pickle

    x = gaz._idx
    y = pickle.loads(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))
    for col in ("ids", "names", "kinds", "sources", "ccs", "admin1", "fcodes"):
        assert getattr(y, col) == getattr(x, col), col
    assert y.lat.tobytes() == x.lat.tobytes() and list(y.pop) == list(x.pop)  # NaN too
    assert y.by_id["country-PL"] == x.countries["PL"] == y.countries["PL"]


def test_memo_starts_over_when_full(gaz, monkeypatch):
    import flashpoints.gazetteer as G

    monkeypatch.setattr(G, "MEMO_SIZE", 2)
    memo = gaz.memo("test.bounded")
    memo["a"] = memo["b"] = 1
    assert gaz.memo("test.bounded") == {}
    assert gaz.memo("test.bounded") is gaz.memo("test.bounded")


def test_nearest_anchors_match_the_haversine(gaz):
    from flashpoints.resolve import _Anchors, _km

    anchors = _Anchors([(52.23, 21.01), (50.45, 30.52), (53.9, 27.57)])
    cands = [c for name in ("Brest", "Paris", "Grodno", "Lviv") for c in gaz.candidates(name)]
    table = anchors.nearest(cands, gaz)
    assert len(table) == len({c.entry for c in cands}) > 10
    for c in cands:
        d = sorted((_km(c.lat, c.lon, a, b), k) for k, (a, b) in enumerate(anchors))
        d1, k, d2 = table[c.entry]
        assert d1 == pytest.approx(d[0][0], abs=1e-6) and k == d[0][1]
        assert d2 == pytest.approx(d[1][0], abs=1e-6)


def test_mentions_stay_frozen_records():
    import dataclasses

    from flashpoints.records import Mention, Resolution

    m = Mention("Kyiv", 3, 7, "place", "kyiv")
    assert m == Mention(text="Kyiv", start=3, end=7, kind="place", norm="kyiv", hint="")
    assert hash(m) == hash(Mention("Kyiv", 3, 7, "place", "kyiv"))
    assert dataclasses.replace(m, hint="x").hint == "x" and m.hint == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 4  # type: ignore[misc]
    r = Resolution(m, None, 0.0)
    assert (r.candidates, r.reason) == ((), "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.place = None  # type: ignore[misc]


def test_importing_the_gazetteer_does_not_import_geopy():
    import subprocess
    import sys

    code = ("import sys, flashpoints.gazetteer as g; assert 'geopy' not in sys.modules; "
            "from flashpoints.gazetteer import OfflineGeocoder; "
            "from geopy.geocoders.base import Geocoder; "
            "assert issubclass(OfflineGeocoder, Geocoder); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


SENT_PIECES = ["a", "B", ".", "!", "?", ":", ";", '"', "“", "”", "‘", "'", "(", "[", "]",
               ")", "\n", " ", "\t", "\u00a0", "\u2003", ",", "-", "9"]


@SETTINGS
@given(text=st.lists(st.sampled_from(SENT_PIECES), max_size=12).map("".join),
       pos=st.integers(min_value=0, max_value=12))
def test_sentence_start_is_the_regex(text, pos):
    pos = min(pos, len(text))
    want = bool(M._SENT_START.search(text[max(0, pos - 4):pos]))
    assert M._sentence_start(text, pos) == want


def test_common_words_come_from_the_index_without_wordfreq(gaz):
    import subprocess
    import sys

    assert gaz.common_words == M._common_words() and len(gaz.common_words) == 5000
    code = ("import sys; from flashpoints.pipeline import extract; "
            "x = extract('Most analysts said Two Rivers troops left Kyiv on Monday.'); "
            "print('wordfreq' in sys.modules, sorted(x.places['name']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.startswith("False ") and "Kyiv" in out.stdout, out.stderr


# runs made of words that open, continue and close multi-word names, with the
# spellings norm() rewrites ("Saint", "St.", "U.S.", diacritics, possessives)
RUN_WORDS = ["Saint", "St.", "Petersburg", "U.S.", "Virgin", "Islands", "Bosnia", "and",
             "Herzegovina", "Sea", "of", "Azov", "Black", "Fleet", "New", "York", "City",
             "Russia's", "Taman", "Peninsula", "Sri", "Lankan", "Lankans", "European", "Union",
             "White", "House", "The", "the", "Kuźnica", "Bruzgi", "North", "Atlantic",
             "Treaty", "Organization", "Ministry", "Defence", "Ukraine", "Los", "Angeles",
             "de", "la", "Guinea-Bissau", "Papua", "Guinea", "Mount", "Whitney"]
run_words = st.lists(st.sampled_from(RUN_WORDS), min_size=1, max_size=12)


@SETTINGS
@given(words=run_words)
@example(words=["Saint", "Petersburg"])
@example(words=["St.", "Petersburg", "and", "Sea", "of", "Azov"])
@example(words=["U.S.", "Virgin", "Islands"])
@example(words=["The", "White", "House"])
@example(words=["Sri", "Lankans"])
@example(words=["Bosnia", "and", "Herzegovina"])
def test_longest_match_by_first_word_is_the_plain_search(gaz, actors, words):
    run = " ".join(words)
    toks = M._tokens(run, 0)
    checks = [
        (gaz.has_key, gaz.max_words, gaz.first_words),
        (lambda key: key in actors.by_alias, actors.max_words, actors.first_words),
        (lambda key: gaz.demonym(key) is not None, 3, gaz.demonym_first_words),
        (lambda key: key in actors.by_alias or
         (key.startswith("the ") and key[4:] in actors.by_alias), actors.max_words,
         actors.first_words_the),
    ]
    for has, most, firsts in checks:
        for i in range(len(toks)):
            assert M._longest(toks, i, run, has, most, firsts) == \
                M._longest(toks, i, run, has, most), (run, i)


def test_first_words_hold_every_multi_word_key(gaz):
    from flashpoints.gazetteer import first_words

    got = first_words(["sea of azov", "black sea", "black sea fleet", "kyiv"])
    assert got == {"sea": 1 << 3, "black": (1 << 2) | (1 << 3)}
    table = gaz.first_words
    for key in ("sea of azov", "st petersburg", "bosnia and herzegovina"):
        assert gaz.has_key(key)
        assert table[key.split(" ")[0]] >> (key.count(" ") + 1) & 1


def _norm_the_long_way(name: str) -> str:
    """norm() without its ASCII shortcut."""
    import unicodedata

    from flashpoints import gazetteer as G

    s = unicodedata.normalize("NFKD", name.translate(G._FOLD))
    s = G._COMBINING.sub("", s).casefold()
    s = s.replace(" - ", "-").replace("saint ", "st ").replace("st. ", "st ")
    s = G._MOUNT_FORT.sub(G._mount_fort_word, s)
    return G._SPACES.sub(" ", s).strip(" .,")


@SETTINGS
@given(name=st.lists(st.sampled_from(list("aZ .,-'`\t\n") + ["Saint ", "St. ", " - "]),
                     max_size=12).map("".join) | st.text(max_size=12))
@example(name="St. Louis")
@example(name="Saint-Petersburg `x` - y")
def test_norm_of_ascii_is_the_full_folding(name):
    from flashpoints.gazetteer import norm

    assert norm.__wrapped__(name) == _norm_the_long_way(name)
