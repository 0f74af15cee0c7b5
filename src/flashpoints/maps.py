"""The layered folium map: offline basemap, flashpoint shapes, places, events.

``build_map`` turns an :class:`~flashpoints.table.Extraction` (or a
``(places, events)`` pair of tables) into a :class:`folium.Map` whose page needs
no network: folium's CDN links are dropped, Leaflet and our own JS/CSS are
inlined from :mod:`flashpoints.assets`, and the basemap is our own simplified
Natural Earth outline.

Every layer is *one* Leaflet layer fed with one GeoJSON FeatureCollection (never
one folium object per marker); our page code (``assets/flashpoints.js``) turns
the features into shape markers, arrows and labels, and re-filters them for the
time slider and the actor checkboxes. Above :data:`AGGREGATE_ABOVE` events the
map draws one marker per (place, day, actor, type) with a count instead.

Article text reaches the page only through :func:`html.escape` (popups) or
``textContent`` (labels, tooltips, legend).
"""
from __future__ import annotations

import colorsys
import hashlib
import html
import math
import re
from typing import Any, Iterable, Mapping, Sequence

import folium
import pandas as pd
from branca.element import Element, Figure
from folium.map import Layer

from . import assets
from .errors import InputError
from .table import Extraction, empty_events, empty_places, filter_events

# ------------------------------------------------------------------ vocabulary

#: Map layers, in drawing order; ``build_map(layers=...)`` takes these keys.
LAYERS = (
    "flashpoints", "places", "deployment", "exercise", "naval", "fortification",
    "border_control", "casualties", "statements", "conflict",
)
LAYER_TITLES = {
    "flashpoints": "Flashpoints",
    "places": "Places",
    "deployment": "Deployments",
    "exercise": "Exercises",
    "naval": "Naval activity",
    "fortification": "Fortifications",
    "border_control": "Border control",
    "casualties": "Casualties",
    "statements": "Statements, diplomacy, threats",
    "conflict": "Sanctions, annexations, clashes",
    "other": "Other events",
}
#: Event type -> layer.
TYPE_GROUPS = {
    "deployment": "deployment", "exercise": "exercise", "naval": "naval",
    "fortification": "fortification", "border_control": "border_control",
    "casualties": "casualties", "statement": "statements", "diplomacy": "statements",
    "threat": "statements", "sanction": "conflict", "annexation": "conflict",
    "clash": "conflict",
}
#: Layer -> marker shape drawn by ``FP.ShapeMarker`` (and in the legend).
GROUP_SHAPES = {
    "deployment": "circle", "exercise": "diamond", "naval": "triangle",
    "fortification": "square", "border_control": "bar", "casualties": "cross",
    "statements": "ring", "conflict": "star", "other": "circle",
}
EVENT_LAYERS = tuple(k for k in LAYERS if k not in ("flashpoints", "places"))

#: Place kinds drawn with their real shape in the "Flashpoints" layer (when the
#: shape is a line or an area); everything else is a point in "Places".
FLASHPOINT_KINDS = frozenset({
    "border", "sea", "gulf", "strait", "lake", "river", "pipeline", "region", "admin1",
    "admin2", "peninsula", "island", "mountains", "bridge", "training_ground", "other",
})
_WATER = frozenset({"sea", "gulf", "strait", "lake"})
_LINES = frozenset({"border", "river", "pipeline", "bridge"})

#: Flashpoint styles (Leaflet path options) by kind family.
SHAPE_STYLES: dict[str, dict[str, Any]] = {
    "border": {"color": "#c2410c", "weight": 4, "opacity": 0.95, "lineCap": "round"},
    "pipeline": {"color": "#3f3f46", "weight": 3, "opacity": 0.9, "dashArray": "2 6",
                 "lineCap": "round"},
    "river": {"color": "#2b6cb0", "weight": 3, "opacity": 0.8},
    "water": {"color": "#1d6fa5", "weight": 1.5, "opacity": 0.9, "fill": True,
              "fillColor": "#2b8cbe", "fillOpacity": 0.22},
    "area": {"color": "#c2410c", "weight": 2, "opacity": 0.9, "dashArray": "6 4",
             "fill": True, "fillColor": "#f59e0b", "fillOpacity": 0.18},
}
_STYLE_TITLES = {"border": "Border", "pipeline": "Pipeline", "river": "River",
                 "water": "Sea, gulf, strait", "area": "Region"}

