#!/usr/bin/env python3
"""Rebuild data/places.csv from data/sources/curated.csv and data/countries.csv.

    .venv/bin/python tools/build_places.py

Every row of the source holds a hand-written WKT (a rough hull, a route through
known waypoints or a point, from general geographic knowledge) and an ``op``
column saying how the final shape is derived from it, so that the polygons
follow the real coastlines and borders of ``data/countries.csv``:

* ``water``            hull minus the land union, largest piece kept (seas, gulfs, straits)
* ``land``             hull intersected with the land union
* ``country:UA+RU``    hull intersected with those countries' shapes
* ``minus:<id>``       minus a place derived earlier in the file
* ``union:<id>+<id>``  union of places derived earlier (the WKT cell stays empty)
* ``countries:EE+LV``  union of those countries' shapes (the WKT cell stays empty)
* ``border:PL+LT``     the shared boundary of two countries (the WKT cell stays empty)
* ``buffer:<deg>``     buffer by that many degrees
* ``largest``          keep only the largest polygon
* empty                the WKT as written (points, lines)

Steps are separated by ``;`` and run left to right. Polygons are then simplified
(``--tolerance``), rounded (``--digits``) and checked for validity.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import shapely
from shapely import wkt as shapely_wkt
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import _topojson  # noqa: E402

SOURCE = ROOT / "data" / "sources" / "curated.csv"
COUNTRIES = ROOT / "data" / "countries.csv"
OUT = ROOT / "data" / "places.csv"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note"]
KINDS = {"region", "admin1", "sea", "gulf", "strait", "lake", "river", "pipeline", "base",
         "port", "training_ground", "island", "peninsula", "mountains", "bridge", "other"}
MAX_WKT = 120_000  # stay under the csv module's default field limit (131072)


class BuildError(Exception):
    pass


def _largest(geom: BaseGeometry) -> BaseGeometry:
    parts = list(getattr(geom, "geoms", [geom]))
    parts = [p for p in parts if p.geom_type == "Polygon"]
    if not parts:
        return Polygon()
    return max(parts, key=lambda p: p.area)


def _codes(spec: str) -> list[str]:
    return [c for c in spec.replace("|", "+").split("+") if c]


def derive(row: dict[str, str], countries: dict[str, BaseGeometry], land: BaseGeometry,
           done: dict[str, BaseGeometry]) -> BaseGeometry:
    text = (row.get("wkt") or "").strip()
    geom = shapely_wkt.loads(text) if text else None
    for step in [s.strip() for s in (row.get("op") or "").split(";") if s.strip()]:
        name, _, arg = step.partition(":")
        if name == "union":
            missing = [i for i in _codes(arg) if i not in done]
            if missing:
                raise BuildError(f"union of unknown place(s) {missing} (define them first)")
            geom = shapely.union_all([done[i] for i in _codes(arg)])
            continue
        if name == "countries":
            unknown = [c for c in _codes(arg) if c not in countries]
            if unknown:
                raise BuildError(f"unknown country code(s) {unknown}")
            geom = _topojson.polygonal(shapely.union_all([countries[c] for c in _codes(arg)]))
            continue
        if name == "border":
            a, b = _codes(arg)
            geom = shapely.line_merge(countries[a].boundary.intersection(countries[b].boundary))
            continue
        if geom is None:
            raise BuildError(f"step {step!r} needs a WKT")
        if name == "water":
            geom = _largest(_topojson.polygonal(geom.difference(land)))
        elif name == "land":
            geom = _topojson.polygonal(geom.intersection(land))
        elif name == "country":
            unknown = [c for c in _codes(arg) if c not in countries]
            if unknown:
                raise BuildError(f"unknown country code(s) {unknown}")
            shape = shapely.union_all([countries[c] for c in _codes(arg)])
            geom = _topojson.polygonal(geom.intersection(shape))
        elif name == "minus":
            if arg not in done:
                raise BuildError(f"minus unknown place {arg!r} (define it first)")
            geom = _topojson.polygonal(geom.difference(done[arg]))
        elif name == "buffer":
            geom = geom.buffer(float(arg))
        elif name == "largest":
            geom = _largest(geom)
        else:
            raise BuildError(f"unknown op {step!r}")
    if geom is None or geom.is_empty:
        raise BuildError("empty geometry")
    return geom


def finish(geom: BaseGeometry, tolerance: float, digits: int) -> BaseGeometry:
    grid = 10 ** -digits
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = geom.simplify(tolerance, preserve_topology=True)
        geom = _topojson.polygonal(shapely.set_precision(_topojson.polygonal(geom), grid))
        # drop crumbs left by the clipping (below ~1 km2)
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.area > 1e-4]
        geom = MultiPolygon(parts) if len(parts) > 1 else parts[0]
    else:
        geom = shapely.set_precision(geom, grid)
    return geom


def auto_codes(geom: BaseGeometry, countries: dict[str, BaseGeometry],
               tree: shapely.STRtree, ids: list[str], water: bool) -> list[str]:
    """Countries a place lies in (or, for water, borders on)."""
    probe = geom.buffer(0.05) if water or geom.geom_type == "Point" else geom
    out = []
    for j in tree.query(probe, predicate="intersects"):
        c = ids[j]
        if water or geom.geom_type != "Polygon" and geom.geom_type != "MultiPolygon":
            out.append(c)
        elif countries[c].intersection(geom).area > 0.01 * geom.area:
            out.append(c)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--countries", type=Path, default=COUNTRIES)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.01)
    ap.add_argument("--digits", type=int, default=3)
    args = ap.parse_args(argv)

    with args.countries.open(newline="", encoding="utf-8") as fh:
        countries = {r["iso2"]: shapely_wkt.loads(r["wkt"]) for r in csv.DictReader(fh)}
    land = shapely.union_all(list(countries.values()))
    shapely.prepare(land)
    ids = list(countries)
    tree = shapely.STRtree([countries[i] for i in ids])

    done: dict[str, BaseGeometry] = {}
    out_rows = []
    errors = 0
    with args.source.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            pid = row["id"].strip()
            where = f"{args.source}:{reader.line_num} ({pid})"
            try:
                if pid in done:
                    raise BuildError("duplicate id")
                if row["kind"] not in KINDS:
                    raise BuildError(f"unknown kind {row['kind']!r}")
                raw = derive(row, countries, land, done)
                done[pid] = raw
                geom = finish(raw, args.tolerance, args.digits)
                if not geom.is_valid or geom.is_empty:
                    raise BuildError("invalid or empty geometry after rounding")
            except (BuildError, ValueError, shapely.errors.ShapelyError) as err:
                print(f"error: {where}: {err}", file=sys.stderr)
                errors += 1
                continue
            codes = _codes(row.get("country_codes") or "")
            unknown = [c for c in codes if c not in countries]
            if unknown:
                print(f"warning: {where}: country codes not in countries.csv: {unknown}",
                      file=sys.stderr)
            if not codes:
                codes = auto_codes(geom, countries, tree, ids, "water" in (row.get("op") or ""))
            text = shapely.to_wkt(geom, rounding_precision=args.digits, trim=True)
            if len(text) > MAX_WKT:
                print(f"error: {where}: WKT has {len(text)} characters (> {MAX_WKT})",
                      file=sys.stderr)
                errors += 1
                continue
            note = row.get("note", "").strip()
            if row.get("op"):
                note = f"{note} [op: {row['op']}]"
            out_rows.append({
                "id": pid, "name": row["name"].strip(), "kind": row["kind"].strip(),
                "aliases": "|".join(a.strip() for a in row.get("aliases", "").split("|")
                                    if a.strip()),
                "country_codes": "|".join(codes), "wkt": text, "source": "curated",
                "note": note,
            })
    if errors:
        print(f"{errors} error(s); {args.out} not written", file=sys.stderr)
        return 1
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(out_rows)
    print(f"wrote {args.out} ({len(out_rows)} rows, {args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
