"""The offline gazetteer: names, derived borders, CSV errors, geopy interface."""
from __future__ import annotations

import time

import pytest
from shapely.geometry import Point

from flashpoints.errors import DataFileError
from flashpoints.gazetteer import Gazetteer, OfflineGeocoder, norm, read_places_csv

HEADER = "id,name,kind,aliases,country_codes,wkt,source,note\n"


def test_norm_folds_case_diacritics_and_dashes():
    assert norm("Kuźnica") == norm("KUZNICA") == "kuznica"
    assert norm("Łódź") == "lodz"
    assert norm("Polish–Belarusian") == norm("Polish-Belarusian")
    assert norm("Russia’s") == "russia's"


def test_transliterations_resolve_to_one_city(gaz):
    kiev = {c.id for c in gaz.candidates("Kiev") if c.country_codes == ("UA",)}
    kyiv = {c.id for c in gaz.candidates("Kyiv") if c.country_codes == ("UA",)}
    assert kiev & kyiv


def test_small_towns_from_geonames(gaz):
    horlivka = gaz.search("Horlivka")[0]
    assert horlivka.country_codes == ("UA",)
    assert abs(horlivka.lat - 48.3) < 0.2 and abs(horlivka.lon - 38.05) < 0.2


def test_country_has_real_shape(gaz):
    pl = gaz.country("PL")
    assert pl.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert pl.geometry.contains(Point(21.01, 52.23))  # Warsaw
    assert not pl.geometry.contains(Point(27.56, 53.9))  # Minsk


def test_border_is_derived_line_along_both_countries(gaz):
    b = gaz.border("PL", "BY")
    assert b.kind == "border" and b.source == "derived"
    assert b.geometry.geom_type in ("LineString", "MultiLineString")
    assert b.geometry.length > 3  # degrees; the boundary is ~400 km long
    pl, by = gaz.country("PL").geometry, gaz.country("BY").geometry
    # every vertex of the border lies on both countries' edges
    for x, y in list(b.geometry.coords if b.geometry.geom_type == "LineString"
                     else b.geometry.geoms[0].coords)[::10]:
        assert pl.boundary.distance(Point(x, y)) < 0.05
        assert by.distance(Point(x, y)) < 0.05
    assert gaz.border("BY", "PL").id == b.id  # order does not matter


def test_no_border_between_countries_that_do_not_touch(gaz):
    assert gaz.border("PL", "UA") is not None
    assert gaz.border("DE", "UA") is None


def test_all_land_borders_of_one_country(gaz):
    b = gaz.border("UA")
    assert b.geometry.length > gaz.border("UA", "BY").geometry.length


def test_country_code_from_names_and_demonyms(gaz):
    assert gaz.country_code("Polish") == "PL"
    assert gaz.country_code("Belarusian") == "BY"
    assert gaz.country_code("UK") == "GB"
    assert gaz.country_code("Ukraine's") == "UA"
    assert gaz.country_code("Atlantis") is None


def test_warm_load_uses_cache():
    Gazetteer()  # make sure the cache exists
    t = time.perf_counter()
    g = Gazetteer()
    elapsed = time.perf_counter() - t
    assert len(g) > 100_000
    print(f"warm gazetteer load: {elapsed:.3f} s")  # measured, not asserted


def test_geopy_interface_geocode_and_reverse(gaz):
    from geopy.geocoders.base import Geocoder
    from geopy.location import Location

    geo = OfflineGeocoder(gaz)
    assert isinstance(geo, Geocoder)
    loc = geo.geocode("Minsk")
    assert isinstance(loc, Location)
    assert abs(loc.latitude - 53.9) < 0.2 and loc.raw["country_codes"] == ["BY"]
    assert geo.geocode("Nowhereville Xyzzy") is None
    rev = geo.reverse((52.10, 23.70))  # Brest, Belarus
    assert rev.raw["country_codes"] == ["BY"] and rev.raw["distance_km"] < 20
    many = geo.reverse("50.45, 30.52", exactly_one=False, limit=3)
    assert len(many) == 3
    border = geo.geocode("Polish-Belarusian border")
    assert border is not None and border.raw["kind"] == "border"


def _write(tmp_path, body: str):
    p = tmp_path / "extra.csv"
    p.write_text(HEADER + body, encoding="utf-8")
    return p


@pytest.mark.parametrize("body, line, needle", [
    ('x1,Foo,sea,,,"POLYGON((0 0, 1 0, 1 1, 0 0))",curated,\n'
     'x2,Bar,sea,,,"POLYGON((0 0, 1 0, 1 1,,))",curated,\n', 3, "bad WKT"),
    ("x1,Foo,sea,,,POINT (10 20),curated,\nx1,Bar,city,,,POINT (1 2),curated,\n", 3,
     "duplicate id"),
    ("x1,Foo,volcano,,,POINT (10 20),curated,\n", 2, "unknown kind"),
    ("x1,Foo,base,,,POINT (200 20),curated,\n", 2, "out of range"),
    ("x1,,base,,,POINT (20 20),curated,\n", 2, "empty name"),
    ("x1,Foo,sea,,,\"POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))\",curated,\n", 2, "invalid geometry"),
    ("x1,Foo,base,,,POINT (20 20),curated,,extra\n", 2, "fields"),
])
def test_malformed_places_file_names_file_and_line(tmp_path, body, line, needle):
    p = _write(tmp_path, body)
    with pytest.raises(DataFileError) as exc:
        read_places_csv(p)
    msg = str(exc.value)
    assert str(p) in msg and f"line {line}" in msg and needle in msg