#: Colours of common actors; any other actor gets a colour hashed from its name.
ACTOR_COLORS = {
    "russia": "#d7191c",
    "belarus": "#8c510a",
    "ukraine": "#1f5fbf",
    "united states": "#6a3d9a",
    "united kingdom": "#e7298a",
    "nato": "#01665e",
    "poland": "#4d9221",
    "germany": "#262626",
    "france": "#17a2b8",
    "european union": "#b8860b",
    "china": "#f46d43",
    "lithuania": "#7fbc41",
    "turkey": "#993404",
}
_ACTOR_ALIASES = {"us": "united states", "usa": "united states", "u.s.": "united states",
                  "uk": "united kingdom", "britain": "united kingdom", "eu": "european union"}
UNKNOWN_ACTOR_COLOR = "#737373"
UNKNOWN_ACTOR = "Unknown actor"

#: Above this many events (after filtering) markers are aggregated.
AGGREGATE_ABOVE = 20_000
#: Aggregation coarsens day -> week -> month -> year until at most this many markers.
MAX_MARKERS = 20_000
#: Above this many drawn features the page draws events on a canvas, not as SVG.
CANVAS_ABOVE = 2_500
#: Evidence longer than this is cut in popups; aggregated markers show one
#: example sentence cut shorter.
EVIDENCE_CHARS = 600
EXAMPLE_CHARS = 100

_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


def actor_color(actor: Any) -> str:
    """The colour of an actor: the fixed palette, else a hue hashed from the name."""
    name = _text(actor)
    if not name:
        return UNKNOWN_ACTOR_COLOR
    key = name.casefold()
    key = _ACTOR_ALIASES.get(key, key)
    if key in ACTOR_COLORS:
        return ACTOR_COLORS[key]
    h = int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:4], "big")
    r, g, b = colorsys.hls_to_rgb((h % 360) / 360.0, 0.42 + (h >> 9) % 10 / 100.0,
                                  0.55 + (h >> 13) % 25 / 100.0)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def type_group(event_type: Any) -> str:
    """The layer an event type is drawn in (``other`` for an unknown type)."""
    return TYPE_GROUPS.get(_text(event_type), "other")


def shape_style(kind: Any, geom_type: str = "") -> dict[str, Any]:
    """Leaflet path options for a flashpoint of ``kind`` drawn as ``geom_type``."""
    return dict(SHAPE_STYLES[_style_key(kind, geom_type)])


def _style_key(kind: Any, geom_type: str = "") -> str:
    k = _text(kind)
    if k in _WATER:
        return "water"
    if k in ("river", "pipeline"):
        return k
    if k in _LINES or "LineString" in geom_type:
        return "border"
    return "area"


# ------------------------------------------------------------------ small helpers

