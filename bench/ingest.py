"""Ingest speed of the SQLite event store.

Makes N small synthetic articles (made-up sentences about made-up and real
places), extracts each one, stores them in a temporary store, and prints
articles/s for extraction and for storing, events stored vs extracted, a
second (idempotent) pass, a full ``load()``, the file size and the peak RSS.

The extractor is a parameter: ``--extractor real`` uses
``flashpoints.pipeline.extract``; ``synthetic`` builds tables directly
(points, border lines and sea polygons, 1-6 events per article) so the figure
is the store's alone; ``auto`` (default) takes the real one when it imports.

    .venv/bin/python bench/ingest.py [--n 10000] [--extractor synthetic] [--processes 2]
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import os
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shapely.geometry import LineString, Point, Polygon  # noqa: E402

from flashpoints.article import Article  # noqa: E402
from flashpoints.store import Store  # noqa: E402
from flashpoints.table import (EVENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS,  # noqa: E402
                               Extraction, frame)

Extract = Callable[[Article], Extraction]

ACTORS = ["Russia", "Ukraine", "Belarus", "Poland", "NATO", "United States", "Lithuania"]
VERBS = {"deployment": "deployed {q} troops to", "exercise": "held drills near",
         "naval": "sent {q} warships to", "border_control": "closed crossings on",
         "statement": "warned about", "fortification": "built trenches along"}
DAYS = ["on Sunday", "last week", "on Tuesday", "in late October", "this month", "yesterday"]

# (id, name, kind, geometry, country codes): a few of each shape
POOL: list[tuple[str, str, str, Any, tuple[str, ...]]] = [
    ("black-sea", "Black Sea", "sea",
     Polygon([(27.5, 41.0), (41.7, 41.0), (41.7, 46.6), (27.5, 46.6)]), ()),
    ("sea-of-azov", "Sea of Azov", "sea",
     Polygon([(34.8, 45.3), (39.3, 45.3), (39.3, 47.3), (34.8, 47.3)]), ()),
    ("border-by-pl", "Belarus-Poland border", "border",
     LineString([(23.5, 52.1), (23.7, 52.6), (23.9, 53.2), (23.6, 53.9)]), ("BY", "PL")),
    ("border-by-lt", "Belarus-Lithuania border", "border",
     LineString([(23.5, 53.9), (24.4, 54.1), (25.6, 54.3), (26.6, 55.3)]), ("BY", "LT")),
    ("kyiv", "Kyiv", "city", Point(30.5234, 50.4501), ("UA",)),
    ("kharkiv", "Kharkiv", "city", Point(36.2304, 49.9935), ("UA",)),
    ("minsk", "Minsk", "city", Point(27.5667, 53.9), ("BY",)),
    ("brest", "Brest", "city", Point(23.7, 52.1), ("BY",)),
    ("vilnius", "Vilnius", "city", Point(25.2797, 54.6872), ("LT",)),
    ("rostov", "Rostov-on-Don", "city", Point(39.7015, 47.2364), ("RU",)),
]


def make_articles(n: int, seed: int = 7) -> list[Article]:
    """``n`` distinct short articles, 3-8 sentences each, dated in 2021."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        sentences = []
        for _ in range(rnd.randint(3, 8)):
            etype = rnd.choice(list(VERBS))
            verb = VERBS[etype].format(q=f"{rnd.randint(2, 90) * 100:,}")
            sentences.append(f"{rnd.choice(ACTORS)} {verb} {rnd.choice(POOL)[1]} "
                             f"{rnd.choice(DAYS)}.")
        sentences.append(f"(Dispatch {i}.)")  # every text, hence every id, is distinct
        out.append(Article(text=" ".join(sentences), title=f"Dispatch {i}",
                           published=dt.date(2021, 1, 1) + dt.timedelta(days=i % 330),
                           source=f"bench/{i}.txt"))
    return out


def synthetic_extract(article: Article) -> Extraction:
    """Tables shaped like the pipeline's, from the article's own sentences."""
    rnd = random.Random(article.id)
    places: dict[str, dict[str, Any]] = {}
    events = []
    for n, sentence in enumerate(article.text.split(". "), 1):
        for pid, name, kind, geom, codes in POOL:
            start = article.text.find(name)
            if name not in sentence or start < 0:
                continue
            c = geom.representative_point()
            p = places.setdefault(pid, {
                "id": pid, "name": name, "kind": kind, "lat": round(c.y, 5),
                "lon": round(c.x, 5), "mentions": [], "source": "curated", "source_id": pid,
                "country_codes": list(codes), "confidence": 0.9, "geometry": geom})
            p["mentions"].append({"text": name, "start": start, "end": start + len(name)})
            etype = next((t for t, v in VERBS.items() if v.split()[0] in sentence), "statement")
            day = (article.published or dt.date(2021, 1, 1)) - dt.timedelta(days=rnd.randint(0, 6))
            events.append({
                "id": f"{article.id}-{n:03d}", "actor": sentence.split()[0], "actor2": "",
                "type": etype, "quantity": float(rnd.randint(2, 90) * 100), "unit": "troops",
                "place_id": pid, "place": name, "place_kind": kind, "lat": p["lat"],
                "lon": p["lon"], "origin_id": None, "origin": None, "origin_lat": None,
                "origin_lon": None, "date_start": day.isoformat(), "date_end": day.isoformat(),
                "date_precision": "day", "evidence": sentence, "evidence_start": 0,
                "evidence_end": len(sentence), "confidence": 0.7, "article_id": article.id,
                "source": article.source, "title": article.title, "geometry": geom})
            break
    unresolved = [{"text": "Dispatch", "start": article.text.rfind("Dispatch"),
                   "end": article.text.rfind("Dispatch") + 8, "reason": "not a place",
                   "candidates": [], "article_id": article.id}] if rnd.random() < 0.3 else []
    return Extraction(places=frame(places.values(), PLACE_COLUMNS),
                      events=frame(events, EVENT_COLUMNS),
                      unresolved=frame(unresolved, UNRESOLVED_COLUMNS), articles=[article])


