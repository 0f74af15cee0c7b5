"""The whole flow for one article: mentions -> resolve -> events -> tables.

``extract`` is a pure function of one article (plus read-only data), so many
articles can be processed in a process pool (or a Dask bag) with the same call.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .article import Article, from_text, iter_paths, read_article
from .errors import FlashpointsError
from .gazetteer import Gazetteer, default_gazetteer
from .mentions import ActorIndex, default_actors, find_mentions
from .records import Resolution
from .resolve import Fallback, resolve_mentions, resolutions_by_place
from .records import Place
from .table import (EVENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS, Extraction, PlacesTable,
                    frame)

log = logging.getLogger(__name__)


def place_rows(res: Sequence[Resolution]) -> list[dict[str, Any]]:
    """One row per resolved place, with all its mentions."""
    rows = []
    for pid, group in resolutions_by_place(res).items():
        p = group[0].place
        assert p is not None
        rows.append({
            "id": pid, "name": p.name, "kind": p.kind, "lat": round(p.lat, 5),
            "lon": round(p.lon, 5),
            "mentions": [{"text": r.mention.text, "start": r.mention.start,
                          "end": r.mention.end} for r in group],
            "source": p.source, "source_id": p.source_id,
            "country_codes": list(p.country_codes),
            "confidence": max(r.confidence for r in group), "geometry": p.geometry,
        })
    return rows


def unresolved_rows(res: Sequence[Resolution], article_id: str) -> list[dict[str, Any]]:
    return [{"text": r.mention.text, "start": r.mention.start, "end": r.mention.end,
             "reason": r.reason, "candidates": list(r.candidates), "article_id": article_id}
            for r in res if r.place is None]


def extract(article: Article | str, *, published: dt.date | str | None = None,
            gazetteer: Gazetteer | None = None, actors: ActorIndex | None = None,
            online: Fallback | None = None, corrections: Mapping[str, Any] | None = None,
            events: bool = True) -> Extraction:
    """Places (with real geometry), events and unresolved mentions of one article."""
    if isinstance(article, str):
        article = from_text(article, published=published)
    elif published is not None:
        from dataclasses import replace

        from .article import _as_date

        article = replace(article, published=_as_date(published))
    gaz = gazetteer or default_gazetteer()
    acts = actors if actors is not None else default_actors()
    ments = find_mentions(article.text, gaz, acts, published=article.published,
                          with_dates=events)  # only events are dated
    res = resolve_mentions(ments, gaz, text=article.text, actors=acts, online=online,
                           corrections=corrections)
    ev_rows: list[dict[str, Any]] = []
    if events:
        from .events import event_rows, extract_events

        ev_rows = event_rows(extract_events(article, ments, res, gaz, acts), article)
    return Extraction(places=frame(place_rows(res), PLACE_COLUMNS),
                      events=frame(ev_rows, EVENT_COLUMNS),
                      unresolved=frame(unresolved_rows(res, article.id), UNRESOLVED_COLUMNS),
                      articles=[article])


def extract_places(article: Article | str, *, published: dt.date | str | None = None,
                   gazetteer: Gazetteer | None = None, actors: ActorIndex | None = None,
                   online: Fallback | None = None,
                   corrections: Mapping[str, Any] | None = None) -> PlacesTable:
    """The places of one article (text or :class:`Article`) with their real
    geometry, as a :class:`PlacesTable`; what could not be placed is in its
    ``unresolved`` table. Dates and events are not looked for (faster than
    :func:`extract`)."""
    x = extract(article, published=published, gazetteer=gazetteer, actors=actors,
                online=online, corrections=corrections, events=False)
    return PlacesTable.of(x.places, x.unresolved)


def geocode(name: str, *, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place a bare name most likely means ("Kyiv", "Sea of Azov", "the
    Polish-Belarusian border"), offline; None when the gazetteer does not know it.
    Within an article, :func:`extract_places` reads the context too."""
    got = (gazetteer or default_gazetteer()).geocode(name, limit=1)
    return got[0] if got else None


def extract_paths(paths: Sequence[str], *, published: dt.date | str | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  on_error: Callable[[str, FlashpointsError], None] | None = None,
                  **kwargs: Any) -> Iterator[tuple[Article, Extraction]]:
    """Extract every article file under ``paths``; a failing file is reported and skipped."""
    files = list(iter_paths(list(paths)))
    for n, f in enumerate(files, 1):
        if progress:
            progress(n, len(files), str(f))
        try:
            art = read_article(f, published=published)
            yield art, extract(art, **kwargs)
        except FlashpointsError as err:
            if on_error is None:
                raise
            on_error(str(f), err)


def extract_all(paths: Iterable[str], **kwargs: Any) -> Extraction:
    """One merged Extraction of many article files."""
    return Extraction.concat(x for _, x in extract_paths(list(paths), **kwargs))
