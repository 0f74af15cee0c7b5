"""The map page, checked as HTML (fast): layers, legend, offline-ness, escaping,
aggregation, filters, tiles, exports. What Chromium draws is checked in
``tests/browser/test_map_browser.py``."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

from flashpoints import assets, maps
from flashpoints.errors import DataFileError, ExportError, InputError
from flashpoints.export import find_chromium, render_html, save_csv, save_geojson, save_html
from flashpoints.maps import build_map
from flashpoints.table import EVENT_COLUMNS, PLACE_COLUMNS, Extraction, frame

# two neighbours sharing an edge, and one with a tiny island (tiny fixture of countries.csv)
COUNTRIES_CSV = (
    "iso2,iso3,isonumeric,name,population,continent,capital,neighbours,wkt\n"
    'LA,LAN,901,Landia,1000,EU,Landa,OT,"POLYGON ((20 50, 25 50, 25 55, 20 55, 20 50))"\n'
    'OT,OTH,902,Otherland,2000,EU,Otha,LA,"MULTIPOLYGON (((25 50, 30 50, 30 55, 25 55, '
    '25 50)), ((31 52, 31.05 52, 31.05 52.05, 31 52.05, 31 52)))"\n'
)

XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = "<img src=x onerror=\"document.title='pwned'\">"


@pytest.fixture(autouse=True)
def tiny_basemap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "countries.csv"
    path.write_text(COUNTRIES_CSV, encoding="utf-8")
    monkeypatch.setattr(assets, "countries_path", lambda: path)
    return path


def make_places() -> pd.DataFrame:
    """A border line along 52°N, a sea polygon, a region and a city."""
    return frame([
        {"id": "border-xy", "name": "Xland-Yland border", "kind": "border", "lat": 52.0,
         "lon": 24.0, "geometry": LineString([(22.0, 52.0), (24.0, 52.0), (26.0, 52.05)]),
         "source": "derived", "mentions": [{"text": "border", "start": 0, "end": 6}],
         "country_codes": ["XL", "YL"], "confidence": 0.9},
        {"id": "sea-test", "name": "Test Sea", "kind": "sea", "lat": 43.0, "lon": 34.0,
         "geometry": Polygon([(29, 41.5), (40, 41.5), (40, 45.5), (29, 45.5)]),
         "source": "curated", "mentions": [], "country_codes": [], "confidence": 0.9},
        {"id": "region-r", "name": "Region R", "kind": "region", "lat": 48.0, "lon": 38.0,
         "geometry": Polygon([(37, 47), (39.5, 47), (39.5, 49.5), (37, 49.5)]),
         "source": "curated", "mentions": [], "country_codes": ["UA"], "confidence": 0.8},
        {"id": "city-w", "name": "Warsaw", "kind": "city", "lat": 52.23, "lon": 21.01,
         "geometry": Point(21.01, 52.23), "source": "geonames", "mentions": [],
         "country_codes": ["PL"], "confidence": 0.9},
    ], PLACE_COLUMNS)


def event(i: int, actor: str | None, etype: str, *, place: str = "Test Sea",
          place_id: str = "sea-test", lat: float = 43.0, lon: float = 34.0,
          date: str = "2021-11-14", end: str | None = None, precision: str = "day",
          origin: tuple[float, float] | None = None, evidence: str | None = None,
          source: str = "articles/a.md", quantity: float | None = None,
          unit: str = "") -> dict:
    return {
        "id": f"e{i}", "actor": actor, "type": etype, "quantity": quantity, "unit": unit,
        "place_id": place_id, "place": place, "place_kind": "sea", "lat": lat, "lon": lon,
        "origin_id": "city-o" if origin else None, "origin": "Origin City" if origin else None,
        "origin_lat": origin[0] if origin else None, "origin_lon": origin[1] if origin else None,
        "date_start": date, "date_end": end or date, "date_precision": precision,
        "evidence": evidence or f"Sentence number {i} about {actor}.", "evidence_start": 0,
        "evidence_end": 10, "confidence": 0.8, "article_id": "a1", "source": source,
        "title": "A test article",
    }


def make_data(n_extra: int = 0) -> Extraction:
    """Events of several actors and types, one deployment arrow, one statement at a capital."""
    rows = [
        event(0, "Russia", "deployment", origin=(55.75, 37.62), quantity=8000, unit="troops",
              date="2021-11-14"),
        event(1, "Belarus", "border_control", place="Xland-Yland border",
              place_id="border-xy", lat=52.0, lon=24.0, date="2021-11-08", end="2021-11-14",
              precision="week"),
        event(2, "Ukraine", "naval", date="2021-11-13"),
        event(3, "NATO", "statement", place="Brussels", place_id="city-b", lat=50.85,
              lon=4.35, date="2021-11-15"),
        event(4, "Poland", "deployment", place="Warsaw", place_id="city-w", lat=52.23,
              lon=21.01, date="2021-11-10", quantity=12000, unit="soldiers"),
        event(5, "United States", "exercise", date="2021-11-01", end="2021-11-30",
              precision="month"),
        event(6, "Russia", "annexation", place="Region R", place_id="region-r", lat=48.0,
              lon=38.0, date="2014-01-01", end="2014-12-31", precision="year"),
        event(7, None, "threat", date="2021-11-15", precision="unknown"),
    ]
    for i in range(n_extra):
        rows.append(event(100 + i, ["Russia", "Belarus", "Ukraine"][i % 3],
                          ["deployment", "exercise", "naval"][i % 3],
                          lat=43.0 + (i % 5), lon=31.0 + (i % 7),
                          date=f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    return Extraction(places=make_places(), events=frame(rows, EVENT_COLUMNS))


def page(data, **kw) -> str:
    return render_html(build_map(data, **kw))


def script(html: str) -> str:
    """The page's own script (after <body>), without the inlined libraries in <head>."""
    return html.split("</body>", 1)[1]


