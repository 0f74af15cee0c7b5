"""Hostile text: article text, titles, sources, place names and actor names that
hold ``<script>``, ``javascript:`` links, ``<img onerror>`` and HTML entities.

- The tables keep such text as plain text: nothing is unescaped (``&lt;`` stays
  ``&lt;``) and nothing is dropped;
- GeoJSON and CSV output is valid and gives the strings back intact;
- the exported map page holds no live markup from the article (no
  ``<script>alert``, no ``<img ... onerror``, no ``href="javascript:``), and in
  headless Chromium (network blocked) none of the injected code runs, neither
  when the page loads nor when every popup is opened.

The hostile place comes from a user's places file (``Gazetteer(extra_places=...)``)
and the hostile actor from an actors file (``ActorIndex(path)``), so the text
travels the same way a real one would.
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from flashpoints.article import from_text
from flashpoints.gazetteer import DATA_DIR

#: What any injected code does when it runs: these markers must never appear.
PWN = "document.documentElement.setAttribute('data-pwned','{0}');document.title='pwned'"
SCRIPT = f"<script>{PWN.format('script')}</script>"
ALERT = "<script>alert(1)</script>"
IMG = f"<img src=x onerror=\"{PWN.format('img')}\">"
SVG = f"<svg onload=\"{PWN.format('svg')}\">"
JS_LINK = f"<a href=\"javascript:{PWN.format('link')}\">Crimea</a>"
MD_JS_LINK = "[click here](javascript:alert(document.cookie))"
ENTITIES = "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &#60;i&#62;"

PLACE_NAME = f"{IMG} Camp"
ACTOR_NAME = f"{SCRIPT}Testland"
TITLE = f"{ALERT} Border &amp; sea {SCRIPT}"
SOURCE = "javascript:alert(1)"

ARTICLE = (
    f"Testland deployed 300 troops to Zzyzx Camp on Sunday. {SCRIPT}\n\n"
    f"Russia deployed 2,000 troops to the Black Sea {IMG} on Monday.\n\n"
    f"Ukraine said ships sailed near {JS_LINK} and {MD_JS_LINK} {SVG} last week.\n\n"
    f"Poland moved 500 border guards to the Polish-Belarusian border, {ENTITIES} {ALERT}.\n"
)
#: Substrings of the article that the tables must keep exactly.
KEPT = (SCRIPT, IMG, JS_LINK, MD_JS_LINK, SVG, ENTITIES, ALERT)

LIVE_MARKUP = [
    re.compile(r"<script>\s*(?:alert|document\.)", re.I),
    re.compile(r"<img\b[^<>]*\bonerror\s*=", re.I),
    re.compile(r"<svg\b[^<>]*\bonload\s*=", re.I),
    re.compile(r"<a\b[^<>]*\bhref\s*=\s*[\"']?\s*javascript:", re.I),
]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    """A gazetteer with a hostile place name and actors with a hostile actor name.

    The gazetteer index is built once into a throw-away cache folder (a few
    seconds), so the user's cache is not touched.
    """
    root = tmp_path_factory.mktemp("hostile")
    places = root / "places.csv"
    with places.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note"])
        w.writerow(["user-hostile-camp", PLACE_NAME, "base", "Zzyzx Camp", "PL",
                    "POINT (23.5 52.1)", "user", ALERT])
    actors_csv = root / "actors.csv"
    shutil.copy(DATA_DIR / "actors.csv", actors_csv)
    with actors_csv.open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(["testland", ACTOR_NAME, "state", "", f"{IMG}ville", "50.5",
                                 "20.25", "Testland|Testlanders"])
    old = os.environ.get("FLASHPOINTS_CACHE")
    os.environ["FLASHPOINTS_CACHE"] = str(root / "cache")
    try:
        from flashpoints.gazetteer import Gazetteer
        from flashpoints.mentions import ActorIndex

        gaz = Gazetteer(extra_places=[places])
        acts = ActorIndex(actors_csv)
    finally:
        if old is None:
            os.environ.pop("FLASHPOINTS_CACHE", None)
        else:
            os.environ["FLASHPOINTS_CACHE"] = old
    return gaz, acts


@pytest.fixture(scope="module")
def article():
    return from_text(ARTICLE, markup="text", title=TITLE, source=SOURCE,
                     published="2021-11-15")


@pytest.fixture(scope="module")
def extraction(hostile_data, article):
    from flashpoints.pipeline import extract

    gaz, acts = hostile_data
    return extract(article, gazetteer=gaz, actors=acts)


# ------------------------------------------------------------------ plain text in, plain text out

def test_article_text_is_kept_as_plain_text(article):
    assert article.text == ARTICLE
    assert article.title == TITLE  # no unescaping of "&amp;"
    for s in KEPT:
        assert s in article.text


def test_html_entities_in_html_input_are_decoded_once(tmp_path):
    """In an HTML page "&amp;lt;" means the text "&lt;": decoded once, not twice."""
    from flashpoints.article import read_article

    p = tmp_path / "page.html"
    p.write_text("<html><body><p>Troops near Brest &amp;lt;script&amp;gt; &lt;b&gt; "
                 "&amp;amp;</p></body></html>", encoding="utf-8")
    art = read_article(p)
    assert art.text == "Troops near Brest &lt;script&gt; <b> &amp;"


def test_tables_keep_hostile_strings(extraction, article):
    x = extraction
    names = list(x.places["name"])
    assert PLACE_NAME in names
    camp = x.places[x.places["name"] == PLACE_NAME].iloc[0]
    assert camp["mentions"][0]["text"] == "Zzyzx Camp"
    assert {"Black Sea", "Russia"} <= set(names)
    assert ACTOR_NAME in set(x.events["actor"])
    ev = x.events[x.events["actor"] == ACTOR_NAME].iloc[0]
    assert ev["place"] == PLACE_NAME and ev["type"] == "deployment"
    assert SCRIPT in ev["evidence"]
    evidence = "\n".join(x.events["evidence"])
    for s in (SCRIPT, IMG, ENTITIES):
        assert s in evidence, s
    for r in x.events.itertuples():
        assert article.text[r.evidence_start:r.evidence_end] == r.evidence
        assert r.title == TITLE and r.source == SOURCE


def test_geojson_is_valid_and_strings_intact(extraction, tmp_path):
    x = extraction
    fc = json.loads(x.to_geojson())
    props = [f["properties"] for f in fc["features"]]
    place_names = {p["name"] for p in props if p["record"] == "place"}
    assert PLACE_NAME in place_names
    events = [p for p in props if p["record"] == "event"]
    assert {p["evidence"] for p in events} == set(x.events["evidence"])
    assert any(p["actor"] == ACTOR_NAME and p["place"] == PLACE_NAME for p in events)
    assert all(p["title"] == TITLE for p in events)
    # also through the export module, the snapshot of what the map shows
    export = pytest.importorskip("flashpoints.export", reason="export.py not there yet")
    out = export.save_geojson(x, tmp_path / "shown.geojson")
    fc2 = json.loads(Path(out).read_text(encoding="utf-8"))
    ev2 = [f["properties"] for f in fc2["features"] if f["properties"]["record"] == "event"]
    assert {p["evidence"] for p in ev2} == set(x.events["evidence"])


def test_csv_round_trip_keeps_strings(extraction, tmp_path):
    x = extraction
    rows = list(csv.DictReader(io.StringIO(x.to_csv())))
    assert [r["notes"] for r in rows] == list(x.events["evidence"])
    assert ACTOR_NAME in {r["actor1"] for r in rows}
    assert PLACE_NAME in {r["location"] for r in rows}
    export = pytest.importorskip("flashpoints.export", reason="export.py not there yet")
    out = export.save_csv(x, tmp_path / "shown.csv")
    with open(out, newline="", encoding="utf-8") as fh:
        rows2 = list(csv.DictReader(fh))
    assert sorted(r["notes"] for r in rows2) == sorted(x.events["evidence"])


def test_cli_table_and_geojson_keep_strings(tmp_path, capsys):
    """Through the CLI: the default gazetteer, the same hostile article text."""
    from flashpoints.cli import main

    p = tmp_path / "hostile.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(p), "--published", "2021-11-15"]) == 0
    out, err = capsys.readouterr()
    fc = json.loads(out)
    evidence = "\n".join(f["properties"]["evidence"] for f in fc["features"]
                         if f["properties"]["record"] == "event")
    assert IMG in evidence and ENTITIES in evidence and ALERT in evidence


# ------------------------------------------------------------------ the map page

@pytest.fixture(scope="module")
def map_html(extraction):
    maps = pytest.importorskip("flashpoints.maps", reason="maps.py not there yet")
    export = pytest.importorskip("flashpoints.export", reason="export.py not there yet")
    m = maps.build_map(extraction, title=f"{IMG} Flashpoints")
    return export.render_html(m)


def test_map_html_has_no_live_markup_from_the_article(map_html):
    page = map_html
    for pat in LIVE_MARKUP:
        m = pat.search(page)
        assert m is None, f"{pat.pattern!r} matches {page[max(0, m.start() - 80):m.end() + 80]!r}"
    assert SCRIPT not in page and ALERT not in page and IMG not in page
    # ...and the hostile text is there, as text (escaped), not dropped
    assert "data-pwned" in page
    assert re.search(r"(?:&lt;|\\u003c)script(?:&gt;|\\u003e|>)", page)


def test_map_html_script_blocks_are_not_broken_out_of(map_html):
    """No inline <script> block holds "<script", "<!--" or an article tag: the
    article's "<" reaches script blocks only as "\\u003c"."""
    bodies = re.findall(r"<script[^>]*>(.*?)</script>", map_html, flags=re.S | re.I)
    assert any("data-pwned" in b for b in bodies), "the hostile text is not in the page data"
    for body in bodies:
        low = body.lower()
        assert "<script" not in low and "<!--" not in low
        assert "<img src=x" not in low and "<svg onload" not in low


