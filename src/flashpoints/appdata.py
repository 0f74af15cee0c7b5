"""What the Streamlit app computes, without Streamlit.

The page in :mod:`flashpoints.ui` holds widgets and layout only; every value it
shows comes from a function here, so the tests and the benchmark call the same
code without a browser. Nothing here imports Streamlit.

The filters are one frozen :class:`Filters` record. :func:`apply_filters` turns
the event table into the events shown, and :func:`shown` turns a whole
:class:`~flashpoints.table.Extraction` into the one the map, the table, the
chart and every export are drawn from, so they always agree.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from .article import Article, SUFFIXES, decode, from_text, looks_like_html, max_bytes, read_article
from .errors import ExportError, FlashpointsError, InputError
from .table import Extraction

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "data" / "samples"
#: Extensions the upload widget accepts (without the dot).
UPLOAD_TYPES = tuple(s.lstrip(".") for s in SUFFIXES)
#: Places resolved with less confidence than this are offered for review.
LOW_CONFIDENCE = 0.5
#: How the app names an event without an actor.
NO_ACTOR = "(no actor)"
FREQS = {"day": "D", "week": "W-SUN"}  # weeks end on Sunday: they start on Monday

ExtractFn = Callable[[Article], Extraction]
ProgressFn = Callable[[int, int, str], None]


# ------------------------------------------------------------------ arguments

@dataclass(frozen=True)
class AppArgs:
    """What follows ``--`` in ``streamlit run app.py -- [FILE ...] [--db FILE]``."""

    paths: tuple[Path, ...] = ()
    db: Path | None = None


def script_args(argv: Sequence[str], script: str | Path) -> list[str]:
    """The app's own arguments: ``argv[1:]`` when ``argv[0]`` is the app script.

    Under ``streamlit run`` ``sys.argv`` is the script then its arguments; when
    the script runs inside another program (pytest's ``AppTest``) it is that
    program's command line, which is not ours.
    """
    if not argv:
        return []
    try:
        same = Path(argv[0]).resolve() == Path(script).resolve()
    except OSError:
        same = False
    return list(argv[1:]) if same else []


def parse_args(argv: Sequence[str]) -> AppArgs:
    """``[FILE ...] [--db FILE]``; an unknown option is an :class:`InputError`."""
    p = argparse.ArgumentParser(prog="app.py", add_help=False, exit_on_error=False)
    p.add_argument("paths", nargs="*")
    p.add_argument("--db")
    try:
        ns, extra = p.parse_known_args(list(argv))
    except argparse.ArgumentError as err:
        raise InputError(f"app arguments: {err}") from err
    if extra:
        raise InputError(f"app arguments: unknown {' '.join(extra)!r}; "
                         "usage: streamlit run app.py -- [FILE ...] [--db FILE]")
    return AppArgs(paths=tuple(Path(x) for x in ns.paths), db=Path(ns.db) if ns.db else None)


# ------------------------------------------------------------------ inputs

def sample_paths(folder: str | Path = SAMPLES_DIR) -> list[Path]:
    """The bundled sample articles, sorted by file name."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in SUFFIXES and p.name != "README.md")


def article_from_bytes(data: bytes, name: str, *, published: dt.date | None = None) -> Article:
    """An uploaded file (its bytes and file name) as an Article; clear one-line errors."""
    if not isinstance(data, (bytes, bytearray)):
        raise InputError(f"{name}: expected the file's bytes")
    limit = max_bytes()
    if len(data) > limit:
        raise InputError(f"{name}: {len(data):,} bytes is over the limit of {limit:,} bytes "
                         "(set FLASHPOINTS_MAX_BYTES to raise it)")
    if not bytes(data).strip():
        raise InputError(f"{name}: empty file")
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in SUFFIXES:
        raise InputError(f"{name}: not an article file (expected {', '.join(SUFFIXES)})")
    text = decode(bytes(data), name)
    markup = {".html": "html", ".htm": "html", ".txt": "text"}.get(suffix, "markdown")
    if suffix in (".txt", "") and looks_like_html(text):
        markup = "html"
    try:
        return from_text(text, published=published, source=name, markup=markup)
    except InputError as err:
        if str(err).startswith(name):
            raise
        raise InputError(f"{name}: {err}") from err


def article_from_paste(text: str, *, published: dt.date | None = None,
                       name: str = "pasted text") -> Article:
    """Pasted text (plain, Markdown or HTML) as an Article."""
    if not text or not text.strip():
        raise InputError(f"{name}: nothing pasted")
    return from_text(text, published=published, source=name)


def with_published(article: Article, published: dt.date | None) -> Article:
    """The article with its publication date set (unchanged when ``published`` is None)."""
    if published is None or article.published == published:
        return article
    return dataclasses.replace(article, published=published)


@dataclass
class Batch:
    """What one choice of input produced: merged data, the articles, the errors."""

    data: Extraction = field(default_factory=Extraction)
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Where the data came from when it is not a list of articles (the store file).
    origin: str = ""

    @property
    def ok(self) -> bool:
        """Something to show: an article read, or stored events or places."""
        return bool(self.articles) or bool(len(self.data.events) or len(self.data.places))


def article_count(batch: Batch) -> int:
    """Articles read, or (for stored data) articles the events come from."""
    if batch.articles:
        return len(batch.articles)
    ev = batch.data.events
    return int(ev["article_id"].nunique()) if len(ev) else 0


def run_batch(items: Sequence[tuple[str, Callable[[], Article]]], extract_fn: ExtractFn, *,
              published: dt.date | None = None, progress: ProgressFn | None = None) -> Batch:
    """Read and extract each ``(name, reader)`` item; a failing item is reported and skipped.

    The reader returns the Article (it may raise :class:`FlashpointsError`);
    ``published``, when given, replaces every article's publication date.
    """
    parts: list[Extraction] = []
    out = Batch()
    for n, (name, reader) in enumerate(items, 1):
        if progress is not None:
            progress(n, len(items), name)
        try:
            art = with_published(reader(), published)
            parts.append(extract_fn(art))
            out.articles.append(art)
        except FlashpointsError as err:
            out.errors.append(one_line(str(err)))
        except Exception as err:  # noqa: BLE001 - one bad file must not stop the rest
            log.exception("extraction failed for %s", name)
            out.errors.append(one_line(f"{name}: unexpected error ({type(err).__name__}: {err})"))
    out.data = Extraction.concat(parts)
    return out


def load_uploads(files: Iterable[tuple[str, bytes]], extract_fn: ExtractFn, *,
                 published: dt.date | None = None, progress: ProgressFn | None = None) -> Batch:
    """Uploaded ``(file name, bytes)`` pairs, extracted one by one."""
    items = [(name, _bytes_reader(data, name)) for name, data in files]
    return run_batch(items, extract_fn, published=published, progress=progress)


def load_paths(paths: Iterable[str | Path], extract_fn: ExtractFn, *,
               published: dt.date | None = None, progress: ProgressFn | None = None) -> Batch:
    """Article files on disk, extracted one by one."""
    items = [(str(p), _path_reader(Path(p))) for p in paths]
    return run_batch(items, extract_fn, published=published, progress=progress)


def load_paste(text: str, extract_fn: ExtractFn, *, published: dt.date | None = None,
               progress: ProgressFn | None = None) -> Batch:
    """Pasted text, extracted."""
    return run_batch([("pasted text", lambda: article_from_paste(text))], extract_fn,
                     published=published, progress=progress)


def _bytes_reader(data: bytes, name: str) -> Callable[[], Article]:
    return lambda: article_from_bytes(data, name)


def _path_reader(path: Path) -> Callable[[], Article]:
    return lambda: read_article(path)


def load_store(db: str | Path | None = None) -> Extraction:
    """Everything in the event store (``None``: the default store), read only."""
    from .store import Store

    with Store(store_path(db), readonly=True) as store:
        return store.load(with_articles=True)


def store_path(db: str | Path | None = None) -> Path:
    from .store import default_db_path

    return Path(db) if db else Path(default_db_path())


def load_corrections(db: str | Path | None = None) -> dict[str, Any]:
    """The user's saved corrections ({} when the store cannot be read)."""
    from .store import Store

    path = store_path(db)
    if not path.exists():
        return {}
    with Store(path, readonly=True) as store:
        return dict(store.corrections())


def save_correction(db: str | Path | None, text: str, *, place_id: str | None = None,
                    lat: float | None = None, lon: float | None = None,
                    name: str | None = None) -> None:
    """Remember that the mention ``text`` means a gazetteer place or a point."""
    from .store import Store

    if place_id is None:
        lat, lon = check_latlon(lat, lon)
    with Store(store_path(db)) as store:
        store.save_correction(text, place_id=place_id, lat=lat, lon=lon, name=name or None)


def check_latlon(lat: Any, lon: Any) -> tuple[float, float]:
    """Latitude and longitude as floats within range, else an InputError."""
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError) as err:
        raise InputError(f"latitude/longitude {lat!r}, {lon!r} are not numbers") from err
    if not (math.isfinite(la) and -90 <= la <= 90):
        raise InputError(f"latitude {la} is outside -90..90")
    if not (math.isfinite(lo) and -180 <= lo <= 180):
        raise InputError(f"longitude {lo} is outside -180..180")
    return la, lo


