"""How extraction time grows with the size of an article, stage by stage, and on
texts built to make regular expressions backtrack.

Prints figures only (tests never assert on time). Linear code shows a ratio of
about 2 when the size doubles; a ratio near 4 means the stage grows with the
square of the length, which a multi-MB article (or a hostile one of tens of kB)
turns into minutes or hours.

    .venv/bin/python bench/robustness.py            # all
    .venv/bin/python bench/robustness.py --quick    # smaller sizes
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from typing import Callable

#: Written for the benchmark (no third-party text).
PARAGRAPH = (
    "Belarus sent 500 border guards to the Polish-Belarusian border on Sunday, "
    "and Poland moved troops near Brest. Russian warships sailed into the Black Sea "
    "last week, the navy in Kyiv said.\n\n"
)
#: Units repeated to make a regex retry every start against every end.
BACKTRACK_UNITS: dict[str, tuple[str, str, str]] = {
    # name: (prefix, unit, suffix)
    "dotted initials 'U.S.U.S...'": ("", "U.S.", ""),
    "initials 'A.A.A...'": ("", "A.", ""),
    "apostrophes \"A'A'A...\"": ("", "A'", ""),
    "'its long long ... borde'": ("its ", "long ", "borde"),
    "'its 1-kilometer ... frontie'": ("its ", "1-kilometer ", "frontie"),
}


def _time(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def stages(sizes: list[int]) -> None:
    from flashpoints.article import from_text
    from flashpoints.events import event_rows, extract_events
    from flashpoints.gazetteer import default_gazetteer
    from flashpoints.mentions import default_actors, find_mentions
    from flashpoints.resolve import resolve_mentions

    gaz, actors = default_gazetteer(), default_actors()
    warm = from_text(PARAGRAPH, markup="text", published=dt.date(2021, 11, 15))
    ms0 = find_mentions(warm.text, gaz, actors, published=warm.published)  # lazy loads
    extract_events(warm, ms0, resolve_mentions(ms0, gaz, text=warm.text, actors=actors),
                   gaz, actors)
    print("wire text, repeated paragraph: seconds per stage (ratio to the previous size)")
    print(f"{'chars':>10} {'mentions':>16} {'resolve':>16} {'events':>16} {'places':>8} "
          f"{'events':>8}")
    prev: list[float] | None = None
    for n in sizes:
        text = PARAGRAPH * max(1, n // len(PARAGRAPH))
        art = from_text(text, markup="text", published=dt.date(2021, 11, 15))
        t_m, ms = _time(lambda: find_mentions(art.text, gaz, actors, published=art.published))
        t_r, res = _time(lambda: resolve_mentions(ms, gaz, text=art.text, actors=actors))
        t_e, evs = _time(lambda: event_rows(extract_events(art, ms, res, gaz, actors), art))
        now = [t_m, t_r, t_e]
        cells = []
        for i, t in enumerate(now):
            ratio = f"(x{t / prev[i]:.1f})" if prev and prev[i] > 0.005 else ""
            cells.append(f"{t:8.2f} {ratio:>7}")
        print(f"{len(text):>10,} {cells[0]} {cells[1]} {cells[2]} {len(ms.places):>8,} "
              f"{len(evs):>8,}", flush=True)
        prev = now


def backtracking(reps: list[int]) -> None:
    from flashpoints.article import from_text
    from flashpoints.pipeline import extract

    print("\ntexts that make regexes backtrack: seconds for the whole extraction")
    for name, (pre, unit, post) in BACKTRACK_UNITS.items():
        cells = []
        prev = None
        for n in reps:
            text = pre + unit * n + post
            t, _ = _time(lambda: extract(from_text(text, markup="text",
                                                   published="2021-11-15")))
            ratio = f"(x{t / prev:.1f})" if prev and prev > 0.005 else ""
            cells.append(f"{len(text):>7,} chars {t:7.2f} s {ratio:>7}")
            prev = t
        print(f"  {name:<32} " + " | ".join(cells), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes")
    args = ap.parse_args(argv)
    if args.quick:
        stages([25_000, 50_000, 100_000])
        backtracking([500, 1000, 2000])
    else:
        stages([50_000, 100_000, 200_000, 400_000, 800_000])
        backtracking([1000, 2000, 4000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
