"""GeoDataFrame-like tables: pandas DataFrames with a shapely ``geometry`` column.

The columns are written down here once. ``Extraction`` bundles the place, event
and unresolved-mention tables of one or more articles and knows how to write
them as GeoJSON (the record shapes of ``DESIGN.md``), ACLED-like CSV, or a
geopandas GeoDataFrame when geopandas is installed.
"""
from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from shapely.geometry import Point, mapping

from .errors import ExportError

PLACE_COLUMNS = [
    "id", "name", "kind", "lat", "lon", "mentions", "source", "source_id",
    "country_codes", "confidence", "geometry",
]
EVENT_COLUMNS = [
    "id", "actor", "actor2", "type", "quantity", "unit", "place_id", "place", "place_kind",
    "lat", "lon", "origin_id", "origin", "origin_lat", "origin_lon",
    "date_start", "date_end", "date_precision", "evidence", "evidence_start", "evidence_end",
    "confidence", "article_id", "source", "title", "geometry",
]
UNRESOLVED_COLUMNS = ["text", "start", "end", "reason", "candidates", "article_id"]

#: ACLED-like CSV columns and the event column each comes from.
ACLED_COLUMNS = {
    "event_id": "id",
    "event_date": "date_start",
    "event_date_end": "date_end",
    "time_precision": "date_precision",
    "actor1": "actor",
    "actor2": "actor2",
    "event_type": "type",
    "quantity": "quantity",
    "unit": "unit",
    "location": "place",
    "latitude": "lat",
    "longitude": "lon",
    "notes": "evidence",
    "source": "source",
    "confidence": "confidence",
}


def empty_places() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in PLACE_COLUMNS})


def empty_events() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_COLUMNS})


def empty_unresolved() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in UNRESOLVED_COLUMNS})


#: Each table's columns and its empty frame.
_TABLES = {"places": (PLACE_COLUMNS, empty_places), "events": (EVENT_COLUMNS, empty_events),
           "unresolved": (UNRESOLVED_COLUMNS, empty_unresolved)}


