"""How long the app takes from a filter change to the re-drawn map.

A filter change in the page runs: filter the events (appdata.shown), count the
timeline, build the table view, build the folium map and render its offline
page (appdata.map_html). This times those steps on synthetic tables of 1,000
and 10,000 events (EVENT_COLUMNS, points and a few polygons over Eastern
Europe), for three filter changes. Prints figures; it is not a test.

    .venv/bin/python bench/app.py [N ...]
"""
from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from typing import Any, Callable

from shapely.geometry import Point, box

from flashpoints import appdata as ad
from flashpoints.records import EVENT_TYPES
from flashpoints.table import EVENT_COLUMNS, PLACE_COLUMNS, Extraction, frame

ACTORS = ["Russia", "Ukraine", "NATO", "Poland", "Belarus", "United States", "Germany",
          "Lithuania", ""]
PRECISIONS = ["day"] * 6 + ["week", "month", "unknown"]
START = dt.date(2021, 10, 1)


def synthetic(n_events: int, n_places: int = 200, seed: int = 7) -> Extraction:
    """``n_events`` events on ``n_places`` places (every tenth a polygon)."""
    rnd = random.Random(seed)
    places = []
    for i in range(n_places):
        lat, lon = rnd.uniform(44, 56), rnd.uniform(20, 42)
        geom = box(lon - 0.6, lat - 0.4, lon + 0.6, lat + 0.4) if i % 10 == 0 else Point(lon, lat)
        places.append({"id": f"p{i}", "name": f"Place {i}", "kind": "region" if i % 10 == 0
                       else "city", "lat": lat, "lon": lon,
                       "mentions": [{"text": f"Place {i}", "start": 0, "end": 7}],
                       "source": "curated", "source_id": f"p{i}", "country_codes": ["UA"],
                       "confidence": rnd.uniform(0.3, 1.0), "geometry": geom})
    events = []
    for i in range(n_events):
        p = places[rnd.randrange(n_places)]
        o = places[rnd.randrange(n_places)] if rnd.random() < 0.2 else None
        prec = rnd.choice(PRECISIONS)
        start = START + dt.timedelta(days=rnd.randrange(75))
        end = start + dt.timedelta(days={"week": 6, "month": 29}.get(prec, 0))
        events.append({
            "id": f"e{i:06d}", "actor": rnd.choice(ACTORS), "actor2": "",
            "type": rnd.choice(EVENT_TYPES), "quantity": rnd.choice([None, 3, 800, 8500]),
            "unit": "troops", "place_id": p["id"], "place": p["name"], "place_kind": p["kind"],
            "lat": p["lat"], "lon": p["lon"], "origin_id": o["id"] if o else None,
            "origin": o["name"] if o else None, "origin_lat": o["lat"] if o else None,
            "origin_lon": o["lon"] if o else None, "date_start": start.isoformat(),
            "date_end": end.isoformat(), "date_precision": prec,
            "evidence": f"Synthetic sentence {i} about troops near {p['name']}.",
            "evidence_start": 0, "evidence_end": 40, "confidence": rnd.uniform(0.4, 1.0),
            "article_id": f"a{i % 50}", "source": "bench", "title": "Synthetic",
            "geometry": p["geometry"]})
    return Extraction(places=frame(places, PLACE_COLUMNS), events=frame(events, EVENT_COLUMNS))


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def filter_change(data: Extraction, filters: ad.Filters) -> dict[str, float]:
    """Seconds per step of one re-render under ``filters``."""
    t_filter, view = timed(lambda: ad.shown(data, filters))
    t_side, _ = timed(lambda: (ad.timeline(view.events), ad.table_view(view.events),
                               ad.option_counts(data.events, "actor")))
    t_map, page = timed(lambda: ad.map_html(view), repeat=1 if len(view.events) > 5000 else 2)
    return {"events": len(view.events), "filter": t_filter, "chart+table": t_side,
            "map": t_map, "total": t_filter + t_side + t_map, "kb": len(page) / 1024}


def page_rerun(data: Extraction) -> tuple[float, float]:
    """Seconds for the whole page script (streamlit AppTest, no browser) to re-run after
    the actor filter changes: to a filter not seen before (the map is drawn), and to
    one seen before (the map page comes from st.cache_data). Medians of four actors."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=600).run()
    at.sidebar.radio(key="source").set_value("Upload").run()  # nothing uploaded: keeps data
    at.session_state["fp_batch"] = ad.Batch(data=data, origin="synthetic")
    at.session_state["fp_gen"] = 1000
    at.run()

    def select(actor: str) -> float:
        t = time.perf_counter()
        at.sidebar.multiselect(key="actors1000").set_value([actor]).run()
        return time.perf_counter() - t

    new = [select(a) for a in ACTORS[:4]]
    seen = [select(a) for a in ACTORS[:4]]
    assert not at.exception, at.exception
    return statistics.median(new), statistics.median(seen)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1_000, 10_000]
    changes = {
        "no filter": ad.Filters(),
        "actor=Russia": ad.Filters(actors=("Russia",)),
        "two weeks, dated": ad.Filters(since=dt.date(2021, 11, 1), until=dt.date(2021, 11, 14),
                                       include_undated=False),
    }
    print(f"{'events':>7} {'filter':<18} {'shown':>6} {'filter s':>9} {'chart+table s':>14} "
          f"{'map+html s':>11} {'total s':>8} {'page KB':>8}")
    for n in sizes:
        data = synthetic(n)
        ad.map_html(ad.shown(data, ad.Filters(actors=("Poland",))))  # warm up imports/assets
        for name, f in changes.items():
            r = filter_change(data, f)
            print(f"{n:>7} {name:<18} {r['events']:>6} {r['filter']:>9.3f} "
                  f"{r['chart+table']:>14.3f} {r['map']:>11.3f} {r['total']:>8.3f} "
                  f"{r['kb']:>8.0f}")
    print("\nwhole page script after an actor change (AppTest, server side, no browser)")
    for n in sizes:
        first, again = page_rerun(synthetic(n))
        print(f"{n:>7} events: {first:.2f} s new filter, {again:.2f} s filter seen before "
              "(map page from st.cache_data)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