def event_features(html: str) -> list[dict]:
    """Event features as the page receives them (from the FP.events(...) calls)."""
    feats = []
    for m in re.finditer(r"FP\.events\(\w+, (\{.*?\}), \{\"group\"", html):
        feats += json.loads(m.group(1))["features"]
    return feats


def controls(html: str) -> dict:
    m = re.search(r"FP\.controls\(\w+, (\{.*?\})\);\n", html)
    assert m, "no FP.controls call in the page"
    return json.loads(m.group(1))


# ------------------------------------------------------------------ layers, legend

def test_layers_and_legend_present():
    html = page(make_data())
    for title in ("Flashpoints (3)", "Places (1)", "Deployments (2)", "Border control (1)",
                  "Naval activity (1)", "Exercises (1)", "Statements, diplomacy, threats (2)",
                  "Sanctions, annexations, clashes (1)"):
        assert f'"{title}" : fp_layer_' in html, title
    assert "L.control.layers(" in html
    assert "FP.basemap(" in html and "Landia" in html
    cfg = controls(html)
    actors = {a[0]: a for a in cfg["actors"]}
    assert actors["Russia"][2] == maps.ACTOR_COLORS["russia"] == "#d7191c"
    assert actors["Russia"][3] == 2
    assert actors[""][1] == "Unknown actor"
    assert [g[0] for g in cfg["groups"]] == ["deployment", "exercise", "naval",
                                             "border_control", "statements", "conflict"]
    assert {k[0] for k in cfg["kinds"]} == {"Border", "Sea, gulf, strait", "Region"}
    assert cfg["arrows"] is True
    assert cfg["dates"][0] == "2014-01-01" and cfg["dates"][-1] == "2021-11-30"
    assert cfg["undated_count"] == 1 and cfg["total"] == 8
    # our own legend/slider code, no plugin
    assert "function legend(map, cfg)" in html and "function timeSlider(map, cfg)" in html


def test_one_layer_object_per_group_not_per_marker():
    html = page(make_data(n_extra=300))
    calls = script(html)
    assert calls.count("FP.events(") == 6
    assert "L.marker(" not in calls and "L.circleMarker(" not in calls  # no folium markers
    assert len(event_features(html)) == 308 + 1  # + one arrow


def test_deployment_arrow_and_statement_position():
    feats = event_features(page(make_data()))
    arrows = [f for f in feats if f["properties"].get("arrow")]
    assert len(arrows) == 1
    assert arrows[0]["geometry"] == {"type": "LineString",
                                     "coordinates": [[37.62, 55.75], [34.0, 43.0]]}
    statement = next(f for f in feats if f["properties"]["actor"] == "NATO")
    assert statement["geometry"]["coordinates"] == [4.35, 50.85]  # where the row puts it
    props = statement["properties"]
    assert props["date_start"] == props["date_end"] == "2021-11-15"
    week = next(f for f in feats if f["properties"]["actor"] == "Belarus")["properties"]
    assert (week["date_start"], week["date_end"], week["date_precision"]) == (
        "2021-11-08", "2021-11-14", "week")


