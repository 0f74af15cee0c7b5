"""Optional online fallback: Nominatim through geopy, rate-limited and cached on disk.

Off by default; the resolver asks it only for mentions the offline gazetteer
cannot resolve. It never raises out of :meth:`OnlineGeocoder.lookup`: a
timeout, an HTTP error (5xx, 429) or a garbled answer (not JSON, fields
missing, coordinates out of range) is logged as a warning and answered with
None, so the caller goes on with the offline result. After ``max_failures``
failures in a row the service is not asked again in this session.

Every answer, including "nothing found", is kept in an SQLite cache (default:
``nominatim.sqlite`` in the user cache folder, ``FLASHPOINTS_CACHE``
overrides), so the same query is never sent twice; failures are not cached.
Requests are spaced by geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`
(one a second by default, as Nominatim's usage policy asks).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
import sqlite3
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from .records import Place

log = logging.getLogger(__name__)

USER_AGENT = "flashpoints/0.1"
DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
#: Part of every cache key: bump it when the request parameters change.
QUERY_VERSION = "1"
#: Shapes with more vertices than this are simplified before they are kept.
MAX_VERTICES = 5000

#: Nominatim (class, type) or address type -> our place kind (records.PLACE_KINDS).
_TYPE_KINDS = {
    "country": "country", "state": "admin1", "province": "admin1", "region": "region",
    "state_district": "admin2", "county": "admin2", "district": "admin2",
    "municipality": "admin2", "city": "city", "town": "city", "village": "city",
    "hamlet": "city", "suburb": "city", "borough": "city", "quarter": "city",
    "neighbourhood": "city", "locality": "city", "isolated_dwelling": "city",
    "island": "island", "islet": "island", "archipelago": "island", "continent": "continent",
    "sea": "sea", "ocean": "sea", "bay": "gulf", "gulf": "gulf", "strait": "strait",
    "peninsula": "peninsula", "mountain_range": "mountains", "ridge": "mountains",
    "peak": "mountains", "volcano": "mountains", "lake": "lake", "reservoir": "lake",
    "river": "river", "canal": "river", "stream": "river", "pipeline": "pipeline",
    "bridge": "bridge", "harbour": "port", "port": "port", "naval_base": "base",
    "airfield": "base", "barracks": "base", "base": "base", "bunker": "base",
    "range": "training_ground", "training_area": "training_ground",
}
_CLASS_KINDS = {"waterway": "river", "military": "base", "bridge": "bridge",
                "harbour": "port"}
_ADMIN_TYPES = {"administrative", "political", "territorial"}


@dataclass(frozen=True)
class OnlineMatch:
    """One Nominatim answer: the place, a confidence from its importance, the raw record."""

    place: Place
    confidence: float
    importance: float
    raw: Mapping[str, Any]


class BadAnswer(ValueError):
    """Nominatim answered, but not with a usable place."""


class OnlineGeocoder:
    """Nominatim behind a rate limiter and an on-disk cache, answering with :class:`Place`.

    ``domain`` and ``scheme`` choose the server (``scheme="http"``,
    ``domain="127.0.0.1:8080"`` for a local one); ``timeout`` is per request
    in seconds; ``min_delay_seconds`` spaces requests; ``max_retries`` and
    ``error_wait_seconds`` are the rate limiter's retries on server errors;
    ``cache_path`` is the SQLite cache file (``cache=False``: memory only);
    ``proxies`` is passed to geopy (None: the system's, ``{}``: none).
    """

    def __init__(self, *, domain: str = DEFAULT_DOMAIN, scheme: str = "https",
                 user_agent: str = USER_AGENT, timeout: float = 10.0,
                 min_delay_seconds: float = 1.0, max_retries: int = 1,
                 error_wait_seconds: float = 5.0, cache_path: str | Path | None = None,
                 cache: bool = True, language: str = "en", max_failures: int = 3,
                 proxies: Mapping[str, str] | str | None = None) -> None:
        from geopy.adapters import URLLibAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        if min_delay_seconds < 0 or timeout <= 0 or max_retries < 0:
            msg = "OnlineGeocoder: timeout must be > 0, min_delay_seconds and max_retries >= 0"
            raise ValueError(msg)
        self.domain = domain
        self.scheme = scheme
        self.language = language
        self.max_failures = max_failures
        # urllib: no hidden retries below the rate limiter (requests' adapter retries
        # 429s and read timeouts itself), the same behaviour whatever is installed
        self.nominatim = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme,
                                   timeout=timeout, proxies=proxies,
                                   adapter_factory=URLLibAdapter)
        self._geocode = RateLimiter(self.nominatim.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=max_retries,
                                    error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
                                    swallow_exceptions=False)
        self.cache = _Cache(_default_cache_path() if cache and cache_path is None
                            else cache_path if cache else None)
        #: Queries sent to the service (retries not counted) and answers taken from the
        #: cache, in this session.
        self.requests = 0
        self.cache_hits = 0
        self.failures = 0  # in a row
        self.disabled = False

    # -- public

    def lookup(self, name: str, *, country_codes: Sequence[str] = ()) -> Place | None:
        """The place Nominatim finds for ``name`` (in these countries), or None."""
        match = self.search(name, country_codes=country_codes)
        return match.place if match else None

    def search(self, name: str, *, country_codes: Sequence[str] = ()) -> OnlineMatch | None:
        """Like :meth:`lookup`, with the confidence and Nominatim's raw record."""
        query = " ".join(str(name or "").split())
        if not query:
            return None
        codes = sorted({c.strip().lower() for c in country_codes if c and c.strip()})
        key = "|".join((QUERY_VERSION, self.scheme, self.domain, query.casefold(),
                        ",".join(codes)))
        found, raw = self.cache.get(key)
        if found:
            self.cache_hits += 1
            return self._match(raw, query, cached=True)
        if self.disabled:
            return None
        raw, ok = self._ask(query, codes)
        if not ok:
            return None
        match = self._match(raw, query, cached=False)
        if raw is not None and match is None:
            self._failed()  # a garbled answer counts as a failure and is not kept
            return None
        self.failures = 0
        self.cache.put(key, query, codes, raw)
        return match

    def close(self) -> None:
        self.cache.close()

    def __enter__(self) -> "OnlineGeocoder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing

    def _ask(self, query: str, codes: list[str]) -> tuple[dict[str, Any] | None, bool]:
        """Nominatim's first record for ``query`` (None: nothing found); ok False on failure."""
        from geopy.exc import GeopyError

        self.requests += 1
        try:
            with warnings.catch_warnings():
                # geopy warns before refusing a latitude out of range; we log it instead
                warnings.filterwarnings("ignore", category=UserWarning, module=r"geopy\.")
                loc = self._geocode(query, exactly_one=True, addressdetails=True,
                                    geometry="geojson", language=self.language,
                                    country_codes=codes or None)
        except GeopyError as err:
            log.warning("online geocoder %s failed for %r: %s", self.domain, query,
                        _one_line(err) or type(err).__name__)
            self._failed()
            return None, False
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as err:
            log.warning("online geocoder %s sent an unusable answer for %r: %s", self.domain,
                        query, _one_line(err) or type(err).__name__)
            self._failed()
            return None, False
        if loc is None:
            return None, True
        raw = getattr(loc, "raw", None)
        if not isinstance(raw, dict):
            log.warning("online geocoder %s sent an unusable answer for %r: not a record",
                        self.domain, query)
            self._failed()
            return None, False
        return raw, True

    def _match(self, raw: dict[str, Any] | None, query: str, *, cached: bool) -> OnlineMatch | None:
        if raw is None:
            return None
        try:
            return match_from_raw(raw, query)
        except BadAnswer as err:
            where = "a cached answer" if cached else "an unusable answer"
            log.warning("online geocoder %s sent %s for %r: %s", self.domain, where, query, err)
            return None

    def _failed(self) -> None:
        self.failures += 1
        if self.max_failures and self.failures >= self.max_failures and not self.disabled:
            self.disabled = True
            log.warning("online geocoder %s failed %d times in a row; not asking it again in "
                        "this session (offline results are used)", self.domain, self.failures)


# ------------------------------------------------------------------ answers -> places

def match_from_raw(raw: Mapping[str, Any], query: str = "") -> OnlineMatch:
    """A Nominatim search record (JSON, ``polygon_geojson=1``) as a :class:`Place`.

    Raises :class:`BadAnswer` when the record has no usable coordinates.
    """
    from shapely.geometry import Point

    lat, lon = _coordinate(raw, "lat", 90), _coordinate(raw, "lon", 180)
    cls = str(raw.get("class") or raw.get("category") or "")
    typ = str(raw.get("type") or "")
    geometry = _shape(raw.get("geojson")) or Point(lon, lat)
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    code = str(address.get("country_code") or "").upper()
    display = str(raw.get("display_name") or "")
    name = str(raw.get("name") or "") or display.split(",")[0].strip() or query
    osm_type, osm_id = str(raw.get("osm_type") or ""), str(raw.get("osm_id") or "")
    if osm_type and osm_id:
        pid, source_id = f"nominatim-{osm_type[:1].lower()}{osm_id}", f"{osm_type}/{osm_id}"
    else:
        ref = str(raw.get("place_id") or "") or query.casefold().replace(" ", "-")
        pid, source_id = f"nominatim-{ref}", ref
    importance = _number(raw.get("importance"), 0.0)
    place = Place(id=pid, name=name, kind=kind_of(cls, typ, str(raw.get("addresstype") or "")),
                  lat=lat, lon=lon, geometry=geometry, source="nominatim", source_id=source_id,
                  country_codes=(code,) if len(code) == 2 else (),
                  admin1=str(address.get("state") or ""), feature_code=f"{cls}:{typ}")
    return OnlineMatch(place=place, confidence=confidence(importance), importance=importance,
                       raw=raw)


def kind_of(cls: str, typ: str, addresstype: str = "") -> str:
    """Our place kind for a Nominatim class/type (and address type)."""
    if cls == "boundary" and typ in _ADMIN_TYPES or cls == "place" and typ == "state":
        # an administrative area: its address type says which level
        return _TYPE_KINDS.get(addresstype) or _TYPE_KINDS.get(typ) or "region"
    if cls == "landuse" and typ == "military":
        return "base"
    if cls == "man_made" and typ in ("pipeline", "bridge"):
        return typ
    if cls in ("place", "natural", "water", "waterway", "military", "harbour", "landuse",
               "man_made", "boundary", "bridge"):
        kind = _TYPE_KINDS.get(typ) or _CLASS_KINDS.get(cls)
        if kind:
            return kind
        if cls == "natural" and typ == "water":
            return "lake"
    return _TYPE_KINDS.get(addresstype, "other")


def confidence(importance: float) -> float:
    """Confidence of an online answer from Nominatim's importance (0..1): 0.3..0.9."""
    return round(max(0.3, min(0.9, 0.3 + 0.6 * importance)), 3)


def _number(value: Any, default: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return default
    return x if math.isfinite(x) else default


def _coordinate(raw: Mapping[str, Any], key: str, limit: float) -> float:
    value = raw.get(key)
    if value is None or value == "":
        raise BadAnswer(f"no {key}")
    try:
        x = float(value)
    except (TypeError, ValueError) as err:
        raise BadAnswer(f"{key} {value!r} is not a number") from err
    if not math.isfinite(x) or not -limit <= x <= limit:
        raise BadAnswer(f"{key} {value!r} is out of range (-{limit:g}..{limit:g})")
    return x


def _shape(geojson: Any) -> Any:
    """The shapely shape of Nominatim's GeoJSON, or None when there is none usable."""
    if not isinstance(geojson, dict) or not geojson.get("type"):
        return None
    import shapely
    from shapely.geometry import shape

    try:
        geom = shape(geojson)
        if geom.is_empty:
            return None
        minx, miny, maxx, maxy = geom.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            log.warning("online geocoder: a shape out of range was dropped (bounds %s)",
                        geom.bounds)
            return None
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        n = shapely.get_num_coordinates(geom)
        if n > MAX_VERTICES:
            size = max(maxx - minx, maxy - miny)
            tol = size / 4000
            while n > MAX_VERTICES and tol < size:
                simpler = geom.simplify(tol, preserve_topology=True)
                n = shapely.get_num_coordinates(simpler)
                tol *= 2
            geom = simpler
    except Exception as err:  # noqa: BLE001 - shapely raises several kinds on bad input
        log.warning("online geocoder: an unusable shape was dropped (%s)", _one_line(err))
        return None
    return geom


def _one_line(err: object) -> str:
    return " ".join(str(err).split())[:300]


# ------------------------------------------------------------------ cache

def _default_cache_path() -> Path:
    from .gazetteer import cache_dir

    return cache_dir() / "nominatim.sqlite"


class _Cache:
    """Answers by query key, in SQLite (safe for several processes) and in memory.

    A cache that cannot be opened or written is reported once and the
    geocoder goes on with the memory part only.
    """

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._memory: dict[str, dict[str, Any] | None] = {}
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                       check_same_thread=False)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, "
                             "query TEXT NOT NULL, country_codes TEXT NOT NULL, raw TEXT, "
                             "fetched_at TEXT NOT NULL)")
                self._conn = conn
            except (sqlite3.Error, OSError) as err:
                log.warning("online geocoder cache %s cannot be used (%s); answers are kept "
                            "in memory only", self.path, _one_line(err))

    def get(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        with self._lock:
            if key in self._memory:
                return True, self._memory[key]
            if self._conn is None:
                return False, None
            try:
                row = self._conn.execute("SELECT raw FROM answers WHERE key = ?",
                                         (key,)).fetchone()
            except sqlite3.Error as err:
                log.warning("online geocoder cache %s cannot be read (%s)", self.path,
                            _one_line(err))
                return False, None
            if row is None:
                return False, None
            try:
                raw = json.loads(row[0]) if row[0] is not None else None
            except ValueError:
                return False, None
            raw = raw if isinstance(raw, dict) else None
            self._memory[key] = raw
            return True, raw

    def put(self, key: str, query: str, codes: Sequence[str], raw: dict[str, Any] | None) -> None:
        with self._lock:
            self._memory[key] = raw
            if self._conn is None:
                return
            try:
                self._conn.execute(
                    "INSERT OR REPLACE INTO answers (key, query, country_codes, raw, fetched_at)"
                    " VALUES (?,?,?,?,?)",
                    (key, query, ",".join(codes), None if raw is None else json.dumps(raw),
                     dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            except sqlite3.Error as err:
                log.warning("online geocoder cache %s cannot be written (%s)", self.path,
                            _one_line(err))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
