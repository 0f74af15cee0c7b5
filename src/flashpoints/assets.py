"""Everything the map page needs offline, read at build time.

- Leaflet's JS and CSS come from the ``xstatic-leaflet`` pip package; the few
  images its CSS refers to are inlined as ``data:`` URIs.
- Our own CSS and JS live in ``assets/`` at the project root
  (``flashpoints.css``, ``flashpoints.js``).
- The vector basemap (land, country outlines, country names) is derived from
  ``data/countries.csv`` (Natural Earth 1:50m): simplified, small islands
  dropped, coordinates rounded, so the page carries well under 1 MB of it.

Nothing here touches the network; everything is cached per process.
"""
from __future__ import annotations

import base64
import csv
import functools
import json
import logging
import math
import os
import re
from pathlib import Path
from typing import Any

from .errors import DataFileError, ExportError

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
ASSETS_DIR = Path(os.environ.get("FLASHPOINTS_ASSETS", ROOT / "assets"))
DATA_DIR = Path(os.environ.get("FLASHPOINTS_DATA", ROOT / "data"))

#: Basemap simplification: coverage tolerance (shared borders stay shared),
#: smallest island kept (square degrees; a country's largest part is always kept),
#: decimals kept (2 = about 1 km).
BASEMAP_TOLERANCE = 0.1
BASEMAP_MIN_AREA = 0.05
BASEMAP_DIGITS = 2

_CSV_FIELD_LIMIT = 1 << 24


def _leaflet_dir() -> Path:
    try:
        from xstatic.pkg import leaflet
    except ImportError as err:  # pragma: no cover - it is a dependency
        msg = "the map needs Leaflet from the pip package xstatic-leaflet: pip install xstatic-leaflet"
        raise ExportError(msg) from err
    return Path(leaflet.BASE_DIR)


def leaflet_version() -> str:
    from xstatic.pkg import leaflet

    return str(leaflet.VERSION)


