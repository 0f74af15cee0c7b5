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
