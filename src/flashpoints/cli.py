"""Command line: ``flashpoints extract | ingest | map | geocode | app``.

A thin shell over the package: parse options, call package functions, print.
Errors of the FlashpointsError family are printed on one line (exit code 1).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .errors import FlashpointsError, InputError

EPILOG = """examples:
  flashpoints extract data/samples/border-standoff-2021-11-15.md
  flashpoints extract article.html --published 2021-11-15 --format csv -o events.csv
  flashpoints ingest articles/ --db news.sqlite
  flashpoints map data/samples/ -o map.html --png map.png --actor Russia
  flashpoints map --db news.sqlite -o map.html --since 2021-11-01
  flashpoints geocode "Sea of Azov"
  flashpoints app data/samples/border-standoff-2021-11-15.md
"""


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes "
                                         "(0 for one per CPU core)")
    return n


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2021-11-15") from err


class _Progress:
    """A one-line progress bar on stderr for runs over many files."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.tty = sys.stderr.isatty()

    def __call__(self, n: int, total: int, name: str) -> None:
        if not self.enabled or total < 2:
            return
        width = 30
        done = int(width * n / total)
        line = f"[{'#' * done}{'.' * (width - done)}] {n}/{total} {Path(name).name[:40]}"
        if self.tty:
            sys.stderr.write("\r" + line.ljust(100))
            if n == total:
                sys.stderr.write("\n")
        elif n == total or n % max(1, total // 20) == 0 or n == 1:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date (default: found in the article header)")
    p.add_argument("--places", action="append", default=[], metavar="CSV",
                   help="extra places file in the data/places.csv format (repeatable)")
    p.add_argument("--online", action="store_true",
                   help="ask Nominatim (OpenStreetMap) for places the offline gazetteer "
                        "cannot resolve (off by default; needs internet)")
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="extract N articles at a time in separate processes (0: one per "
                        "CPU core; default 1). The results are the same; each process "
                        "holds its own copy of what it changes of the gazetteer's memory")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashpoints", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn news about military deployments and border flashpoints into a "
                    "dated, geocoded table and an offline map.", epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"flashpoints {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="places and events of articles as GeoJSON/CSV/table",
                       description="Read articles (.txt, .md, .html or folders of them) and "
                                   "print their places and events.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--format", choices=("geojson", "json", "csv", "table", "places-csv"),
                   default="geojson",
                   help="geojson: place and event features; json: places, events and "
                        "unresolved mentions as plain records; csv: events (ACLED-like); "
                        "places-csv; table: readable text (default: geojson)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _common(p)

    p = sub.add_parser("ingest", help="store articles, places and events in SQLite",
                       description="Extract articles and store them in the SQLite event store. "
                                   "Re-ingesting an article changes nothing.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--db", metavar="FILE", help="database file (default: user data folder)")
    _common(p)

    p = sub.add_parser("map", help="an offline HTML map (and PNG/GeoJSON/CSV snapshots)",
                       description="Draw articles (or the store with --db) on an offline map.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    p.add_argument("--db", metavar="FILE", help="read events from this store")
    p.add_argument("-o", "--output", default="map.html", metavar="FILE",
                   help="HTML file to write (default: map.html)")
    p.add_argument("--png", metavar="FILE", help="also save a PNG picture (needs chromium)")
    p.add_argument("--geojson", metavar="FILE", help="also save what the map shows as GeoJSON")
    p.add_argument("--csv", metavar="FILE", help="also save the shown events as CSV")
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="events from this day")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="events up to this day")
    p.add_argument("--actor", action="append", metavar="NAME", help="only these actors")
    p.add_argument("--type", action="append", metavar="TYPE", help="only these event types")
    p.add_argument("--tiles", choices=("none", "osm"), default="none",
                   help="basemap: our offline outlines (none) or OpenStreetMap tiles (osm)")
    p.add_argument("--chromium", metavar="PATH", help="chromium binary for --png")
    _common(p)

    p = sub.add_parser("geocode", help="look a place name up in the offline gazetteer")
    p.add_argument("query", help='a place name, e.g. "Sea of Azov" or "Polish-Belarusian border"')
    p.add_argument("--all", action="store_true", help="list every candidate")

    p = sub.add_parser("app", help="open the Streamlit app in a browser")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article to open first")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--db", metavar="FILE", help="store to use")
    return parser