def _text(value: Any) -> str:
    """A clean string; None/NaN -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value).strip()


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _quantity(q: Any, unit: Any) -> str:
    f = _num(q)
    if f is None or f == 0:
        return ""
    n = f"{int(f):,}" if f == int(f) else f"{f:g}"
    u = _text(unit)
    return f"{n} {u}".strip()


def _source_link(source: Any, title: Any) -> str:
    src = _text(source)
    if not _URL.fullmatch(src):
        return ""
    label = _text(title) or "source"
    if len(label) > 80:
        label = label[:79] + "…"
    return (f'<div class="fp-pop-src"><a href="{html.escape(src, quote=True)}" '
            f'target="_blank" rel="noopener noreferrer">{html.escape(label)}</a></div>')


def _tables(data: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    if isinstance(data, Extraction):
        places, events = data.places, data.events
    elif isinstance(data, (tuple, list)) and len(data) == 2:
        places, events = data
    else:
        msg = ("build_map() needs an Extraction or a (places, events) pair of tables, "
               f"not {type(data).__name__}")
        raise InputError(msg)
    if places is None:
        places = empty_places()
    if events is None:
        events = empty_events()
    return places, events


def normalise_layers(layers: Iterable[str] | None) -> tuple[str, ...]:
    """Layer keys from keys or titles (any case); all layers (and "other") for None."""
    if layers is None:
        return LAYERS + ("other",)
    if isinstance(layers, str):
        layers = [layers]
    by_name = {k: k for k in LAYER_TITLES}
    by_name.update({v.casefold(): k for k, v in LAYER_TITLES.items()})
    out: list[str] = []
    for name in layers:
        key = by_name.get(str(name).strip().casefold()) or by_name.get(str(name).strip())
        if key is None:
            msg = f"unknown map layer {name!r}: choose from {', '.join(LAYERS)}"
            raise InputError(msg)
        if key not in out:
            out.append(key)
    return tuple(out)


def _is_flashpoint(kind: Any, geom: Any) -> bool:
    if geom is None or getattr(geom, "is_empty", True):
        return False
    if geom.geom_type in ("Point", "MultiPoint"):
        return False
    return _text(kind) in FLASHPOINT_KINDS


# ------------------------------------------------------------------ what is shown

def shown_tables(data: Any, *, since: Any = None, until: Any = None,
                 actors: Iterable[str] | None = None, types: Iterable[str] | None = None,
                 layers: Iterable[str] | None = None,
                 include_undated: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The places and events the map of ``data`` shows with these filters.

    Events: :func:`~flashpoints.table.filter_events`, then only those of the
    chosen layers. Places: those of the events the filters keep and those no
    event refers to (flashpoints named as context), minus a place layer that is
    switched off.
    """
    places, events = _tables(data)
    keys = normalise_layers(layers)
    filtered = filter_events(events, since=since, until=until,
                             actors=list(actors) if actors is not None else None,
                             types=list(types) if types is not None else None,
                             include_undated=include_undated)
    shown = filtered
    if len(shown):
        groups = shown["type"].map(type_group)
        shown = shown[groups.isin(keys)]
    if len(places):
        if len(events):
            # switching an event layer off does not hide the places of its events
            refs_all = _refs(events)
            refs = _refs(filtered) if len(filtered) else set()
            ids = places["id"].astype(str)
            places = places[ids.isin(refs) | ~ids.isin(refs_all)]
        if len(places):
            flash = [_is_flashpoint(k, g) for k, g in zip(places["kind"], places["geometry"])]
            keep = [("flashpoints" in keys) if f else ("places" in keys) for f in flash]
            places = places[keep]
    return places, shown


def _refs(events: pd.DataFrame) -> set[str]:
    ids = set(events["place_id"].dropna().astype(str)) if "place_id" in events else set()
    if "origin_id" in events:
        ids |= set(events["origin_id"].dropna().astype(str))
    return ids


# ------------------------------------------------------------------ features

def _place_popup(name: str, kind: str, ccs: Any, n_mentions: int, source: str) -> str:
    meta = [html.escape(kind.replace("_", " ") or "place")]
    if ccs:
        meta.append(html.escape(" / ".join(str(c) for c in ccs)))
    if n_mentions:
        meta.append(f"{n_mentions} mention{'s' if n_mentions != 1 else ''}")
    if source:
        meta.append("source: " + html.escape(source))
    return (f'<div class="fp-pop"><div class="fp-pop-title">{html.escape(name)}</div>'
            f'<div class="fp-pop-meta">{" · ".join(meta)}</div></div>')