def test_map_source_link_never_javascript(extraction):
    maps = pytest.importorskip("flashpoints.maps", reason="maps.py not there yet")
    export = pytest.importorskip("flashpoints.export", reason="export.py not there yet")
    x = extraction
    for source in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>",
                   'https://example.org/"onmouseover="alert(1)',
                   "https://example.org/a?q=<script>alert(1)</script>"):
        ev = x.events.copy()
        ev["source"] = source
        page = export.render_html(maps.build_map((x.places, ev)))
        assert not re.search(r"\bhref\s*=\s*[\"']?\s*(?:javascript|data):", page, re.I), source
        assert "onmouseover=\"alert" not in page and "<script>alert" not in page


def test_saved_map_file_is_escaped(extraction, tmp_path):
    maps = pytest.importorskip("flashpoints.maps", reason="maps.py not there yet")
    export = pytest.importorskip("flashpoints.export", reason="export.py not there yet")
    path = export.save_html(maps.build_map(extraction), tmp_path / "map.html")
    page = Path(path).read_text(encoding="utf-8")
    for pat in LIVE_MARKUP:
        assert pat.search(page) is None, pat.pattern


# ------------------------------------------------------------------ in a real browser

#: Injected last into the saved page (our own probe, not article text): once the
#: map has drawn, open every popup in turn and record its HTML as *text* in
#: <pre id="probe-popups">, so the DOM dump shows what each popup held.
POPUP_PROBE = r"""
window.addEventListener('load', function () {
  setTimeout(function () {
    var pre = document.createElement('pre');
    pre.id = 'probe-popups';
    var out = [], opened = 0;
    try {
      var maps = Object.keys(window).filter(function (k) {
        return /^map_/.test(k) && window[k] instanceof L.Map; });
      maps.forEach(function (k) {
        var map = window[k], targets = [];
        map.eachLayer(function (l) { if (l.feature) { targets.push(l); } });
        targets.forEach(function (l) {
          var ll = l.getLatLng ? l.getLatLng() : (l.getBounds ? l.getBounds().getCenter() : null);
          if (!ll) { return; }
          map.closePopup();
          l.fire('click', {latlng: ll}, true);
          var pop = map._popup;
          if (pop && map.hasLayer(pop) && pop._contentNode) {
            opened += 1;
            out.push(pop._contentNode.innerHTML);
          }
          map.closePopup();
        });
      });
    } catch (e) { out.push('PROBE ERROR ' + e); }
    pre.setAttribute('data-opened', String(opened));
    pre.textContent = out.join('\n-----\n');
    document.body.appendChild(pre);
  }, 400);
});
"""