@functools.lru_cache(maxsize=None)
def leaflet_js() -> str:
    """Leaflet's minified JS, as shipped by xstatic-leaflet."""
    return _safe_script((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def leaflet_css() -> str:
    """Leaflet's CSS with its ``url(images/...)`` replaced by ``data:`` URIs."""
    base = _leaflet_dir()
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(m: re.Match[str]) -> str:
        path = base / m.group(1)
        if not path.is_file():
            return "url()"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return _safe_style(re.sub(r"url\((images/[A-Za-z0-9_.-]+\.png)\)", inline, css))


def _read_asset(name: str) -> str:
    path = ASSETS_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        msg = f"map asset missing: {path} ({err.strerror or err})"
        raise ExportError(msg) from err


@functools.lru_cache(maxsize=None)
def own_js() -> str:
    """Our page code: shape markers, layers, legend, time slider and actor filter."""
    return _safe_script(_read_asset("flashpoints.js"))


@functools.lru_cache(maxsize=None)
def own_css() -> str:
    """Our page style: sea colour, labels, legend and filter panels."""
    return _safe_style(_read_asset("flashpoints.css"))


def head_html() -> str:
    """The ``<style>``/``<script>`` block the page carries in ``<head>``."""
    return (f"<style>{leaflet_css()}</style>\n<style>{own_css()}</style>\n"
            f"<script>{leaflet_js()}</script>\n<script>{own_js()}</script>\n")


def _safe_script(js: str) -> str:
    # an inline script ends at the first "</script"; none of ours or Leaflet's has one,
    # but make sure a later version cannot break the page
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _safe_style(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def json_for_script(value: Any) -> str:
    """JSON that is safe inside an inline ``<script>``.

    Every ``<`` is written as ``\\u003c``, so no text in the data can end the
    script (``</script``), open a comment (``<!--``) or even look like a tag in
    the page source; U+2028/U+2029 are escaped too (line breaks to older JS
    parsers). ``JSON.parse``/JS read the same strings back.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


# ------------------------------------------------------------------ basemap

def countries_path() -> Path:
    return DATA_DIR / "countries.csv"


def read_countries(path: str | Path | None = None) -> list[tuple[str, str, Any]]:
    """``(iso2, name, shapely geometry)`` of every row of countries.csv.

    Raises :class:`DataFileError` naming the file and line of a bad row.
    """
    from shapely import wkt
    from shapely.errors import ShapelyError

    p = Path(path) if path is not None else countries_path()
    try:
        fh = p.open(encoding="utf-8", newline="")
    except OSError as err:
        raise DataFileError(p, None, f"cannot read the basemap: {err.strerror or err}") from err
    out: list[tuple[str, str, Any]] = []
    old_limit = csv.field_size_limit()
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        with fh:
            reader = csv.DictReader(fh)
            missing = {"iso2", "name", "wkt"} - set(reader.fieldnames or ())
            if missing:
                raise DataFileError(p, 1, f"missing column(s) {', '.join(sorted(missing))}")
            for row in reader:
                line = reader.line_num
                try:
                    geom = wkt.loads(row["wkt"] or "")
                except (ShapelyError, ValueError) as err:
                    raise DataFileError(p, line, f"bad WKT: {err}", column="wkt") from err
                if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
                    raise DataFileError(p, line, f"expected a (Multi)Polygon, got "
                                        f"{geom.geom_type}", column="wkt")
                out.append((row["iso2"] or "", row["name"] or "", geom))
    except csv.Error as err:
        raise DataFileError(p, None, f"malformed CSV: {err}") from err
    finally:
        csv.field_size_limit(old_limit)
    return out


def _simplify(geoms: list[Any], tolerance: float) -> list[Any]:
    import shapely

    arr = list(geoms)
    try:
        out = list(shapely.coverage_simplify(arr, tolerance))
        if all(shapely.is_valid(out)):
            return out
    except (AttributeError, shapely.errors.ShapelyError):  # shapely < 2.1 / GEOS < 3.12
        pass
    return [g.simplify(tolerance / 2, preserve_topology=True) for g in arr]


def _round_ring(coords: Any, digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in coords:
        pt = [round(x, digits), round(y, digits)]
        if not out or pt != out[-1]:
            out.append(pt)
    return out


def _label_zoom(area: float) -> int:
    """The zoom from which a country's name is shown (bigger countries earlier)."""
    if area >= 300:
        return 2
    if area >= 40:
        return 3
    if area >= 6:
        return 4
    if area >= 0.8:
        return 5
    return 6


@functools.lru_cache(maxsize=4)
def _basemap_cached(path: str, mtime: float, tolerance: float, min_area: float,
                    digits: int) -> tuple[str, str]:
    from shapely.geometry import Polygon
    from shapely.ops import polylabel

    rows = read_countries(path)
    simple = _simplify([g for _, _, g in rows], tolerance)
    features: list[dict[str, Any]] = []
    labels: list[list[Any]] = []
    for (iso2, name, _), geom in zip(rows, simple):
        parts = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon)
                 and not p.is_empty]
        if not parts:
            continue
        parts.sort(key=lambda p: -p.area)
        kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= min_area]
        polys = []
        for p in kept:
            rings = [_round_ring(p.exterior.coords, digits)]
            rings += [_round_ring(r.coords, digits) for r in p.interiors
                      if Polygon(r).area >= min_area]
            if len(rings[0]) >= 4:
                polys.append([r for r in rings if len(r) >= 4])
        if not polys:
            continue
        geometry = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1 else
                    {"type": "MultiPolygon", "coordinates": polys})
        features.append({"type": "Feature", "properties": {"iso2": iso2, "name": name},
                         "geometry": geometry})
        big = parts[0]
        try:
            at = polylabel(big, tolerance=0.1)
        except Exception:  # noqa: BLE001 - a degenerate shape: fall back to any inner point
            at = big.representative_point()
        labels.append([name, round(at.y, 2), round(at.x, 2), _label_zoom(big.area)])
    fc = {"type": "FeatureCollection", "features": features}
    return json_for_script(fc), json_for_script(labels)


def basemap(path: str | Path | None = None, *, tolerance: float = BASEMAP_TOLERANCE,
            min_area: float = BASEMAP_MIN_AREA,
            digits: int = BASEMAP_DIGITS) -> tuple[str, str] | None:
    """The basemap as two script-safe JSON texts: a FeatureCollection of land
    (one feature per country, ``properties.name``) and the country labels
    ``[[name, lat, lon, min_zoom], ...]``.

    None when countries.csv is absent (the map then shows only the sea colour).
    """
    p = Path(path) if path is not None else countries_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        log.warning("no basemap: %s not found", p)
        return None
    return _basemap_cached(str(p), mtime, tolerance, min_area, digits)


def geometry_json(geom: Any, digits: int = 4) -> dict[str, Any] | None:
    """GeoJSON geometry of a shapely shape with coordinates rounded to ``digits``."""
    if geom is None or getattr(geom, "is_empty", True):
        return None
    from shapely.geometry import mapping

    def rnd(c: Any) -> Any:
        if isinstance(c, (int, float)):
            return round(float(c), digits) if math.isfinite(c) else None
        return [rnd(x) for x in c]

    m = mapping(geom)
    if m["type"] == "GeometryCollection":
        return {"type": "GeometryCollection",
                "geometries": [g for g in (geometry_json(p, digits) for p in geom.geoms) if g]}
    return {"type": m["type"], "coordinates": rnd(m["coordinates"])}
