"""The embedded event store: one SQLite file of articles, places, events and corrections.

Articles are keyed by the hash of their text (:attr:`Article.id`), so ingesting
the same article twice changes nothing. One article is written in one
transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``): its row, its places (shared
by all articles and upserted), its mentions, events and unresolved mentions
are all there or none is, even when the process is killed mid-write. The file
is in WAL mode with a busy timeout, so two processes can ingest into it at the
same time and the app can read while they do.

Every ``sqlite3`` or file-system failure becomes a :class:`StoreError` whose
message names the file and says what to do.

Schema (``PRAGMA user_version`` = :data:`SCHEMA_VERSION`)::

    articles    id PK, title, published, source, text, words, events_count,
                mentions_count, unresolved_count, ingested_at
    places      id PK, name, kind, lat, lon, source, source_id, country_codes (JSON), wkt
    mentions    article_id -> articles, place_id -> places, text, start, end, confidence
    events      id PK, article_id -> articles, the EVENT_COLUMNS but geometry,
                wkt (NULL when the event's geometry is its place's: see geometry_from_place)
    unresolved  article_id -> articles, text, start, end, reason, candidates (JSON)
    corrections key PK (the mention as the resolver normalises it), text, place_id,
                lat, lon, name, created_at
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import pandas as pd

from .article import Article
from .errors import InputError, StoreError
from .table import (EVENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS, Extraction, frame)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 30.0
ENV_VAR = "FLASHPOINTS_DB"

#: Event columns stored as they are (geometry is stored as WKT).
_EVENT_FIELDS = [c for c in EVENT_COLUMNS if c != "geometry"]
_PLACE_FIELDS = ["id", "name", "kind", "lat", "lon", "source", "source_id", "country_codes",
                 "wkt"]
_ARTICLE_FIELDS = ["id", "title", "published", "source", "words", "events_count",
                   "mentions_count", "unresolved_count", "ingested_at"]

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    published TEXT,
    source TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    words INTEGER NOT NULL,
    events_count INTEGER NOT NULL,
    mentions_count INTEGER NOT NULL,
    unresolved_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    lat REAL,
    lon REAL,
    source TEXT,
    source_id TEXT,
    country_codes TEXT NOT NULL DEFAULT '[]',
    wkt TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id),
    text TEXT NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    confidence REAL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    {", ".join(f'"{c}"' for c in _EVENT_FIELDS if c not in ("id", "article_id"))},
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    wkt TEXT,
    geometry_from_place INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_dates ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS events_actor ON events(actor);
CREATE TABLE IF NOT EXISTS unresolved (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    reason TEXT,
    candidates TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS unresolved_article ON unresolved(article_id);
CREATE TABLE IF NOT EXISTS corrections (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    place_id TEXT,
    lat REAL,
    lon REAL,
    name TEXT,
    created_at TEXT NOT NULL,
    CHECK (place_id IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL))
);
"""
_TABLES = ("articles", "places", "mentions", "events", "unresolved", "corrections")


def default_db_path() -> Path:
    """The store used when none is named: ``$FLASHPOINTS_DB``, else the user data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("flashpoints")) / "flashpoints.sqlite"


# ------------------------------------------------------------------ errors

def _errname(err: BaseException) -> str:
    name = getattr(err, "sqlite_errorname", "") or ""
    if name:
        return name
    text = str(err).lower()
    for key, code in (("readonly", "SQLITE_READONLY"), ("read-only", "SQLITE_READONLY"),
                      ("not a database", "SQLITE_NOTADB"), ("locked", "SQLITE_BUSY"),
                      ("full", "SQLITE_FULL"), ("malformed", "SQLITE_CORRUPT"),
                      ("unable to open", "SQLITE_CANTOPEN")):
        if key in text:
            return code
    return ""


def _writable(path: Path) -> bool:
    """Whether this process may write the store file (or create it in its folder)."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return os.access(path.parent, os.W_OK)


