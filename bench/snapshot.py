"""Snapshot of every answer the recogniser and resolver give, to prove that a
change meant to be answer-preserving (speed, clean-up) is.

Runs place extraction (recognition + resolution, as ``bench/extract.py``
times it) over the samples, the held-out sets and the public geoparsing corpora
in ``../shared/geoparsing`` and writes one JSON line per document: every place,
actor, ship and other mention (offsets, key, hint) and every resolution (place
id, confidence, reason, candidates). ``--compare OLD NEW`` prints how many
documents differ and the first differences.

    .venv/bin/python bench/snapshot.py [-o /tmp/snap.jsonl]
    .venv/bin/python bench/snapshot.py --compare /tmp/before.jsonl /tmp/after.jsonl

The file quotes corpus text: keep it outside the project, never commit it.
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from flashpoints.article import read_article  # noqa: E402
from flashpoints.gazetteer import default_gazetteer  # noqa: E402
from flashpoints.mentions import default_actors, find_mentions  # noqa: E402
from flashpoints.resolve import resolve_mentions  # noqa: E402

CORPORA = ("lgl.xml", "GWN.xml", "TR-News.xml")


def documents(shared: Path):
    """(name, text) of every document the snapshot covers."""
    folders = [ROOT / "data" / "samples", *sorted((ROOT / "bench").glob("heldout*/"))]
    for folder in folders:
        for path in sorted(folder.glob("*.md")):
            if path.name.lower() != "readme.md":
                yield f"{folder.name}/{path.name}", read_article(path).text
    for name in CORPORA:
        path = shared / name
        if path.exists():
            for i, art in enumerate(ET.parse(path).getroot().iter("article")):
                yield f"{name}#{i}", art.findtext("text") or ""


def answers(text: str, gaz, actors) -> dict:
    ms = find_mentions(text, gaz, actors, with_dates=False)
    res = resolve_mentions(ms, gaz, text=text, actors=actors)

    def spans(items):
        return [[m.start, m.end, m.kind, m.norm, m.hint] for m in items]

    return {
        "places": spans(ms.places), "actors": spans(ms.actors), "ships": spans(ms.ships),
        "others": spans(ms.others),
        "resolved": [[r.mention.start, r.place.id if r.place is not None else None,
                      r.confidence, r.reason, list(r.candidates)] for r in res],
    }


def compare(old: Path, new: Path, show: int) -> int:
    def read(p: Path) -> dict[str, dict]:
        with p.open(encoding="utf-8") as fh:
            return {d["doc"]: d for d in map(json.loads, fh)}

    a, b = read(old), read(new)
    differ = [k for k in a if k in b and a[k] != b[k]]
    print(f"{len(a)} / {len(b)} documents; {len(differ)} differ; "
          f"{len(set(a) ^ set(b))} in one file only")
    for k in differ[:show]:
        for field in a[k]:
            if a[k][field] != b[k].get(field):
                x, y = a[k][field], b[k].get(field)
                if isinstance(x, list) and isinstance(y, list):
                    gone = [v for v in x if v not in y][:3]
                    came = [v for v in y if v not in x][:3]
                    print(f"  {k} {field}: - {gone} + {came}")
                else:
                    print(f"  {k} {field}: {x!r} -> {y!r}")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", default="/tmp/flashpoints-snapshot.jsonl")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "geoparsing"))
    ap.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    ap.add_argument("--show", type=int, default=10, help="differences to print")
    args = ap.parse_args()
    if args.compare:
        return compare(Path(args.compare[0]), Path(args.compare[1]), args.show)
    gaz, actors = default_gazetteer(), default_actors()
    n = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for name, text in documents(Path(args.shared)):
            fh.write(json.dumps({"doc": name, **answers(text, gaz, actors)},
                                ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