def test_popup_has_quantity_place_origin_and_evidence():
    feats = event_features(page(make_data()))
    russia = next(f for f in feats if f["properties"]["actor"] == "Russia"
                  and not f["properties"].get("arrow") and f["properties"]["type"] == "deployment")
    pop = russia["properties"]["popup"]
    assert pop.startswith("8,000 troops · Test Sea · from Origin City")
    assert "<q>Sentence number 0 about Russia.</q>" in pop


def test_flashpoints_keep_their_shapes():
    html = page(make_data())
    m = re.search(r"FP\.shapes\(\w+, (\{.*?\})\);", html)
    fc = json.loads(m.group(1))
    kinds = {f["properties"]["name"]: f["geometry"]["type"] for f in fc["features"]}
    assert kinds == {"Xland-Yland border": "LineString", "Test Sea": "Polygon",
                     "Region R": "Polygon"}
    border = next(f for f in fc["features"] if f["properties"]["kind"] == "border")
    assert border["properties"]["style"]["color"] == maps.SHAPE_STYLES["border"]["color"]


# ------------------------------------------------------------------ offline

URL = re.compile(r"https?://[^\s\"'<>)\\]+", re.IGNORECASE)
FETCHES = [
    re.compile(r"\b(?:src|href|srcset|action|poster|data)\s*=\s*\\?[\"']?\s*(?:https?:)?//",
               re.I),
    re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"\bfetch\(\s*[\"'`]https?:", re.I),
    re.compile(r"\.open\(\s*[\"'][A-Z]+[\"']\s*,\s*[\"'`]https?:", re.I),
]


def test_offline_page_fetches_nothing():
    html = page(make_data(), tiles="none")
    # Leaflet's own source names leafletjs.com in its attribution prefix (which our
    # page replaces with plain text) and a bug tracker in a CSS comment; everything
    # else in the page must be URL-free
    assert assets.leaflet_js() in html and assets.leaflet_css() in html  # inlined
    ours = html.replace(assets.leaflet_js(), "").replace(assets.leaflet_css(), "")
    assert "<script src" not in html and "<link" not in html
    for pattern in FETCHES:
        assert not pattern.search(ours), pattern.search(ours)
    assert set(URL.findall(ours)) <= {"http://www.w3.org/2000/svg"}  # SVG namespace only
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
        assert cdn not in html
    assert "setPrefix('Leaflet')" in html


def test_osm_option_adds_tiles_and_keeps_outlines_as_choice():
    html = page(make_data(), tiles="osm")
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert '"OpenStreetMap (online)" :' in html and '"Outlines (offline)" :' in html
    assert "tile.openstreetmap.org" not in page(make_data(), tiles="none")


def test_unknown_tiles_or_layers_or_data_fail_clearly():
    with pytest.raises(InputError, match="unknown tiles 'google'"):
        build_map(make_data(), tiles="google")
    with pytest.raises(InputError, match="unknown map layer 'boats'"):
        build_map(make_data(), layers=["boats"])
    with pytest.raises(InputError, match="Extraction or a \\(places, events\\) pair"):
        build_map("not a table")


# ------------------------------------------------------------------ escaping

def hostile_data() -> Extraction:
    places = make_places()
    places.loc[0, "name"] = f"Border {XSS_IMG}"
    rows = [event(0, f"Actor {XSS_SCRIPT}", "deployment", place=f"Place {XSS_IMG}",
                  evidence=f"They said {XSS_SCRIPT} and {XSS_IMG} and {{{{ 7*7 }}}}.",
                  source="javascript:alert(1)", unit=XSS_IMG, quantity=5),
            event(1, "Russia", "naval", evidence=f"Plain {XSS_SCRIPT}",
                  source="https://example.org/news?a=1&b=2")]
    rows[1]["title"] = f"Title {XSS_IMG}"
    return Extraction(places=places, events=frame(rows, EVENT_COLUMNS))