def _explain(err: BaseException, path: Path, *, readonly: bool = False) -> str:
    """A one-line message for a failure on the store at ``path``."""
    code = _errname(err).split("_", 2)
    code_s = "_".join(code[:2])  # SQLITE_READONLY_DBMOVED -> SQLITE_READONLY
    where = str(path)
    if code_s == "SQLITE_READONLY":
        if readonly:
            return f"{where} was opened read-only; open it without readonly=True to write"
        return f"{where} is read-only; choose another with --db (or make it writable)"
    if code_s == "SQLITE_NOTADB":
        return f"{where} is not a Flashpoints store (not an SQLite database); choose another " \
               "with --db"
    if code_s in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return f"{where} is locked by another process; try again when it has finished, " \
               "or choose another with --db"
    if code_s == "SQLITE_FULL":
        return f"the disk holding {where} is full; free some space or choose another with --db"
    if code_s == "SQLITE_CORRUPT":
        return f"{where} is damaged ({err}); restore a backup or choose another with --db"
    if code_s in ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH") or isinstance(err, OSError):
        if not readonly and not _writable(path):
            return f"{where} is read-only; choose another with --db (or make it writable)"
        if readonly and not path.exists():
            return f"{where}: no such store; ingest articles into it first"
        detail = getattr(err, "strerror", None) or str(err)
        return f"cannot open the store {where} ({detail}); choose another with --db"
    if code_s == "SQLITE_IOERR":
        return f"cannot read or write {where} ({err}); check the disk, or choose another with --db"
    return f"store {where}: {err}"


# ------------------------------------------------------------------ values

def _scalar(value: Any) -> Any:
    """A value SQLite takes: None for NaN/NA, Python numbers, ISO text for dates."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes, list, tuple, dict)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def _day(value: Any) -> Any:
    """A date as ``YYYY-MM-DD`` (also from a datetime or pandas Timestamp)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return _scalar(value)


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return _scalar(value)