def corrections_key(corrections: Mapping[str, Any] | None) -> str:
    """A stable text form of the corrections, for cache keys."""
    return json.dumps(corrections or {}, sort_keys=True, default=str)


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha1(data).hexdigest()[:16]


def one_line(message: str, limit: int = 300) -> str:
    """A message on one line (newlines folded), cut to ``limit`` characters."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ filters

@dataclass(frozen=True)
class Filters:
    """The filters of the page. ``None`` for actors/types means all of them."""

    since: dt.date | None = None
    until: dt.date | None = None
    actors: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    include_undated: bool = True
    search: str = ""
    #: Map layers shown (keys of :data:`flashpoints.maps.LAYERS`); None means all.
    #: Event layers filter events by type group; "flashpoints"/"places" filter places.
    layers: tuple[str, ...] | None = None

    def narrowed(self, since: dt.date | None, until: dt.date | None) -> "Filters":
        """The same filters with the date window cut to ``since..until`` as well."""
        s = max(d for d in (self.since, since) if d) if (self.since or since) else None
        u = min(d for d in (self.until, until) if d) if (self.until or until) else None
        return dataclasses.replace(self, since=s, until=u)


def _actor_col(events: pd.DataFrame) -> pd.Series:
    return events["actor"].fillna("").astype(str).replace("", NO_ACTOR)


def count_undated(events: pd.DataFrame) -> int:
    """Events with precision ``unknown`` (or no start date)."""
    return int(_undated(events).sum()) if events is not None and len(events) else 0


def _undated(events: pd.DataFrame) -> pd.Series:
    prec = events["date_precision"].fillna("unknown").astype(str)
    start = events["date_start"].fillna("").astype(str)
    return (prec == "unknown") | (start == "")


def apply_filters(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events shown under ``filters`` (original order and index kept).

    A dated event is kept when its ``date_start..date_end`` range overlaps the
    window. Undated events (precision ``unknown``) ignore the window and are
    kept only when ``include_undated``. The search matches evidence, place,
    origin, actors, type and title, case-insensitively.
    """
    if events is None or not len(events):
        return events
    f = filters
    undated = _undated(events)
    keep = pd.Series(True, index=events.index)
    if f.since is not None:
        keep &= undated | (events["date_end"].fillna("").astype(str) >= f.since.isoformat())
    if f.until is not None:
        keep &= undated | (events["date_start"].fillna("").astype(str) <= f.until.isoformat())
    if not f.include_undated:
        keep &= ~undated
    if f.actors is not None:
        keep &= _actor_col(events).isin(list(f.actors))
    if f.types is not None:
        keep &= events["type"].fillna("").astype(str).isin(list(f.types))
    if f.layers is not None:
        from .maps import type_group

        keep &= events["type"].map(type_group).isin(list(f.layers))
    if f.search.strip():
        keep &= search_mask(events, f.search)
    return events[keep]