def test_article_text_is_escaped_in_the_page():
    html = page(hostile_data())
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html and "onerror=\"document" not in html
    feats = event_features(html)
    pop = next(f for f in feats if f["properties"]["type"] == "deployment"
               and not f["properties"].get("arrow"))["properties"]["popup"]
    assert "They said &lt;script&gt;window.__pwned=1&lt;/script&gt;" in pop
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;" in pop
    assert "javascript:" not in pop and "<a " not in pop  # no link for a non-http source
    # template syntax in article text is text, never evaluated
    assert "{{ 7*7 }}" in pop
    naval = next(f for f in feats if f["properties"]["type"] == "naval")["properties"]["popup"]
    assert ('<a href="https://example.org/news?a=1&amp;b=2" target="_blank" '
            'rel="noopener noreferrer">Title &lt;img') in naval


def test_json_for_script_cannot_close_the_script():
    text = assets.json_for_script({"a": "</script><!-- \u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028"}


# ------------------------------------------------------------------ filters, aggregation

def test_filters_reduce_features():
    data = make_data()
    everything = event_features(page(data))
    by_actor = event_features(page(data, actors=["Russia"]))
    assert {f["properties"]["actor"] for f in by_actor} == {"Russia"}
    assert len(by_actor) == 3 < len(everything)  # two events + one arrow
    by_type = event_features(page(data, types=["naval", "exercise"]))
    assert sorted(f["properties"]["type"] for f in by_type) == ["exercise", "naval"]
    window = event_features(page(data, since="2021-11-13", until="2021-11-14"))
    assert {f["properties"]["actor"] for f in window} == {"Russia", "Belarus", "Ukraine",
                                                         "United States"}
    dated = event_features(page(data, include_undated=False))
    assert all(not f["properties"].get("undated") for f in dated)
    only_shapes = script(page(data, layers=["Flashpoints"]))
    assert "FP.events(" not in only_shapes and "FP.shapes(" in only_shapes
    assert "FP.places(" not in only_shapes


def test_filtered_places_follow_events():
    places, events = maps.shown_tables(make_data(), actors=["Belarus"])
    assert list(events["actor"]) == ["Belarus"]
    # the border of the shown event and the places no event refers to
    assert set(places["id"]) == {"border-xy"}


def test_aggregation_kicks_in_above_threshold(monkeypatch: pytest.MonkeyPatch):
    data = make_data(n_extra=400)
    plain = event_features(page(data))
    assert len(plain) == 409 and not any("n" in f["properties"] for f in plain)
    monkeypatch.setattr(maps, "AGGREGATE_ABOVE", 100)
    html = page(data)
    agg = event_features(html)
    markers = [f for f in agg if not f["properties"].get("arrow")]
    assert len(markers) < 200
    assert sum(f["properties"].get("n", 1) for f in markers) == 408
    assert any(f["properties"].get("n", 1) > 1 and f["properties"]["r"] > 6.5
               for f in markers)
    assert any("one marker per place" in n for n in controls(html)["notes"])


def test_aggregation_coarsens_until_few_enough():
    events = make_data(n_extra=400).events
    rows, period = maps.aggregate_events(events)
    assert period == "day" and rows["n"].sum() == len(events)
    rows, period = maps.aggregate_events(events, max_markers=60)
    assert period != "day" and (len(rows) <= 60 or period == "year")
    assert rows["n"].sum() == len(events)
    month = rows[rows["n"] > 1].iloc[0]
    assert month["date_start"] <= month["date_end"]


def test_ten_thousand_events_stay_small():
    data = make_data(n_extra=10_000)
    html = page(data)
    assert len(html.encode("utf-8")) < 5_000_000
    assert '"canvas":true' in html  # many markers: drawn on a canvas


def test_no_events_still_makes_a_map():
    html = page(Extraction())
    assert "FP.basemap(" in script(html) and "FP.events(" not in script(html)
    assert controls(html)["total"] == 0


def test_actor_colours_fixed_and_hashed():
    assert maps.actor_color("Russia") == maps.actor_color("russia") == "#d7191c"
    assert maps.actor_color("US") == maps.ACTOR_COLORS["united states"]
    other = maps.actor_color("Wagner Group")
    assert re.fullmatch(r"#[0-9a-f]{6}", other) and other == maps.actor_color("Wagner Group")
    assert maps.actor_color(None) == maps.actor_color(float("nan")) == maps.UNKNOWN_ACTOR_COLOR


def test_pair_of_tables_is_accepted():
    data = make_data()
    assert event_features(page((data.places, data.events))) == event_features(page(data))


# ------------------------------------------------------------------ basemap

def test_basemap_from_countries_csv(tiny_basemap: Path):
    land, labels = assets.basemap(tiny_basemap)
    fc = json.loads(land)
    assert [f["properties"]["name"] for f in fc["features"]] == ["Landia", "Otherland"]
    assert fc["features"][1]["geometry"]["type"] == "Polygon"  # the tiny island is dropped
    names = [lab[0] for lab in json.loads(labels)]
    assert names == ["Landia", "Otherland"]


def test_bad_countries_csv_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text(COUNTRIES_CSV + 'ZZ,ZZZ,999,Bad,0,EU,,,"POLYGON ((1 2, 3"\n',
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.csv, line 4, column 'wkt': bad WKT"):
        assets.basemap(bad)


def test_real_basemap_is_small():
    real = assets.DATA_DIR / "countries.csv"
    if not real.exists():
        pytest.skip(f"{real} not built yet (tools/build_countries.py)")
    land, labels = assets.basemap(real)
    assert 100_000 < len(land.encode()) < 1_000_000
    assert len(json.loads(land)["features"]) > 200


# ------------------------------------------------------------------ exports

def test_save_html_geojson_csv_agree_with_the_map(tmp_path: Path):
    data = make_data()
    filters = dict(actors=["Russia", "Belarus"], since="2021-11-01")
    path = save_html(build_map(data, **filters), tmp_path / "out" / "map.html")
    html = path.read_text(encoding="utf-8")
    shown = {f["properties"]["actor"] for f in event_features(html)}
    gj = json.loads(save_geojson(data, tmp_path / "shown.geojson", **filters)
                    .read_text(encoding="utf-8"))
    ev = [f for f in gj["features"] if f["properties"]["record"] == "event"]
    assert {f["properties"]["actor"] for f in ev} == shown == {"Russia", "Belarus"}
    assert len(ev) == 2
    pl = {f["properties"]["id"] for f in gj["features"] if f["properties"]["record"] == "place"}
    assert pl == {"border-xy", "sea-test"}  # the places of the shown events
    csv = pd.read_csv(save_csv(data, tmp_path / "shown.csv", **filters))
    assert list(csv["event_id"]) == list(f["properties"]["id"] for f in ev)
    assert list(csv.columns[:3]) == ["event_id", "event_date", "event_date_end"]


def test_find_chromium_explains_how_to_install(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("FLASHPOINTS_CHROMIUM", raising=False)
    with pytest.raises(ExportError, match="apt-get install chromium"):
        find_chromium()
    monkeypatch.setenv("FLASHPOINTS_CHROMIUM", "/no/such/chrome")
    with pytest.raises(ExportError, match="/no/such/chrome"):
        find_chromium()


def test_save_png_without_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path):
    from flashpoints.export import save_png

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("FLASHPOINTS_CHROMIUM", raising=False)
    with pytest.raises(ExportError, match="Debian package"):
        save_png(build_map(make_data()), tmp_path / "x.png")


# ------------------------------------------------------------------ focus, later layers

def test_focus_highlights_one_event_safely():
    data = make_data()
    row = data.events.iloc[0].to_dict()
    row["evidence"] = "Moved ${document.title=1} and {{ 7*7 }} <b>x</b>"
    row["geometry"] = data.places.iloc[1]["geometry"]  # the sea polygon
    html = page(data, focus=row)
    m = re.search(r"FP\.focus\(\w+, (\{.*?\})\);", html)
    fc = json.loads(m.group(1))
    kinds = [f["geometry"]["type"] for f in fc["features"]]
    assert kinds == ["Polygon", "LineString", "Point"]  # outline, origin, marker
    pop = fc["features"][-1]["properties"]["popup"]
    assert "Moved ${document.title=1} and {{ 7*7 }} &lt;b&gt;x&lt;/b&gt;" in pop
    assert '"Selected event" : fp_layer_' in html
    by_id = page(data, focus="e2")
    assert "FP.focus(" in script(by_id)
    assert "FP.focus(" not in script(page(data, focus="no-such-event"))


def test_layers_added_after_build_map_are_listed():
    import folium

    m = build_map(make_data())
    folium.FeatureGroup(name="Added later").add_to(m)
    html = render_html(m)
    calls = script(html)
    assert calls.index("L.featureGroup(") < calls.index("L.control.layers(")
    assert '"Added later" : feature_group_' in calls


def test_rendering_twice_gives_the_same_page():
    m = build_map(make_data())
    assert render_html(m) == render_html(m)