def _json_list(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "[]"
    if isinstance(value, str):
        return json.dumps([value])
    return json.dumps(_plain(list(value)), ensure_ascii=False)


def _wkt(geom: Any) -> str | None:
    if geom is None or (isinstance(geom, float) and math.isnan(geom)):
        return None
    import shapely

    # full precision: a geometry read back is equal to the one stored
    return shapely.to_wkt(geom, rounding_precision=-1)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# ------------------------------------------------------------------ the store

class Store:
    """The SQLite event store at ``path`` (default :func:`default_db_path`).

    Use it as a context manager, or call :meth:`close`. ``readonly=True`` opens
    the file with SQLite's ``mode=ro``: reading works, every write raises
    :class:`StoreError`, and a missing file is an error instead of being created.
    A file this process may not write is opened that way too (``file_readonly``),
    so a store on read-only media can still be drawn; writing to it raises
    "... is read-only; choose another with --db".
    ``timeout`` is how long a write waits for another process's transaction.
    """

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False,
                 timeout: float = BUSY_TIMEOUT) -> None:
        self.readonly = readonly
        self.timeout = float(timeout)
        memory = str(path) == ":memory:"
        self.path = Path(":memory:") if memory else \
            (Path(path).expanduser() if path else default_db_path())
        self._conn: sqlite3.Connection | None = None
        self._wkt_memo: dict[str, tuple[Any, str | None]] = {}
        #: True when the file itself cannot be written (then it is opened for reading only)
        self.file_readonly = False
        if not memory:
            self._check_path()
        with self._errors():
            if memory:
                self._open(sqlite3.connect(":memory:", isolation_level=None), memory=True)
                return
            try:
                self._open(self._connect("ro" if readonly else "rwc"))
            except sqlite3.Error as err:
                if readonly or _writable(self.path) or not self.path.is_file() or \
                        _errname(err).split("_")[1:2] not in (["CANTOPEN"], ["READONLY"],
                                                              ["PERM"]):
                    raise
                # the file is there but may not be written: open it for reading only
                # (immutable when not even SQLite's WAL index can be made beside it)
                self.readonly = self.file_readonly = True
                try:
                    self._open(self._connect("ro"))
                except sqlite3.Error as err2:
                    if _errname(err2).split("_")[1:2] not in (["CANTOPEN"], ["READONLY"]):
                        raise
                    self._open(self._connect("ro", immutable=True))

    def _check_path(self) -> None:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; give a file name such as "
                             f"{self.path / 'flashpoints.sqlite'} with --db")
        if self.readonly:
            if not self.path.exists():
                raise StoreError(f"{self.path}: no such store; ingest articles into it first")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            msg = f"cannot create the folder of the store {self.path} " \
                  f"({err.strerror or err}); choose another with --db"
            raise StoreError(msg) from err

    def _connect(self, mode: str, *, immutable: bool = False) -> sqlite3.Connection:
        uri = f"{self.path.resolve().as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
        return sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)

    def _open(self, conn: sqlite3.Connection, *, memory: bool = False) -> None:
        self._conn = conn
        try:
            self._setup(memory)
        except BaseException:
            self._conn = None
            conn.close()
            raise

    # -- plumbing

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (sqlite3.Error, OSError) as err:
            asked = self.readonly and not self.file_readonly
            raise StoreError(_explain(err, self.path, readonly=asked)) from err

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._conn

    def _setup(self, memory: bool) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # fails on a non-database
        conn.execute("PRAGMA foreign_keys = ON")
        if version > SCHEMA_VERSION:
            msg = (f"{self.path} was written by a newer Flashpoints (schema {version}, this "
                   f"one knows {SCHEMA_VERSION}); upgrade flashpoints or choose another with --db")
            raise StoreError(msg)
        if version == SCHEMA_VERSION:
            tables = self._tables()
            missing = [t for t in _TABLES if t not in tables]
            if missing:
                raise StoreError(f"{self.path} is damaged: table {missing[0]!r} is missing; "
                                 "restore a backup or choose another with --db")
        else:
            tables = self._tables()
            if tables and not set(tables) <= set(_TABLES):
                raise StoreError(f"{self.path} is an SQLite database but not a Flashpoints "
                                 "store; choose another with --db")
            if self.file_readonly:
                raise StoreError(f"{self.path} is read-only and holds no store yet; choose "
                                 "another with --db")
            if self.readonly:
                raise StoreError(f"{self.path} is an empty store (no schema yet) and was opened "
                                 "read-only; ingest articles into it first")
        if self.readonly:
            return
        if not memory:
            self._enable_wal()
            # in WAL mode NORMAL is safe against a crash of the process (not of the machine)
            conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            self._migrate()

    def _enable_wal(self) -> None:
        """Switch a new file to WAL. SQLite answers "locked" at once, without waiting,
        when another process opens the same new file at that moment: retry until the
        busy timeout (by then the other process may have switched it already)."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                    mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                    if str(mode).lower() != "wal":  # e.g. a file system without shared memory
                        log.warning("%s: WAL mode unavailable, journal mode is %s", self.path,
                                    mode)
                return
            except sqlite3.OperationalError as err:
                if _errname(err).split("_")[1:2] not in (["BUSY"], ["LOCKED"]) or \
                        time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _tables(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%'").fetchall()
        return [r[0] for r in rows]

    def _migrate(self) -> None:
        """Create the schema (or bring an older one up to date) in one transaction."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        conn.execute(stmt)
            # future migrations: ``if version < 2: ...``
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it."""
        if self.file_readonly:
            raise StoreError(f"{self.path} is read-only; choose another with --db (or make it "
                             "writable)")
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only; open it without "
                             "readonly=True to write")
        conn = self.conn
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise

    # -- life cycle

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                conn.close()
            except sqlite3.Error as err:  # pragma: no cover - close rarely fails
                log.warning("closing %s: %s", self.path, err)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', readonly=True' if self.readonly else ''})"

    # -- writing

    def add(self, article: Article, extraction: Extraction) -> bool:
        """Store one article with its places, events and unresolved mentions.

        All in one transaction. Returns False, and changes nothing, when the
        article (same text, same id) is already stored.
        """
        aid = article.id
        places = extraction.records("places")
        events = extraction.records("events")
        unresolved = extraction.records("unresolved")
        mentions = [(aid, str(p["id"]), str(m.get("text", "")), _scalar(m.get("start")),
                     _scalar(m.get("end")), _scalar(p.get("confidence")))
                    for p in places for m in (p.get("mentions") or [])]
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
                return False
            conn.execute(
                "INSERT INTO articles (id, title, published, source, text, words, events_count,"
                " mentions_count, unresolved_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (aid, article.title or "", _scalar(article.published), article.source or "",
                 article.text, article.words, len(events), len(mentions), len(unresolved),
                 _now()))
            place_geoms = self._insert_places(conn, places)
            conn.executemany('INSERT INTO mentions (article_id, place_id, text, "start", "end",'
                             " confidence) VALUES (?,?,?,?,?,?)", mentions)
            self._insert_events(conn, aid, events, place_geoms)
            self._insert_unresolved(conn, aid, unresolved)
        return True

    def _insert_places(self, conn: sqlite3.Connection,
                       places: list[dict[str, Any]]) -> dict[str, Any]:
        rows = []
        geoms: dict[str, Any] = {}
        for p in places:
            pid = str(p["id"])
            geom = geoms[pid] = p.get("geometry")
            rows.append((pid, str(p.get("name") or pid), _scalar(p.get("kind")),
                         _scalar(p.get("lat")), _scalar(p.get("lon")), _scalar(p.get("source")),
                         _scalar(p.get("source_id")), _json_list(p.get("country_codes")),
                         self._place_wkt(pid, geom)))
        # the last article's version of a place wins; an unchanged row is not rewritten
        sets = ", ".join(f"{c} = excluded.{c}" for c in _PLACE_FIELDS[1:])
        changed = " OR ".join(f"places.{c} IS NOT excluded.{c}" for c in _PLACE_FIELDS[1:])
        conn.executemany(
            f"INSERT INTO places ({', '.join(_PLACE_FIELDS)}) VALUES (?,?,?,?,?,?,?,?,?)"
            f" ON CONFLICT(id) DO UPDATE SET {sets} WHERE {changed}", rows)
        return geoms

    def _place_wkt(self, place_id: str, geom: Any) -> str | None:
        """WKT of a place's shape, remembered while the same shape object comes back
        (the gazetteer hands out the same Place objects: a country is written out once)."""
        seen = self._wkt_memo.get(place_id)
        if seen is not None and seen[0] is geom:
            return seen[1]
        wkt = _wkt(geom)
        if len(self._wkt_memo) > 20_000:
            self._wkt_memo.clear()
        self._wkt_memo[place_id] = (geom, wkt)
        return wkt

    def _insert_events(self, conn: sqlite3.Connection, article_id: str,
                       events: list[dict[str, Any]], place_geoms: Mapping[str, Any]) -> None:
        cols = [c for c in _EVENT_FIELDS if c != "article_id"]
        rows = []
        for e in events:
            geom = e.get("geometry")
            pid = e.get("place_id")
            shared = geom is not None and isinstance(pid, str) and pid in place_geoms and \
                _same_geometry(geom, place_geoms[pid])
            rows.append(tuple(_day(e.get(c)) if c in ("date_start", "date_end")
                              else _scalar(e.get(c)) for c in cols) +
                        (article_id, None if shared else _wkt(geom), int(shared)))
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" * (len(cols) + 3))
        conn.executemany(f"INSERT INTO events ({names}, article_id, wkt, geometry_from_place)"
                         f" VALUES ({marks})", rows)

    def _insert_unresolved(self, conn: sqlite3.Connection, article_id: str,
                           unresolved: list[dict[str, Any]]) -> None:
        conn.executemany(
            'INSERT INTO unresolved (article_id, text, "start", "end", reason, candidates)'
            " VALUES (?,?,?,?,?,?)",
            [(article_id, str(u.get("text") or ""), _scalar(u.get("start")),
              _scalar(u.get("end")), _scalar(u.get("reason")), _json_list(u.get("candidates")))
             for u in unresolved])

    def save_correction(self, text: str, *, place_id: str | None = None,
                        lat: float | None = None, lon: float | None = None,
                        name: str | None = None) -> None:
        """Remember that the mention ``text`` means gazetteer place ``place_id``, or a point.

        The key is the mention as the resolver normalises it (case, accents and
        dashes folded), so the fix applies wherever the name is written that way.
        """
        key = _correction_key(text)
        if not key:
            raise InputError("a correction needs the mention's text")
        if place_id:
            lat = lon = None
        elif lat is None or lon is None:
            raise InputError(f"correction for {text!r}: give a place id, or both latitude "
                             "and longitude")
        else:
            try:
                lat, lon = float(lat), float(lon)
            except (TypeError, ValueError) as err:
                raise InputError(f"correction for {text!r}: latitude/longitude {lat!r}, "
                                 f"{lon!r} are not numbers") from err
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise InputError(f"correction for {text!r}: latitude {lat} / longitude {lon} "
                                 "out of range (-90..90, -180..180)")
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO corrections (key, text, place_id, lat, lon, "
                         "name, created_at) VALUES (?,?,?,?,?,?,?)",
                         (key, text.strip(), place_id or None, lat, lon, name or None, _now()))

    def delete_correction(self, text: str) -> bool:
        """Forget the correction of ``text``; False when there was none."""
        with self._write() as conn:
            cur = conn.execute("DELETE FROM corrections WHERE key = ?", (_correction_key(text),))
            return cur.rowcount > 0

    # -- reading

    def has(self, article_id: str) -> bool:
        with self._errors():
            row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
        return row is not None

    def count(self) -> dict[str, int]:
        """Rows per table: ``articles``, ``places``, ``events``, ``unresolved``."""
        out = {}
        with self._errors():
            for table in ("articles", "places", "events", "unresolved"):
                out[table] = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        return out

    def articles(self) -> pd.DataFrame:
        """One row per stored article (without its text), in ingest order."""
        with self._errors():
            rows = self.conn.execute(
                f"SELECT {', '.join(_ARTICLE_FIELDS)} FROM articles ORDER BY rowid").fetchall()
        return pd.DataFrame(rows, columns=_ARTICLE_FIELDS)

    def article(self, article_id: str) -> Article | None:
        """The stored article ``article_id`` with its full text, or None."""
        with self._errors():
            row = self.conn.execute("SELECT text, title, published, source FROM articles "
                                    "WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def corrections(self) -> dict[str, dict[str, Any]]:
        """The user's corrections by normalised mention: ``place_id``, or ``lat``/``lon``/``name``.

        The resolver takes this mapping as it is (``extract(..., corrections=...)``).
        """
        with self._errors():
            rows = self.conn.execute("SELECT key, text, place_id, lat, lon, name, created_at "
                                     "FROM corrections ORDER BY key").fetchall()
        return {r[0]: {"text": r[1], "place_id": r[2], "lat": r[3], "lon": r[4], "name": r[5],
                       "created_at": r[6]} for r in rows}

    def load(self, *, article_ids: Iterable[str] | None = None, since: Any = None,
             until: Any = None, actors: Iterable[str] | None = None,
             types: Iterable[str] | None = None, with_articles: bool = False) -> Extraction:
        """The stored tables (all, or a selection) as an :class:`Extraction`.

        ``article_ids`` selects articles. ``since``/``until`` (ISO dates) keep the
        events whose date range meets the window (undated ones are kept),
        ``actors``/``types`` those of these actors and types, as
        :func:`flashpoints.table.filter_events` does. With any of these event
        filters, the places and unresolved mentions returned are those of the
        articles that still have an event, plus the places of the events kept.
        ``with_articles`` also fills ``Extraction.articles`` with the stored
        :class:`Article` objects (text included).
        """
        with self._errors():
            return self._load(article_ids=article_ids, since=since, until=until,
                              actors=actors, types=types, with_articles=with_articles)

    def _load(self, *, article_ids: Iterable[str] | None, since: Any, until: Any,
              actors: Iterable[str] | None, types: Iterable[str] | None,
              with_articles: bool) -> Extraction:
        conn = self.conn
        conn.execute("BEGIN")  # one snapshot for all the reads
        try:
            self._select_articles(conn, article_ids)
            where, params = _event_filter(since, until, actors, types)
            if where:
                conn.execute(f"DELETE FROM temp.sel WHERE id NOT IN (SELECT article_id FROM "
                             f"events e WHERE {where})", params)
            geoms = _GeometryCache(conn)
            places = self._load_places(conn, geoms)
            events = self._load_events(conn, where, params, geoms)
            if where:
                have = {p["id"] for p in places}
                places += self._load_event_places(conn, where, params, have, geoms)
            unresolved = self._load_unresolved(conn)
            arts: list[Any] = []
            if with_articles:
                arts = [_article(r) for r in conn.execute(
                    "SELECT a.text, a.title, a.published, a.source FROM articles a "
                    "JOIN temp.sel s ON s.id = a.id ORDER BY s.ord")]
        finally:
            _rollback(conn)
            conn.execute("DROP TABLE IF EXISTS temp.sel")
        return Extraction(places=frame(places, PLACE_COLUMNS),
                          events=frame(events, EVENT_COLUMNS),
                          unresolved=frame(unresolved, UNRESOLVED_COLUMNS), articles=arts)

    def _select_articles(self, conn: sqlite3.Connection, ids: Iterable[str] | None) -> None:
        """The chosen articles in a temporary table ``sel(id, ord)`` (ord: ingest order)."""
        conn.execute("DROP TABLE IF EXISTS temp.sel")
        conn.execute("CREATE TEMP TABLE sel (id TEXT PRIMARY KEY, ord INTEGER)")
        if ids is None:
            conn.execute("INSERT INTO temp.sel SELECT id, rowid FROM articles")
        else:
            wanted = [(str(i),) for i in ids]
            conn.execute("CREATE TEMP TABLE want (id TEXT PRIMARY KEY)")
            try:
                conn.executemany("INSERT OR IGNORE INTO temp.want VALUES (?)", wanted)
                conn.execute("INSERT INTO temp.sel SELECT a.id, a.rowid FROM articles a "
                             "JOIN temp.want w ON w.id = a.id")
            finally:
                conn.execute("DROP TABLE temp.want")

    def _load_places(self, conn: sqlite3.Connection,
                     geoms: "_GeometryCache") -> list[dict[str, Any]]:
        rows = conn.execute(
            # shapes are read once per place (geoms), not once per mention
            'SELECT p.id, p.name, p.kind, p.lat, p.lon, p.source, p.source_id, p.country_codes,'
            ' m.text, m."start", m."end", m.confidence FROM mentions m'
            " JOIN temp.sel s ON s.id = m.article_id JOIN places p ON p.id = m.place_id"
            " ORDER BY s.ord, m.rowid")
        out: dict[str, dict[str, Any]] = {}
        for (pid, name, kind, lat, lon, source, source_id, codes, text, start, end,
             conf) in rows:
            p = out.get(pid)
            if p is None:
                p = out[pid] = _place_row(pid, name, kind, lat, lon, source, source_id, codes,
                                          geoms.place(pid))
                p["confidence"] = conf
            elif conf is not None and (p["confidence"] is None or conf > p["confidence"]):
                p["confidence"] = conf
            p["mentions"].append({"text": text, "start": start, "end": end})
        return list(out.values())

    def _load_event_places(self, conn: sqlite3.Connection, where: str, params: list[Any],
                           have: set[str], geoms: "_GeometryCache") -> list[dict[str, Any]]:
        """Places the kept events point at that no kept article mentions (context places)."""
        rows = conn.execute(
            "SELECT DISTINCT p.id, p.name, p.kind, p.lat, p.lon, p.source, p.source_id,"
            " p.country_codes FROM events e JOIN temp.sel s ON s.id = e.article_id"
            f" JOIN places p ON p.id = e.place_id WHERE {where}", params)
        out = []
        for pid, name, kind, lat, lon, source, source_id, codes in rows.fetchall():
            if pid not in have:
                out.append(_place_row(pid, name, kind, lat, lon, source, source_id, codes,
                                      geoms.place(pid)))
                have.add(pid)
        return out

    def _load_events(self, conn: sqlite3.Connection, where: str, params: list[Any],
                     geoms: "_GeometryCache") -> list[dict[str, Any]]:
        cols = ", ".join(f'e."{c}"' for c in _EVENT_FIELDS)
        sql = (f"SELECT {cols}, e.wkt, e.geometry_from_place FROM events e"
               " JOIN temp.sel s ON s.id = e.article_id"
               + (f" WHERE {where}" if where else "") + " ORDER BY s.ord, e.rowid")
        out = []
        n = len(_EVENT_FIELDS)
        for row in conn.execute(sql, params).fetchall():
            rec = dict(zip(_EVENT_FIELDS, row[:n]))
            wkt, shared = row[n], row[n + 1]
            rec["geometry"] = geoms.place(rec["place_id"]) if shared else _parse_wkt(wkt)
            out.append(rec)
        return out

    def _load_unresolved(self, conn: sqlite3.Connection) -> list[dict[str, Any]]:
        rows = conn.execute('SELECT u.text, u."start", u."end", u.reason, u.candidates,'
                            " u.article_id FROM unresolved u JOIN temp.sel s ON s.id ="
                            " u.article_id ORDER BY s.ord, u.rowid")
        return [{"text": t, "start": a, "end": b, "reason": r,
                 "candidates": json.loads(c or "[]"), "article_id": aid}
                for t, a, b, r, c, aid in rows]


# ------------------------------------------------------------------ helpers

def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as err:  # the connection is broken; SQLite rolls back itself
            log.debug("rollback failed: %s", err)


def _same_geometry(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if b is None:
        return False
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - not shapely geometries: store the event's own
        return False


def _correction_key(text: str) -> str:
    from .gazetteer import norm  # the resolver looks corrections up by this key

    return norm(text or "")


def _article(row: Sequence[Any]) -> Article:
    text, title, published, source = row
    pub = dt.date.fromisoformat(published) if published else None
    return Article(text=text, title=title or "", published=pub, source=source or "")


def _place_row(pid: str, name: str, kind: str | None, lat: float | None, lon: float | None,
               source: str | None, source_id: str | None, codes: str | None,
               geometry: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "kind": kind, "lat": lat, "lon": lon, "mentions": [],
            "source": source, "source_id": source_id,
            "country_codes": json.loads(codes or "[]"), "confidence": None,
            "geometry": geometry}


def _event_filter(since: Any, until: Any, actors: Iterable[str] | None,
                  types: Iterable[str] | None) -> tuple[str, list[Any]]:
    """SQL over ``events e`` for the event filters (empty when there is none)."""
    parts: list[str] = []
    params: list[Any] = []
    if since is not None:
        parts.append("(e.date_end IS NULL OR e.date_end >= ?)")
        params.append(str(_scalar(since))[:10])
    if until is not None:
        parts.append("(e.date_start IS NULL OR e.date_start <= ?)")
        params.append(str(_scalar(until))[:10])
    for col, values in (("actor", actors), ("type", types)):
        if values is not None:
            vals = [str(v) for v in values]
            parts.append(f"e.{col} IN ({', '.join('?' * len(vals))})" if vals else "0")
            params += vals
    return " AND ".join(parts), params


class _GeometryCache:
    """Each place's shape, read and parsed once; its events share the same object."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._by_place: dict[str, Any] = {}

    def place(self, place_id: str | None) -> Any:
        if place_id is None:
            return None
        if place_id not in self._by_place:
            row = self._conn.execute("SELECT wkt FROM places WHERE id = ?",
                                     (place_id,)).fetchone()
            self._by_place[place_id] = _parse_wkt(row[0]) if row else None
        return self._by_place[place_id]


def _parse_wkt(wkt: str | None) -> Any:
    if not wkt:
        return None
    import shapely

    return shapely.from_wkt(wkt)