def place_features(places: pd.DataFrame) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two FeatureCollections: flashpoint shapes and point places, ready for the page."""
    shapes: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    if places is None or not len(places):
        return _fc(shapes), _fc(points)
    cols = {c: places[c].tolist() if c in places else [None] * len(places)
            for c in ("id", "name", "kind", "lat", "lon", "geometry", "country_codes",
                      "mentions", "source")}
    for i in range(len(places)):
        geom, kind = cols["geometry"][i], _text(cols["kind"][i])
        name = _text(cols["name"][i]) or _text(cols["id"][i])
        mentions = cols["mentions"][i]
        n_mentions = len(mentions) if isinstance(mentions, (list, tuple)) else 0
        ccs = cols["country_codes"][i]
        ccs = list(ccs) if isinstance(ccs, (list, tuple)) else ([ccs] if _text(ccs) else [])
        popup = _place_popup(name, kind, ccs, n_mentions, _text(cols["source"][i]))
        lat, lon = _num(cols["lat"][i]), _num(cols["lon"][i])
        if _is_flashpoint(kind, geom):
            gj = assets.geometry_json(geom)
            if gj is None:
                continue
            if lat is None or lon is None:
                rp = geom.representative_point()
                lat, lon = rp.y, rp.x
            shapes.append({"type": "Feature", "geometry": gj, "properties": {
                "id": _text(cols["id"][i]), "name": name, "kind": kind,
                "lat": round(lat, 4), "lon": round(lon, 4),
                "style": shape_style(kind, geom.geom_type), "popup": popup}})
        else:
            if lat is None or lon is None:
                if geom is None or getattr(geom, "is_empty", True):
                    continue
                rp = geom.representative_point()
                lat, lon = rp.y, rp.x
            points.append({"type": "Feature",
                           "geometry": {"type": "Point",
                                        "coordinates": [round(lon, 4), round(lat, 4)]},
                           "properties": {"id": _text(cols["id"][i]), "name": name,
                                          "kind": kind, "popup": popup}})
    # areas first so that lines are drawn on top of them
    shapes.sort(key=lambda f: 0 if "Polygon" in f["geometry"]["type"] else 1)
    return _fc(shapes), _fc(points)


def _fc(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _event_coords(events: pd.DataFrame) -> pd.DataFrame:
    """``lat``/``lon`` of each event, from the row or its geometry's inner point."""
    lat = pd.to_numeric(events["lat"], errors="coerce") if "lat" in events else None
    lon = pd.to_numeric(events["lon"], errors="coerce") if "lon" in events else None
    if lat is None or lon is None:
        lat = pd.Series(float("nan"), index=events.index)
        lon = pd.Series(float("nan"), index=events.index)
    missing = lat.isna() | lon.isna()
    if missing.any() and "geometry" in events:
        for idx in events.index[missing]:
            g = events.at[idx, "geometry"]
            if g is not None and not getattr(g, "is_empty", True):
                p = g.representative_point()
                lat.at[idx], lon.at[idx] = p.y, p.x
    return pd.DataFrame({"lat": lat, "lon": lon}, index=events.index)


def aggregate_events(events: pd.DataFrame, *, max_markers: int = MAX_MARKERS) -> tuple[
        pd.DataFrame, str]:
    """One row per (place, period, actor, type, origin, precision) with a count ``n``.

    The period is the day; when that still gives more than ``max_markers`` rows
    it becomes the ISO week, then the month, then the year. Returns the table
    and the period used.
    """
    ev = events.copy()
    xy = _event_coords(ev)
    ev["lat"], ev["lon"] = xy["lat"], xy["lon"]
    ev = ev[ev["lat"].notna() & ev["lon"].notna()]
    start = pd.to_datetime(ev["date_start"].astype(str).str[:10], errors="coerce")
    where = ev["place_id"].fillna("").astype(str) if "place_id" in ev else ""
    key_place = where.where(where != "", ev["lat"].round(3).astype(str) + ","
                            + ev["lon"].round(3).astype(str))
    base = pd.DataFrame({
        "place_key": key_place,
        "actor": ev["actor"].fillna("").astype(str),
        "type": ev["type"].fillna("").astype(str),
        "origin_key": (ev["origin_lat"].round(3).astype(str) + ","
                       + ev["origin_lon"].round(3).astype(str))
        if "origin_lat" in ev else "",
        "precision": ev["date_precision"].fillna("unknown").astype(str)
        if "date_precision" in ev else "day",
    }, index=ev.index)
    if not len(ev):
        return ev.assign(n=pd.Series(dtype="int64")).reset_index(drop=True), "day"
    chosen = "year"
    out = None
    for period, fmt in (("day", None), ("week", "W-SUN"), ("month", "M"), ("year", "Y")):
        if fmt is None:
            bucket = start.dt.strftime("%Y-%m-%d")
        else:
            bucket = start.dt.to_period(fmt).dt.start_time.dt.strftime("%Y-%m-%d")
        keys = base.assign(bucket=bucket.fillna("undated"))
        sizes = keys.groupby(["place_key", "bucket", "actor", "type", "origin_key",
                              "precision"], sort=False, dropna=False).ngroup()
        if sizes.max() + 1 <= max_markers or period == "year":
            out, chosen = sizes, period
            break
    assert out is not None
    ev = ev.assign(_g=out.values)
    ev["date_start"] = ev["date_start"].astype(str)
    ev["date_end"] = ev["date_end"].astype(str)
    agg = ev.groupby("_g", sort=True).agg(
        n=("_g", "size"),
        first=("date_start", "min"),
        last=("date_end", "max"),
    )
    firsts = ev.drop_duplicates("_g", keep="first").set_index("_g").sort_index()
    rows = firsts.assign(n=agg["n"], date_start=agg["first"], date_end=agg["last"])
    if "quantity" in rows:
        g = ev["_g"]
        q = pd.to_numeric(ev["quantity"], errors="coerce").groupby(g).sum(min_count=1)
        one_unit = ev["unit"].fillna("").groupby(g).nunique() <= 1 if "unit" in ev else True
        rows["quantity_sum"] = q.where(one_unit)
    # a marker is as precise as the coarser of its events' precision and the period
    rank = {p: i for i, p in enumerate(("day", "week", "month", "year", "unknown"))}
    precs = rows["date_precision"] if "date_precision" in rows else [chosen] * len(rows)
    rows["date_precision"] = [
        p if n == 1 else max(str(p), chosen, key=lambda x: rank.get(x, 4))
        for p, n in zip(precs, rows["n"])]
    return rows.reset_index(drop=True), chosen