SEARCH_COLUMNS = ("evidence", "place", "origin", "actor", "actor2", "type", "title")


def search_mask(events: pd.DataFrame, query: str) -> pd.Series:
    """Rows where every word of ``query`` occurs in one of :data:`SEARCH_COLUMNS`."""
    cols = [c for c in SEARCH_COLUMNS if c in events]
    hay = events[cols].fillna("").astype(str).agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=events.index)
    for word in query.casefold().split():
        keep &= hay.str.contains(word, regex=False)
    return keep


def shown(data: Extraction, filters: Filters) -> Extraction:
    """``data`` with only the events shown; places kept are those of shown events and
    those no event refers to (flashpoints named as context)."""
    events = apply_filters(data.events, filters)
    places = data.places
    if len(places) and len(data.events):
        refs_all = _place_refs(data.events)
        refs = _place_refs(events) if events is not None and len(events) else set()
        places = places[places["id"].isin(refs) | ~places["id"].isin(refs_all)]
    if filters.layers is not None and len(places):
        from .maps import shown_tables

        places, _ = shown_tables((places, events), layers=filters.layers)
    return Extraction(places=places, events=events, unresolved=data.unresolved,
                      articles=list(data.articles))


def _place_refs(events: pd.DataFrame) -> set[str]:
    ids = set(events["place_id"].dropna().astype(str))
    if "origin_id" in events:
        ids |= set(events["origin_id"].dropna().astype(str))
    return ids


