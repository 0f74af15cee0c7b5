"""Checks of the committed data files: data/countries.csv, data/places.csv, data/actors.csv.

They read the files with the csv module and shapely only, so a broken rebuild
(tools/build_countries.py, tools/build_places.py) or a bad hand edit shows up
here before it reaches the gazetteer.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest
from shapely import wkt as shapely_wkt
from shapely.geometry import Point

DATA = Path(__file__).resolve().parents[1] / "data"

PLACE_KINDS = {"region", "admin1", "sea", "gulf", "strait", "lake", "river", "pipeline", "base",
               "port", "airport", "training_ground", "island", "peninsula", "mountains", "bridge", "other"}
ACTOR_KINDS = {"state", "alliance", "armed_force", "separatist", "organisation"}

SIMFEROPOL = (34.10, 44.95)  # (lon, lat)
SEVASTOPOL_LAND = (33.60, 44.55)
ODESA = (30.73, 46.48)
ISTANBUL = (28.95, 41.01)
KHERSON = (32.61, 46.64)
MELITOPOL = (35.37, 46.84)
ROSTOV = (39.72, 47.23)
DONETSK = (37.80, 48.00)
LUHANSK = (39.31, 48.57)
MARIUPOL = (37.55, 47.10)
KHARKIV = (36.23, 49.99)
ZAPORIZHZHIA = (35.14, 47.84)


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    # default csv field limit on purpose: every field must fit in it
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=None)
def geoms(name: str, key: str) -> dict[str, object]:
    return {r[key]: shapely_wkt.loads(r["wkt"]) for r in rows(name)}


def country(iso2: str):
    return geoms("countries.csv", "iso2")[iso2]


def place(pid: str):
    return geoms("places.csv", "id")[pid]


def inside(geom, lonlat) -> bool:
    return geom.contains(Point(*lonlat))


# ---------------------------------------------------------------- countries.csv

def test_countries_columns_and_ids():
    rs = rows("countries.csv")
    assert list(rs[0]) == ["iso2", "iso3", "isonumeric", "name", "population", "continent",
                           "capital", "neighbours", "wkt"]
    assert len(rs) > 200
    iso2 = [r["iso2"] for r in rs]
    assert len(iso2) == len(set(iso2))
    assert all(len(c) == 2 and c.isupper() for c in iso2)
    assert {"RU", "UA", "BY", "PL", "US", "CN", "TW", "XK"} <= set(iso2)


def test_countries_geometries_valid():
    for iso2, g in geoms("countries.csv", "iso2").items():
        assert g.geom_type in ("Polygon", "MultiPolygon"), iso2
        assert g.is_valid and not g.is_empty, iso2
        minx, miny, maxx, maxy = g.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90, iso2


def test_countries_file_is_compact():
    assert (DATA / "countries.csv").stat().st_size < 3_000_000


@pytest.mark.parametrize("a,b,min_len", [("PL", "BY", 3.0), ("UA", "BY", 8.0),
                                         ("UA", "RU", 15.0), ("DE", "PL", 3.0)])
def test_shared_borders_are_long_lines(a, b, min_len):
    line = country(a).boundary.intersection(country(b).boundary)
    assert line.geom_type in ("LineString", "MultiLineString"), line.geom_type
    assert line.length > min_len


def test_neighbours_are_known_codes():
    known = {r["iso2"] for r in rows("countries.csv")}
    by = next(r for r in rows("countries.csv") if r["iso2"] == "BY")
    assert {"PL", "UA", "RU", "LT", "LV"} <= set(by["neighbours"].split("|"))
    for r in rows("countries.csv"):
        for n in filter(None, r["neighbours"].split("|")):
            # Gibraltar has no shape at 50m; French Guiana is inside France's shape
            assert n in known or n in {"GI", "GF"}, (r["iso2"], n)


# ------------------------------------------------------------------- places.csv

def test_places_columns_ids_kinds():
    rs = rows("places.csv")
    assert list(rs[0]) == ["id", "name", "kind", "aliases", "country_codes", "wkt", "source",
                           "note"]
    ids = [r["id"] for r in rs]
    assert len(ids) == len(set(ids))
    for r in rs:
        assert r["kind"] in PLACE_KINDS, r["id"]
        assert r["name"].strip() and r["source"].strip() and r["note"].strip(), r["id"]


def test_places_geometries_valid_and_typed():
    known = {r["iso2"] for r in rows("countries.csv")}
    for r in rows("places.csv"):
        g = place(r["id"])
        assert g.is_valid and not g.is_empty, r["id"]
        minx, miny, maxx, maxy = g.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90, r["id"]
        if r["kind"] in ("sea", "gulf", "strait", "region", "admin1", "peninsula"):
            assert g.geom_type in ("Polygon", "MultiPolygon"), r["id"]
        if r["kind"] in ("pipeline", "river", "bridge"):
            assert "LineString" in g.geom_type, r["id"]
        if r["kind"] in ("base", "port", "training_ground"):
            assert g.geom_type == "Point", r["id"]
        for c in filter(None, r["country_codes"].split("|")):
            assert c in known, (r["id"], c)


def test_places_file_is_compact():
    assert (DATA / "places.csv").stat().st_size < 1_500_000


def test_required_places_present():
    ids = {r["id"] for r in rows("places.csv")}
    for pid in ("sea-black-sea", "sea-sea-of-azov", "region-crimea", "region-donbas",
                "admin1-donetsk-oblast", "admin1-luhansk-oblast", "strait-kerch-strait",
                "region-transnistria", "admin1-kaliningrad-oblast", "region-suwalki-gap",
                "pipeline-yamal-europe", "bridge-crimean-bridge"):
        assert pid in ids


def test_aliases_find_the_flashpoints():
    names: dict[str, str] = {}
    for r in rows("places.csv"):
        for a in [r["name"], *r["aliases"].split("|")]:
            names.setdefault(a.lower(), r["id"])
    assert names["donbass"] == names["donbas"] == "region-donbas"
    assert names["crimean peninsula"] == "region-crimea"
    assert names["azov sea"] == "sea-sea-of-azov"
    assert names["strait of kerch"] == "strait-kerch-strait"


def test_black_sea_is_the_sea():
    g = place("sea-black-sea")
    assert inside(g, (34.0, 43.5))
    for lonlat in (SIMFEROPOL, ODESA, ISTANBUL):
        assert not inside(g, lonlat), lonlat


def test_sea_of_azov_is_the_sea():
    g = place("sea-sea-of-azov")
    assert inside(g, (36.6, 46.0))
    assert not inside(g, MELITOPOL)
    assert not inside(g, ROSTOV)
    assert not g.intersects(place("sea-black-sea").buffer(-0.05))


def test_crimea_is_the_peninsula():
    g = place("region-crimea")
    assert inside(g, SIMFEROPOL)
    assert inside(g, SEVASTOPOL_LAND)
    assert not inside(g, KHERSON)
    assert not g.intersects(place("admin1-kherson-oblast").buffer(-0.01))


def test_donbas_is_donetsk_and_luhansk():
    g = place("region-donbas")
    for lonlat in (DONETSK, LUHANSK, MARIUPOL):
        assert inside(g, lonlat), lonlat
    for lonlat in (KHARKIV, ZAPORIZHZHIA, ROSTOV):
        assert not inside(g, lonlat), lonlat
    assert inside(place("admin1-donetsk-oblast"), DONETSK)
    assert inside(place("admin1-luhansk-oblast"), LUHANSK)
    assert not inside(place("admin1-donetsk-oblast"), LUHANSK)


# ------------------------------------------------------------------- actors.csv

def test_actors_columns_ids_kinds():
    rs = rows("actors.csv")
    assert list(rs[0]) == ["id", "name", "kind", "country_code", "capital", "lat", "lon",
                           "aliases"]
    ids = [r["id"] for r in rs]
    assert len(ids) == len(set(ids))
    for r in rs:
        assert r["kind"] in ACTOR_KINDS, r["id"]


def test_actor_countries_and_coordinates():
    known = {r["iso2"] for r in rows("countries.csv")}
    for r in rows("actors.csv"):
        if r["country_code"]:
            assert r["country_code"] in known, r["id"]
        if r["lat"] or r["lon"]:
            assert -90 <= float(r["lat"]) <= 90, r["id"]
            assert -180 <= float(r["lon"]) <= 180, r["id"]


def test_actor_aliases_point_to_one_actor():
    owner: dict[str, str] = {}
    for r in rows("actors.csv"):
        for a in [r["name"], *filter(None, r["aliases"].split("|"))]:
            assert owner.setdefault(a.lower(), r["id"]) == r["id"], a
    assert owner["the kremlin"] == owner["putin"] == owner["black sea fleet"] == "russia"
    assert owner["the pentagon"] == owner["washington"] == "united-states"
    assert owner["kiev"] == owner["kyiv"] == owner["zelenskyy"] == "ukraine"
    assert owner["the alliance"] == "nato"
    assert owner["pro-russian separatists"] != "russia"


def test_state_capitals_lie_in_their_country():
    cs = geoms("countries.csv", "iso2")
    for r in rows("actors.csv"):
        if r["kind"] == "state" and r["lat"]:
            g = cs[r["country_code"]]
            assert g.distance(Point(float(r["lon"]), float(r["lat"]))) < 0.1, r["id"]


# ------------------------------------------------------------------- marine.csv

def marine(pid: str):
    return geoms("marine.csv", "id")[pid]


def test_marine_columns_ids_kinds():
    rs = rows("marine.csv")
    assert list(rs[0]) == ["id", "name", "kind", "aliases", "country_codes", "wkt", "source",
                           "note"]
    ids = [r["id"] for r in rs]
    assert len(ids) == len(set(ids)) > 200
    for r in rs:
        assert r["kind"] in {"sea", "gulf", "strait", "lake"}, r["id"]
        assert r["source"] == "naturalearth" and r["note"].strip(), r["id"]


def test_marine_geometries_are_valid_water():
    known = {r["iso2"] for r in rows("countries.csv")}
    land = None
    from shapely import union_all

    land = union_all(list(geoms("countries.csv", "iso2").values()))
    for r in rows("marine.csv"):
        g = marine(r["id"])
        assert g.is_valid and not g.is_empty, r["id"]
        assert g.geom_type in ("Polygon", "MultiPolygon"), r["id"]
        minx, miny, maxx, maxy = g.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90, r["id"]
        # land was cut away (snapping leaves slivers along the coasts only)
        assert g.intersection(land).area < 0.02 * g.area + 0.01, r["id"]
        for c in filter(None, r["country_codes"].split("|")):
            assert c in known, (r["id"], c)


def test_marine_leaves_curated_names_to_places():
    curated = {a.lower() for r in rows("places.csv")
               for a in [r["name"], *r["aliases"].split("|")] if a}
    for r in rows("marine.csv"):
        for a in [r["name"], *r["aliases"].split("|")]:
            assert not a or a.lower() not in curated, (r["id"], a)


def test_marine_oceans_lie_where_they_are():
    by_name = {r["name"]: r["id"] for r in rows("marine.csv")}
    for name, lonlat in (("Indian Ocean", (75.0, -20.0)), ("Atlantic Ocean", (-30.0, 30.0)),
                         ("Atlantic Ocean", (-15.0, -30.0)), ("Pacific Ocean", (-150.0, 20.0)),
                         ("Pacific Ocean", (-120.0, -30.0)), ("Gulf of Mexico", (-90.0, 25.0)),
                         ("Bay of Bengal", (88.0, 15.0)), ("Arctic Ocean", (0.0, 88.0))):
        assert inside(marine(by_name[name]), lonlat), name
    assert not inside(marine(by_name["Indian Ocean"]), (115.86, -31.95))  # Perth
    assert not inside(marine(by_name["Gulf of Mexico"]), (-95.37, 29.76))  # Houston
    assert (DATA / "marine.csv").stat().st_size < 1_500_000


def test_admin1_bare_names_and_designated_forms():
    """A big division keeps its bare name when the towns named like it are tiny
    ("Wales", "Jalisco"); one named like a big town only with a designator."""
    with (DATA / "admin1.csv").open(newline="", encoding="utf-8") as fh:
        names = {(r["country_codes"], r["name"]) for r in csv.DictReader(fh)}
    assert ("GB", "Wales") in names and ("GB", "England") in names
    assert ("MX", "Jalisco") in names
    assert ("UA", "Donetsk") not in names


# ------------------------------------------------------------------- airports.csv

def test_airports_columns_ids_kinds():
    rs = rows("airports.csv")
    assert list(rs[0]) == ["id", "name", "kind", "aliases", "country_codes", "wkt", "source",
                           "note"]
    ids = [r["id"] for r in rs]
    assert len(ids) == len(set(ids))
    assert 1000 < len(ids) <= 5000  # a selection, not every airstrip of the world
    for r in rs:
        assert r["kind"] in {"airport", "base"}, r["id"]
        assert r["source"] == "ourairports" and r["note"].startswith("OurAirports"), r["id"]
        assert r["id"].startswith("airport-") and r["name"].strip(), r["id"]
    assert (DATA / "airports.csv").stat().st_size < 1_000_000


#: Where this Natural Earth build draws an airport's land under another shape:
#: Western Sahara's west and Melilla in Morocco, Crimea in Russia, Åland and
#: Somaliland on their own, overseas departments in France, the Caribbean
#: Netherlands in the Netherlands; Gibraltar has no shape of its own.
STAND_INS = {"EH": ("MA",), "ES": ("MA",), "UA": ("RU",), "FI": ("AX",), "SO": ("XS",),
             "GF": ("FR",), "GP": ("FR",), "MQ": ("FR",), "RE": ("FR",), "YT": ("FR",),
             "BQ": ("NL",), "GI": ("ES",)}
#: Islands of one country off another's coast that the 1:50m shapes lack (Matsu).
OFFSHORE = {"airport-mfk", "airport-lzn"}


def test_airports_lie_in_or_near_their_country():
    """Each airport lies within about 30 km of its country's shape (or a stand-in's),
    or, on an island the 1:50m shapes lack, near no other country's land."""
    cs = geoms("countries.csv", "iso2")
    from shapely import STRtree

    codes = sorted(cs)
    tree = STRtree([cs[c] for c in codes])
    far = []
    for r in rows("airports.csv"):
        g = shapely_wkt.loads(r["wkt"])
        assert g.geom_type == "Point", r["id"]
        assert -180 <= g.x <= 180 and -90 <= g.y <= 90, r["id"]
        code = r["country_codes"]
        assert code and "|" not in code, r["id"]
        own = (code, *STAND_INS.get(code, ()))
        if any(c in cs and cs[c].distance(g) <= 0.3 for c in own):
            continue
        others = {codes[j] for j in tree.query(g.buffer(0.3), predicate="intersects")}
        if others - set(own) and r["id"] not in OFFSHORE:
            far.append((r["id"], code, sorted(others)))
    assert not far, far
    by_id = {r["id"]: shapely_wkt.loads(r["wkt"]) for r in rows("airports.csv")}
    assert inside(cs["GB"], (by_id["airport-lhr"].x, by_id["airport-lhr"].y))
    assert inside(cs["UA"], (by_id["airport-kbp"].x, by_id["airport-kbp"].y))