def frame(rows: Iterable[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """Build a table with exactly ``columns`` (missing keys become None)."""
    rows = list(rows)
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


def _clean(value: Any) -> Any:
    """JSON-safe scalar: NaN -> None, numpy scalars -> Python, tuples -> lists."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        try:
            return _clean(value.item())
        except (ValueError, AttributeError):
            pass
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _features(df: pd.DataFrame, record: str) -> list[dict[str, Any]]:
    feats = []
    props_cols = [c for c in df.columns if c != "geometry"]
    for row in df.itertuples(index=False):
        r = row._asdict()
        geom = r.get("geometry")
        if geom is None and r.get("lat") is not None and r.get("lon") is not None:
            lat, lon = _clean(r["lat"]), _clean(r["lon"])
            geom = Point(lon, lat) if lat is not None and lon is not None else None
        props = {"record": record}
        props.update({c: _clean(r[c]) for c in props_cols})
        feats.append({
            "type": "Feature",
            "geometry": mapping(geom) if geom is not None else None,
            "properties": props,
        })
    return feats


def feature_collection(places: pd.DataFrame | None = None,
                       events: pd.DataFrame | None = None) -> dict[str, Any]:
    """GeoJSON FeatureCollection of places then events (``properties.record``)."""
    feats: list[dict[str, Any]] = []
    if places is not None:
        feats += _features(places, "place")
    if events is not None:
        feats += _features(events, "event")
    return {"type": "FeatureCollection", "features": feats}


def acled_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Events as an ACLED-like table (event_date, time_precision, actor1, ...)."""
    out = pd.DataFrame({new: events[old] if old in events else None
                        for new, old in ACLED_COLUMNS.items()})
    return out


def geojson_text(fc: dict[str, Any], path: str | Path | None = None, *,
                 indent: int | None = None, per_line: bool = False) -> str:
    """A FeatureCollection as text; also written to ``path`` when given.

    ``per_line`` puts each feature on a line of its own: readable with line
    tools, and written by json's C encoder (``indent`` makes json fall back to
    Python code, about ten times slower on the coordinates of seas and borders).
    """
    if per_line:
        feats = ",\n".join(json.dumps(f, ensure_ascii=False) for f in fc["features"])
        text = f'{{"type": "FeatureCollection", "features": [\n{feats}\n]}}'
    else:
        text = json.dumps(fc, ensure_ascii=False, indent=indent)
    return _write_text(text, path)


class PlacesTable(pd.DataFrame):
    """The places of an article: a pandas DataFrame, one row per place with its
    shapely ``geometry`` (columns :data:`PLACE_COLUMNS`), that also carries the
    mentions it could not place (``unresolved``, columns :data:`UNRESOLVED_COLUMNS`)
    and writes itself as GeoJSON place records."""

    _metadata = ["unresolved"]

    @property
    def _constructor(self) -> type["PlacesTable"]:
        return PlacesTable

    @classmethod
    def of(cls, places: pd.DataFrame, unresolved: pd.DataFrame | None = None) -> "PlacesTable":
        table = cls(places)
        table.unresolved = unresolved if unresolved is not None else empty_unresolved()
        return table

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return feature_collection(pd.DataFrame(self))

    def to_geojson(self, path: str | Path | None = None, *, indent: int | None = None,
                   per_line: bool = False) -> str:
        """The place records as a GeoJSON FeatureCollection (see :func:`geojson_text`)."""
        return geojson_text(self.__geo_interface__, path, indent=indent, per_line=per_line)


def _write_text(text: str, path: str | Path | None) -> str:
    if path is not None:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as err:
            msg = f"cannot write {path}: {err.strerror or err}"
            raise ExportError(msg) from err
    return text


class Extraction:
    """Places, events and unresolved mentions of one or more articles.

    ``places``, ``events`` and ``unresolved`` are pandas DataFrames. An extraction
    made from rows (:meth:`from_rows`, as :func:`~flashpoints.pipeline.extract`
    makes them) builds each table on first use: building three small frames
    costs about as much as finding the events, and a caller that only stores the
    rows (:meth:`records`, ingest) never needs them.
    """

    def __init__(self, places: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                 unresolved: pd.DataFrame | None = None, articles: list[Any] | None = None):
        self._frames: dict[str, pd.DataFrame | None] = {
            "places": places, "events": events, "unresolved": unresolved}
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self.articles: list[Any] = list(articles) if articles is not None else []

    @classmethod
    def from_rows(cls, places: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]],
                  unresolved: Iterable[dict[str, Any]],
                  articles: list[Any] | None = None) -> "Extraction":
        """An extraction whose tables are built from these rows when first read."""
        x = cls(articles=articles)
        x._rows = {"places": list(places), "events": list(events),
                   "unresolved": list(unresolved)}
        return x

    def _table(self, which: str) -> pd.DataFrame:
        df = self._frames[which]
        if df is None:
            columns, empty = _TABLES[which]
            rows = self._rows.pop(which, None)
            df = self._frames[which] = frame(rows, columns) if rows else empty()
        return df

    def _set(self, which: str, df: pd.DataFrame) -> None:
        self._frames[which] = df
        self._rows.pop(which, None)

    places = property(lambda self: self._table("places"),
                      lambda self, df: self._set("places", df), doc="One row per place.")
    events = property(lambda self: self._table("events"),
                      lambda self, df: self._set("events", df), doc="One row per event.")
    unresolved = property(lambda self: self._table("unresolved"),
                          lambda self, df: self._set("unresolved", df),
                          doc="One row per mention that could not be placed.")

    def records(self, which: str) -> list[dict[str, Any]]:
        """The rows of table ``which`` ("places", "events" or "unresolved") as dicts
        with its columns, without building the table if it is not built yet."""
        if self._frames[which] is None and which in self._rows:
            columns = _TABLES[which][0]
            return [{c: r.get(c) for c in columns} for r in self._rows[which]]
        df = self._table(which)
        if not len(df):
            return []
        cols = [str(c) for c in df.columns]  # (column-wise: much faster than to_dict)
        return [dict(zip(cols, row)) for row in df.to_numpy(dtype=object).tolist()]

    def __repr__(self) -> str:
        n = {k: len(self._rows[k]) if self._frames[k] is None and k in self._rows
             else len(self._table(k)) for k in _TABLES}
        return (f"Extraction(places={n['places']}, events={n['events']}, "
                f"unresolved={n['unresolved']}, articles={len(self.articles)})")

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return feature_collection(self.places, self.events)

    def to_geojson(self, path: str | Path | None = None, *, indent: int | None = None,
                   per_line: bool = False) -> str:
        """The FeatureCollection as text; also written to ``path`` when given
        (see :func:`geojson_text` for ``indent`` and ``per_line``)."""
        return geojson_text(self.__geo_interface__, path, indent=indent, per_line=per_line)

    def to_json(self, path: str | Path | None = None) -> str:
        """Plain JSON: ``{"places": [...], "events": [...], "unresolved": [...]}``, one
        object per row with the columns of the tables (geometry as a GeoJSON
        geometry); also written to ``path`` when given."""
        def rows(df: pd.DataFrame, record: str) -> list[dict[str, Any]]:
            return [{**{k: v for k, v in f["properties"].items() if k != "record"},
                     "geometry": f["geometry"]} for f in _features(df, record)]

        doc = {"places": rows(self.places, "place"), "events": rows(self.events, "event"),
               "unresolved": [{c: _clean(v) for c, v in r.items()}
                              for r in self.unresolved.to_dict("records")]}
        return _write_text(json.dumps(doc, ensure_ascii=False, indent=1), path)

    def to_csv(self, path: str | Path | None = None) -> str:
        """Events as ACLED-like CSV; also written to ``path`` when given."""
        buf = io.StringIO()
        acled_frame(self.events).to_csv(buf, index=False)
        return _write_text(buf.getvalue(), path)

    def to_geopandas(self, which: str = "events") -> Any:
        """A geopandas GeoDataFrame (EPSG:4326) of ``events`` or ``places``."""
        try:
            import geopandas as gpd
        except ImportError as err:
            msg = "to_geopandas() needs geopandas: pip install 'flashpoints[geo]'"
            raise ExportError(msg) from err
        df = self.events if which == "events" else self.places
        return gpd.GeoDataFrame(df.copy(), geometry="geometry", crs="EPSG:4326")

    @classmethod
    def concat(cls, parts: Iterable["Extraction"]) -> "Extraction":
        """Merge extractions of several articles (places de-duplicated by id)."""
        parts = list(parts)
        if not parts:
            return cls()
        places = pd.concat([p.places for p in parts if len(p.places)] or [empty_places()],
                           ignore_index=True)
        if len(places):
            places = _merge_places(places)
        events = pd.concat([p.events for p in parts if len(p.events)] or [empty_events()],
                           ignore_index=True)
        unresolved = pd.concat([p.unresolved for p in parts if len(p.unresolved)]
                               or [empty_unresolved()], ignore_index=True)
        arts = [a for p in parts for a in p.articles]
        return cls(places=places, events=events, unresolved=unresolved, articles=arts)


