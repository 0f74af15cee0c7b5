"""The records that pass between stages: plain frozen dataclasses.

Stages never hand each other string-keyed dicts; they hand these. The tables in
:mod:`flashpoints.table` are built from them and their columns are written down
once there.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Kinds of place the gazetteer knows. Points are cities/bases/ports/airports; lines are
#: borders/pipelines/rivers; polygons are countries/seas/regions.
PLACE_KINDS = (
    "country", "city", "region", "admin1", "admin2", "sea", "gulf", "strait", "lake", "river",
    "border", "pipeline", "base", "port", "airport", "training_ground", "continent", "island",
    "peninsula", "mountains", "bridge", "other",
)

#: Event types, documented in the README with an example each.
EVENT_TYPES = (
    "deployment", "exercise", "naval", "fortification", "border_control", "casualties",
    "threat", "statement", "diplomacy", "sanction", "annexation", "clash",
)

#: Date precisions, as in ACLED's time precision (coarse to fine is year..day).
PRECISIONS = ("day", "week", "month", "year", "unknown")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry with its real shape (``geometry`` is a shapely geometry)."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    geometry: Any
    source: str  # curated | geonames | naturalearth | ourairports | derived | nominatim | user
    source_id: str = ""
    country_codes: tuple[str, ...] = ()
    population: int = 0
    admin1: str = ""
    feature_code: str = ""


@dataclass(frozen=True)
class Mention:
    """A span of article text: a toponym, an actor or a temporal expression.

    ``start``/``end`` are character offsets into ``Article.text`` such that
    ``text == article.text[start:end]``.
    """

    text: str
    start: int
    end: int
    kind: str  # place | actor | date
    norm: str = ""  # normalised key: gazetteer lookup key, actor id, ...
    hint: str = ""  # e.g. "border", "demonym", "possessive", "sea-of"

    def __init__(self, text: str, start: int, end: int, kind: str, norm: str = "",
                 hint: str = ""):
        # written out: an article makes thousands of these, and a frozen
        # dataclass's own __init__ (object.__setattr__ per field) takes twice as long
        d = self.__dict__
        d["text"], d["start"], d["end"], d["kind"], d["norm"], d["hint"] = \
            text, start, end, kind, norm, hint


@dataclass(frozen=True)
class Resolution:
    """A toponym mention resolved (or not) to a place."""

    mention: Mention
    place: Place | None
    confidence: float
    candidates: tuple[str, ...] = ()  # ids of other candidates considered
    reason: str = ""  # why this candidate / why unresolved

    def __init__(self, mention: Mention, place: Place | None, confidence: float,
                 candidates: tuple[str, ...] = (), reason: str = ""):
        d = self.__dict__  # written out, as for Mention
        d["mention"], d["place"], d["confidence"], d["candidates"], d["reason"] = \
            mention, place, confidence, candidates, reason


@dataclass(frozen=True)
class DateRange:
    """A resolved temporal expression: inclusive ``start``..``end`` with a precision."""

    start: dt.date
    end: dt.date
    precision: str  # day | week | month | year | unknown
    text: str = ""
    offset: int = -1  # character offset in the article, -1 when not from text


@dataclass(frozen=True)
class Event:
    """One reported action, with the sentence that states it."""

    id: str
    actor: str
    type: str
    evidence: str
    evidence_start: int
    evidence_end: int
    date: DateRange
    place: Place | None = None
    origin: Place | None = None
    quantity: float | None = None
    unit: str = ""
    confidence: float = 0.5
    article_id: str = ""
    actor2: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