def option_counts(events: pd.DataFrame, column: str) -> dict[str, int]:
    """Distinct values of ``actor`` or ``type`` with their event counts (most first)."""
    if events is None or not len(events):
        return {}
    col = _actor_col(events) if column == "actor" else events[column].fillna("").astype(str)
    counts = col.value_counts()
    pairs = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {str(k): int(v) for k, v in pairs}


def option_label(value: str, counts: Mapping[str, int]) -> str:
    """``"Russia (12)"``: a multiselect label with the number of events."""
    return f"{value} ({counts.get(value, 0)})"


def date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """First start and last end date of the dated events (None when there are none)."""
    if events is None or not len(events):
        return None
    dated = events[~_undated(events)]
    if not len(dated):
        return None
    lo = min(_to_date(x) for x in dated["date_start"])
    hi = max(_to_date(x) for x in dated["date_end"].fillna(dated["date_start"]))
    return lo, max(lo, hi)


def slider_bounds(bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """A slider needs two different ends: one day is widened by a day on each side."""
    lo, hi = bounds
    if lo == hi:
        return lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    return lo, hi


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def timeline(events: pd.DataFrame, *, freq: str = "day") -> pd.DataFrame:
    """Dated events counted per ``day`` or ``week`` (weeks start on Monday) and actor.

    Columns ``period`` (the first day, a date), ``actor`` and ``events``.
    """
    cols = ["period", "actor", "events"]
    if events is None or not len(events):
        return pd.DataFrame(columns=cols)
    dated = events[~_undated(events)]
    if not len(dated):
        return pd.DataFrame(columns=cols)
    start = pd.to_datetime(dated["date_start"].astype(str).str[:10])
    period = start.dt.to_period(FREQS[freq]).dt.start_time.dt.date
    df = pd.DataFrame({"period": period.values, "actor": _actor_col(dated).values})
    out = df.groupby(["period", "actor"]).size().reset_index(name="events")
    return out.sort_values(["period", "actor"]).reset_index(drop=True)


def periods(events: pd.DataFrame, *, freq: str = "day") -> list[tuple[dt.date, dt.date]]:
    """The periods (first and last day) that hold at least one dated event."""
    tl = timeline(events, freq=freq)
    length = 7 if freq == "week" else 1
    return [(p, p + dt.timedelta(days=length - 1)) for p in sorted(set(tl["period"]))]


def period_label(period: tuple[dt.date, dt.date]) -> str:
    a, b = period
    return a.isoformat() if a == b else f"{a.isoformat()} – {b.isoformat()}"


TABLE_COLUMNS = ["date_start", "date_end", "date_precision", "actor", "type", "quantity",
                 "unit", "place", "origin", "evidence", "confidence", "title", "id"]


def table_view(events: pd.DataFrame) -> pd.DataFrame:
    """The events table as shown: readable columns, no geometry, a fresh index."""
    if events is None or not len(events):
        return pd.DataFrame(columns=TABLE_COLUMNS)
    out = events[[c for c in TABLE_COLUMNS if c in events]].copy()
    out["actor"] = _actor_col(events).values
    for col in ("unit", "place", "origin", "title", "evidence"):
        if col in out:
            out[col] = out[col].fillna("").astype(str)
    out["confidence"] = pd.to_numeric(out["confidence"], errors="coerce").round(2)
    out["quantity"] = pd.to_numeric(out["quantity"], errors="coerce")
    return out.reset_index(drop=True)


def event_label(row: Mapping[str, Any]) -> str:
    """One line naming an event: date, actor, type and place."""
    date = row.get("date_start") or "undated"
    if row.get("date_precision") == "unknown":
        date = "undated"
    actor = row.get("actor") or NO_ACTOR
    place = row.get("place") or "no place"
    return f"{date} · {actor} · {row.get('type') or '?'} · {place}"


def event_details(row: Mapping[str, Any]) -> str:
    """Dates and precision, quantity, confidence and article title of an event, one line."""
    parts = [f"{row.get('date_start')} – {row.get('date_end')} ({row.get('date_precision')})"]
    qty = as_number(row.get("quantity"))
    if qty is not None:
        parts.append(f"{qty:g} {row.get('unit') or ''}".strip())
    parts.append(f"confidence {as_number(row.get('confidence')) or 0:.2f}")
    if row.get("title"):
        parts.append(str(row["title"]))
    return " · ".join(parts)


def actor_colors(actors: Iterable[str]) -> dict[str, str]:
    """The map's colour of each actor (the chart uses the same ones)."""
    from .maps import actor_color

    return {a: actor_color("" if a == NO_ACTOR else a) for a in actors}


def event_row(events: pd.DataFrame, event_id: str | None) -> dict[str, Any] | None:
    """The event ``event_id`` as a dict (None when it is not among ``events``)."""
    if not event_id or events is None or not len(events):
        return None
    hit = events[events["id"].astype(str) == str(event_id)]
    return hit.iloc[0].to_dict() if len(hit) else None


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$<>&:])")


