"""Extraction speed and accuracy, side by side with the peers geotext and flashgeotext.

Prints words/s for place extraction (recognition + resolution to real shapes)
and for full extraction (places + events) over a corpus of at least 1 MB built
from the bundled samples (``tools/build_corpus.py``), the same for geotext and
flashgeotext on the same corpus in the same run, the cold and warm gazetteer
load times, and each tool's accuracy on the annotated samples
(``bench/samples_gold.csv``: the places a reader finds in each sample).

    .venv/bin/python bench/extract.py [--corpus DIR] [--rounds N]

The tools take turns, round after round over the whole corpus (so a busy
machine slows them alike), and each row shows the first pass, the best round
and the median round in words/s. For flashpoints the first pass also fills the
caches an ingest builds as it goes (each distinct capitalised run analysed once,
the reading of each unambiguous name, shapes parsed on first use); the later
rounds show the steady state of a long run. The peers keep no such state.

The sample corpus repeats five articles, so after the first five every
capitalised run has been analysed before: it flatters the caches. The last
table therefore runs place extraction and flashgeotext over real news of many
sources, the 906 articles of the public geoparsing corpora in
``../shared/geoparsing`` (read there, never copied), where most runs are new:
the first pass is what a user extracting fresh articles gets.
"""
from __future__ import annotations

import argparse
import csv
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from flashpoints.article import read_article  # noqa: E402
from flashpoints.gazetteer import default_gazetteer, norm  # noqa: E402
from flashpoints.mentions import default_actors, find_mentions  # noqa: E402
from flashpoints.pipeline import extract  # noqa: E402
from flashpoints.resolve import resolve_mentions  # noqa: E402

GOLD = ROOT / "bench" / "samples_gold.csv"
#: Lower-case words ending a mention ("range", "training ground").
_LOWER_TAIL_RE = re.compile(r"(?: [a-z]+)+$")


def corpus(path: Path) -> list[str]:
    if not path.exists() or not any(path.iterdir()):
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_corpus.py"), "--out",
                        str(path)], check=True, stdout=subprocess.DEVNULL)
    return [read_article(p).text for p in sorted(path.glob("*.md"))]


def real_news(folder: Path) -> list[str]:
    """The texts of the public geoparsing corpora (empty when they are not there)."""
    import xml.etree.ElementTree as ET

    texts: list[str] = []
    for name in ("lgl.xml", "GWN.xml", "TR-News.xml"):
        if (folder / name).exists():
            texts += [a.findtext("text") or "" for a in ET.parse(folder / name).getroot()
                      .iter("article")]
    return texts


def load_times() -> tuple[float, float]:
    """Cold (empty cache: the index is built) and warm gazetteer loads, in fresh processes."""
    code = ("import time; t=time.perf_counter(); from flashpoints.gazetteer import Gazetteer; "
            "Gazetteer(); print(time.perf_counter()-t)")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, FLASHPOINTS_CACHE=tmp, PYTHONPATH=str(ROOT / "src"))
        cold = float(subprocess.check_output([sys.executable, "-c", code], env=env))
        warm = float(subprocess.check_output([sys.executable, "-c", code], env=env))
    return cold, warm


def seconds(fn, texts: list[str]) -> float:
    """Seconds for one pass of ``fn`` over every text."""
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2 +
         math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def gold() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    if GOLD.exists():
        with GOLD.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out.setdefault(row["sample"], []).append(row)
    return out