@pytest.fixture(scope="module")
def browser_dom(extraction, tmp_path_factory):
    try:
        import _browser
    except ImportError:
        _browser = None
    maps = pytest.importorskip("flashpoints.maps", reason="maps.py not there yet")
    export = pytest.importorskip("flashpoints.export", reason="export.py not there yet")
    chromium = _browser.find_chromium() if _browser else shutil.which("chromium")
    if not chromium:
        pytest.skip("headless Chromium not found: apt-get install chromium")
    page = export.render_html(maps.build_map(extraction, title=f"{IMG} Flashpoints"))
    if _browser is not None:
        page = _browser.inject(page, POPUP_PROBE)
    else:
        page = page.replace("</html>", f"<script>{POPUP_PROBE}</script></html>")
    path = tmp_path_factory.mktemp("browser") / "hostile-map.html"
    path.write_text(page, encoding="utf-8")
    if _browser is not None:
        return _browser.dump_dom(path, budget_ms=4000)
    import subprocess

    proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                           "--dump-dom", "--virtual-time-budget=4000",
                           '--host-resolver-rules=MAP * ~NOTFOUND', path.as_uri()],
                          capture_output=True, text=True, timeout=120)
    return proc.stdout


@pytest.mark.browser
def test_browser_injected_code_never_runs(browser_dom):
    dom = browser_dom
    assert "<html" in dom and "leaflet" in dom.lower(), "the page did not load"
    html_tag = re.search(r"<html[^>]*>", dom).group(0)
    assert "data-pwned" not in html_tag, html_tag
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is None or "pwned" != title.group(1).strip()
    # no element was made from the article's markup
    assert not re.search(r"<img\b[^>]*\bsrc=\"x\"", dom)
    assert not re.search(r"<svg\b[^>]*\bonload", dom)
    assert not re.search(r"<a\b[^<>]*\bhref=\"javascript:", dom)