def md_escape(text: str) -> str:
    """Text safe to pass to ``st.markdown``: every Markdown/HTML special is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


# ------------------------------------------------------------------ review

REVIEW_COLUMNS = ["text", "status", "detail", "confidence", "candidates", "place_id",
                  "lat", "lon", "article_id"]


def review_items(data: Extraction, *, threshold: float = LOW_CONFIDENCE,
                 gazetteer: Any = None) -> pd.DataFrame:
    """Place mentions a person should check: unresolved ones, then places resolved
    with confidence below ``threshold``. One row per distinct mention text.

    ``candidates`` holds gazetteer ids; for low-confidence places they are the
    other entries of the same name (looked up in ``gazetteer`` when given).
    """
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for r in data.unresolved.to_dict("records") if len(data.unresolved) else []:
        key = str(r["text"]).casefold()
        if key in seen:
            continue
        seen.add(key)
        rows.append({"text": r["text"], "status": "unresolved", "detail": r.get("reason") or "",
                     "confidence": 0.0, "candidates": list(r.get("candidates") or []),
                     "place_id": None, "lat": None, "lon": None,
                     "article_id": r.get("article_id")})
    places = data.places
    if len(places):
        conf = pd.to_numeric(places["confidence"], errors="coerce").fillna(0.0)
        for r in places[conf < threshold].to_dict("records"):
            for m in r.get("mentions") or [{"text": r["name"]}]:
                key = str(m["text"]).casefold()
                if key in seen:
                    continue
                seen.add(key)
                cands = []
                if gazetteer is not None:
                    try:
                        cands = [c.id for c in gazetteer.candidates(m["text"])]
                    except FlashpointsError:
                        cands = []
                cands = [r["id"]] + [c for c in cands if c != r["id"]]
                rows.append({"text": m["text"], "status": "low confidence",
                             "detail": f"resolved to {r['name']} ({r['kind']})",
                             "confidence": round(float(r["confidence"] or 0), 2),
                             "candidates": cands[:12], "place_id": r["id"],
                             "lat": as_number(r.get("lat")), "lon": as_number(r.get("lon")),
                             "article_id": None})
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def candidate_labels(ids: Iterable[str], gazetteer: Any) -> dict[str, str]:
    """Readable labels of gazetteer ids (stale ids are left out)."""
    out: dict[str, str] = {}
    for pid in ids:
        try:
            p = gazetteer.place(pid)
        except FlashpointsError:
            continue
        cc = "/".join(p.country_codes) if p.country_codes else "-"
        out[pid] = f"{p.name} — {p.kind}, {cc}, {p.lat:.2f}, {p.lon:.2f}"
    return out


# ------------------------------------------------------------------ map and exports

def layer_names() -> list[str]:
    """The map's layers, as the page offers them in checkboxes."""
    from .maps import LAYERS

    return list(LAYERS) + ["other"]


def layer_title(name: str) -> str:
    from .maps import LAYER_TITLES

    return str(LAYER_TITLES.get(name, name.replace("_", " ").capitalize()))