def _merge_places(places: pd.DataFrame) -> pd.DataFrame:
    """One row per place id; mentions of several articles are concatenated."""
    rows: dict[str, dict[str, Any]] = {}
    for r in places.to_dict("records"):
        if r["id"] in rows:
            prev = rows[r["id"]]
            prev["mentions"] = list(prev["mentions"] or []) + list(r["mentions"] or [])
            prev["confidence"] = max(prev["confidence"] or 0, r["confidence"] or 0)
        else:
            rows[r["id"]] = dict(r)
    return frame(rows.values(), PLACE_COLUMNS)


def filter_events(events: pd.DataFrame, *, since: Any = None, until: Any = None,
                  actors: Iterable[str] | None = None, types: Iterable[str] | None = None,
                  include_undated: bool = True) -> pd.DataFrame:
    """Events whose date range meets ``since..until`` (ISO dates), by actor and type.

    An event is kept when its range overlaps the window. Events with precision
    ``unknown`` are kept only when ``include_undated``.
    """
    if events is None or not len(events):
        return events if events is not None else empty_events()
    keep = pd.Series(True, index=events.index)
    if since is not None:
        keep &= events["date_end"].astype(str) >= str(since)[:10]
    if until is not None:
        keep &= events["date_start"].astype(str) <= str(until)[:10]
    if not include_undated:
        keep &= events["date_precision"] != "unknown"
    if actors is not None:
        keep &= events["actor"].isin(list(actors))
    if types is not None:
        keep &= events["type"].isin(list(types))
    return events[keep]