def _extract_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    from .gazetteer import Gazetteer

    kw: dict[str, Any] = {"published": args.published}
    if args.places:
        kw["gazetteer"] = Gazetteer(extra_places=args.places)
    if args.online:
        from .online import OnlineGeocoder

        kw["online"] = OnlineGeocoder()
    return kw


def _extract_many(args: argparse.Namespace) -> Any:
    from .pipeline import extract_paths
    from .table import Extraction

    from .article import iter_paths

    errors: list[str] = []
    several = len(list(iter_paths(args.paths))) > 1

    def on_error(path: str, err: FlashpointsError) -> None:
        msg = str(err)
        errors.append(msg)
        if several:  # one file alone: its error is the command's error, said once
            print(f"flashpoints: skipped: {msg}", file=sys.stderr)

    parts = [x for _, x in extract_paths(args.paths, progress=_Progress(True),
                                         on_error=on_error, jobs=args.jobs,
                                         **_extract_kwargs(args))]
    if not parts:
        if errors:
            raise InputError(errors[0] if len(errors) == 1
                             else f"no article could be read ({len(errors)} errors)")
        raise InputError("no article files (.txt, .md, .html) found in "
                         + ", ".join(args.paths))
    return Extraction.concat(parts)


def cmd_extract(args: argparse.Namespace) -> int:
    x = _extract_many(args)
    if args.format == "geojson":
        out = x.to_geojson(per_line=True)
    elif args.format == "json":
        out = x.to_json()
    elif args.format == "csv":
        out = x.to_csv()
    elif args.format == "places-csv":
        out = x.places.drop(columns=["geometry"]).to_csv(index=False)
    else:
        out = _table_text(x)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
        print(f"wrote {args.output}: {len(x.places)} places, {len(x.events)} events, "
              f"{len(x.unresolved)} unresolved", file=sys.stderr)
    else:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _table_text(x: Any) -> str:
    lines = [f"{len(x.places)} places"]
    for r in x.places.itertuples():
        lines.append(f"  {r.name:<32} {r.kind:<10} {r.geometry.geom_type:<16} "
                     f"{r.lat:8.3f} {r.lon:8.3f}  {r.source:<12} x{len(r.mentions)}")
    lines.append(f"{len(x.events)} events")
    for r in x.events.itertuples():
        q = f"{r.quantity:g} {r.unit}" if r.quantity == r.quantity and r.quantity else ""
        place = r.place if isinstance(r.place, str) else "-"
        actor = r.actor if isinstance(r.actor, str) and r.actor else "?"
        lines.append(f"  {r.date_start} {r.date_precision:<7} {actor:<16} "
                     f"{r.type:<14} {place[:28]:<28} {q}")
    if len(x.unresolved):
        lines.append(f"{len(x.unresolved)} unresolved mentions")
        for r in x.unresolved.itertuples():
            lines.append(f"  {r.text!r} at {r.start}: {r.reason}")
    return "\n".join(lines) + "\n"