def choose_extractor(name: str) -> tuple[str, Extract]:
    if name in ("auto", "real"):
        try:
            from flashpoints.pipeline import extract
        except ImportError as err:
            if name == "real":
                raise SystemExit(f"the real extractor does not import: {err}") from err
        else:
            return "flashpoints.pipeline.extract", extract
    return "synthetic", synthetic_extract


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), in MB."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return float("nan")


#: RSS samples taken during the last single-process run: (articles done, MB).
RSS_SAMPLES: list[tuple[int, float]] = []


def _worker(db: str, articles: list[Article], extractor: str) -> tuple[int, int, float, float]:
    _, extract = choose_extractor(extractor)
    t_ex = t_st = 0.0
    events = added = 0
    marks = {max(1, len(articles) * k // 10) for k in range(1, 11)}
    RSS_SAMPLES.clear()
    with Store(db) as store:
        for done, art in enumerate(articles, 1):
            t0 = time.perf_counter()
            x = extract(art)
            t1 = time.perf_counter()
            added += store.add(art, x)
            t_st += time.perf_counter() - t1
            t_ex += t1 - t0
            events += len(x.events)
            if done in marks:
                RSS_SAMPLES.append((done, rss_mb()))
    return added, events, t_ex, t_st


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles (default 1000)")
    ap.add_argument("--extractor", choices=("auto", "real", "synthetic"), default="auto")
    ap.add_argument("--processes", type=int, default=1, help="ingest processes (default 1)")
    ap.add_argument("--db", help="store file (default: a temporary one)")
    args = ap.parse_args(argv)

    label, extract = choose_extractor(args.extractor)
    articles = make_articles(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.sqlite"
        print(f"{args.n:,} articles ({sum(a.words for a in articles) / args.n:.0f} words each), "
              f"extractor {label}, {args.processes} process(es), store {db}")
        if label != "synthetic":
            t0 = time.perf_counter()
            extract(articles[0])  # the gazetteer loads once, outside the figures
            print(f"  first call (loads the gazetteer): {time.perf_counter() - t0:.2f} s")

        t0 = time.perf_counter()
        if args.processes <= 1:
            results = [_worker(str(db), articles, args.extractor)]
        else:
            with Store(db):
                pass  # create the schema once
            chunks = [articles[i::args.processes] for i in range(args.processes)]
            with mp.get_context("fork").Pool(args.processes) as pool:
                results = pool.starmap(_worker, [(str(db), c, args.extractor) for c in chunks])
        wall = time.perf_counter() - t0
        added = sum(r[0] for r in results)
        expected = sum(r[1] for r in results)
        t_ex = sum(r[2] for r in results)
        t_st = sum(r[3] for r in results)

        with Store(db) as store:
            counts = store.count()
            empty = Extraction()
            t1 = time.perf_counter()
            again = sum(store.add(a, empty) for a in articles)
            t_again = time.perf_counter() - t1
            t2 = time.perf_counter()
            loaded = store.load()
            t_load = time.perf_counter() - t2
        size = sum(f.stat().st_size for f in db.parent.glob(db.name + "*"))

    print(f"  extract: {args.n / t_ex:,.0f} articles/s ({t_ex:.2f} s inside extract)")
    print(f"  store.add: {args.n / t_st:,.0f} articles/s ({t_st:.2f} s, one transaction each)")
    print(f"  overall: {args.n / wall:,.0f} articles/s ({wall:.2f} s wall)")
    print(f"  stored {added:,} articles, {counts['events']:,} events "
          f"(expected {expected:,}: {'ok' if counts['events'] == expected else 'MISMATCH'}), "
          f"{counts['places']:,} places, {counts['unresolved']:,} unresolved")
    print(f"  re-ingest: {again} added in {t_again:.2f} s ({args.n / t_again:,.0f} articles/s)")
    print(f"  load(): {len(loaded.events):,} events, {len(loaded.places):,} places "
          f"in {t_load:.2f} s")
    print(f"  store file (with WAL): {size / 1e6:.1f} MB")
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"  peak RSS: {rss / 1024:.0f} MB")
    if RSS_SAMPLES:
        print("  RSS while ingesting (articles done: MB): " +
              ", ".join(f"{n:,}: {mb:.0f}" for n, mb in RSS_SAMPLES))
    return 0 if counts["events"] == expected and added == args.n and again == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
