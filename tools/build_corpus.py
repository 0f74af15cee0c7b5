"""Build a benchmark corpus of article text from the bundled sample articles.

The samples in data/samples/ are repeated until the corpus reaches the asked
size (1.2 MB by default). Each copy keeps its title and publication date line
and gets its body paragraphs in a different order, and each round takes the
samples in a different order, both drawn from a seeded random generator: the
same seed always gives the same corpus, and no two copies are the same text
(so nothing downstream can answer a copy from a cache).

    .venv/bin/python tools/build_corpus.py                      # bench/.corpus/*.md
    .venv/bin/python tools/build_corpus.py --size 2MB --format both
    .venv/bin/python tools/build_corpus.py --out /tmp/corpus --seed 7

Only files this script writes (article-*.md, corpus.txt) are replaced in the
output folder; anything else there is left alone.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLES = ROOT / "data" / "samples"
DEFAULT_OUT = ROOT / "bench" / ".corpus"
DEFAULT_SIZE = 1_200_000
MIN_SIZE = 1_000_000
SINGLE_NAME = "corpus.txt"


@dataclass(frozen=True)
class Sample:
    name: str  # file stem
    head: str  # title and date lines, kept as they are
    paragraphs: tuple[str, ...]


def parse_size(text: str) -> int:
    """``1200000``, ``1.2MB``, ``800kB`` or ``2M`` as a number of bytes."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)[bB]?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r} is not like 1200000, 800kB or 1.2MB")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()]
    size = int(float(m.group(1)) * scale)
    if size <= 0:
        raise argparse.ArgumentTypeError("size must be positive")
    return size


def load_samples(folder: Path) -> list[Sample]:
    """Every sample article in ``folder`` (README.md excepted), split into head and body."""
    out = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
        blocks = [b for b in blocks if b]
        if len(blocks) < 3:
            continue  # not title + date + body
        out.append(Sample(path.stem, "\n\n".join(blocks[:2]), tuple(blocks[2:])))
    return out


def copies(samples: list[Sample], size: int, seed: int):
    """(sample name, article text) pairs until their UTF-8 size reaches ``size``."""
    rnd = random.Random(seed)
    total = 0
    first_round = True
    while total < size:
        order = list(samples)
        rnd.shuffle(order)
        for s in order:
            body = list(s.paragraphs)
            if not first_round:  # the first copy of each sample is the original
                rnd.shuffle(body)
            text = s.head + "\n\n" + "\n\n".join(body) + "\n"
            total += len(text.encode("utf-8"))
            yield s.name, text
            if total >= size:
                return
        first_round = False


def build(samples_dir: Path, out: Path, *, size: int = DEFAULT_SIZE, seed: int = 2021,
          fmt: str = "files") -> tuple[int, int, int]:
    """Write the corpus; return (articles, bytes, words)."""
    samples = load_samples(samples_dir)
    if not samples:
        raise SystemExit(f"build_corpus: no sample articles (*.md with a title, a date line "
                         f"and a body) in {samples_dir}")
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("article-*.md")) + [out / SINGLE_NAME]:
        if old.is_file():
            old.unlink()
    n = n_bytes = n_words = 0
    single = (out / SINGLE_NAME).open("w", encoding="utf-8") if fmt in ("single", "both") \
        else None
    try:
        for n, (name, text) in enumerate(copies(samples, size, seed), 1):
            if fmt in ("files", "both"):
                (out / f"article-{n:04d}-{name}.md").write_text(text, encoding="utf-8")
            if single is not None:
                single.write(text + "\n")
            n_bytes += len(text.encode("utf-8"))
            n_words += len(text.split())
    finally:
        if single is not None:
            single.close()
    return n, n_bytes, n_words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Build a benchmark corpus (>= 1 MB by default) by repeating the sample "
                    "articles with shuffled order and paragraphs, deterministically.",
        epilog="The default output folder bench/.corpus/ is git-ignored. bench/extract.py "
               "builds it on first use.")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="output folder (default: bench/.corpus/)")
    ap.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES,
                    help="folder of sample articles (default: data/samples/)")
    ap.add_argument("--size", type=parse_size, default=DEFAULT_SIZE,
                    help="total size to reach, in bytes; accepts 1200000, 800kB, 1.2MB "
                         "(default: 1.2MB)")
    ap.add_argument("--seed", type=int, default=2021,
                    help="seed of the shuffles; the same seed gives the same corpus "
                         "(default: 2021)")
    ap.add_argument("--format", dest="fmt", choices=("files", "single", "both"), default="files",
                    help="one .md file per article (files), one big corpus.txt (single), "
                         "or both (default: files)")
    args = ap.parse_args(argv)
    n, n_bytes, n_words = build(args.samples, args.out, size=args.size, seed=args.seed,
                                fmt=args.fmt)
    what = {"files": f"{n} article files", "single": SINGLE_NAME,
            "both": f"{n} article files and {SINGLE_NAME}"}[args.fmt]
    print(f"wrote {what} to {args.out}: {n} articles, {n_bytes:,} bytes, {n_words:,} words "
          f"(from {len(load_samples(args.samples))} samples, seed {args.seed})")
    if n_bytes < MIN_SIZE:
        print(f"note: {n_bytes:,} bytes is below the 1 MB the benchmarks expect",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
