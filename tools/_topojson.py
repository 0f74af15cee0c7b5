"""Minimal TopoJSON decoder (our own code) for the data-building tools.

TopoJSON stores every boundary once as an *arc*; polygons list the arcs of
their rings by index, a negative index ``~i`` (``-i - 1``) meaning arc ``i``
walked backwards. In a quantized topology the arcs are delta-encoded integer
positions and ``transform`` maps them back to lon/lat.

Simplifying the arcs *before* the rings are assembled keeps the border
between two neighbours identical in both shapes, so that
``a.boundary.intersection(b.boundary)`` is still the whole shared border.
"""
from __future__ import annotations

from typing import Any, Iterable

import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

Coord = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Coord]]:
    """Absolute lon/lat coordinates of every arc of ``topology``."""
    transform = topology.get("transform")
    arcs: list[list[Coord]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts: list[Coord] = []
            for pos in arc:
                x += pos[0]
                y += pos[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def simplify_arc(pts: list[Coord], tolerance: float, ndigits: int | None) -> list[Coord]:
    """Douglas-Peucker on one arc; the end points are always kept."""
    if tolerance > 0 and len(pts) > 2:
        if pts[0] == pts[-1]:
            # a closed arc (an island): split it in two halves so both ends stay fixed
            mid = len(pts) // 2
            a = list(LineString(pts[: mid + 1]).simplify(tolerance, preserve_topology=False).coords)
            b = list(LineString(pts[mid:]).simplify(tolerance, preserve_topology=False).coords)
            pts = a + b[1:]
        else:
            pts = list(LineString(pts).simplify(tolerance, preserve_topology=False).coords)
    if ndigits is not None:
        out: list[Coord] = []
        for x, y in pts:
            p = (round(x, ndigits), round(y, ndigits))
            if not out or out[-1] != p:
                out.append(p)
        if len(out) == 1:
            out.append(out[0])
        pts = out
    return pts


def _ring(indices: Iterable[int], arcs: list[list[Coord]]) -> list[Coord]:
    ring: list[Coord] = []
    for i in indices:
        seg = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        if ring and seg and ring[-1] == seg[0]:
            seg = seg[1:]
        ring.extend(seg)
    return ring


def _polygon(rings_idx: list[list[int]], arcs: list[list[Coord]],
             raw_arcs: list[list[Coord]]) -> Polygon | None:
    rings = []
    for k, idx in enumerate(rings_idx):
        ring = _ring(idx, arcs)
        if len(set(ring)) < 3:  # collapsed by simplification: fall back to raw arcs
            ring = _ring(idx, raw_arcs)
        if len(set(ring)) < 3:
            if k == 0:
                return None
            continue
        rings.append(ring)
    if not rings:
        return None
    rings = [_unwrap(r) for r in rings]
    poly = Polygon(rings[0], rings[1:])
    minx, _, maxx, _ = poly.bounds
    if minx < -180 or maxx > 180:
        poly = _split_antimeridian(poly)
    return poly


def _unwrap(ring: list[Coord]) -> list[Coord]:
    """Undo jumps of ~360 degrees in longitude (a ring crossing the antimeridian).

    World-atlas merges the pieces Natural Earth cuts at 180 degrees, so a ring
    of Russia or Fiji walks from 179.9 to -180. Rings around a pole do not
    close once unwrapped and are left alone.
    """
    out = [ring[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in zip(ring, ring[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    if shift != 0 or out == ring:
        return ring
    return out


def _split_antimeridian(poly: Polygon) -> BaseGeometry:
    parts = []
    for offset in (-360.0, 0.0, 360.0):
        window = shapely.box(-180 - offset, -90, 180 - offset, 90)
        piece = shapely.make_valid(poly).intersection(window)
        if not piece.is_empty:
            parts.append(shapely.transform(piece, lambda c: c + [offset, 0]))
    return polygonal(shapely.union_all(parts))


def geometry(obj: dict[str, Any], arcs: list[list[Coord]],
             raw_arcs: list[list[Coord]] | None = None) -> BaseGeometry | None:
    """Shapely geometry of one TopoJSON Polygon/MultiPolygon object."""
    raw_arcs = raw_arcs if raw_arcs is not None else arcs
    kind = obj.get("type")
    if kind == "Polygon":
        polys = [_polygon(obj["arcs"], arcs, raw_arcs)]
    elif kind == "MultiPolygon":
        polys = [_polygon(p, arcs, raw_arcs) for p in obj["arcs"]]
    else:
        return None
    flat: list[Polygon] = []
    for p in polys:
        if p is not None:
            flat.extend(getattr(p, "geoms", [p]))
    if not flat:
        return None
    return MultiPolygon(flat) if len(flat) > 1 else flat[0]


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """``make_valid`` and keep only the polygonal parts."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", [geom])
             if g.geom_type in ("Polygon", "MultiPolygon")]
    flat: list[Polygon] = []
    for g in parts:
        flat.extend(getattr(g, "geoms", [g]))
    if not flat:
        return Polygon()
    return MultiPolygon(flat) if len(flat) > 1 else flat[0]