def accuracy(gaz, actors, flash, geotext_cls) -> None:
    g = gold()
    if not g:
        print("no bench/samples_gold.csv: accuracy skipped")
        return
    tot = {"ours": [0, 0, 0], "geotext": [0, 0, 0], "flashgeotext": [0, 0, 0]}
    for sample, rows in sorted(g.items()):
        art = read_article(ROOT / "data" / "samples" / sample)
        names = {norm(r["name"]) for r in rows}
        aliases = {norm(a) for r in rows for a in [r["name"], *r["aliases"].split("|")] if a}
        # ours: found at the right place (within 161 km or inside the shape)
        x = extract(art, gazetteer=gaz, actors=actors, events=False)
        found = set()
        extra = 0
        for p in x.places.itertuples():
            # ("Brestsky range" is a mention of the gold "Brestsky")
            texts = {norm(t) for m in p.mentions for t in (m["text"],
                                                          _LOWER_TAIL_RE.sub("", m["text"]))}
            hit = [r for r in rows if texts & {norm(a) for a in [r["name"], *r["aliases"].split("|")] if a}]
            if not hit:
                extra += 1
                continue
            for r in hit:
                from shapely.geometry import Point

                pt = (float(r["lat"]), float(r["lon"]))
                if km(pt, (p.lat, p.lon)) <= 161 or p.geometry.buffer(0.05).contains(
                        Point(pt[1], pt[0])):
                    found.add(norm(r["name"]))
        tot["ours"][0] += len(found)
        tot["ours"][1] += len(names)
        tot["ours"][2] += extra
        # peers: names only (they return no coordinates or shapes)
        gt = geotext_cls(art.text)
        peer = {norm(n) for n in [*gt.cities, *gt.countries]}
        tot["geotext"][0] += len({r_n for r_n in names if any(
            norm(a) in peer for r in rows if norm(r["name"]) == r_n
            for a in [r["name"], *r["aliases"].split("|")] if a)})
        tot["geotext"][1] += len(names)
        tot["geotext"][2] += len(peer - aliases)
        fr = flash.extract(input_text=art.text, span_info=True)
        fpeer = {norm(f) for kind in fr.values() for v in kind.values() for f in v["found_as"]}
        tot["flashgeotext"][0] += len({r_n for r_n in names if any(
            norm(a) in fpeer for r in rows if norm(r["name"]) == r_n
            for a in [r["name"], *r["aliases"].split("|")] if a)})
        tot["flashgeotext"][1] += len(names)
        tot["flashgeotext"][2] += len(fpeer - aliases)
    print(f"\naccuracy on {len(g)} annotated samples ({sum(len(v) for v in g.values())} places):")
    print(f"  {'tool':<13} {'found':>6} {'of':>4} {'share':>6} {'not-a-gold-place':>17}")
    for tool, (ok, n, extra) in tot.items():
        note = "(at the right location)" if tool == "ours" else "(name only: no location)"
        print(f"  {tool:<13} {ok:>6} {n:>4} {ok / n:6.1%} {extra:>17}  {note}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "bench" / ".corpus"))
    ap.add_argument("--rounds", type=int, default=3, help="passes over the corpus per tool")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "geoparsing"),
                    help="folder of the public geoparsing corpora (real news of many sources)")
    args = ap.parse_args()

    cold, warm = load_times()
    texts = corpus(Path(args.corpus))
    size = sum(len(t.encode()) for t in texts)
    words = sum(len(t.split()) for t in texts)
    gaz, actors = default_gazetteer(), default_actors()
    from flashgeotext.geotext import GeoText as FlashGeoText
    from geotext import GeoText

    flash = FlashGeoText()
    extract(texts[0], gazetteer=gaz, actors=actors)  # imports and lazy set-up

    def places_only(t: str) -> None:
        ms = find_mentions(t, gaz, actors, with_dates=False)
        resolve_mentions(ms, gaz, text=t, actors=actors)

    tools = [
        ("flashpoints places (recognise + resolve to shapes)", places_only),
        ("flashpoints full (places + dates + events)",
         lambda t: extract(t, gazetteer=gaz, actors=actors)),
        ("geotext (city/country names only)", GeoText),
        ("flashgeotext (city/country names only)", lambda t: flash.extract(input_text=t)),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in tools}
    for _ in range(max(1, args.rounds)):
        for name, fn in tools:
            times[name].append(seconds(fn, texts))
    print(f"corpus: {len(texts)} articles, {size / 1e6:.2f} MB, {words:,} words; "
          f"{max(1, args.rounds)} rounds")
    print(f"gazetteer load: cold {cold:.2f} s (index built), warm {warm:.2f} s")
    print(f"  {'words/s':<52} {'first':>10} {'best':>10} {'median':>10}")
    for name, _ in tools:
        t = times[name]
        print(f"  {name:<52} {words / t[0]:>10,.0f} {words / min(t):>10,.0f} "
              f"{words / statistics.median(t):>10,.0f}")
    cores = os.cpu_count() or 1
    if cores > 1:
        # a folder's articles in forked processes (``--jobs``): the full extraction only
        from flashpoints.article import from_text
        from flashpoints.pipeline import extract_articles

        arts = [from_text(t) for t in texts]
        par = []
        for _ in range(max(1, args.rounds)):
            t0 = time.perf_counter()
            for _x in extract_articles(arts, jobs=cores, gazetteer=gaz, actors=actors):
                pass
            par.append(time.perf_counter() - t0)
        name = f"flashpoints full, {cores} processes (--jobs {cores})"
        print(f"  {name:<52} {words / par[0]:>10,.0f} {words / min(par):>10,.0f} "
              f"{words / statistics.median(par):>10,.0f}  (pool start included)")
    real = real_news(Path(args.real))
    if real:
        rwords = sum(len(t.split()) for t in real)
        rt: dict[str, list[float]] = {name: [] for name, _ in tools[::3]}
        for _ in range(max(1, args.rounds)):
            for name, fn in tools[::3]:  # flashpoints places, flashgeotext
                rt[name].append(seconds(fn, real))
        print(f"\nreal news: {len(real)} articles of the public geoparsing corpora, "
              f"{sum(len(t.encode()) for t in real) / 1e6:.2f} MB, {rwords:,} words "
              "(first pass: most capitalised runs new to the caches)")
        print(f"  {'words/s':<52} {'first':>10} {'best':>10} {'median':>10}")
        for name, t in rt.items():
            print(f"  {name:<52} {rwords / t[0]:>10,.0f} {rwords / min(t):>10,.0f} "
                  f"{rwords / statistics.median(t):>10,.0f}")
    accuracy(gaz, actors, flash, GeoText)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