def _event_popup(*, qty: str, place: str, origin: str, evidence: str, source: Any,
                 title: Any, n: int = 1) -> str:
    """The body of an event's popup: every article-derived string through html.escape.

    The page writes the title line (actor, type) and the dates (from
    ``date_start``/``date_end``/``date_precision``) in front of it, as text.
    """
    meta = []
    if n > 1:
        meta.append(f"{n:,} events")
    if qty:
        meta.append(html.escape(qty))
    if place:
        meta.append(html.escape(place))
    if origin:
        meta.append("from " + html.escape(origin))
    parts = [" · ".join(meta)] if meta else []
    if evidence:
        limit = EXAMPLE_CHARS if n > 1 else EVIDENCE_CHARS
        if len(evidence) > limit:
            evidence = evidence[:limit - 1] + "…"
        parts.append(f"<q>{'e.g. ' if n > 1 else ''}{html.escape(evidence)}</q>")
    parts.append(_source_link(source, title))
    return "".join(parts)


def event_features(events: pd.DataFrame, *, aggregate: bool | None = None) -> dict[str, Any]:
    """Event markers (and deployment arrows) as one FeatureCollection per layer.

    Feature properties: ``actor``, ``type``, ``date_start``, ``date_end``,
    ``popup`` (escaped HTML), and when they apply ``date_precision`` (when not
    ``day``), ``n`` (aggregated count), ``r`` (radius), ``undated``, ``arrow``.
    The page nudges markers that share a spot by a few pixels.
    Returns ``{"layers": {group: FeatureCollection}, "actors": {actor: count},
    "groups": {group: count}, "dates": [...], "undated": int, "unplaced": int,
    "total": int, "aggregated": period or "", "arrows": bool, "features": int}``.
    """
    info: dict[str, Any] = {"layers": {}, "actors": {}, "groups": {}, "dates": [],
                            "undated": 0, "unplaced": 0, "total": 0, "aggregated": "",
                            "arrows": False, "features": 0}
    if events is None or not len(events):
        return info
    n_all = len(events)
    if aggregate is None:
        aggregate = n_all > AGGREGATE_ABOVE
    if aggregate:
        rows, period = aggregate_events(events)
        info["aggregated"] = period
        counts = rows["n"].astype(int).tolist()
        info["unplaced"] = n_all - int(sum(counts))
    else:
        xy = _event_coords(events)
        placed = xy["lat"].notna() & xy["lon"].notna()
        info["unplaced"] = int((~placed).sum())
        rows = events[placed].assign(lat=xy["lat"][placed], lon=xy["lon"][placed])
        rows = rows.reset_index(drop=True)
        counts = [1] * len(rows)
    info["total"] = n_all
    if not len(rows):
        return info

    def col(name: str) -> list[Any]:
        return rows[name].tolist() if name in rows else [None] * len(rows)

    lat, lon = rows["lat"].astype(float), rows["lon"].astype(float)
    actors, etypes = [_text(a) for a in col("actor")], [_text(t) for t in col("type")]
    starts = [_text(s)[:10] for s in col("date_start")]
    ends = [_text(s)[:10] for s in col("date_end")]
    precs = [_text(p) for p in col("date_precision")]
    qty_col = "quantity_sum" if aggregate and "quantity_sum" in rows else "quantity"
    qtys, units = col(qty_col), col("unit")
    places, origins = col("place"), col("origin")
    kinds = col("place_kind")
    olat, olon = col("origin_lat"), col("origin_lon")
    evid, srcs, titles = col("evidence"), col("source"), col("title")
    layers: dict[str, list[dict[str, Any]]] = {}
    arrows: dict[str, list[dict[str, Any]]] = {}
    dates: set[str] = set()
    lat_l, lon_l = lat.round(4).tolist(), lon.round(4).tolist()
    for i in range(len(rows)):
        actor, etype, n = actors[i], etypes[i], counts[i]
        group = type_group(etype)
        undated = precs[i] == "unknown" or not starts[i]
        start = starts[i]
        end = ends[i] or start
        if undated:
            info["undated"] += n
        else:
            dates.add(start)
            dates.add(end)
        props: dict[str, Any] = {
            "actor": actor, "type": etype, "date_start": start, "date_end": end,
            "popup": _event_popup(
                qty=_quantity(qtys[i], units[i]), place=_text(places[i]),
                origin=_text(origins[i]), evidence=_text(evid[i]), source=srcs[i],
                title=titles[i], n=n),
        }
        if precs[i] != "day":
            props["date_precision"] = precs[i] or "unknown"
        if n > 1:
            props["n"] = n
            props["r"] = round(min(24.0, 6.5 + 2.0 * math.sqrt(n - 1)), 1)
        if undated:
            props["undated"] = True
        if kinds[i] in WIDE_KINDS:
            props["wide"] = 1  # drawn at a whole country's centre: not used to frame the map
        layers.setdefault(group, []).append({
            "type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [lon_l[i], lat_l[i]]}})
        info["actors"][actor] = info["actors"].get(actor, 0) + n
        info["groups"][group] = info["groups"].get(group, 0) + n
        oa, oo = _num(olat[i]), _num(olon[i])
        if group == "deployment" and oa is not None and oo is not None and (
                abs(oa - lat_l[i]) > 1e-3 or abs(oo - lon_l[i]) > 1e-3):
            arrows.setdefault(group, []).append({
                "type": "Feature", "properties": dict(props, arrow=True),
                "geometry": {"type": "LineString",
                             "coordinates": [[round(oo, 4), round(oa, 4)],
                                             [lon_l[i], lat_l[i]]]}})
    for group, feats in layers.items():
        # arrows first: drawn underneath the markers
        info["layers"][group] = _fc(arrows.get(group, []) + feats)
        info["features"] += len(feats) + len(arrows.get(group, []))
    info["arrows"] = bool(arrows)
    info["dates"] = sorted(dates)
    return info


# ------------------------------------------------------------------ folium elements

class _Raw(Element):
    """Text put into the page as it is (never re-read as a Jinja template)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _Script(Element):
    """A piece of our page script, placed in order among folium's."""

    def __init__(self, js: str, name: str = "fp_script"):
        super().__init__()
        self._name = name
        self.js = js

    def render(self, **kwargs: Any) -> None:
        js = self.js.replace("{map}", self._parent.get_name())
        self.get_root().script.add_child(_Raw(js), name=self.get_name())


class _FPLayer(Layer):
    """A Leaflet layer made by our page code (``FP.<factory>(map, ...args)``).

    A folium ``Layer`` so that ``LayerControl`` lists it; rendered without
    Jinja so that article text can never be read as template syntax.
    """

    def __init__(self, factory: str, args: Sequence[str], *, name: str, overlay: bool = True,
                 control: bool = True, show: bool = True):
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "fp_layer"
        self.factory = factory
        self.args = list(args)

    def render(self, **kwargs: Any) -> None:
        me, parent = self.get_name(), self._parent.get_name()
        js = f"var {me} = FP.{self.factory}({', '.join([parent] + self.args)});\n"
        if self.show:
            js += f"{me}.addTo({parent});\n"
        self.get_root().script.add_child(_Raw(js), name=me)


class FlashpointsMap(folium.Map):
    """A folium Map that renders its layer control last, so that layers added
    after :func:`build_map` (e.g. a highlighted event) are listed too."""

    def render(self, **kwargs: Any) -> None:
        for name, child in list(self._children.items()):
            if isinstance(child, folium.LayerControl):
                self._children.move_to_end(name)
        super().render(**kwargs)


class _LayerControl(folium.LayerControl):
    """folium's layer control, handed to our page code once it exists."""

    def render(self, **kwargs: Any) -> None:
        super().render(**kwargs)
        js = f"FP.layerControl({self._parent.get_name()}, {self.get_name()});\n"
        self.get_root().script.add_child(_Raw(js), name=self.get_name() + "_fp")


def _offline_map(*, title: str = "Flashpoints", **kwargs: Any) -> folium.Map:
    m = FlashpointsMap(tiles=None, **kwargs)
    # no CDN: Leaflet comes inlined from xstatic-leaflet; jQuery, Bootstrap,
    # Font Awesome and awesome-markers are not used at all
    m.default_js = []
    m.default_css = []
    fig = m.get_root()
    assert isinstance(fig, Figure)
    fig.title = html.escape(title)
    fig.header.add_child(_Raw(assets.head_html()), name="flashpoints_assets")
    return m


# ------------------------------------------------------------------ the map

def build_map(data: Any, *, since: Any = None, until: Any = None,
              actors: Iterable[str] | None = None, types: Iterable[str] | None = None,
              layers: Iterable[str] | None = None, tiles: str | None = "none",
              include_undated: bool = True, aggregate: bool | None = None,
              basemap: bool = True, title: str = "Flashpoints",
              focus: Mapping[str, Any] | str | None = None) -> folium.Map:
    """A layered, offline folium map of ``data`` (an Extraction or ``(places, events)``).

    Filters are those of :func:`~flashpoints.table.filter_events`; ``layers``
    picks layers from :data:`LAYERS` (keys or titles; None = all). ``tiles`` is
    ``"none"`` (our vector basemap only, no network) or ``"osm"`` (OpenStreetMap
    tiles as an online alternative). ``aggregate`` None = automatic above
    :data:`AGGREGATE_ABOVE` events. ``focus`` (an event row, or the id of a shown
    event) is drawn highlighted, and the map opens on it.
    """
    tiles_key = _text(tiles).casefold() or "none"
    if tiles_key in ("openstreetmap",):
        tiles_key = "osm"
    if tiles_key not in ("none", "osm"):
        raise InputError(f"unknown tiles {tiles!r}: use 'none' (offline) or 'osm'")
    keys = normalise_layers(layers)
    places, events = shown_tables(data, since=since, until=until, actors=actors, types=types,
                                  layers=keys, include_undated=include_undated)
    shapes_fc, points_fc = place_features(places)
    info = event_features(events, aggregate=aggregate)

    m = _offline_map(title=title, location=[30.0, 10.0], zoom_start=2, min_zoom=2, max_zoom=12,
                     control_scale=True, zoom_snap=0.5, zoom_delta=0.5)
    m.add_child(_Script("FP.init({map}, " + assets.json_for_script({
        "canvas": info["features"] > CANVAS_ABOVE,
        "colors": {a: actor_color(a) for a in info["actors"]},
        "types": {t: t.replace("_", " ") for t in TYPE_GROUPS},
    }) + ");\n", name="fp_init"))

    base = assets.basemap() if basemap else None
    if base is not None:
        land, labels = base
        _FPLayer("basemap", [land, labels], name="Outlines (offline)", overlay=False,
                 control=tiles_key == "osm", show=tiles_key != "osm").add_to(m)
    if tiles_key == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False,
                         control=True, show=True).add_to(m)

    n_shapes, n_points = len(shapes_fc["features"]), len(points_fc["features"])
    if "flashpoints" in keys and n_shapes:
        _FPLayer("shapes", [assets.json_for_script(shapes_fc)],
                 name=f"{LAYER_TITLES['flashpoints']} ({n_shapes})").add_to(m)
    if "places" in keys and n_points:
        _FPLayer("places", [assets.json_for_script(points_fc),
                            assets.json_for_script({"labels": n_points <= 40})],
                 name=f"{LAYER_TITLES['places']} ({n_points})").add_to(m)
    for group in EVENT_LAYERS + ("other",):
        fc = info["layers"].get(group)
        if fc is None or group not in keys:
            continue
        n = info["groups"][group]
        _FPLayer("events", [assets.json_for_script(fc),
                            assets.json_for_script({"group": group,
                                                    "shape": GROUP_SHAPES.get(group, "circle")})],
                 name=f"{LAYER_TITLES[group]} ({n:,})").add_to(m)

    config = _controls_config(info, shapes_fc, title=title)
    # the page fits these bounds once it knows how much room the legend takes
    config["bounds"] = _bounds(shapes_fc, points_fc, info)
    m.add_child(_Script("FP.controls({map}, " + assets.json_for_script(config) + ");\n",
                        name="fp_controls"))
    focus_fc = _focus_feature(focus, events)
    if focus_fc is not None:
        _FPLayer("focus", [assets.json_for_script(focus_fc)], name="Selected event").add_to(m)
    _LayerControl(collapsed=False, position="topright").add_to(m)
    return m


def _focus_feature(focus: Mapping[str, Any] | str | None,
                   events: pd.DataFrame) -> dict[str, Any] | None:
    """The highlighted event as a FeatureCollection: its place's shape (when not a
    point) and its marker, with the same escaped popup as the event layers."""
    if focus is None:
        return None
    if isinstance(focus, str):
        if events is None or not len(events) or "id" not in events:
            return None
        hit = events[events["id"].astype(str) == focus]
        if not len(hit):
            return None
        focus = hit.iloc[0].to_dict()
    row = dict(focus)
    one = pd.DataFrame([{c: row.get(c) for c in set(row) | {"lat", "lon", "geometry"}}])
    info = event_features(one, aggregate=False)
    feats = [f for fc in info["layers"].values() for f in fc["features"]]
    geom = row.get("geometry")
    if geom is not None and not getattr(geom, "is_empty", True) and \
            geom.geom_type not in ("Point", "MultiPoint"):
        gj = assets.geometry_json(geom)
        if gj is not None:
            props = dict(feats[0]["properties"]) if feats else {"popup": ""}
            feats.insert(0, {"type": "Feature", "geometry": gj,
                             "properties": dict(props, outline=True)})
    return _fc(feats) if feats else None


def _controls_config(info: Mapping[str, Any], shapes_fc: Mapping[str, Any], *,
                     title: str) -> dict[str, Any]:
    actors = sorted(info["actors"].items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    groups = [[g, LAYER_TITLES[g], GROUP_SHAPES.get(g, "circle"), info["groups"][g]]
              for g in EVENT_LAYERS + ("other",) if g in info["groups"]]
    seen: dict[str, dict[str, Any]] = {}
    for f in shapes_fc["features"]:
        key = _style_key(f["properties"]["kind"], f["geometry"]["type"])
        seen.setdefault(key, f["properties"]["style"])
    notes = []
    if info.get("aggregated"):
        notes.append(f"{info['total']:,} events drawn as one marker per place, "
                     f"{info['aggregated']}, actor and type (size = count).")
    if info.get("unplaced"):
        notes.append(f"{info['unplaced']:,} event(s) without a place are not drawn.")
    return {
        "title": "Legend",
        "actors": [[a, a or UNKNOWN_ACTOR, actor_color(a), n] for a, n in actors],
        "groups": groups, "arrows": info.get("arrows", False),
        "kinds": [[_STYLE_TITLES[k], s] for k, s in seen.items()],
        "dates": info["dates"], "undated_count": info["undated"],
        "total": info["total"] - info.get("unplaced", 0), "notes": notes,
    }


#: Place kinds too large to decide where the map opens.
WIDE_KINDS = ("country", "continent")


def _bounds(shapes_fc: Mapping[str, Any], points_fc: Mapping[str, Any],
            info: Mapping[str, Any]) -> list[list[float]] | None:
    lats: list[float] = []
    lons: list[float] = []

    def walk(c: Any) -> None:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            lons.append(float(c[0]))
            lats.append(float(c[1]))
        elif isinstance(c, (list, tuple)):
            for x in c:
                walk(x)

    def add(fcs: list[Mapping[str, Any]], skip_wide: bool) -> None:
        for fc in fcs:
            for f in fc["features"]:
                props = f.get("properties") or {}
                # all of one country's borders ("border-UA") is as wide as the country
                if skip_wide and (props.get("wide") or props.get("kind") in WIDE_KINDS
                                  or re.fullmatch(r"border-[A-Z]{2}", str(props.get("id")))):
                    continue
                g = f["geometry"]
                if g and "coordinates" in g:
                    walk(g["coordinates"])

    # open on the flashpoints and the events at specific places; whole countries,
    # continents and places merely named elsewhere would zoom the map out to the world
    add([shapes_fc, *info["layers"].values()], True)
    if not lats:
        add([shapes_fc, points_fc, *info["layers"].values()], False)
    if not lats:
        return None
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    if n - s < 2 and e - w < 2:
        s, n, w, e = s - 1.5, n + 1.5, w - 2.0, e + 2.0
    return [[max(s, -85.0), max(w, -180.0)], [min(n, 85.0), min(e, 180.0)]]