def test_missing_columns_named(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("id,title\n1,x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line 1.*missing column\(s\) name, kind, wkt"):
        read_places_csv(p)


def test_extra_places_file_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINTS_CACHE", str(tmp_path / "cache"))
    p = _write(tmp_path, "x-camp,Camp Zyxwv,base,Zyxwv Camp,PL,POINT (22.5 51.5),curated,test\n")
    g = Gazetteer(extra_places=[p])
    hit = g.search("Zyxwv Camp")[0]
    assert hit.kind == "base" and (hit.lat, hit.lon) == (51.5, 22.5)


def test_missing_extra_places_file(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        Gazetteer(extra_places=[tmp_path / "nope.csv"])


def test_oceans_and_bays_from_natural_earth(gaz):
    ocean = gaz.search("Indian Ocean")[0]
    assert (ocean.kind, ocean.source) == ("sea", "naturalearth")
    assert ocean.geometry.contains(Point(75.0, -20.0))
    assert gaz.search("Chesapeake Bay")[0].kind == "gulf"
    # a curated shape keeps its name; a division keeps a name NE gives a bay too
    assert gaz.search("Black Sea")[0].source == "curated"
    assert gaz.search("Bay of Plenty")[0].kind == "admin1"


def test_nations_of_the_united_kingdom_are_not_the_kingdom(gaz):
    # England, Scotland, Wales and Northern Ireland are divisions of GB, each at its
    # own point; "Britain" and "UK" stay the country
    points = {}
    for name in ("England", "Scotland", "Wales", "Northern Ireland"):
        p = gaz.geocode(name)[0]
        assert (p.kind, p.country_codes) == ("admin1", ("GB",)), name
        points[name] = (p.lat, p.lon)
        assert gaz.country_code(name) is None
    assert points["Scotland"][0] > points["England"][0] > 50
    assert points["Wales"][1] < points["England"][1]
    assert points["Northern Ireland"][1] < points["Wales"][1]
    for name in ("Britain", "UK", "United Kingdom"):
        assert gaz.country_code(name) == "GB"


@pytest.mark.parametrize("name, inside, outside", [
    ("Eastern Europe", (52.23, 21.01), (55.75, 37.62)),   # Warsaw in, Moscow out
    ("North Africa", (32.89, 13.19), (15.50, 32.56)),     # Tripoli in, Khartoum out
    ("Southeast Asia", (-6.2, 106.85), (22.3, 114.17)),   # Jakarta in, Hong Kong out
    ("Levant", (33.51, 36.29), (30.04, 31.24)),           # Damascus in, Cairo out
    ("Balkans", (44.79, 20.45), (46.05, 14.51)),          # Belgrade in, Ljubljana out
    ("Southern California", (34.05, -118.24), (37.77, -122.42)),  # Los Angeles, not SF
    ("Northern California", (37.77, -122.42), (34.05, -118.24)),
])
def test_world_regions_are_unions_of_their_countries(gaz, name, inside, outside):
    p = gaz.geocode(name)[0]
    assert p.kind == "region" and p.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert p.geometry.contains(Point(inside[1], inside[0]))
    assert not p.geometry.contains(Point(outside[1], outside[0]))
    assert p.geometry.contains(Point(p.lon, p.lat))  # the marker lies in the region


def test_airports_from_ourairports(gaz):
    lhr = gaz.search("Heathrow Airport")[0]
    assert (lhr.kind, lhr.source, lhr.country_codes) == ("airport", "ourairports", ("GB",))
    assert lhr.geometry.geom_type == "Point"
    assert gaz.search("Heathrow")[0].id == lhr.id  # the airport before Heathrow, Florida
    assert gaz.search("Boryspil Airport")[0].kind == "airport"
    # a town keeps its name: the airport is "Boryspil airport", not "Boryspil"
    assert all(p.kind == "city" for p in gaz.search("Boryspil"))
    assert all(p.kind != "airport" for p in gaz.search("Denver"))
    assert all(p.kind != "airport" for p in gaz.search("Moscow"))
    # a curated base keeps its airfield: no second Incirlik from OurAirports
    assert [p.id for p in gaz.search("Incirlik")] == ["base-incirlik-air-base"]


def test_curated_towns_take_the_division_of_their_neighbours(gaz):
    """towns.csv gives no first-level division: a village takes that of the nearest
    GeoNames town of its country, so its oblast's towns back it."""
    def admin1(name, cc):
        got = [p for p in gaz.search(name, limit=20) if p.kind == "city" and cc in p.country_codes]
        assert got, name
        return got

    donetsk = next(p for p in admin1("Donetsk", "UA") if p.population > 500_000).admin1
    luhansk = next(p for p in admin1("Luhansk", "UA") if p.population > 300_000).admin1
    assert donetsk and luhansk and donetsk != luhansk
    pisky = [p for p in admin1("Pisky", "UA") if p.source == "curated"]
    zolote = [p for p in admin1("Zolote", "UA") if p.source == "curated"]
    assert pisky and pisky[0].admin1 == donetsk
    assert zolote and zolote[0].admin1 == luhansk


def test_geocode_alone_prefers_a_feature_to_a_small_town_but_not_to_a_city(gaz):
    """Without an article around it, "Luzon" is the island (not the small town of
    Mindanao) and "Mount Hermon" the mountain (not Virginia's village); "Dnipro"
    stays the city of a million, not the river."""
    assert gaz.geocode("Luzon")[0].kind == "island"
    assert gaz.geocode("Mount Hermon")[0].kind == "mountains"
    assert gaz.geocode("Dnipro")[0].kind == "city"
    assert gaz.geocode("Georgia")[0].kind == "country"