def test_airport_names_are_unique_and_leave_other_places_alone():
    """No alias names two airports, a curated place, a word, a given name or an actor."""
    from flashpoints.gazetteer import norm

    names = {norm(r["name"]) for r in rows("airports.csv")}  # two may share a name
    seen: dict[str, str] = {}
    for r in rows("airports.csv"):
        for a in filter(None, r["aliases"].split("|")):
            k = norm(a)
            assert seen.setdefault(k, r["id"]) == r["id"], (a, seen[k], r["id"])
            # ... except where a large airport takes a smaller one's name ("Naha Airport")
            assert k not in names or "large airport" in r["note"], (a, r["id"])
    for r in rows("airports.csv"):
        seen.setdefault(norm(r["name"]), r["id"])
    curated = {norm(a) for name in ("places.csv", "marine.csv", "admin1.csv", "admin2.csv",
                                    "districts.csv")
               for r in rows(name) for a in [r["name"], *r["aliases"].split("|")] if a}
    given = {r["name"].lower() for f in ("given_names.csv", "given_names_world.csv")
             for r in rows(f)}
    actors = {norm(a) for r in rows("actors.csv") for a in [r["name"], *r["aliases"].split("|")]
              if a}
    for k, pid in seen.items():
        assert k not in curated, (k, pid)
        assert k not in given, (k, pid)
        assert k not in actors or k == "jfk", (k, pid)
    for bad in ("denver", "london", "kent", "boryspil", "hostomel", "john f. kennedy",
                "indira gandhi", "chopin", "pearson", "moscow airport"):
        assert bad not in seen, bad
    for good in ("heathrow", "gatwick", "schiphol", "o'hare", "heathrow airport",
                 "boryspil airport", "hostomel airport", "denver airport", "jfk"):
        assert good in seen, good
