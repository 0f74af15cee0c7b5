"""The whole flow for one article: mentions -> resolve -> events -> tables.

``extract`` is a pure function of one article (plus read-only data), so many
articles can be processed in a process pool (or a Dask bag) with the same call.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .article import Article, from_text, iter_paths, read_article
from .errors import FlashpointsError
from .gazetteer import Gazetteer, default_gazetteer
from .mentions import ActorIndex, default_actors, find_mentions
from .records import Resolution
from .resolve import Fallback, resolve_mentions, resolutions_by_place
from .records import Place
from .table import Extraction, PlacesTable

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
    # (the tables are built when first read: ingest stores the rows as they are)
    return Extraction.from_rows(place_rows(res), ev_rows, unresolved_rows(res, article.id),
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


def read_articles(files: Iterable[str | Path], *, published: dt.date | str | None = None,
                  on_error: Callable[[str, FlashpointsError], None] | None = None
                  ) -> Iterator[Article]:
    """Each file read as an :class:`Article`, one at a time; a file that cannot be
    read is reported to ``on_error`` and skipped (without ``on_error``: raised)."""
    for f in files:
        try:
            yield read_article(f, published=published)
        except FlashpointsError as err:
            if on_error is None:
                raise
            on_error(str(f), err)


def extract_paths(paths: Sequence[str], *, published: dt.date | str | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  on_error: Callable[[str, FlashpointsError], None] | None = None,
                  jobs: int = 1, **kwargs: Any) -> Iterator[tuple[Article, Extraction]]:
    """Extract every article file under ``paths``, in file order; a failing file
    is reported and skipped. ``jobs`` > 1 extracts that many at a time (see
    :func:`extract_articles`)."""
    files = list(iter_paths(list(paths)))
    if workers(jobs, len(files), **kwargs) > 1:
        # the workers are handed the texts: every file is read first
        arts = list(read_articles(files, published=published, on_error=on_error))
        step = (lambda n, total, art: progress(n, total, art.source)) if progress else None
        yield from extract_articles(arts, jobs=jobs, progress=step, on_error=on_error,
                                    **kwargs)
        return
    # one process: read and extract file by file (one article in memory at a time)
    for n, f in enumerate(files, 1):
        if progress:
            progress(n, len(files), str(f))
        yield from extract_articles(list(read_articles([f], published=published,
                                                       on_error=on_error)),
                                    on_error=on_error, **kwargs)


#: What the worker processes of :func:`extract_articles` extract with (set in the
#: parent before the pool starts; a forked worker inherits it with the loaded
#: gazetteer, which is never pickled).
_JOB: dict[str, Any] = {}


def _extract_job(art: Article) -> tuple[Extraction | None, FlashpointsError | None]:
    try:
        return extract(art, **_JOB), None
    except FlashpointsError as err:
        return None, err


def workers(jobs: int, n: int, **kwargs: Any) -> int:
    """How many processes :func:`extract_articles` uses for ``n`` articles: ``jobs``
    (0: one per CPU core), at most ``n``, and 1 where processes cannot share the
    loaded gazetteer (no ``fork``) or with the online geocoder (its rate limit
    and cache live in one process)."""
    import multiprocessing as mp
    import os

    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, not {jobs}")
    if kwargs.get("online") is not None or "fork" not in mp.get_all_start_methods():
        return 1
    return max(1, min(jobs, n))


def extract_articles(articles: Sequence[Article], *, jobs: int = 1,
                     progress: Callable[[int, int, Article], None] | None = None,
                     on_error: Callable[[str, FlashpointsError], None] | None = None,
                     **kwargs: Any) -> Iterator[tuple[Article, Extraction]]:
    """:func:`extract` over many articles, in their order.

    With ``jobs`` > 1 (0: one per CPU core) the articles are extracted in that
    many forked processes; the results are the same as one by one. ``progress``
    is called with (done, total, article) as each result comes in.
    """
    n = workers(jobs, len(articles), **kwargs)
    total = len(articles)
    if n <= 1:
        for k, art in enumerate(articles, 1):
            if progress:
                progress(k, total, art)
            try:
                yield art, extract(art, **kwargs)
            except FlashpointsError as err:
                if on_error is None:
                    raise
                on_error(art.source or art.id, err)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    kw = dict(kwargs)
    kw.setdefault("gazetteer", default_gazetteer())  # loaded once, here, before the fork
    kw.setdefault("actors", default_actors())
    _JOB.clear()
    _JOB.update(kw)
    # a few articles per task: fewer round trips, still an even share of the work
    chunk = max(1, min(16, total // (4 * n)))
    # the loaded gazetteer leaves the collector's sight before the fork: a full
    # collection in a worker would touch (and so copy) every page of it
    gc.freeze()
    try:
        with ProcessPoolExecutor(n, mp_context=mp.get_context("fork")) as pool:
            for k, (art, (x, err)) in enumerate(
                    zip(articles, pool.map(_extract_job, articles, chunksize=chunk)), 1):
                if progress:
                    progress(k, total, art)
                if err is not None:
                    if on_error is None:
                        raise err
                    on_error(art.source or art.id, err)
                    continue
                assert x is not None
                yield art, x
    finally:
        gc.unfreeze()
        _JOB.clear()


def extract_all(paths: Iterable[str], **kwargs: Any) -> Extraction:
    """One merged Extraction of many article files."""
    return Extraction.concat(x for _, x in extract_paths(list(paths), **kwargs))
