"""The reference article (read from ../shared/seed, never copied): its five
flashpoints resolve to the right shapes and no non-place comes out as a place."""
from __future__ import annotations

import pytest
from shapely.geometry import Point

from flashpoints.article import from_text


@pytest.fixture(scope="module")
def seed_places(seed_text, gaz, actors):
    from flashpoints.pipeline import extract

    x = extract(from_text(seed_text, source="seed"), gazetteer=gaz, actors=actors, events=False)
    return x


def _by_mention(x, text):
    for r in x.places.itertuples():
        if any(m["text"] == text for m in r.mentions):
            return r
    raise AssertionError(f"{text!r} not resolved; places: {list(x.places['name'])}, "
                         f"unresolved: {list(x.unresolved['text'])}")


def test_polish_belarusian_border_is_the_real_boundary(seed_places, gaz):
    r = _by_mention(seed_places, "Polish-Belarusian border")
    assert r.kind == "border"
    assert r.geometry.geom_type in ("LineString", "MultiLineString")
    pl, by = gaz.country("PL").geometry, gaz.country("BY").geometry
    mid = r.geometry.interpolate(0.5, normalized=True)
    assert pl.boundary.distance(mid) < 0.05 and by.boundary.distance(mid) < 0.1
    assert 52.0 < mid.y < 53.5 and 23.0 < mid.x < 24.5


@pytest.mark.parametrize("mention, kind, inside, outside", [
    ("Black Sea", "sea", (43.5, 34.0), (44.95, 34.1)),
    ("Sea of Azov", "sea", (46.0, 36.6), (47.23, 39.72)),
    ("Crimean Peninsula", "region", (44.95, 34.1), (46.64, 32.61)),
    ("Donbass", "region", (48.0, 37.8), (49.99, 36.23)),
])
def test_flashpoints_have_polygons(seed_places, mention, kind, inside, outside):
    r = _by_mention(seed_places, mention)
    assert r.kind == kind
    assert r.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert r.geometry.contains(Point(inside[1], inside[0]))
    assert not r.geometry.contains(Point(outside[1], outside[0]))


def test_countries_and_cities_found(seed_places):
    names = set(seed_places.places["name"])
    for n in ("Russia", "Belarus", "Ukraine", "Poland", "Latvia", "Lithuania", "Germany",
              "Moscow", "Kyiv"):
        assert n in names


def test_no_people_ships_or_organisations_as_places(seed_places):
    texts = {m["text"] for ms in seed_places.places["mentions"] for m in ms}
    for bad in ("Lenthall", "Whitney", "Mount Whitney", "Vladimir", "Alexander", "Clara",
                "Law and Justice Party", "Article 4", "Union", "NATO", "Sunday", "Friday",
                "Facebook", "Aeroflot", "Lukashenko"):
        assert bad not in texts


@pytest.fixture(scope="module")
def seed_events(seed_text, gaz, actors):
    from flashpoints.pipeline import extract

    return extract(from_text(seed_text, source="seed"), gazetteer=gaz, actors=actors).events


def _find(ev, **want):
    rows = ev
    for k, v in want.items():
        rows = rows[rows[k] == v]
    assert len(rows), f"no event with {want}; have {ev[list(want)].to_dict('records')}"
    return rows.iloc[0]


def test_seed_events_with_actor_type_place_and_dates(seed_events, seed_text):
    ev = seed_events
    uk = _find(ev, actor="United Kingdom", type="deployment", place_kind="border")
    assert "Poland" in uk["place"] and "Belarus" in uk["place"]
    assert (uk["date_start"], uk["date_end"], uk["date_precision"]) == \
        ("2021-11-08", "2021-11-14", "week")
    ex = _find(ev, actor="Russia", type="exercise")
    assert ex["date_start"] == "2021-11-12" and ex["date_precision"] == "day"
    cas = _find(ev, type="casualties", date_start="2021-11-12")
    assert (cas["quantity"], cas["unit"]) == (2, "paratroopers")
    ua = _find(ev, actor="Ukraine", type="deployment", quantity=8500)
    assert set(ua["place"].replace(" border", "").split("–")) == {"Ukraine", "Belarus"}
    _find(ev, actor="Ukraine", type="fortification")
    us = _find(ev, actor="United States", type="naval")
    assert us["place"] == "Black Sea" and us["quantity"] == 3
    fleet = _find(ev, actor="Ukraine", type="naval", place="Sea of Azov", origin="Black Sea")
    assert fleet["date_precision"] == "unknown"
    de = _find(ev, actor="Germany", type="deployment")
    assert "Poland" in de["place"] and de["unit"] == "policemen"
    crimea = _find(ev, type="annexation", actor="Russia")
    assert crimea["place"] == "Crimea" and crimea["date_start"] == "2014-01-01" and \
        crimea["date_precision"] == "year"
    _find(ev, actor="Poland", type="border_control")
    # the evidence is the sentence that states each event, with offsets into the text
    from flashpoints.article import from_text as ft

    text = ft(seed_text).text
    for r in ev.itertuples():
        assert text[r.evidence_start:r.evidence_end] == r.evidence
    assert "8,500 soldiers" in ua["evidence"]