@pytest.mark.browser
def test_browser_hostile_names_are_shown_as_text(browser_dom):
    """The legend and labels show the hostile names, as text (serialised escaped)."""
    dom = browser_dom
    assert html.escape(ACTOR_NAME, quote=False) in dom  # legend: actor name as text
    assert "&lt;img src=x onerror=" in dom  # label / title: the place name as text


@pytest.mark.browser
def test_browser_popups_hold_escaped_text_only(browser_dom):
    dom = browser_dom
    m = re.search(r'<pre id="probe-popups" data-opened="(\d+)">(.*?)</pre>', dom, re.S)
    assert m, "the popup probe did not run"
    assert int(m.group(1)) >= 3, "too few popups opened to judge"
    popups = html.unescape(m.group(2))  # the popups' innerHTML, as it was
    assert "PROBE ERROR" not in popups
    for pat in LIVE_MARKUP:
        assert pat.search(popups) is None, pat.pattern
    # the evidence is there, escaped: a person reads the hostile text, nothing runs
    assert "&lt;script&gt;document.documentElement.setAttribute" in popups
    assert "&lt;img src=x onerror=" in popups
    assert "&amp;lt;b&amp;gt;bold" in popups  # "&lt;b&gt;" in the article stays "&lt;b&gt;"
    html_tag = re.search(r"<html[^>]*>", dom).group(0)
    assert "data-pwned" not in html_tag


# ------------------------------------------------------------------ regex backtracking

#: Short texts (tens of kB) built to make a regex try every start against every
#: end. Each is extracted in a child process killed at the deadline, so a slow
#: one cannot hang the suite (a guard, not a benchmark: the fixed code needs a
#: second or two, mostly to start Python).
BACKTRACK_TEXTS = {
    "dotted_initials": "U.S." * 10_000,
    "single_initials": "A." * 15_000,
    "apostrophes": "A'" * 20_000,
    "border_modifiers": "its " + "long " * 20_000 + "borde",
    "length_modifiers": "its " + "1-kilometer " * 20_000 + "frontie",
}
BACKTRACK_DEADLINE_S = 15
BACKTRACK = ("mentions._border_mentions: PAIR_BORDER_RE, OWN_BORDER_RE and WITH_BORDER_RE "
             "backtrack quadratically: names '[A-Z][\\w'’.]*' run over a whole 'U.S.U.S...' "
             "or \"A'A'...\" block from every capital, and WITH_BORDER_RE's repeated modifiers "
             "('long', '1-kilometer') are retried from every word; 40 kB takes minutes")


@pytest.fixture(scope="module")
def backtrack_runs(tmp_path_factory):

    from _bad_files import collect_runs, start_big_file_run

    root = tmp_path_factory.mktemp("backtrack")
    procs = {}
    for name, text in BACKTRACK_TEXTS.items():
        p = root / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        procs[name] = start_big_file_run(p, "2021-11-15")
    return collect_runs(procs, BACKTRACK_DEADLINE_S)


@pytest.mark.parametrize("name", sorted(BACKTRACK_TEXTS))
def test_backtracking_text_is_processed(backtrack_runs, name):
    r = backtrack_runs[name]
    assert "error" not in r, r.get("error")
    assert not r.get("timeout"), f"not done in {BACKTRACK_DEADLINE_S} s: {BACKTRACK}"
    assert r["offsets_ok"] and r["evidence_ok"]
