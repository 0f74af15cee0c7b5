"""Place recognition on the held-out conflict articles (``bench/heldout/``).

The eight articles there were written for the project without looking at the
recogniser, with a gold list of the places a careful reader would map
(``gold.csv``) and of strings that are not places in context (``nonplaces.csv``:
people, ships, organisations, agencies...). For each article this prints the
gold places found at the right location (within 161 km of the gold point, or
inside the shape, or within 0.1 degree of it: the gold's precision, which matters
for a point "on the line" of a border or river), those found elsewhere, those missed (not found, or found but
unresolved), and the non-places returned as places; ``--details`` lists them.
A demonym that the list counts as a non-place ("British") but that we read as
its country on purpose (a modifier toponym, as GeoWebNews counts them) is
shown in its own column.

    .venv/bin/python bench/heldout.py [--details] [--dir bench/heldout]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shapely.geometry import Point  # noqa: E402

from flashpoints.article import read_article  # noqa: E402
from flashpoints.gazetteer import default_gazetteer, norm  # noqa: E402
from flashpoints.mentions import default_actors, find_mentions  # noqa: E402
from flashpoints.records import Place  # noqa: E402
from flashpoints.resolve import resolve_mentions  # noqa: E402

KM = 161
#: The gold coordinates' precision (degrees): a gold point this close to a shape is in it.
GOLD_PRECISION = 0.1
#: Lower-case words opening a gold name ("northern Kosovo", "south Lebanon").
_LOWER_HEAD_RE = re.compile(r"^(?:[a-z]+ )+(?=[A-Z])")
#: Lower-case words ending a mention ("river", "training ground", "province").
_LOWER_TAIL_RE = re.compile(r"(?: [a-z]+)+$")


def _rows(path: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["sample"], []).append(row)
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geopy.distance import great_circle

    return great_circle(a, b).km


def score(art_path: Path, gold: list[dict[str, str]], nonplaces: list[dict[str, str]],
          gaz, actors) -> dict[str, list[str]]:
    """Found / elsewhere / missed gold places and non-places returned, by name."""
    text = read_article(art_path).text
    ms = find_mentions(text, gaz, actors, with_dates=False)
    by_place: dict[str, tuple[set[str], Place]] = {}
    demonyms: set[str] = set()  # demonyms read as their country ("British" -> UK)
    for r in resolve_mentions(ms, gaz, text=text, actors=actors):
        if r.place is not None:
            texts = by_place.setdefault(r.place.id, (set(), r.place))[0]
            texts.add(norm(r.mention.text))
            texts.add(norm(r.place.name))  # "South Korean" puts South Korea on the map
            # "Siverskyi Donets river" is a mention of the gold "Siverskyi Donets"
            texts.add(norm(_LOWER_TAIL_RE.sub("", r.mention.text)))
            texts.add(norm(_LOWER_HEAD_RE.sub("", r.mention.text)))  # "the Polish border"
            if r.mention.hint == "demonym":
                demonyms.add(norm(r.mention.text))
    places = list(by_place.values())  # (mention texts, place)
    res = {"found": [], "elsewhere": [], "missed": [], "nonplace": [], "demonym": []}
    for g in gold:
        forms = {norm(f) for a in [g["name"], *g["aliases"].split("|")] if a
                 # "northern Kosovo": "Kosovo"; "Jabalia refugee camp": "Jabalia"
                 for f in (a, _LOWER_HEAD_RE.sub("", a), _LOWER_TAIL_RE.sub("", a))}
        pt = (float(g["lat"]), float(g["lon"]))
        hits = [p for texts, p in places if texts & forms]
        if not hits:
            res["missed"].append(g["name"])
        elif any(_km(pt, (p.lat, p.lon)) <= KM or
                 p.geometry.distance(Point(pt[1], pt[0])) <= GOLD_PRECISION for p in hits):
            res["found"].append(g["name"])
        else:
            p = hits[0]
            res["elsewhere"].append(f"{g['name']} -> {p.name} ({p.kind}, "
                                    f"{'/'.join(p.country_codes)}) {_km(pt, (p.lat, p.lon)):.0f} km")
    gold_forms = {norm(a) for g in gold for a in [g["name"], *g["aliases"].split("|")] if a}
    for n in nonplaces:
        t = norm(n["text"])
        if t in gold_forms:
            continue  # the same word is also a place in this article ("Berdyansk")
        if t in demonyms:
            res["demonym"].append(n["text"])
        elif any(t in texts for texts, _ in places):
            res["nonplace"].append(n["text"])
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=str(ROOT / "bench" / "heldout"))
    ap.add_argument("--details", action="store_true", help="list each miss and mistake")
    args = ap.parse_args()
    folder = Path(args.dir)
    gold, non = _rows(folder / "gold.csv"), _rows(folder / "nonplaces.csv")
    gaz, actors = default_gazetteer(), default_actors()
    tot = {"found": 0, "elsewhere": 0, "missed": 0, "nonplace": 0, "demonym": 0, "gold": 0,
           "non": 0}
    print(f"{'article':<44} {'gold':>5} {'found':>6} {'elsewhere':>10} {'missed':>7} "
          f"{'non-places returned':>20} {'demonyms':>9}")
    for sample in sorted(gold):
        r = score(folder / sample, gold[sample], non.get(sample, []), gaz, actors)
        for k in ("found", "elsewhere", "missed", "nonplace", "demonym"):
            tot[k] += len(r[k])
        tot["gold"] += len(gold[sample])
        tot["non"] += len(non.get(sample, []))
        print(f"{sample[:44]:<44} {len(gold[sample]):>5} {len(r['found']):>6} "
              f"{len(r['elsewhere']):>10} {len(r['missed']):>7} "
              f"{len(r['nonplace']):>13} of {len(non.get(sample, [])):>3} {len(r['demonym']):>9}")
        if args.details:
            for k in ("elsewhere", "missed", "nonplace", "demonym"):
                for item in r[k]:
                    print(f"    {k:<9} {item}")
    print(f"{'all':<44} {tot['gold']:>5} {tot['found']:>6} {tot['elsewhere']:>10} "
          f"{tot['missed']:>7} {tot['nonplace']:>13} of {tot['non']:>3} {tot['demonym']:>9}")
    print(f"found at the right location: {tot['found'] / tot['gold']:.1%}; "
          f"non-places returned as places: {tot['nonplace']} of {tot['non']} (and "
          f"{tot['demonym']} demonyms the list counts as non-places, read as their country "
          "by design: 'British destroyer' names the UK as a modifier)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
