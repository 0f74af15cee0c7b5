"""Map build and draw speed for 1,000 / 10,000 / 100,000 synthetic events.

For each size prints: the seconds ``build_map`` + rendering the page take in
Python, the size of the HTML, whether markers were aggregated (and into how
many), and two draw figures from headless Chromium (network blocked):
``page`` is the page's own timer (from our script's start to the first frame
after every layer is built, written into the DOM by ``assets/flashpoints.js``),
``chromium`` is the wall time of a whole ``--screenshot`` run (start-up
included). The basemap is derived once per process; its cold cost is printed
separately.

    .venv/bin/python bench/map.py [--sizes 1000,10000,100000] [--png-dir DIR]

Not a test: nothing is asserted.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shapely.geometry import LineString, Point, Polygon  # noqa: E402

from flashpoints import assets  # noqa: E402
from flashpoints.errors import ExportError  # noqa: E402
from flashpoints.export import dump_dom, render_html, save_png  # noqa: E402
from flashpoints.maps import build_map  # noqa: E402
from flashpoints.table import EVENT_COLUMNS, PLACE_COLUMNS, Extraction, frame  # noqa: E402

ACTORS = ["Russia", "Belarus", "Ukraine", "Poland", "NATO", "United States",
          "United Kingdom", "Germany", "Lithuania", "Latvia", "Turkey", "Moldova"]
TYPES = ["deployment", "exercise", "naval", "fortification", "border_control", "casualties",
         "threat", "statement", "diplomacy", "sanction", "annexation", "clash"]
CAPITALS = {"Russia": (55.75, 37.62), "Belarus": (53.9, 27.56), "Ukraine": (50.45, 30.52),
            "Poland": (52.23, 21.01), "United States": (38.9, -77.04)}
SENTENCE = ("{actor} said on {date} that about {q:,} troops of the {n}th brigade had moved to "
            "positions near {place}, in what officials described as a routine rotation.")


def synthetic(n: int, *, seed: int = 7, n_places: int = 300, days: int = 365) -> Extraction:
    """``n`` events at ``n_places`` places of eastern Europe over ``days`` days."""
    rnd = random.Random(seed)
    places = [{"id": "border-x", "name": "Border X", "kind": "border", "lat": 52.5,
               "lon": 23.6, "geometry": LineString([(23.5, 54.0), (23.9, 52.5), (23.6, 51.4)]),
               "source": "derived", "mentions": [], "country_codes": ["PL", "BY"],
               "confidence": 0.9},
              {"id": "sea-x", "name": "Sea X", "kind": "sea", "lat": 43.2, "lon": 34.0,
               "geometry": Polygon([(28, 41.5), (41, 41.5), (41, 46), (28, 46)]),
               "source": "curated", "mentions": [], "country_codes": [], "confidence": 0.9}]
    spots = []
    for i in range(n_places):
        lat, lon = rnd.uniform(44, 58), rnd.uniform(18, 42)
        spots.append((f"city-{i}", f"Town {i}", lat, lon))
        if i < 50:
            places.append({"id": f"city-{i}", "name": f"Town {i}", "kind": "city", "lat": lat,
                           "lon": lon, "geometry": Point(lon, lat), "source": "geonames",
                           "mentions": [], "country_codes": [], "confidence": 0.8})
    rows = []
    for i in range(n):
        actor = ACTORS[min(int(rnd.expovariate(0.35)), len(ACTORS) - 1)]
        etype = rnd.choice(TYPES)
        pid, pname, lat, lon = spots[min(int(rnd.expovariate(0.02)), n_places - 1)]
        day = rnd.randrange(days)
        date = f"{2021 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}"
        origin = CAPITALS.get(actor) if etype == "deployment" and rnd.random() < 0.5 else None
        q = rnd.choice([0, 0, 500, 1200, 8000])
        rows.append({
            "id": f"ev-{i}", "actor": actor, "type": etype, "quantity": q or None,
            "unit": "troops" if q else "", "place_id": pid, "place": pname, "place_kind": "city",
            "lat": lat, "lon": lon, "origin_lat": origin[0] if origin else None,
            "origin_lon": origin[1] if origin else None, "origin": actor if origin else None,
            "date_start": date, "date_end": date,
            "date_precision": "unknown" if rnd.random() < 0.03 else "day",
            "evidence": SENTENCE.format(actor=actor, date=date, q=q, n=i % 90, place=pname),
            "confidence": 0.7, "article_id": f"a{i // 20}", "source": f"articles/{i // 20}.md",
            "title": f"Article {i // 20}",
        })
    return Extraction(places=frame(places, PLACE_COLUMNS), events=frame(rows, EVENT_COLUMNS))


def draw(html_path: Path, png_dir: Path | None, n: int) -> tuple[float | None, float | None]:
    """(page timer ms, chromium screenshot wall s); None when Chromium is missing."""
    try:
        dom = dump_dom(html_path, budget_ms=15000)
    except ExportError as err:
        print(f"  (no draw figures: {err})")
        return None, None
    m = re.search(r'data-fp-draw-ms="([0-9.]+)"', dom)
    page_ms = float(m.group(1)) if m else None
    png = (png_dir or html_path.parent) / f"map-{n}.png"
    t = time.perf_counter()
    save_png(html_path, png, budget_ms=15000)
    return page_ms, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--png-dir", type=Path, default=None,
                    help="keep the screenshots here (default: a temporary folder)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    t = time.perf_counter()
    base = assets.basemap()
    cold = time.perf_counter() - t
    print(f"basemap (countries.csv -> simplified GeoJSON, once per process): {cold:.2f} s, "
          f"{len(base[0]) if base else 0:,} bytes")
    print(f"{'events':>8} {'build s':>8} {'HTML MB':>8} {'markers':>9} {'page ms':>8} "
          f"{'chromium s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            data = synthetic(n)
            t = time.perf_counter()
            m = build_map(data)
            page = render_html(m)
            build = time.perf_counter() - t
            path = Path(tmp) / f"map-{n}.html"
            path.write_text(page, encoding="utf-8")
            markers = page.count('"type":"Point"')  # event + place points
            agg = re.search(r"events drawn as one marker per place, (\w+)", page)
            page_ms, wall = draw(path, args.png_dir, n)
            label = f"{markers:,}" + (f" ({agg.group(1)})" if agg else "")
            print(f"{n:>8,} {build:>8.2f} {len(page.encode()) / 1e6:>8.2f} {label:>9} "
                  f"{page_ms if page_ms is not None else float('nan'):>8.0f} "
                  f"{wall if wall is not None else float('nan'):>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