def layer_counts(data: Extraction) -> dict[str, int]:
    """Events per map layer, and places per place layer, for the checkbox labels."""
    from .maps import shown_tables, type_group

    out: dict[str, int] = {}
    if len(data.events):
        out.update(data.events["type"].map(type_group).value_counts().astype(int).to_dict())
    for key in ("flashpoints", "places"):
        places, _ = shown_tables((data.places, data.events.iloc[0:0]), layers=[key])
        out[key] = len(places)
    return out


def build(data: Extraction, *, tiles: str = "none", layers: Sequence[str] | None = None,
          focus: Mapping[str, Any] | None = None) -> Any:
    """The folium map of ``data`` (already filtered with :func:`shown`).

    ``focus`` (an event row) is drawn highlighted and the map opens on it.
    """
    from .maps import build_map

    return build_map(data, tiles=tiles, layers=list(layers) if layers is not None else None,
                     include_undated=True, title=map_title(data),
                     focus=dict(focus) if focus is not None else None)


def map_title(data: Extraction) -> str:
    """The title of the map's legend: the article's title, or "Flashpoints"."""
    arts = list(data.articles)
    if len(arts) == 1 and getattr(arts[0], "title", ""):
        return str(arts[0].title)
    return "Flashpoints"


def as_number(value: Any) -> float | None:
    """A finite float, else None (NaN, None and text are None)."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def map_html(data: Extraction, *, tiles: str = "none", layers: Sequence[str] | None = None,
             focus: Mapping[str, Any] | None = None) -> str:
    """The self-contained offline page of the map (the same page the HTML export saves)."""
    from .export import render_html

    return render_html(build(data, tiles=tiles, layers=layers, focus=focus))


def export_geojson(data: Extraction) -> str:
    """GeoJSON FeatureCollection of the places and events shown."""
    return data.to_geojson()


def export_csv(data: Extraction) -> str:
    """ACLED-like CSV of the events shown (header ``event_id,event_date,...``)."""
    return data.to_csv()


def export_png(page: str, *, width: int = 1400, height: int = 900,
               chromium: str | None = None) -> bytes:
    """A PNG of the map page through headless Chromium (ExportError when it cannot)."""
    from .export import save_png

    with tempfile.TemporaryDirectory(prefix="flashpoints-") as tmp:
        src = Path(tmp) / "map.html"
        src.write_text(page, encoding="utf-8")
        png = Path(tmp) / "map.png"
        save_png(src, png, width=width, height=height, chromium=chromium)
        if not png.exists() or not png.stat().st_size:
            raise ExportError("Chromium wrote no PNG")
        return png.read_bytes()


def export_name(articles: Sequence[Article], suffix: str) -> str:
    """A file name for an export: the first article's source stem, else ``flashpoints``."""
    stem = "flashpoints"
    if articles and articles[0].source:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(articles[0].source).stem).strip("-") or stem
    if len(articles) > 1:
        stem += f"-and-{len(articles) - 1}-more"
    return f"{stem}{suffix}"


# ------------------------------------------------------------------ query parameters

@dataclass(frozen=True)
class Initial:
    """Initial settings from the page address (``?actor=Russia&type=naval&since=...``)."""

    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    include_undated: bool = True
    search: str = ""
    sample: str = ""
    event: str = ""
    freq: str = "day"


def parse_query(params: Mapping[str, Any]) -> Initial:
    """Read :class:`Initial` from query parameters (bad values are ignored).

    Values may be strings or lists of strings; ``actor`` and ``type`` repeat or
    take comma-separated lists.
    """
    def values(key: str) -> list[str]:
        v = params.get(key)
        if v is None:
            return []
        items = v if isinstance(v, (list, tuple)) else [v]
        return [s.strip() for x in items for s in str(x).split(",") if s.strip()]

    def date(key: str) -> dt.date | None:
        for v in values(key):
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                return None
        return None

    first = lambda key: (values(key) or [""])[0]  # noqa: E731
    undated = first("undated").lower()
    freq = first("freq").lower()
    return Initial(actors=tuple(values("actor")), types=tuple(values("type")),
                   since=date("since"), until=date("until"),
                   include_undated=undated not in ("0", "false", "no", "off"),
                   search=first("q"), sample=first("sample"), event=first("event"),
                   freq=freq if freq in FREQS else "day")