def cmd_ingest(args: argparse.Namespace) -> int:
    from .article import iter_paths
    from .pipeline import extract_articles, read_articles
    from .store import Store

    files = list(iter_paths(args.paths))
    if not files:
        raise InputError("no article files (.txt, .md, .html) found in " + ", ".join(args.paths))
    kw = _extract_kwargs(args)
    published = kw.pop("published", None)
    progress = _Progress(True)
    added = skipped = failed = 0

    def on_error(name: str, err: FlashpointsError) -> None:
        nonlocal failed
        failed += 1
        print(f"flashpoints: skipped: {err}", file=sys.stderr)

    with Store(args.db) as store:
        corr = store.corrections()
        todo: list[Any] = []
        ids: set[str] = set()
        for art in read_articles(files, published=published, on_error=on_error):
            if art.id in ids or store.has(art.id):
                skipped += 1  # stored already, or the same text twice in this run
            else:
                ids.add(art.id)
                todo.append(art)
        for art, x in extract_articles(
                todo, jobs=args.jobs, corrections=corr, on_error=on_error,
                progress=lambda n, total, a: progress(n, total, a.source), **kw):
            if store.add(art, x):
                added += 1
            else:
                skipped += 1
        counts = store.count()
        where = store.path
    print(f"ingested {added} new, {skipped} already stored, {failed} failed; store {where} "
          f"holds {counts['articles']} articles, {counts['events']} events, "
          f"{counts['places']} places", file=sys.stderr)
    return 1 if failed and not added and not skipped else 0


def cmd_map(args: argparse.Namespace) -> int:
    from . import export
    from .maps import build_map
    from .table import Extraction

    if args.db or not args.paths:
        from .store import Store

        if not args.db and not args.paths:
            raise InputError("nothing to draw: give article PATHs or --db FILE")
        with Store(args.db) as store:
            data = store.load()
        if args.paths:
            data = Extraction.concat([data, _extract_many(args)])
    else:
        data = _extract_many(args)
    filters = dict(since=args.since, until=args.until, actors=args.actor, types=args.type)
    m = build_map(data, tiles=args.tiles, **filters)
    path = export.save_html(m, args.output)
    shown = _shown(data, filters)
    print(f"wrote {path} ({path.stat().st_size:,} bytes, {shown} events)", file=sys.stderr)
    if args.geojson:
        export.save_geojson(data, args.geojson, **filters)
        print(f"wrote {args.geojson}", file=sys.stderr)
    if args.csv:
        export.save_csv(data, args.csv, **filters)
        print(f"wrote {args.csv}", file=sys.stderr)
    if args.png:
        export.save_png(path, args.png, chromium=args.chromium)
        print(f"wrote {args.png}", file=sys.stderr)
    return 0


def _shown(data: Any, filters: dict[str, Any]) -> int:
    from .table import filter_events

    return len(filter_events(data.events, **filters))


def cmd_geocode(args: argparse.Namespace) -> int:
    from .gazetteer import OfflineGeocoder

    geo = OfflineGeocoder()
    found = geo.geocode(args.query, exactly_one=not args.all)
    if not found:
        print(f"flashpoints: {args.query!r} is not in the offline gazetteer", file=sys.stderr)
        return 1
    for loc in (found if isinstance(found, list) else [found]):
        raw = loc.raw
        print(json.dumps({"name": raw["name"], "kind": raw["kind"], "lat": loc.latitude,
                          "lon": loc.longitude, "source": raw["source"], "id": raw["id"],
                          "country_codes": raw["country_codes"],
                          "geometry": raw["wkt"].split(" (")[0]}, ensure_ascii=False))
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    app = Path(__file__).resolve().parents[2] / "app.py"
    if not app.exists():
        raise InputError(f"{app}: the Streamlit app file is missing")
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port),
           "--browser.gatherUsageStats", "false", "--"]
    cmd += list(args.paths)
    if args.db:
        cmd += ["--db", args.db]
    return subprocess.call(cmd)


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "map": cmd_map,
            "geocode": cmd_geocode, "app": cmd_app}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="flashpoints: %(levelname)s: %(message)s")
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except FlashpointsError as err:
        print(f"flashpoints: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("flashpoints: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - a bug still gets one readable line
        if args.verbose:
            raise
        print(f"flashpoints: internal error: {type(err).__name__}: {err} "
              "(run with -v for details, and please report it)", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
