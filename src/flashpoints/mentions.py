"""Find toponyms, actors and temporal expressions in article text, with offsets.

Recognition works on *capitalised runs* (maximal sequences of capitalised
words, joined by spaces and name connectors such as "of" or "and"), found with
one compiled regex, so only a small share of the words reach Python code. In
each run the longest gazetteer names win; a run that also holds words that are
neither places nor known modifiers is the name of something else (a person, a
ship, an organisation) and yields no places: "Vladimir Putin", "USS Mount
Whitney", "Law and Justice Party". Border phrases ("Polish-Belarusian border",
"its border with Russia", "the border between Ukraine and Belarus") are found
by their own patterns and turned into ``border:AA|BB`` keys the resolver maps
to derived border lines.
"""
from __future__ import annotations

import bisect
import csv
import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .errors import DataFileError
from .gazetteer import ARABIC_ARTICLES, DATA_DIR, Candidate, Gazetteer, is_district, norm
from .records import DateRange, Mention

# ------------------------------------------------------------------ word lists

#: Words that start a capitalised run without being part of a name.
LEADING = frozenset("""
a an the this that these those both all any each every either neither some several many
most much more few other another such no not only even also still yet then there here
in on at by for from to into onto of off over under with without within near along across
after before since until till while when whenever where why how what who whom whose which
as if although though because but and or nor so however meanwhile moreover furthermore
according despite during between among amid amidst against toward towards through throughout
beyond inside outside around about above below behind beside besides beneath
it its he she they we i you his her their our my your them us him
last next first second third earlier later now today yesterday tomorrow tonight
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr sir madam president prime minister ministers foreign defence defense
secretary general gen col colonel lt lieutenant sgt sergeant adm admiral capt captain
major commander chief chancellor senator rep representative governor mayor king queen
prince premier spokesman spokeswoman spokesperson ambassador envoy deputy vice acting
former ex late top senior junior pope bishop rev reverend
""".split())

#: Directional words that may precede a place without making the run a non-place.
DIRECTIONS = frozenset("""
north south east west northern southern eastern western central northeast northwest
southeast southwest northeastern northwestern southeastern southwestern upper lower
greater occupied annexed metro metropolitan downtown suburban rural upstate downstate""".split())

#: Designators after a place name that make it an area ("Kharkiv region").
DESIGNATORS = ("oblast", "region", "province", "district", "county", "governorate",
               "voivodeship", "raion", "krai", "territory", "state", "municipality",
               "prefecture", "canton", "department", "parish", "township", "city")

#: Ship prefixes: the run names a vessel, not a place (value: its flag state).
SHIP_PREFIXES = {"uss": "US", "usns": "US", "usnsv": "US", "usvc": "US", "hms": "GB",
                 "rfs": "RU", "hmcs": "CA", "hmas": "AU", "hnlms": "NL", "fgs": "DE",
                 "ins": "IN", "tcg": "TR", "ors": "PL", "hdms": "DK", "hnoms": "NO",
                 "hswms": "SE", "its": "IT", "esps": "ES", "fs": "FR", "jds": "JP",
                 "roks": "KR", "rss": "SG", "mv": "", "ms": "", "ss": ""}

#: Words that make a run the name of an organisation, event or document.
ORG_WORDS = frozenset("""
party ministry department command agency council committee company corporation corp inc
ltd group university college school institute foundation association union league
times post herald tribune journal telegraph guardian express mirror news press service
services airlines airways bank fund court parliament congress senate assembly charter
treaty article act accord agreement declaration doctrine forces force army navy fleet
guard guards brigade division regiment battalion corps police militia office bureau
government administration commission organization organisation federation movement front
network television radio agency church cathedral mosque hospital stadium airport station
center centre
street avenue road square bridge tower museum club team cup games summit conference
house representatives census daily magistrate judge attorney attorneys senator governor
mayor president minister ministers secretary ambassador envoy general commander
spokesman spokeswoman officials official authority authorities department
patrol library libraries coalition society trust chamber board academy clinic center centre
hall theatre theater zoo mall plaza hotel arena prison jail campus seminary temple synagogue
firm industries enterprises holdings partners associates railway railroad transit motors
festival championship championships symposium forum review magazine gazette chronicle
courier observer schools sheriff sheriffs troopers firefighters
manager director superintendent commissioner commissioners administrator clerk auditor
treasurer coordinator chief officer officers assessor recorder trustee trustees supervisor
supervisors principal coroner prosecutor marshal constable chairman chairwoman councilman
councilwoman alderman selectman utilities utility district high elementary
premier gov sen rep mla mp mpp legislator lawmaker councillor councilor
""".split())

#: News agencies and broadcasters named like towns ("Xinhua", "Trend", "APA").
NEWS_AGENCIES = frozenset("""
xinhua tass itar-tass interfax ria ria novosti novosti sputnik rt yonhap kyodo jiji anadolu
apa trend pap belta ukrinform unian afp reuters bernama antara irna isna fars tasnim mehr
wafa sana mena petra kuna wam qna ani pti efe ansa dpa kcna agerpres moldpres armenpress
azertac cctv cgtn bta elta tanjug hina mti ctk tasr
""".split())

#: Nouns after a demonym that make it mean the country ("Ukrainian territory").
DEMONYM_PLACES = ("territory", "soil", "waters", "airspace", "coast", "coastline",
                  "side", "mainland", "frontier", "border", "borders")

#: What may follow "St.", "Ste.", "Mt." or "Ft." in a name ("St. Louis", "Sault Ste.
#: Marie", "Mt. Hermon"): a capitalised word that does not open a sentence ("Main St.
#: The fire ...").
_ABBR_NEXT = r"(?=[ \u00a0](?!(?:The|A|An|He|She|It|They|We|I|In|On|At|But|And|Police)\b)[A-Z])"
_CAP = r"(?:(?:St|Ste|Mt|Ft)\." + _ABBR_NEXT + r"|[A-Z]\.(?:[A-Z]\.)+|[A-Z]\.[A-Z][a-z]{1,3}\.(?![\w])|[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u017F][\w'’]*(?:-[\w'’]+)*)"
_CONN = r"(?:of|the|and|de|du|des|la|le|les|on|upon|del|della|di|da|do|dos|das|al|el|am|im|an|der|den|au|aux|sur|y|bin|ibn|i)"
#: The first word of a run: the same as ``(?<![\w'’]){_CAP}``, written to start with a
#: character class, so the regex engine skips ahead to capitals (about 30% faster).
_FIRST_CAP = (r"[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u017F](?<![\w'’].)"
              r"(?:(?:(?<=S)te?|(?<=[MF])t)\." + _ABBR_NEXT + r"|(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[A-Z])\.[A-Z][a-z]{1,3}\.(?![\w])|[\w'’]*(?:-[\w'’]+)*)")
RUN_RE = re.compile(rf"{_FIRST_CAP}(?:(?:[ \u00a0]{_CONN})*[ \u00a0]{_CAP})*")
_TOKEN_RE = re.compile(rf"{_CAP}|{_CONN}")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“”‘'(\[\n]\s*|\n)$")
_SENT_MARKS = frozenset(".!?:;\"“”‘'([")

_BORDER_WORD = r"(?:border|frontier|boundary)s?"
# Bounded, possessive name parts: no regex here can backtrack over long runs of
# capitals ("U.S.U.S....") or modifiers, so border search stays linear in the text.
_WORD = r"[A-Z][\w'’]{0,30}+"
_NAME = rf"{_WORD}(?:\.[A-Z]\.?){{0,4}}+(?:[ \u00a0]{_WORD}){{0,3}}+"
_PAIR_PART = r"[A-Z][\w'’.]{0,30}+(?: [A-Z][\w'’.]{0,30}+)?"
#: "Polish-Belarusian border", "Russia–Ukraine border"
PAIR_BORDER_RE = re.compile(
    rf"(?<![\w-])(?P<a>{_PAIR_PART})\s?[-–—/]\s?(?P<b>{_PAIR_PART})"
    rf"\s+(?:state\s+|land\s+)?{_BORDER_WORD}\b")
#: "the border between Ukraine and Belarus"
BETWEEN_BORDER_RE = re.compile(
    rf"\b{_BORDER_WORD}\s+between\s+(?:the\s+)?(?P<a>{_NAME})\s+and\s+(?:the\s+)?(?P<b>{_NAME})")
_MODIFIER = (r"(?:[\d,.]{1,12}[- ]?(?:kilometer|kilometre|km|mile)s?(?:[- ]long)?|long|lengthy|"
             r"northern|southern|eastern|western|northeastern|northwestern|southeastern|"
             r"southwestern|land|shared|common|own|side\s+of\s+the|section\s+of\s+the|"
             r"part\s+of\s+the|stretch\s+of\s+the)")
#: "its 1,000-kilometer border with Belarus", "Ukraine's border with Russia"
WITH_BORDER_RE = re.compile(
    rf"(?:\b(?P<own>its|their|his|her|(?P<ownname>[A-Z][\w.]{{0,30}}+(?: [A-Z][\w.]{{0,30}}+)?)"
    rf"['’]s?)\s+)?(?:{_MODIFIER}\s+){{0,4}}+"
    rf"\b{_BORDER_WORD}\s+with\s+(?:the\s+)?(?P<b>{_NAME})")
#: "Ukraine's border", "the Ukrainian border", "the border"
OWN_BORDER_RE = re.compile(
    rf"(?:\b(?P<ownname>[A-Z][\w.]{{0,30}}+(?: [A-Z][\w.]{{0,30}}+)?)['’]s?\s+|"
    rf"\b(?P<the>the)\s+(?P<dem>[A-Z]\w{{0,30}}+\s+)?)"
    rf"(?:(?:northern|southern|eastern|western|northeastern|northwestern|southeastern|"
    rf"southwestern|land|state)\s+)?{_BORDER_WORD}\b")
DEMONYM_PLACE_RE = re.compile(rf"\b(?P<dem>[A-Z][a-z]+)\s+(?:{'|'.join(DEMONYM_PLACES)})\b")
_DEM_BEFORE_RE = re.compile(r"(?<!\w)[A-Z][a-z]+\s+$")
_NOUN_END_RE = re.compile(r"s?\b")


def _demonym_places(text: str) -> list[tuple[int, int, str]]:
    """The matches of :data:`DEMONYM_PLACE_RE` as (start, end, demonym), found from
    the nouns (``str.find``) and the word before them, not by a regex pass."""
    out: list[tuple[int, int, str]] = []
    for noun in DEMONYM_PLACES:
        i = text.find(noun)
        while i >= 0:
            end = i + len(noun)
            nxt = i + 1
            if i and text[i - 1].isspace() and (end == len(text) or not (
                    text[end].isalnum() or text[end] == "_")) and \
                    not (noun == "coast" and text.startswith(" guard", end)):  # "coast guard"
                m = _DEM_BEFORE_RE.search(text, max(0, i - 80), i)
                if m:
                    out.append((m.start(), end, text[m.start():m.end()].rstrip()))
            i = text.find(noun, nxt)
    out.sort()
    # one match per demonym: the regex takes the first noun of the alternation
    seen: set[int] = set()
    return [x for x in out if not (x[0] in seen or seen.add(x[0]))]


# ------------------------------------------------------------------ actors

@dataclass(frozen=True)
class Actor:
    """A canonical actor: a state, an alliance, an armed force, a separatist entity."""

    id: str
    name: str
    kind: str
    country_code: str
    capital: str
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()


class ActorIndex:
    """Actors and their aliases (``data/actors.csv``), looked up by normalised alias."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else DATA_DIR / "actors.csv"
        if path is not None and not self.path.is_file():
            raise DataFileError(self.path, None, "no such file")
        self.actors: dict[str, Actor] = {}
        self.by_alias: dict[str, str] = {}
        self.exact: dict[str, str] = {}  # all-caps short aliases: case-sensitive
        self.lower_phrases: list[str] = []
        self.by_country: dict[str, str] = {}
        self.max_words = 1
        if self.path.exists():
            self._read()

    def _read(self) -> None:
        required = ("id", "name", "kind", "country_code", "aliases")
        try:
            fh = self.path.open(newline="", encoding="utf-8")
        except OSError as err:
            raise DataFileError(self.path, None, f"cannot read it ({err.strerror or err})") from err
        try:
            with fh:
                self._rows(csv.DictReader(fh), required)
        except UnicodeDecodeError as err:
            from .gazetteer import _line_of_byte

            raise DataFileError(self.path, _line_of_byte(self.path, err.start),
                                "not UTF-8 text") from err
        except csv.Error as err:
            raise DataFileError(self.path, None, f"malformed CSV ({err})") from err

    def _rows(self, reader: csv.DictReader, required: tuple[str, ...]) -> None:
        """Validate and index the rows of an actors file."""
        if reader.fieldnames is None:
            raise DataFileError(self.path, 1, "empty file (no header line)")
        missing = [c for c in required if c not in reader.fieldnames]
        if missing:
            raise DataFileError(self.path, 1, f"missing column(s) {', '.join(missing)}")
        width = len(reader.fieldnames)
        for row in reader:
            line = reader.line_num
            if None in row:
                raise DataFileError(self.path, line, f"{width + len(row[None])} fields, "
                                    f"expected {width}")
            aid = (row.get("id") or "").strip()
            if not aid:
                raise DataFileError(self.path, line, "empty id", "id")
            if aid in self.actors:
                raise DataFileError(self.path, line, f"duplicate id {aid!r}", "id")
            lat = _float(row.get("lat"), self.path, line, "lat", 90)
            lon = _float(row.get("lon"), self.path, line, "lon", 180)
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|")
                            if a.strip())
            actor = Actor(aid, (row.get("name") or aid).strip(), (row.get("kind") or "").strip(),
                          (row.get("country_code") or "").strip().upper(),
                          (row.get("capital") or "").strip(), lat, lon, aliases)
            self.actors[aid] = actor
            if actor.country_code and actor.kind == "state":
                self.by_country.setdefault(actor.country_code, aid)
            for a in (actor.name, *aliases):
                self._alias(a, aid)

    def _alias(self, alias: str, aid: str) -> None:
        if alias.isupper() and len(alias.replace(".", "")) <= 4:
            self.exact.setdefault(alias, aid)
            return
        k = norm(alias)
        if k.startswith("the "):
            k = k[4:]
        self.by_alias.setdefault(k, aid)
        self.max_words = max(self.max_words, k.count(" ") + 1)
        if alias[:1].islower() and not alias.lower().startswith("the "):
            self.lower_phrases.append(alias)
        elif alias.lower().startswith("the ") and alias[4:5].islower():
            self.lower_phrases.append(alias)

    @cached_property
    def first_words(self) -> dict[str, int]:
        """First words of the aliases of two words or more and their word counts
        (:func:`~flashpoints.gazetteer.first_words`; the aliases are all read in
        ``__init__``)."""
        from .gazetteer import first_words

        return first_words(self.by_alias)

    @cached_property
    def first_words_the(self) -> dict[str, int]:
        """:attr:`first_words` for aliases read after "the" too ("the White House"):
        any count after "the"."""
        return {**self.first_words, "the": (1 << (2 * self.max_words + 2)) - 1}

    def lookup(self, text: str) -> str | None:
        if text in self.exact:
            return self.exact[text]
        k = norm(text)
        if k.endswith("'s"):
            k = k[:-2]
        if k.startswith("the "):
            k = k[4:]
        return self.by_alias.get(k)

    def for_country(self, iso2: str) -> str | None:
        return self.by_country.get(iso2)

    @property
    def lower_re(self) -> re.Pattern[str] | None:
        """Lower-case actor phrases ("the alliance"), any case."""
        return _lower_re(tuple(sorted(set(self.lower_phrases), key=len, reverse=True)), True)

    @property
    def lower_cs_re(self) -> re.Pattern[str] | None:
        """The same phrases, lower-cased, for matching lower-cased text."""
        return _lower_re(self._lower_cs_phrases(), False)

    def _lower_cs_phrases(self) -> tuple[str, ...]:
        return tuple(sorted({p.lower() for p in self.lower_phrases}, key=len, reverse=True))

    def lower_hits(self, low: str) -> Iterable[re.Match[str]]:
        """The matches of :attr:`lower_cs_re` in lower-cased text ``low``, the same as
        ``lower_cs_re.finditer(low)``: the pattern runs only around the places where
        ``str.find`` sees a word of some phrase (each phrase holds its own word)."""
        pattern = self.lower_cs_re
        if pattern is None:
            return iter(())
        words, reach = _lower_anchors(self._lower_cs_phrases())
        hits = _find_all(low, words)
        # a match lies inside [i - reach, i + reach]; one more so \b sees past it
        windows = _windows(hits, reach, reach + 1, len(low))
        return _finditer(pattern, low, windows)


@lru_cache(maxsize=8)
def _lower_anchors(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """One word of each phrase (its longest; none that holds another one), and
    the longest phrase: how far from a word its match can reach."""
    longest = sorted({max(p.split(), key=len) for p in phrases if p.strip()}, key=len)
    words: list[str] = []
    for w in longest:
        if not any(k in w for k in words):
            words.append(w)
    return tuple(words), max((len(p) for p in phrases), default=0)


@lru_cache(maxsize=8)
def _lower_re(phrases: tuple[str, ...], fold: bool) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alt = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"\b(?:{alt})\b", re.I if fold else 0)


def _float(value: str | None, path: Path, line: int, col: str, bound: float) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        f = float(value)
    except ValueError as err:
        raise DataFileError(path, line, f"not a number: {value!r}", col) from err
    if not -bound <= f <= bound:
        raise DataFileError(path, line, f"{value} is out of range (-{bound}..{bound})", col)
    return f


_ACTORS: dict[str, ActorIndex] = {}


def default_actors() -> ActorIndex:
    if "a" not in _ACTORS:
        _ACTORS["a"] = ActorIndex()
    return _ACTORS["a"]


# ------------------------------------------------------------------ results

@dataclass
class Mentions:
    """Everything found in one text, each list sorted by offset."""

    places: list[Mention] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    ships: list[Mention] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)  # names that are not places


# ------------------------------------------------------------------ recognition

def _tokens(run: str, base: int) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN_RE.finditer(run):
        tok = m.group(0)
        start, end = base + m.start(), base + m.end()
        if tok.endswith(("'s", "’s")) and len(tok) > 2:
            tok, end = tok[:-2], end - 2
        elif tok.endswith(("'", "’")):
            tok, end = tok[:-1], end - 1
        if tok.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", tok):
            tok, end = tok[:-1], end - 1
        out.append((tok, start, end))
    return out


def _dateline(text: str, s: int, e: int) -> bool:
    """A capitalised place opening a paragraph before "," or "(": "KIEV, April 12 -"."""
    return (s == 0 or text[s - 1] == "\n") and text[e:e + 2] in _DATELINE_SEPS


def _acronym_place(tok: str, gaz: Gazetteer) -> bool:
    """An all-caps token names a place only through a non-city entry ("UK", "US"), and
    a division only by an abbreviation, not by its name in capitals ("LAC", the Line
    of Actual Control, is not Chad's Lac region)."""
    key = norm(tok)
    return any(c.name.isupper() or c.kind == "country" or
               (c.kind != "city" and norm(c.name) != key) for c in gaz.candidates(tok))


def _is_conn(tok: str) -> bool:
    return tok[:1].islower()


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence: the four characters before it end with a
    full stop, quote or bracket and spaces, or hold a line break in their trailing
    spaces, or there are none. The same as :data:`_SENT_START` on that slice,
    without a regex call (it runs for every capitalised run)."""
    window = text[max(0, pos - 4):pos]
    if not window:
        return True
    body = window.rstrip()
    return body[-1:] in _SENT_MARKS or "\n" in window[len(body):]




def _longest(toks: list[tuple[str, int, int]], i: int, text: str, has: callable,
             max_words: int, firsts: Mapping[str, int] | None = None) -> int:
    """Length (in tokens) of the longest name starting at token ``i`` (0 if none).

    ``firsts`` (see :func:`~flashpoints.gazetteer.first_words`) holds the word counts
    of the names ``has`` knows by their first word: tokens are single words
    apart, so a phrase of ``n`` tokens normalises to ``n`` words (whatever
    :func:`norm` makes of "Saint" or "U.S."), and only the lengths its first word
    has are asked."""
    if _is_conn(toks[i][0]):
        return 0
    top = min(max_words * 2, len(toks) - i)
    s = toks[i][1]
    if firsts is not None and top > 1:
        # the first word as the normalised phrase has it ("Saint Petersburg": "st");
        # bit j of ``bits``: a name of j + 2 words, up to ``top``
        bits = (firsts.get(norm(text[s:toks[i + 1][2]]).split(" ", 1)[0], 0) >> 2) & \
            ((1 << (top - 1)) - 1)
        while bits:
            n = bits.bit_length() + 1
            if not _is_conn(toks[i + n - 1][0]) and has(norm(text[s:toks[i + n - 1][2]])):
                return n
            bits ^= 1 << (n - 2)
        return 1 if has(norm(text[s:toks[i][2]])) else 0
    for n in range(top, 0, -1):
        if _is_conn(toks[i + n - 1][0]):
            continue
        if has(norm(text[s:toks[i + n - 1][2]])):
            return n
    return 0


def find_places(text: str, gaz: Gazetteer, actors: ActorIndex | None = None,
                common: frozenset[str] | None = None) -> list[Mention]:
    """Toponym mentions (offsets into ``text``); see :func:`find_mentions` for all kinds."""
    return find_mentions(text, gaz, actors, common=common).places


def common_words(gaz: Gazetteer | None = None) -> frozenset[str]:
    """Frequent English words: a sentence-initial one is not taken for a small place.
    The gazetteer's copy when it has one (no wordfreq import), else wordfreq's."""
    if gaz is not None and gaz.common_words:
        return gaz.common_words
    return _common_words()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    try:
        from wordfreq import top_n_list

        return frozenset(top_n_list("en", 5000))
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return frozenset(LEADING)


#: Adjectives of continents, and the European Union, as the continent's key
#: ("European markets", "African nations", "EU leaders" are places in Europe, Africa);
#: then those of world regions and of the disputed regions of places.csv ("Middle
#: Eastern", "Balkan", "South Ossetian", "Crimean"), as the region's key.
CONTINENT_ADJECTIVES = {"european": "europe", "african": "africa", "asian": "asia",
                        "north american": "north america", "south american": "south america",
                        "antarctic": "antarctica",
                        "eu": "europe", "e.u": "europe", "european union": "europe",
                        "latin american": "latin america",
                        "central american": "central america",
                        "middle eastern": "middle east", "mideastern": "middle east",
                        "north african": "north africa", "west african": "west africa",
                        "east african": "east africa", "sub-saharan": "sub-saharan africa",
                        "central asian": "central asia", "south asian": "south asia",
                        "east asian": "east asia", "southeast asian": "southeast asia",
                        "south-east asian": "southeast asia",
                        "south east asian": "southeast asia",
                        "eastern european": "eastern europe",
                        "western european": "western europe",
                        "central european": "central europe", "balkan": "balkans",
                        "scandinavian": "scandinavia", "nordic": "nordic countries",
                        "maghrebi": "maghreb", "levantine": "levant",
                        "transcaucasian": "south caucasus",
                        "south ossetian": "south ossetia", "abkhaz": "abkhazia",
                        "abkhazian": "abkhazia", "transnistrian": "transnistria",
                        "crimean": "crimea", "kashmiri": "kashmir", "chechen": "chechnya",
                        "tibetan": "tibet", "gazan": "gaza strip"}
#: The adjectives the recogniser reads in running text (not "EU": an actor).
CONTINENT_WORDS = frozenset(CONTINENT_ADJECTIVES) - {"eu", "e.u", "european union"}
CONTINENT_WORD_STARTS = frozenset(k.split()[0] for k in CONTINENT_WORDS)
_CONN_WORD_RE = re.compile(_CONN)
#: Words after a place name that leave the place ("Oaxaca State", "Mayo County Council").
_SPAN_TAIL = frozenset(DESIGNATORS) | ORG_WORDS


def span_key(span: str, gaz: Gazetteer, common: frozenset[str] | None = None) -> str | None:
    """The key the recogniser would give a span that someone else marked as a place
    (a gold annotation, a user's selection), or None when nothing in it is known.

    In order: a continent's adjective ("European" -> Europe); the span's own
    name; a demonym ("Kenyan" -> ``country:KE``); the name without a leading
    "the", possessive, directions ("South Florida", "West Wales") or trailing
    designators ("Oaxaca State"); else the longest known name inside it
    ("University of Alberta", "Tipperary County Council"), a demonym inside it
    ("Russian Foreign Ministry"), never a lone common word ("Third Street",
    "home"); last, the region an adjective is made from ("South Ossetian").
    """
    k = norm(span)
    cont = CONTINENT_ADJECTIVES.get(k.replace(".", "").strip()) or CONTINENT_ADJECTIVES.get(k)
    if cont and gaz.has_key(cont):
        return cont  # before the name itself: "EU" is no French town
    iso = gaz.demonym(span)
    if iso and gaz.country(iso) is not None and _demonym_word(span, gaz):
        return f"country:{iso}"  # "Canadian": the adjective, not the Texas town
    common = common if common is not None else common_words(gaz)
    if span.islower() and k in common:
        return None  # "home", "police": a word, not the hamlets so named
    if gaz.has_key(k):
        return k
    words = re.sub(r"['’]s\b", "", span).replace("/", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and words[0].lower() in DIRECTIONS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in _SPAN_TAIL:
        words = words[:-1]
    k = norm(" ".join(words))
    if gaz.has_key(k):
        return k
    n = len(words)
    for size in range(min(n, gaz.max_words), 0, -1):
        for i in range(n - size + 1):
            part = words[i:i + size]
            k = norm(" ".join(part))
            if size == 1 and (k in common or len(k) < 3):
                continue
            if gaz.has_key(k) and not _CONN_WORD_RE.fullmatch(part[0].lower()) and \
                    not _CONN_WORD_RE.fullmatch(part[-1].lower()):
                return k
    for w in words:
        iso = gaz.demonym(w)
        if iso and gaz.country(iso) is not None:
            return f"country:{iso}"
    return _adjective_key(span, gaz) or _adjective_key(" ".join(words), gaz)


#: How adjectives and people names are made from region names: (ending to cut,
#: ending to add). "South Ossetian" -> South Ossetia, "Ohioans" -> Ohio,
#: "Abkhaz" -> Abkhazia, "Texan" -> Texas, "Floridian" -> Florida, "Ontarians" -> Ontario.
_ADJECTIVE_ENDINGS = (("ns", ""), ("n", ""), ("ans", ""), ("an", ""), ("ans", "a"), ("an", "a"),
                      ("an", "as"), ("ans", "as"), ("ians", "a"), ("ian", "a"), ("ians", "o"),
                      ("ian", "o"), ("ans", "o"), ("is", ""), ("i", ""), ("", "ia"))


def _notable(cands: Iterable[Candidate], main_only: bool = False) -> bool:
    """A region (anything but a town) or a city of :data:`NOTABLE_CITY` people is among
    ``cands`` (``main_only``: a city only by its own name, not an alternate)."""
    return any(c.kind != "city" or (c.population >= NOTABLE_CITY and not (main_only and c.alt))
               for c in cands)


def _demonym_word(word: str, gaz: Gazetteer) -> bool:
    """A demonym is the adjective unless a region or a notable city has it as
    its own name ("Canadian", and "Kazakh", an alternate name of Petropavl)."""
    return not _notable(gaz.candidates(word), main_only=True)


def _adjective_key(name: str, gaz: Gazetteer) -> str | None:
    """The key of the region, state or country an adjective is made from, if the
    gazetteer has it as such (never a town: "Brazilian" is no "Brazil, Indiana")."""
    k = norm(name)
    for cut, add in _ADJECTIVE_ENDINGS:
        if len(k) > len(cut) + 2 and k.endswith(cut):
            base = (k[:len(k) - len(cut)] if cut else k) + add
            if any(c.kind != "city" for c in gaz.candidates(base, key=base)):
                return base
    return None


def given_names() -> frozenset[str]:
    """Frequent given names (``data/given_names.csv``, from US records, and
    ``data/given_names_world.csv``, those of the countries conflict reporting is
    about): "Mary Wheeler" and "Stanislav Zas" are people even though Mary,
    Wheeler, Stanislav and Zas are towns."""
    return _all_given_names(DATA_DIR)


@lru_cache(maxsize=4)
def _all_given_names(folder: Path) -> frozenset[str]:
    return _given_names(folder / "given_names.csv") | \
        _given_names(folder / "given_names_world.csv")


@lru_cache(maxsize=4)
def _given_names(path: Path) -> frozenset[str]:
    if not path.exists():  # an older data folder: the rule is simply off
        return frozenset()
    from .gazetteer import _read_simple_csv

    names = set()
    for line, row in enumerate(_read_simple_csv(path, ("name",)), 2):
        name = (row.get("name") or "").strip()
        if not name or not name[0].isupper():
            raise DataFileError(path, line, f"not a capitalised name: {name!r}", "name")
        names.add(name)
    return frozenset(names)


def find_mentions(text: str, gaz: Gazetteer, actors: ActorIndex | None = None, *,
                  published=None, common: frozenset[str] | None = None,
                  with_dates: bool = True) -> Mentions:
    """Places, actors, ships and dates in ``text``."""
    actors = actors if actors is not None else default_actors()
    common = common if common is not None else common_words(gaz)
    out = Mentions()
    # 1. border phrases first: they own their words (non-overlapping, sorted)
    borders = _border_mentions(text, gaz)
    out.places.extend(borders)
    b_starts = [m.start for m in borders]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(b_starts, s)
        if i and borders[i - 1].end > s:
            return False
        return not (i < len(borders) and borders[i].start < e)

    # 2. capitalised runs: each distinct run is analysed once (per gazetteer and
    # actor list) and its result replayed at every occurrence; what depends on
    # the rest of the article (border phrases, surnames seen so far, a designator
    # such as "region" after the run) is decided in the replay.
    cache = _run_cache(gaz, actors)
    surnames: set[str] = set()  # last words of person-like names seen so far
    weak: list[Mention] = []  # one-word places that a surname would overrule
    ship_tail = -1  # the end of the last ship of a list of ships
    unread: list[tuple[int, int]] = []  # runs nothing read, in a place's position
    the_memo = gaz.memo("mentions.the")
    for rm in RUN_RE.finditer(text):
        run, b, e = rm.group(0), rm.start(), rm.end()
        upper = run.isupper()
        if (ship_tail >= 0 or text.endswith(_PLURAL_ENDS, 0, b)) and not upper:
            ships = _ship_list(run, b, text, ship_tail)
            ship_tail = -1
            if ships:
                out.ships.extend(ships)
                ship_tail = e
                continue
        if not upper and (
                (text.endswith(_THE_ENDS, 0, b) and (k := _the_key(run, gaz, the_memo))) or
                (run.startswith("The ") and " " not in run[4:]
                 and (k := _the_key(run[4:], gaz, the_memo)))
        ) and free(b, e):
            # "crossed the Atlantic", "The Pacific is calm": a name the gazetteer has with "the"
            out.places.append(Mention(run, b, e, "place", k, ""))
            continue
        if text.endswith(_VESSEL_ENDS, 0, b) and _after_vessel(text, b) and not upper and \
                _ship_name(run) == run:  # (a prefixed name is read whole below)
            # "the tug Yany Kapu", "the destroyer Porter": a ship's name, not the town
            out.ships.append(Mention(run, b, e, "ship", ""))
            continue
        nxt = text[e:e + 2]
        if nxt not in _DATELINE_SEPS:
            nxt = "." if nxt[:1] == "." else ""
        para = b == 0 or text[b - 1] == "\n"
        key = (run, para, nxt, para or _sentence_start(text, b))
        ops = cache.get(key)
        if ops is None:
            if len(cache) >= RUN_CACHE_SIZE:
                cache.clear()
            ops = cache[key] = _analyse_run(run, para, nxt, gaz, actors, sent=key[3])
        for op in ops:
            _replay(op, b, text, gaz, common, out, free, surnames, weak)
        if not ops and not upper and text[e + 1:e + 2].islower() and " " not in run and \
                (low := run.lower()) not in common and low not in LEADING and \
                low not in DIRECTIONS and (k := _known_with_lower(run, text, e, gaz)) and \
                free(b, e):
            # "the Brotherhood pipeline": a name the gazetteer has only with the
            # lower-case words after it
            out.places.append(Mention(text[b:b + len(k[0])], b, b + len(k[0]), "place", k[1],
                                      ""))
        elif not ops and (_UNKNOWN_BEFORE_RE.search(text, max(0, b - 20), b)
                          or _FEATURE_AFTER_RE.match(text, e)) and free(b, e) \
                and not upper and run.lower() not in LEADING:
            # (not '"The islands give them cover"': a word, not an unknown place)
            # "near Zzyzxgrad", "the village of Plorthivka": a place the gazetteer lacks,
            # reported as unresolved rather than dropped
            toks = _tokens(run, b)
            k = 1
            while k < len(toks) and toks[k][0][:1].isupper():
                k += 1  # "Zzyzxgrad on Monday": the name ends before "on"
            out.places.append(_unknown_place(text, b, toks[k - 1][2], gaz))
        elif ops and not upper and text.startswith(_FEATURE_STARTS, e) and \
                _FEATURE_AFTER_RE.match(text, e) and \
                (t := max(run.rfind(" the "), run.rfind(" and ")) + 5) > 4 and \
                not any(op[0] != "surname" and op[1] <= t < op[2] for op in ops) and \
                free(b + t, e):
            # "towards Hajnówka and the Bug river": the run's last name, which its
            # analysis left unread, names a feature
            out.places.append(_unknown_place(text, b + t, e, gaz))
        elif ops and not upper and " and the " in run and \
                (t := run.rindex(" and the ") + 9) and " " not in run[t:] and \
                not any(op[0] != "surname" and op[1] <= t < op[2] and op[1:3] != (t, len(run))
                        for op in ops) and \
                (k := _the_key(run[t:], gaz, the_memo)) and free(b + t, e):
            # "through Turkey and the Gulf", "the Indian Ocean and the Pacific" (not the
            # town Pacific the run's analysis read alone)
            if out.places and out.places[-1].start == b + t:
                out.places.pop()
            out.places.append(Mention(run[t:], b + t, e, "place", k, ""))
        elif not ops and "-" in run and _CROSSING_AFTER_RE.match(text, e) and free(b, e):
            # "the Kuznica-Bruzgi crossing": the two towns of a border crossing, however small
            parts = run.split("-")
            if all(p[:1].isupper() and gaz.has_key(norm(p)) and p not in given_names()
                   for p in parts):  # (not "the Jean-Pierre crossing")
                pos = b
                for part in parts:
                    out.places.append(Mention(part, pos, pos + len(part), "place", norm(part),
                                              "crossing"))
                    pos += len(part) + 1
        elif text.startswith(_ARTICLE_STARTS, e) and not upper and \
                (am := _ARTICLE_TAIL_RE.match(text, e)) is not None:
            # "Ras al-Ain": the run stopped at the article ("In Deir| al-Balah")
            unread.append((b + run.index(" ") + 1 if run.startswith(_PREP_STARTS) else b,
                           am.end()))
        elif not upper and (not ops or ops[0][0] in _UNREAD_OPS and
                            all(op[0] in _UNREAD_OPS for op in ops)):
            if run.startswith(_PREP_STARTS) and " " in run:
                unread.append((b + run.index(" ") + 1, e))  # "In Deir al-Balah, ..."
            elif (_VARIANT_BEFORE_RE.search(text, max(0, b - 24), b)
                  or _VARIANT_AFTER_RE.match(text, e)
                  or (out.places and _LIST_BEFORE_RE.fullmatch(text, out.places[-1].end, b))):
                unread.append((b, e))  # "fighting in Qamishli": maybe another spelling
        elif not upper and " and " in run and (t := run.rindex(" and ") + 5) and \
                not any(op[0] != "surname" and op[1] <= t < op[2] for op in ops) and \
                any(op[0] == "place" for op in ops):
            unread.append((b + t, e))  # "Jammu and Akhnoor": the name after a place
    if unread:
        _variant_places(text, unread, gaz, out, free)
    if weak and surnames:
        # a surname met anywhere in the article ("Mary Kelly", "Kelly said") is
        # not the small town of that name, even where it came first
        # ... unless the article also treats it as a town ("Marshalltown residents",
        # "in Marshalltown"): then "Marshalltown says yes" is the town speaking
        towns = {m.text for m in weak if m.text in surnames and (
            _TOWN_AFTER_RE.match(text, m.end)
            or _TOWN_BEFORE_RE.search(text, max(0, m.start - 12), m.start))}
        drop = {id(m) for m in weak if m.text in surnames and m.text not in towns}
        if drop:
            out.places = [m for m in out.places if id(m) not in drop]

    if out.ships:
        # "USS Porter ... the Porter", "the Gaeta-based Mount Whitney": a ship's name
        # said again without its prefix is still the ship
        # ... but not after "in", "near" or "the port of": "seized near Kerch" is the town
        names = {norm(_ship_name(m.text)) for m in out.ships}
        out.places = [m for m in out.places if norm(m.text) not in names
                      or _TOWN_BEFORE_RE.search(text, max(0, m.start - 12), m.start)
                      or _UNKNOWN_BEFORE_RE.search(text, max(0, m.start - 20), m.start)]

    # datelines name cities: "KIEV —", "WASHINGTON/KIEV —", "BRUSSELS, Nov 15 -"
    _datelines(text, gaz, out, free)

    # 3. lower-case actor phrases ("the alliance")
    lre = actors.lower_re
    if lre is not None:
        low = text.lower()
        # on lower-cased text (same offsets when no letter changed length) a
        # case-sensitive pattern runs about three times faster than re.I
        hits = actors.lower_hits(low) if len(low) == len(text) else lre.finditer(text)
        spans = sorted((a.start, a.end) for a in out.actors)
        starts = [a for a, _ in spans]
        reach = list(accumulate((e for _, e in spans), max))  # furthest end so far
        for m in hits:
            aid = actors.lookup(m.group(0))
            j = bisect.bisect_right(starts, m.start()) - 1
            if aid and not (j >= 0 and reach[j] > m.start()):  # inside an actor named already
                out.actors.append(Mention(text[m.start():m.end()], m.start(), m.end(), "actor",
                                          aid))

    # 4. "Ukrainian territory": a demonym standing for its country
    for ds, de, dem in _demonym_places(text):
        iso = gaz.demonym(dem)
        if iso and free(ds, de) and gaz.country(iso):
            out.places = [p for p in out.places if p.start != ds]
            out.places.append(Mention(text[ds:de], ds, de, "place", f"country:{iso}",
                                      "territory"))
    out.places.sort(key=lambda m: m.start)
    out.actors.sort(key=lambda m: m.start)
    if with_dates:
        from .dates import find_dates

        out.dates = find_dates(text, published)
    return out


#: First words of sites named in French, Spanish, Italian or Portuguese ("Stade de
#: France", "Plaza de Mayo", "Palazzo Chigi"), when a linking word follows them.
FACILITY_FIRST_WORDS = frozenset("""
stade estadio stadio gare estación estacion stazione palais palacio palazzo place plaza
piazza praça praca rue avenida calle parc parque parco museo musée musee iglesia église
eglise chiesa basilique catedral cathédrale cattedrale aeropuerto aéroport aeroporto
château castello castillo puerta porta pont puente ponte hôpital ospedale
""".split())
FACILITY_LINKS = frozenset("de du des del della dei degli di da do dos das la le les".split())
#: Era abbreviations that look like places ("B.C."), not places after a number.
ERAS = frozenset({"B.C.", "B.C", "BC", "A.D.", "B.C.E.", "C.E."})
#: A capitalised name and a middle initial right before a word make it a surname.
_INITIAL_BEFORE_RE = re.compile(r"\b[A-Z][a-z]+ (?:[A-Z]\. ){1,2}$")
#: Words after a hyphen that make the name before it a place ("Gaeta-based").
PLACE_TAILS = frozenset("based born bound headquartered registered flagged".split())
#: A part of a hyphenated word is taken for a town only if one this big has its
#: name ("Fargo-Moorhead"; not "Wal-Mart").
HYPHEN_TOWN = 20_000
#: A city this big is named as such even when its name is a frequent English
#: word ("Cambridge", "Columbia", "Reading"); smaller namesakes of common words are not.
NOTABLE_CITY = 100_000
#: What may follow a dateline ("KIEV, April 12 -").
_DATELINE_SEPS = (", ", " (", " -", " –", " —")
#: Distinct runs remembered per gazetteer and actor list (then the memory starts over).
RUN_CACHE_SIZE = 100_000
_RUN_CACHES: "weakref.WeakKeyDictionary[Gazetteer, weakref.WeakKeyDictionary]" = \
    weakref.WeakKeyDictionary()
#: A verb of speech right after a single-word name makes it a person ("Roberts said").
_SPEECH_AFTER_RE = re.compile(
    r",? (?:said|says|told|added|explained|noted|asked|wrote|testified|recalled|"
    r"stated|replied|insisted|argued|admitted|acknowledged|declined|did not|didn't)\b")
#: ... unless a locative preposition comes first ("the port authority in Kerch said").
_LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|at|from|near|of|outside)\s+$")
_DESIGNATOR_RE = re.compile(r"\s+(" + "|".join(DESIGNATORS) + r")\b", re.I)
#: What may follow a one-word town name after "the" when the name stands alone
#: ("the Berdyansk and the Nikopol,", "running the Webster."): a town so named is
#: something else (a ship, a hotel, a car); not before an address ("the Kansas
#: City, Kan., police") or a noun ("the Gainesville and Lindsay communities").
_BARE_END_RE = re.compile(r"(?:[.;:)]|,(?! [A-Z])| (?:and|or) the\b)")
#: One to three lower-case words after a name ("Heathrow airport", "the Baltic states",
#: "Obuz-Lesnovsky training ground", "Zaporizhzhia nuclear power plant").
_LOWER_AFTER_RE = re.compile(r"[ \u00a0](([a-z]+)(?:[ \u00a0][a-z]+){0,2})\b")
#: Words after a name that make it the name of an exercise ("Sea Breeze exercise").
EXERCISE_WORDS = frozenset("exercise exercises drill drills manoeuvres maneuvers".split())
#: Words after a name that make it the name of a weapon or a vehicle ("Iskander
#: missiles", "Stryker armoured vehicles", "Patriot launchers") ...
WEAPON_WORDS = frozenset("""missile missiles rocket rockets launcher launchers tank tanks
howitzer howitzers drone drones jet jets fighter fighters helicopter helicopters armoured
armored""".split())
#: ... unless a word after it makes the name a place again ("the Kozelsk missile
#: base", "a Kyiv drone attack", "the Kharkiv tank factory").
WEAPON_PLACE_WORDS = frozenset("""base bases site sites range ranges plant plants factory
factories works division divisions regiment regiments brigade brigades attack attacks strike
strikes raid raids barrage fire launch""".split())
#: Words around a name that make it a town, not a person, wherever else it speaks.
_TOWN_AFTER_RE = re.compile(r"(?:['’]s)? (?:residents?|police|city council|mayor|"
                            r"(?:high |middle |elementary )?schools?|man|woman|natives?)\b",
                            re.I)
_TOWN_BEFORE_RE = re.compile(r"\b(?:in|near|outside)\s+$")
#: Words before a capitalised name that make it a place even when no list knows it.
_UNKNOWN_BEFORE_RE = re.compile(r"\b(?:near|outside|(?:village|town|city|settlement|hamlet|"
                                r"port|district|region|province|island|islands) of)\s+$")


#: A vessel word right before a name makes it a ship's name ("the tug Yany Kapu");
#: "ship", "vessel" and "boat" only after a word saying which ("the patrol ship").
VESSEL_WORDS = frozenset("""tug tugboat gunboat frigate destroyer cruiser corvette submarine
warship flagship minesweeper icebreaker tanker freighter trawler carrier""".split())
VESSEL_KINDS = frozenset("""landing patrol command research intelligence cargo supply
hospital""".split())
#: Every word for a ship (the generic ones too).
VESSEL_NOUNS = VESSEL_WORDS | {"ship", "vessel", "boat"}


_VESSEL_ENDS = tuple(f"{w} " for w in VESSEL_NOUNS)
#: The plural vessel words: before a list of names, each is a ship's
#: ("the corvettes Ternopil and Lutsk", "the frigates Essen, Makarov and Grigorovich").
VESSEL_PLURALS = frozenset(f"{w}s" for w in VESSEL_NOUNS)
_PLURAL_ENDS = tuple(f"{w} " for w in VESSEL_PLURALS)
#: A name set off by commas as a ship's or an exercise's: "Sea Breeze, an annual
#: naval exercise,", "the Nord, a fishing boat" (the words between are modifiers:
#: no article, preposition or pronoun, so "Kerch, a port where the ship ..." is a place).
_APPOS_VESSELS = (*sorted(VESSEL_NOUNS), "yacht", "ferry")
_APPOS_AFTER_RE = re.compile(
    r", (?:an?|the|its|their) (?:(?!(?:a|an|the|of|in|on|at|to|from|with|by|for|and|or|"
    r"where|which|that|who|when|whose)\b)[a-z][a-z-]* ){0,4}?"
    r"(?P<w>" + "|".join((*_APPOS_VESSELS, *EXERCISE_WORDS)) + r")(?![\w'’-])")
_APPOS_STARTS = (", a ", ", an ", ", the ", ", its ", ", their ")
#: A ship's name set off after its vessel word: "a Crimean fishing boat, the Nord, and".
_APPOS_BEFORE_RE = re.compile(r"\b(?:" + "|".join(_APPOS_VESSELS) + r"), the $")
_APPOS_END_RE = re.compile(r"(?:[,.;:)]| and\b)")
#: What joins the names of a list of ships: ", ", " and ", ", and ".
_SHIP_SEP_RE = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _ship_list(run: str, b: int, text: str, tail: int) -> list[Mention]:
    """The ships of a run listed after a plural vessel word ("the corvettes |Ternopil
    and Lutsk"), or after the ship that ends at ``tail`` ("the frigates Essen, |Makarov
    and Grigorovich"); none when the run is not part of such a list ("the warships
    Russia sent")."""
    after = tail >= 0 and bool(_SHIP_SEP_RE.fullmatch(text, tail, b))
    if not after:
        words = text[max(0, b - 24):b - 1].rsplit(None, 1)
        if not words or words[-1] not in VESSEL_PLURALS:
            return []
        if " and " not in run and not text.startswith(",", b + len(run)):
            return []  # a list needs a second name
    out, pos = [], b
    for part in run.split(" and "):
        out.append(Mention(part, pos, pos + len(part), "ship", ""))
        pos += len(part) + 5
    return out


def _after_vessel(text: str, b: int) -> bool:
    """The name at ``b`` follows a vessel word ("the destroyer |Porter")."""
    words = text[max(0, b - 24):b - 1].rsplit(None, 2)
    if not words or not words[-1].islower():
        return False
    w = words[-1]
    if w in VESSEL_WORDS:
        return True
    return w in ("ship", "vessel", "boat") and len(words) > 1 and words[-2] in VESSEL_KINDS


def _ship_name(text: str) -> str:
    """A ship's name without its prefix ("USS Porter" -> "Porter")."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower().replace(".", "") in SHIP_PREFIXES else text


def _run_cache(gaz: Gazetteer, actors: ActorIndex) -> dict[tuple[str, bool, str], tuple]:
    per_gaz = _RUN_CACHES.get(gaz)
    if per_gaz is None:
        per_gaz = _RUN_CACHES[gaz] = weakref.WeakKeyDictionary()
    cache = per_gaz.get(actors)
    if cache is None:
        cache = per_gaz[actors] = {}
    return cache


def _analyse_run(run: str, para: bool, nxt: str, gaz: Gazetteer,
                 actors: ActorIndex, sent: bool = False) -> tuple[tuple, ...]:
    """What one capitalised run holds, as operations with offsets relative to the run.

    ``para``: the run opens a paragraph; ``nxt``: the dateline separator or "."
    right after it (else ""); ``sent``: the run opens a sentence, so its first
    word may be capitalised only for that ("Two Richmond officers").
    Operations: ``("ship", s, e, flag, actor)``, ``("actor", s, e, id)``,
    ``("place", s, e, key, hint, weak, area, notable)``, ``("other", s, e)`` and
    ``("surname", word)``.
    """
    ext = run + nxt
    toks = _tokens(run, 0)
    _cut_tails(run, toks, gaz)
    # leading function words, titles, days, months (not the first word of a name of
    # a feature or a notable town the gazetteer knows: "Second Thomas Shoal")
    while toks and ((toks[0][0].lower() in LEADING
                     and (not toks[0][0].isupper() or len(toks[0][0]) == 1)
                     and not _leading_name(run, toks, gaz))
                    or _is_conn(toks[0][0])):
        toks.pop(0)
    while toks and _is_conn(toks[-1][0]):
        toks.pop()
    if sent and len(toks) > 1 and _sentence_word(run, toks, gaz, actors):
        toks.pop(0)
    if not toks:
        return ()
    first = toks[0][0].lower().replace(".", "")
    if first in FACILITY_FIRST_WORDS and len(toks) >= 3 and toks[1][0].lower() in FACILITY_LINKS:
        # "Stade de France", "Plaza de Mayo", "Gare du Nord": a site, named whole
        return (_site_op(run, toks[0][1], toks[-1][2]),)
    site = _saint_site(run, toks, gaz)
    if site is not None:
        # "St. Mary's High School", "St. James United Methodist Church": a site named
        # for a saint, not a town named so
        return (site,)
    if first in SHIP_PREFIXES and len(toks) > 1:
        flag = SHIP_PREFIXES[first]
        return (("ship", toks[0][1], toks[-1][2], flag, actors.for_country(flag) if flag else None),)
    ops: list[tuple] = []
    _scan_run(ext, para, toks, gaz, actors, ops)
    streets = _streets(toks)
    if streets and not any(op[0] in ("actor", "ship") for op in ops):
        # "Northumberland Avenue", "Eglinton Avenue West": a street, not the county
        for f, l in streets:
            s, e = toks[f][1], toks[l][2]
            ops = [op for op in ops if op[0] != "place" or op[2] <= s or op[1] >= e] + \
                  [_site_op(run, s, e)]
        ops.sort(key=lambda op: op[1] if op[0] != "surname" else -1)
    if sent:
        # capitals say nothing at the start of a sentence: "Man booked for assault"
        # is not the Ivorian city, however big a town named like a word is
        ops = [op[:7] + (False,) if op[0] == "place" and op[1] == toks[0][1] else op
               for op in ops]
    return tuple(ops)


_POSSESSIVE = ("'s", "’s")
#: First and last words of the names of natural features and the like ("Cape
#: Fiolent", "Mount Hermon", "Galwan Valley", "Lachin Corridor").
FEATURE_FIRST_WORDS = frozenset("cape mount mt lake isle".split())
FEATURE_LAST_WORDS = frozenset("""
island islands isle isles river valley spit peninsula strait straits bay lake lagoon forest
mountains heights plateau plain plains pass gorge corridor canal reservoir glacier desert
ridge shoal shoals reef atoll archipelago isthmus delta sea gulf steppe
""".split())
#: Words after a name that make it a border crossing ("the Kuznica-Bruzgi crossing").
_CROSSING_AFTER_RE = re.compile(r" (?:border )?(?:crossing|checkpoint|crossing point)s?\b")
#: Lower-case feature words after an unknown name ("the Brelka river").
_FEATURE_AFTER_WORDS = tuple("river valley island islands spit peninsula strait lake lagoon "
                             "reservoir gorge corridor canal".split())
_FEATURE_AFTER_RE = re.compile(rf" (?:{'|'.join(_FEATURE_AFTER_WORDS)})\b")
_FEATURE_STARTS = tuple(f" {w}" for w in _FEATURE_AFTER_WORDS)


#: Words before a name that put it in a place's position ("in |Qamishli").
_VARIANT_BEFORE_RE = re.compile(
    r"\b(?:in|at|to|from|near|into|outside|around|towards?|across|via|out of|"
    r"shelled|struck|hit|bombed|captured|seized|entered|retook|recaptured|besieged|"
    r"surrounded|reached|evacuated|raided|stormed|"
    r"(?:town|village|city|camp|district|province|region|area|port|crossing)s? of)"
    r"\s+(?:the\s+)?$")
_ARTICLE_STARTS = tuple(f" {a}-" for a in ARABIC_ARTICLES)
#: An Arabic article and the name it opens, after a run ("Deir| al-Balah").
_ARTICLE_TAIL_RE = re.compile(rf" (?:{'|'.join(ARABIC_ARTICLES)})-[A-Z][\w'’]*")
#: A preposition opening a sentence and the run ("In Deir al-Balah, residents said").
_PREP_STARTS = ("In ", "At ", "From ", "Near ", "Outside ", "Around ", "Inside ")
#: The operations of a run that read no place, actor or ship in it.
_UNREAD_OPS = frozenset({"other", "surname"})
#: A town another spelling fits is taken over others it fits when it has this many
#: times their people ("Akhnoor": Akhnūr, 20,756, not a hamlet Khanr).
VARIANT_LEAD = 5
#: What after a name puts it in a place's position ("Akhnoor |in India").
_VARIANT_AFTER_RE = re.compile(r",?\s+(?:in|near)\s+(?:the\s+)?[A-Z]")
#: What joins a name to the place before it in a list ("Gaza, |Deir al-Balah").
_LIST_BEFORE_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _variant_places(text: str, unread: list[tuple[int, int]], gaz: Gazetteer,
                    out: Mentions, free) -> None:
    """Names no list knows, in a place's position ("fighting in |Qamishli", "Gaza,
    |Deir al-Balah"), that spell a town of a country the article names another
    way (same consonants, see :func:`gazetteer.skeleton`): "Qamishli" in a story
    about Syria is Al Qāmishlī. Only when one such town's name fits."""
    memo = gaz.memo("mentions.variants")
    names: list[tuple[int, int, list[str]]] = []
    found: list[tuple[int, int]] = []
    for b0, e0 in unread:
        pos = b0
        for name in text[b0:e0].split(" and "):  # "Akhnoor and Baramulla"
            b, e = pos, pos + len(name)
            pos = e + 5
            keys = memo.get(name)
            if keys is None:
                k = norm(name).replace(" ", "-")
                keys = memo[name] = ["=" + k] if "-" in k and gaz.has_key(k) \
                    else [] if (name.split()[0] in given_names()
                                or name.lower() in gaz.common_words) \
                    else gaz.variants(name)  # (not "Mohamed", not "in March")
            if not keys or not free(b, e):
                continue
            if keys[0][0] == "=":  # "Bab el-Mandeb": its name, hyphens aside
                out.places.append(Mention(name, b, e, "place", keys[0][1:], ""))
                found.append((b, e))
            else:
                names.append((b, e, keys))
    # the countries named, and those of names only one country has
    country_of = gaz.memo("mentions.country_of")
    codes = set()
    for m in out.places if names else ():
        code = country_of.get(m.norm)
        if code is None:
            code = m.norm[8:] if m.norm.startswith("country:") else gaz.country_code(m.text)
            if not code and not m.norm.startswith("border:"):
                ccs = {c.country_codes[0] for c in gaz.candidates(m.text, key=m.norm)
                       if c.country_codes}
                code = ccs.pop() if len(ccs) == 1 else ""
            country_of[m.norm] = code = code or ""
        if code:
            codes.add(code)
    for b, e, keys in names if codes else ():
        towns = sorted(((c.population, k) for k in keys for c in gaz.candidates(k, key=k)
                        if c.kind == "city" and c.country_codes[0] in codes), reverse=True)
        if towns and (len(towns) == 1 or towns[0][1] == towns[1][1]
                      or towns[0][0] >= VARIANT_LEAD * max(1, towns[1][0])):
            # (the town the spelling fits, or one far bigger than the others it fits)
            out.places.append(Mention(text[b:e], b, e, "place", towns[0][1], "variant"))
            found.append((b, e))
    if found:  # no longer "a person or thing" ("Tal Tamr"), nor the town "Ras" (India)
        spans = set(found)
        out.others = [o for o in out.others
                      if not any(b < o.end and o.start < e for b, e in found)]
        out.places = [p for p in out.places if (p.start, p.end) in spans
                      or not any(b < p.end and p.start < e for b, e in found)]


#: Kinds of place the gazetteer may name with "the" ("the Atlantic", "the Gulf",
#: "the Balkans"); not towns ("the Colony", Texas) or divisions ("the Valley").
THE_KINDS = frozenset({"country", "sea", "gulf", "strait", "river", "region", "peninsula"})


_THE_ENDS = ("the ", "The ")


def _the_key(run: str, gaz: Gazetteer, memo: dict | None = None) -> str:
    """The key "the <run>" when the gazetteer names only places of :data:`THE_KINDS`
    so and the run alone names none ("the Netherlands", "the Baltic states" are read
    the usual way), else "" (``memo``: the gazetteer's memo of the answers)."""
    memo = memo if memo is not None else gaz.memo("mentions.the")
    got = memo.get(run)
    if got is None:
        k, own = "the " + norm(run), norm(run)
        cs = gaz.candidates(k, key=k) if gaz.has_key(k) else []
        got = memo[run] = k if cs and all(c.kind in THE_KINDS for c in cs) and not any(
            c.kind in THE_KINDS for c in gaz.candidates(own, key=own)) else ""
    return got


def _unknown_place(text: str, s: int, e: int, gaz: Gazetteer) -> Mention:
    """The mention of a name the gazetteer lacks alone, read with the feature word
    after it when it knows them together ("the Bug river": the Western Bug), else
    reported as unknown ("the Ibar river")."""
    m = _FEATURE_AFTER_RE.match(text, e)
    if m is not None and gaz.has_key(k := norm(text[s:m.end()])):
        return Mention(text[s:m.end()], s, m.end(), "place", k, "")
    return Mention(text[s:e], s, e, "place", norm(text[s:e]), "unknown")


def _feature_name(toks: list[tuple[str, int, int]]) -> str:
    """"first" or "last" when the words name a natural feature by a feature word
    there ("Cape Fiolent", "Galwan Valley"), the other words being names (no
    organisation, street or given name among them); else ""."""
    words = [t[0] for t in toks if not _is_conn(t[0])]
    if len(words) < 2 or words[0] in given_names():
        return ""
    low = [w.lower().rstrip(".") for w in words]
    if low[0] in FEATURE_FIRST_WORDS:
        where, rest = "first", low[1:]
    elif low[-1] in FEATURE_LAST_WORDS:
        where, rest = "last", low[:-1]
    else:
        return ""
    return "" if any(w in ORG_WORDS or w in STREET_WORDS or w in LEADING for w in rest) \
        else where


def feature_parts(name: str) -> tuple[str, str] | None:
    """(the name, the feature word) of a name made with a feature word ("Mount Hermon"
    -> ("Hermon", "Mount"), "Taganrog Bay" -> ("Taganrog", "Bay")), else None."""
    first, _, rest = name.partition(" ")
    if not rest:
        return None
    if first.lower() in FEATURE_FIRST_WORDS:
        return rest, first
    head, last = name.rsplit(" ", 1)
    return (head, last) if last.lower() in FEATURE_LAST_WORDS else None


def _lower_after(name: str, key: str, words: str, first: str,
                 gaz: Gazetteer) -> tuple[int | None, str]:
    """What the lower-case ``words`` after a place ``name`` do to it: (characters of
    them the name takes, its new key) when the gazetteer knows the name with the
    most of them ("the Baltic states", "Obuz-Lesnovsky training ground"); (0, key)
    when with none; (None, "") when they make the name an exercise's ("the Sea
    Breeze exercise") and only small towns have it."""
    split = words.split()
    got = _with_lower_words(name, split, gaz)
    if got is not None:
        return len(got[0]) - len(name) - 1, got[1]
    if (first in EXERCISE_WORDS or " ".join(split[:2]) == "war games" or
            (first in WEAPON_WORDS and not any(w in WEAPON_PLACE_WORDS for w in split[1:]))) \
            and (cs := gaz.candidates(name, key=key)) and not _notable(cs):
        return None, ""
    return 0, key


def _known_with_lower(run: str, text: str, e: int, gaz: Gazetteer) -> tuple[str, str] | None:
    """(text, key) of a run that nothing read, with the lower-case words after it
    (ending at ``e``) that make it a name the gazetteer has ("Brotherhood pipeline");
    None when it has none."""
    m = _LOWER_AFTER_RE.match(text, e, e + 50)
    if m is None:
        return None
    memo = gaz.memo("mentions.known_with_lower")
    mk = (run, m.group(1))
    got = memo.get(mk, False)
    if got is False:
        got = memo[mk] = _with_lower_words(run, m.group(1).split(), gaz)
    return got


def _with_lower_words(name: str, words: list[str], gaz: Gazetteer) -> tuple[str, str] | None:
    """(text, key) of ``name`` with the most of the lower-case ``words`` after it that
    the gazetteer knows it with ("Boryspil airport", "Brotherhood pipeline"), or None."""
    for n in range(len(words), 0, -1):
        text = f"{name} {' '.join(words[:n])}"
        if gaz.has_key(k := norm(text)):
            return text, k
    return None


def _leading_name(run: str, toks: list[tuple[str, int, int]], gaz: Gazetteer) -> bool:
    """The run opens with a name of two or more words that starts with a leading word
    and is no small town's ("Second Thomas Shoal", "Prince William County")."""
    if toks[0][0] in ("The", "the", "A", "An"):
        return False
    k = _longest(toks, 0, run, gaz.has_key, gaz.max_words, gaz.first_words)
    return k >= 2 and _notable(gaz.candidates(run[toks[0][1]:toks[k - 1][2]]))


#: First words of names given for a saint ("St. Mary's", "Saint Paul").
SAINT_FIRST_WORDS = frozenset({"st", "ste", "saint", "sainte"})
#: Words that make a saint's name the name of a site: institutions, and the
#: denominations and kinds of school and hospital ("St. James United Methodist Church").
SITE_WORDS = ORG_WORDS | frozenset("""
catholic lutheran episcopal methodist baptist presbyterian orthodox coptic anglican
evangelical parish chapel basilica cemetery health medical youth high elementary
""".split())


def _saint_site(run: str, toks: list[tuple[str, int, int]], gaz: Gazetteer) -> tuple | None:
    """What a run opening with "St." or "Saint" and a given name holds when it names no
    town: a church, school or hospital named for the saint, before an institution
    word ("St. James United Methodist Church", "St. Paul's Hospital"; not "St. Louis
    Police", a city of 100,000) or alone in the possessive ("St. Michael's pupils";
    not a place the gazetteer has so, "St. John's, Newfoundland") is a site; the
    saint's day is nothing ("St. Patrick's Day"). None when the run is read as usual
    ("St. Louis", "St. Cloud Hospital")."""
    if len(toks) < 2 or toks[0][0].lower().rstrip(".") not in SAINT_FIRST_WORDS or \
            toks[1][0] not in given_names():
        return None
    saint = run[toks[0][1]:toks[1][2]]
    owned = run.startswith(_POSSESSIVE, toks[1][2])
    rest = [t[0].lower() for t in toks[2:]]
    if owned and rest[:1] in (["day"], ["eve"]):
        return ("other", toks[0][1], toks[-1][2])
    if any(w in SITE_WORDS for w in rest):
        if not owned and any(c.kind == "city" and not c.alt and c.population >= NOTABLE_CITY
                             for c in gaz.candidates(saint)):
            return None
    elif rest or not owned:
        return None
    elif gaz.has_key(key := norm(saint + "'s")):  # "St. John's, Newfoundland"
        return ("place", toks[0][1], toks[1][2] + 2, key, "", False, False, True)
    e = toks[-1][2]
    if run.startswith(_POSSESSIVE, e):
        e += 2  # (the name the gazetteer does not have: "St. Michael's")
    return _site_op(run, toks[0][1], e)


def _site_op(run: str, s: int, e: int) -> tuple:
    """The place operation of a site named whole ("Stade de France", "Oxford Street"):
    the gazetteer does not know it, the resolver puts it in the article's town."""
    return ("place", s, e, norm(run[s:e]), "facility", False, False, True)


#: Last words of street names ("Oxford Street", "Eglinton Avenue West").
STREET_WORDS = frozenset("street avenue road boulevard lane drive parkway".split())
_STREET_TAIL = frozenset("north south east west".split())


def _streets(toks: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """The street names in a run, as (first, last) tokens: one or two names, a
    street word, maybe a direction ("Oxford Street", "Eglinton Avenue West"); the
    street word must end a name (next comes nothing, "and"/"on"..., or a direction)."""
    out = []
    for j in range(1, len(toks)):
        if toks[j][0].lower() not in STREET_WORDS or _is_conn(toks[j - 1][0]):
            continue
        last = j
        if j + 1 < len(toks) and toks[j + 1][0].lower() in _STREET_TAIL:
            last = j + 1
        if last + 1 < len(toks) and not _is_conn(toks[last + 1][0]):
            continue  # "Avenue Capital Group": the word inside a longer name
        first = j - 1
        if first >= 1 and not _is_conn(toks[first - 1][0]) and \
                toks[first - 1][0].lower() not in LEADING:
            first -= 1  # "Martin Luther King Avenue": two names before the word at most
        out.append((first, last))
    return out


#: Endings of words that open a sentence without being names ("Neighbouring Romania").
_SENTENCE_WORD_ENDINGS = ("ing", "ed", "ly")


def _sentence_word(run: str, toks: list[tuple[str, int, int]], gaz: Gazetteer,
                   actors: ActorIndex) -> bool:
    """The run's first word is a frequent English word capitalised only because it
    opens the sentence ("Two", "Citing", "Most"): not a name, not the start of one
    the gazetteer or the actor list knows ("New York"), of a demonym ("South
    African") or of a region's adjective ("Middle Eastern"), not a city of note."""
    tok = toks[0][0]
    low = tok.lower()
    if tok.isupper():
        return False
    common = common_words(gaz)
    if low not in common and not (low[-1:] == "s" and low[:-1] in common) and not (
            # ("Floods on the Yangtze": the plural of a frequent word too)
            low.endswith(_SENTENCE_WORD_ENDINGS) and "-" not in low and not gaz.has_key(low)
            and tok not in given_names() and (gaz.demonym(toks[1][0]) is not None
                                              or _notable(gaz.candidates(toks[1][0])))):
        return False  # (a rarer "Neighbouring Romania", "Reportedly Russian" too)
    if _longest(toks, 0, run, gaz.has_key, gaz.max_words, gaz.first_words) > 1:
        return False
    if gaz.has_key(norm(tok)) and _notable(gaz.candidates(tok)):
        return False
    return not _longest(toks, 0, run, lambda key: key in actors.by_alias, actors.max_words,
                          actors.first_words) \
        and not _longest(toks, 0, run, lambda key: gaz.demonym(key) is not None, 3,
                          gaz.demonym_first_words) \
        and not _longest(toks, 0, run, lambda key: key in CONTINENT_WORDS, 2)


def _replay(op: tuple, base: int, text: str, gaz: Gazetteer, common: frozenset[str],
            out: Mentions, free, surnames: set[str], weak: list[Mention]) -> None:
    """Apply one operation of :func:`_analyse_run` at its place in ``text``."""
    kind = op[0]
    if kind == "place":
        s, e = base + op[1], base + op[2]
        if not free(s, e):
            return
        key, hint = op[3], op[4]
        if s > 1 and text[s - 2].isdigit() and text[s - 1] == " " and text[s:e] in ERAS:
            return  # "500 B.C." is an era, not British Columbia
        if text.endswith(_THE_ENDS, 0, s) and (k := _the_key(text[s:e], gaz)):
            key = k  # "the Zambezi and the Limpopo": the river, as "the Zambezi" alone
        weak_town = op[5]
        if s >= 4 and text[s - 4:s] == "the " and _BARE_END_RE.match(text, e) and \
                " " not in text[s:e] and \
                (cs := gaz.candidates(text[s:e], key=key)) and \
                all(c.kind == "city" and not c.name.startswith("The ") for c in cs):
            return  # "the gunboats, the Berdyansk and the Nikopol": vessels, not the towns
        if (text.endswith(", the ", 0, s) and _APPOS_END_RE.match(text, e) and
                _APPOS_BEFORE_RE.search(text, max(0, s - 24), s) is not None):
            # "a Crimean fishing boat, the Nord, and its crew": a ship
            out.ships.append(Mention(text[s:e], s, e, "ship", ""))
            return
        if text.startswith(_APPOS_STARTS, e) and \
                (am := _APPOS_AFTER_RE.match(text, e, e + 80)) is not None and \
                not _notable(gaz.candidates(text[s:e], key=key)):
            # "Sea Breeze, an annual naval exercise,"; "the Lida, a patrol boat"
            if am.group("w") not in EXERCISE_WORDS:
                out.ships.append(Mention(text[s:e], s, e, "ship", ""))
            return
        if (m := _LOWER_AFTER_RE.match(text, e, e + 50)) is not None:
            # "Boryspil airport": the airport ("Boryspil" alone stays the town)
            memo = gaz.memo("mentions.lower_after")
            mk = (text[s:e], key, m.group(1))
            got = memo.get(mk)
            if got is None:
                got = memo[mk] = _lower_after(mk[0], key, m.group(1), m.group(2), gaz)
            if got[0] is None:
                return  # "the annual Sea Breeze exercise": a name, not the small town
            if got[0]:
                e, key, weak_town = m.start(1) + got[0], got[1], False
        if weak_town:  # a single word that is only a small or middling town
            name = text[s:e]
            if name in surnames:
                return  # "Kelly said" after "Mary Kelly": a surname
            if (_SPEECH_AFTER_RE.match(text, e)
                    and not _LOCATIVE_BEFORE_RE.search(text, max(0, s - 12), s)) or \
                    _INITIAL_BEFORE_RE.search(text, max(0, s - 24), s):
                surnames.add(name)
                return  # "Roberts said", "Terry A. Corbin": a person
            if not op[7] and name.lower() in common:
                return  # "Most analysts": a word, unless a city of 100,000 has that name
        if op[6]:
            # "Kharkiv region": take the designator when the gazetteer knows the area
            m = _DESIGNATOR_RE.match(text, e, e + 20)
            if m:
                k2 = norm(f"{text[s:e]} {m.group(1)}")
                if gaz.has_key(k2):
                    e, key = m.end(), k2
                else:
                    if not hint:
                        hint = "area"
                    if m.group(1).islower() and m.group(1) != "city" and any(
                            c.kind in ("admin1", "admin2", "region")
                            for c in gaz.candidates(text[s:e], key=key)):
                        e = m.end()  # "Vayots Dzor province": the division, named whole
        m = Mention(text[s:e], s, e, "place", key, hint)
        out.places.append(m)
        if weak_town:
            weak.append(m)
    elif kind == "actor":
        s, e = base + op[1], base + op[2]
        out.actors.append(Mention(text[s:e], s, e, "actor", op[3]))
    elif kind == "surname":
        surnames.add(op[1])
    elif kind == "other":
        s, e = base + op[1], base + op[2]
        out.others.append(Mention(text[s:e], s, e, "other"))
    else:  # ship
        s, e = base + op[1], base + op[2]
        out.ships.append(Mention(text[s:e], s, e, "ship", op[3]))
        if op[4]:
            out.actors.append(Mention(text[s:e], s, e, "actor", op[4], "ship"))


def _scan_run(text: str, para: bool, toks: list[tuple[str, int, int]], gaz: Gazetteer,
              actors: ActorIndex, ops: list[tuple]) -> None:
    """Longest-match places and actors inside one capitalised run (``text``: the run).

    The run is judged in segments split at "and" (outside names like "Bosnia
    and Herzegovina"): a segment holding an unknown capitalised word names a
    person or a thing and yields no places; one holding an organisation word
    keeps only the places before it ("U.S. Army", "Moscow City Court").
    """
    n = len(toks)
    i = 0
    found: list[tuple[int, int, str]] = []  # (start token, end token, kind) kind: place|org|unknown|and
    acts: list[tuple[int, int]] = []
    dem_end = -1  # the token after the last demonym taken for its country
    while i < n:
        tok = toks[i][0]
        if _is_conn(tok):
            if tok == "and" or tok == "of":  # "Phil Cole of the Ohio Association"
                found.append((i, i + 1, "and"))
            i += 1
            continue
        k = _longest(toks, i, text, gaz.has_key, gaz.max_words, gaz.first_words)
        if k and i + k < n and _designator_after(toks, i, k, text, gaz):
            k += 1  # "Rakhine State", "Masisi Territory": the division, named whole
        if k == 1 and tok.isupper() and 1 < len(tok) <= 4 and not _acronym_place(tok, gaz) \
                and not (para and _dateline(text, toks[i][1], toks[i][2])):
            k = 0  # "NATO" is not Nato (Philippines)
        if k == 1 and gaz.is_abbreviation(norm(tok)) and not tok.endswith(".") \
                and not text.startswith(".", toks[i][2]):
            k = 0  # "Ill." is Illinois, "Ill" is not
        if k == 1 and i > 0 and tok.lower() in ORG_WORDS:
            k = 0  # "Highway Patrol": an institution word, even if some town is called so
        if k > 1 and toks[i + k - 1][0].lower() in ORG_WORDS and \
                any(toks[f[0]][0].lower() in ORG_WORDS for f in found) and \
                gaz.has_key(norm(text[toks[i][1]:toks[i + k - 2][2]])):
            k -= 1  # "University of Michigan Center": Michigan, then an institution word
        if k == 1 and i + 1 < n and tok.lower() in DIRECTIONS and not _is_conn(toks[i + 1][0]):
            k = 0  # "Northeast Georgia", "Metro Nashville": a modifier, not a place of its own
        if k == 1 and i + 1 < n and tok in given_names() and _person_follows(toks, i + 1) \
                and _longest(toks, i, text, lambda key: key in actors.by_alias,
                             actors.max_words, actors.first_words) <= 1:
            found.append((i, i + 1, "unknown"))  # "Mary Wheeler", "Abraham Lincoln": a person
            i += 1
            continue
        if k == 1 and gaz.demonym(tok) is not None and _demonym_word(tok, gaz):
            k = 0  # "Canadian", "Kazakh": the adjective, not the towns so named
        if k <= 1 and norm(tok) in CONTINENT_WORD_STARTS:
            c = _longest(toks, i, text, lambda key: key in CONTINENT_WORDS, 2)
            if c >= max(k, 1):
                k = 0  # "Balkan leaders": the region, not Turkmenistan's Balkan Province
        if not k:
            c = _longest(toks, i, text, lambda key: key in CONTINENT_WORDS, 2)
            if c and _longest(toks, i, text, lambda key: key in actors.by_alias,
                              actors.max_words, actors.first_words) <= c:
                # "European markets", "North American tour": the continent, as a
                # modifier (but "European Union" is the actor)
                s, e = toks[i][1], toks[i + c - 1][2]
                ops.append(("place", s, e, CONTINENT_ADJECTIVES[norm(text[s:e])], "demonym",
                            False, False, True))
                i += c
                continue
            d = _longest(toks, i, text, lambda key: gaz.demonym(key) is not None, 3,
                         gaz.demonym_first_words)
            if d:  # "Russian", "Sri Lankan", "Palestinians": the country, as a modifier
                s, e = toks[i][1], toks[i + d - 1][2]
                iso = gaz.demonym(text[s:e])
                listed = 0 <= dem_end < i and all(t[0] in ("and", "or") for t in toks[dem_end:i])
                if iso and (i == 0 or listed or any(f[2] == "place" for f in found)):
                    # "Russian", "Russian and Belarusian troops"
                    ops.append(("place", s, e, f"country:{iso}", "demonym", False, False, True))
                    dem_end = i + d
                a = _longest(toks, i, text, lambda key: key in actors.by_alias, actors.max_words,
                             actors.first_words)
                if a:
                    acts.append((i, i + a))
                i += d
                continue
        g = _longest(toks, i, text, lambda key: key in NEWS_AGENCIES, 2)
        if g and g >= k:
            found.append((i, i + g, "org"))  # "Xinhua, China's news agency"
            i += g
            continue
        a = _longest(toks, i, text, lambda key: key in actors.by_alias or
                     (key.startswith("the ") and key[4:] in actors.by_alias),
                     actors.max_words, actors.first_words_the)
        if not a and tok in actors.exact:
            a = 1
        if k and a >= k and _actor_not_place(text, toks, i, k, gaz, actors):
            k = 0  # "Hamas" (not Hamm), "the White House" (not the Tennessee town)
        if k and k >= a:
            found.append((i, i + k, "place"))
            if a == k:
                acts.append((i, i + a))
            i += k
        elif a:
            acts.append((i, i + a))
            i += a
        elif "-" in tok and _hyphen_parts(text, toks[i], gaz, ops):
            i += 1  # "Egyptian-US relations", "Georgian-controlled", "Fargo-Moorhead"
        else:
            low = tok.lower()
            if low in ORG_WORDS:
                found.append((i, i + 1, "org"))
            elif (low not in DIRECTIONS and low not in LEADING and not gaz.demonym(tok)
                    and not tok.isupper()):
                found.append((i, i + 1, "unknown"))
            i += 1
    for s_i, e_i in acts:
        s, e = toks[s_i][1], toks[e_i - 1][2]
        aid = actors.lookup(text[s:e])
        if aid:
            ops.append(("actor", s, e, aid))
    # split into segments at "and"
    segments: list[list[tuple[int, int, str]]] = [[]]
    for f in found:
        if f[2] == "and":
            segments.append([])
        else:
            segments[-1].append(f)
    for seg in segments:
        kinds = [f[2] for f in seg]
        # the feature rule reads the name after a possessive ("Russia's Taman Peninsula")
        own = max((j + 1 for j, f in enumerate(seg)
                   if text.startswith(_POSSESSIVE, toks[f[1] - 1][2])), default=0)
        fseg = seg[own:]
        if len(fseg) > 1 and "org" not in kinds:
            feature = _feature_name(toks[fseg[0][0]:fseg[-1][1]])
            word = fseg[0] if feature == "first" else fseg[-1]
            if feature and word[1] - word[0] == 1:  # the feature word on its own
                # "Cape Zorvath", "the Zelvinsky Valley": a place even when the gazetteer
                # lacks it (reported unresolved), not a person's name; "Danube Delta":
                # the river, when only the river is known (not a town named like it)
                rest = fseg[1:] if feature == "first" else fseg[:-1]
                for f in seg[:own]:  # "Russia's": the place before the possessive
                    if f[2] == "place":
                        ops.append(_place_op(text, toks, f[0], f[1], gaz, ""))
                s, e = toks[rest[0][0]][1], toks[rest[-1][1] - 1][2]
                if len(rest) == 1 and rest[0][2] == "place" and any(
                        c.kind != "city" for c in gaz.candidates(text[s:e])):
                    ops.append(_place_op(text, toks, rest[0][0], rest[0][1], gaz, ""))
                else:
                    s, e = toks[fseg[0][0]][1], toks[fseg[-1][1] - 1][2]
                    ops.append(("place", s, e, norm(text[s:e]), "unknown", False, False, True))
                continue
        if "place" not in kinds:
            if "unknown" in kinds and len(seg) > 1:
                ops.append(("other", toks[seg[0][0]][1], toks[seg[-1][1] - 1][2]))
                ops.append(("surname", toks[seg[-1][1] - 1][0]))
            continue
        if "unknown" in kinds and kinds[0] == "place" and seg[0][1] - seg[0][0] >= 2 and (
                toks[seg[0][1] - 1][0].lower() in DESIGNATORS or any(
                    c.kind in ("admin1", "country") and not c.alt for c in gaz.candidates(
                        " ".join(t[0] for t in toks[seg[0][0]:seg[0][1]])))):
            # "Boone County Quilt Guild", "North Carolina Senior Games": nobody is
            # named "X County" or "North Carolina": the place is a modifier of the name
            ops.append(_place_op(text, toks, seg[0][0], seg[0][1], gaz, "modifier"))
            continue
        if "unknown" in kinds and kinds[0] == "place" and "org" in kinds:
            # "Texas Department of State Health Services", "U.S. Attorney ...":
            # the leading place is a modifier of the organisation or title
            ops.append(_place_op(text, toks, seg[0][0], seg[0][1], gaz, "modifier"))
            continue
        if "unknown" in kinds:
            # a person, a ship, an organisation with a place in its name: no places
            ops.append(("other", toks[seg[0][0]][1], toks[seg[-1][1] - 1][2]))
            if "org" not in kinds:  # a person's name: its last word is a surname
                ops.append(("surname", toks[seg[-1][1] - 1][0]))
            continue
        first_org = kinds.index("org") if "org" in kinds else len(kinds)
        for f in seg[:first_org]:
            if f[2] == "place":
                ops.append(_place_op(text, toks, f[0], f[1], gaz,
                                     "modifier" if first_org < len(kinds) else ""))


#: An all-capitals opening of a paragraph before a dateline separator, places
#: joined by "/".
_DATELINE_NAME = r"[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}"
_DATELINE_RE = re.compile(rf"(?m)^{_DATELINE_NAME}(?:/{_DATELINE_NAME})*"
                          rf"(?={'|'.join(map(re.escape, _DATELINE_SEPS))})")


def _datelines(text: str, gaz: Gazetteer, out: Mentions, free) -> None:
    """Mark the places of each dateline (hint "dateline": the resolver prefers a
    city) and add the ones after a "/" that the run scan took for acronyms."""
    at: dict[tuple[int, int], int] | None = None  # (start, end) -> place number
    for dm in _DATELINE_RE.finditer(text):
        pos = dm.start()
        for part in dm.group(0).split("/"):
            ps, pe = pos, pos + len(part)
            pos = pe + 1
            key = norm(part)
            if not gaz.has_key(key):
                continue
            if at is None:
                at = {}
                for j, m in enumerate(out.places):
                    at.setdefault((m.start, m.end), j)
            j = at.get((ps, pe))
            if j is not None:
                hit = out.places[j]
                out.places[j] = Mention(hit.text, ps, pe, "place", hit.norm, "dateline")
            elif free(ps, pe) and not any(m.start < pe and m.end > ps for m in out.places):
                at[(ps, pe)] = len(out.places)
                out.places.append(Mention(part, ps, pe, "place", key, "dateline"))


def _actor_not_place(text: str, toks: list[tuple[str, int, int]], i: int, k: int,
                     gaz: Gazetteer, actors: ActorIndex) -> bool:
    """The words that name an actor name a place only as a town under
    :data:`NOTABLE_CITY` ("the White House", not White House, Tennessee) or, for an
    actor that is not a state, only by an alternate name ("Hamas", not Hamm):
    then the actor is meant. A state's capital ("Kyiv", "Washington") stays a place."""
    name = text[toks[i][1]:toks[i + k - 1][2]]
    aid = actors.lookup(name)
    actor = actors.actors.get(aid) if aid else None
    cands = gaz.candidates(name)
    if actor is None or actor.kind == "state":
        main = [c for c in cands if not c.alt]
        return bool(main) and all(c.kind == "city" and c.population < NOTABLE_CITY
                                  for c in main)
    return all(c.alt or (c.kind == "city" and c.population < NOTABLE_CITY) for c in cands)


#: Lower-case parts at the end of a hyphenated word ("-based", "-backed").
_LOWER_TAIL_RE = re.compile(r"(?:-[a-z][\w'’]*)+$")


def _cut_tails(text: str, toks: list[tuple[str, int, int]], gaz: Gazetteer) -> None:
    """A name of several words that ends in a hyphenated word ("New York-based",
    "Sri Lanka-born"): cut that token to the name's last word, in place. A single
    hyphenated word ("US-led") is left to :func:`_hyphen_parts`."""
    for j in range(1, len(toks)):
        tok, s, e = toks[j]
        if "-" not in tok:
            continue
        m = _LOWER_TAIL_RE.search(tok)
        if not m or m.start() == 0:
            continue
        cut = e - (len(tok) - m.start())
        for i in range(max(0, j - 2 * gaz.max_words + 1), j):
            if not _is_conn(toks[i][0]) and gaz.has_key(norm(text[toks[i][1]:cut])):
                toks[j] = (tok[:m.start()], s, cut)
                break


def _hyphen_parts(text: str, tok: tuple[str, int, int], gaz: Gazetteer,
                  ops: list[tuple]) -> bool:
    """Places in a hyphenated word the gazetteer does not know whole: demonyms
    ("Egyptian-US", "Georgian-controlled") and places named in full ("Fargo-Moorhead").
    Adds their operations; False when a part is neither (a name like "Jean-Pierre")."""
    word, s, _ = tok
    parts: list[tuple] = []
    pos = s
    pieces = word.split("-")
    # "Gaeta-based", "London-born": the name before such a word is a place, not a
    # person's given name, however small the town
    based = len(pieces) == 2 and pieces[1] in PLACE_TAILS
    for part in pieces:
        ps, pe = pos, pos + len(part)
        pos = pe + 1
        if not part[:1].isupper():
            continue  # "-controlled", "-based"
        iso = gaz.demonym(part)
        if iso and not gaz.has_key(norm(part)):
            parts.append(("place", ps, pe, f"country:{iso}", "demonym", False, False, True))
        elif gaz.has_key(norm(part)) and (based or part not in given_names()) and any(
                not c.alt and (c.kind != "city" or based or c.population >= HYPHEN_TOWN)
                for c in gaz.candidates(part)) and \
                not (part.isupper() and len(part) <= 4 and not _acronym_place(part, gaz)):
            parts.append(_place_op(text, [(part, ps, pe)], 0, 1, gaz, ""))
        else:
            return False
    ops.extend(parts)
    return bool(parts)


def _person_follows(toks: list[tuple[str, int, int]], j: int) -> bool:
    """The words from ``j`` to the next "of"/"and" may end a person's name: a
    capitalised word first, and none of them an institution word or a designator
    ("Mary Wheeler", not "Paris High School", "Lincoln County", "Jordan of")."""
    if _is_conn(toks[j][0]) or toks[j][0].isupper() or toks[j][0].lower() in DIRECTIONS:
        return False
    for tok, _, _ in toks[j:]:
        if _is_conn(tok):
            break
        low = tok.lower()
        if low in ORG_WORDS or low in DESIGNATORS:
            return False
    return True


#: Capitalised designators read with a division's name before them ("Rakhine State",
#: "Masisi Territory"): all but a town's ("Kinshasa City") and an institution's.
_CAPITAL_DESIGNATORS = frozenset(DESIGNATORS) - {"city", "township"} - ORG_WORDS


def _designator_after(toks: list[tuple[str, int, int]], i: int, k: int, text: str,
                      gaz: Gazetteer) -> bool:
    """The ``k`` tokens from ``i`` name a division outside the US by its bare name and a
    capitalised designator follows ("Rakhine State", "Bajaur Agency" where only
    "Bajaur" is known). Not in the US: "Ohio State", "Penn State" are universities."""
    word = toks[i + k][0]
    if not word[:1].isupper() or word.lower() not in _CAPITAL_DESIGNATORS:
        return False
    name = text[toks[i][1]:toks[i + k - 1][2]]
    return any(c.kind in ("admin1", "admin2") and not c.alt and "US" not in c.country_codes
               and norm(c.name) == norm(name) for c in gaz.candidates(name))


def _place_op(text: str, toks: list[tuple[str, int, int]], s_i: int, e_i: int,
              gaz: Gazetteer, hint: str) -> tuple:
    """A place operation; ``weak`` when the name is one word naming only towns under
    500,000 people (dropped in the replay if it is a common word or a surname). A name
    the gazetteer knows only without the capitalised designator after it ("Rakhine
    State") is looked up without it, as an area."""
    s, e = toks[s_i][1], toks[e_i - 1][2]
    name = text[s:e]
    key = norm(name)
    if e_i - s_i > 1 and toks[e_i - 1][0].lower() in _CAPITAL_DESIGNATORS and \
            not gaz.has_key(key):
        name = text[s:toks[e_i - 2][2]]
        key, hint = norm(name), hint or "area"
    cands = gaz.candidates(name)
    # (a district outside the US, Britain and Ireland is as weak as a town: "Gomez",
    # a municipality of Venezuela, is a surname after "Luis Gomez")
    weak = e_i - s_i == 1 and not any(
        (c.kind != "city" and not is_district(c)) or c.population >= 500_000 for c in cands)
    notable = any(c.population >= NOTABLE_CITY for c in cands)
    return ("place", s, e, key, hint, weak, True, notable)


def _code(name: str, gaz: Gazetteer) -> str | None:
    name = name.strip()
    code = gaz.country_code(name)
    if code:
        return code
    words = name.split()
    return gaz.country_code(words[-1]) if len(words) > 1 else None


#: Each border pattern holds a border word (lower case), and its matches reach at
#: most this many characters before and after it (name parts and modifiers are
#: bounded; only runs of whitespace are not, and a phrase with dozens of blanks
#: in a row is not a phrase): the pattern need only be run in windows around the
#: border words, and "between" / "with" patterns only where that word follows.
_REACH = {"pair": (160, 20), "between": (0, 420), "with": (200, 200), "own": (180, 20)}
_FOLLOWED = {"between": re.compile(r"[a-z]+\s+between\b"),
             "with": re.compile(r"[a-z]+\s+with\b")}


def _find_all(text: str, words: Iterable[str]) -> list[int]:
    """Sorted offsets of every occurrence of each word (``str.find``: no regex pass)."""
    hits: list[int] = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            hits.append(i)
            i = text.find(word, i + 1)
    hits.sort()
    return hits


def _windows(hits: Iterable[int], before: int, after: int, size: int) -> list[tuple[int, int]]:
    """The stretches ``[i - before, i + after]`` around sorted ``hits``, clipped to
    ``0..size`` and merged where they touch or overlap."""
    out: list[tuple[int, int]] = []
    for i in hits:
        s, e = max(0, i - before), min(size, i + after)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _border_words(text: str) -> list[int]:
    """Offsets of "border", "frontier" and "boundary"."""
    return _find_all(text, ("border", "frontier", "boundary"))


def _border_windows(text: str, hits: Sequence[int], which: str) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` where one border pattern can match."""
    before, after = _REACH[which]
    follow = _FOLLOWED.get(which)
    if follow is not None:
        hits = [i for i in hits if follow.match(text, i, i + 60)]
    return _windows(hits, before, after, len(text))


def _finditer(pattern: re.Pattern[str], text: str,
              windows: Sequence[tuple[int, int]]) -> Iterable[re.Match[str]]:
    """``pattern.finditer`` over the windows only (lookbehinds still see the text before)."""
    for s, e in windows:
        yield from pattern.finditer(text, s, e)


def _border_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """Border phrases as ``border:AA|BB`` (two countries), ``border:AA`` (all of
    one country's land borders), ``border:?|BB`` (owner from context) or
    ``border:@`` (the border last mentioned)."""
    found: list[Mention] = []  # kept sorted by start, never overlapping
    starts: list[int] = []

    def add(s: int, e: int, key: str, hint: str) -> None:
        i = bisect.bisect_right(starts, s)
        if (i and found[i - 1].end > s) or (i < len(found) and found[i].start < e):
            return
        starts.insert(i, s)
        found.insert(i, Mention(text[s:e], s, e, "place", key, hint))

    hits = _border_words(text)
    if not hits:
        return found
    for m in _finditer(PAIR_BORDER_RE, text, _border_windows(text, hits, "pair")):
        a, b = _code(m.group("a"), gaz), _code(m.group("b"), gaz)
        if a and b and a != b:
            add(m.start(), m.end(), f"border:{a}|{b}", "pair")
    for m in _finditer(BETWEEN_BORDER_RE, text, _border_windows(text, hits, "between")):
        a, b = _code(m.group("a"), gaz), _code(m.group("b"), gaz)
        if a and b and a != b:
            add(m.start(), m.end(), f"border:{a}|{b}", "between")
    for m in _finditer(WITH_BORDER_RE, text, _border_windows(text, hits, "with")):
        b = _code(m.group("b"), gaz)
        if not b:
            continue
        own = m.group("ownname")
        a = _code(own, gaz) if own else None
        if own and not a:
            continue
        add(m.start(), m.end(), f"border:{a or '?'}|{b}", "with")
    for m in _finditer(OWN_BORDER_RE, text, _border_windows(text, hits, "own")):
        own = m.group("ownname") or (m.group("dem") or "").strip()
        if own:
            a = _code(own, gaz)
            if a:
                add(m.start(), m.end(), f"border:{a}", "own")
        elif m.group("the"):
            add(m.start(), m.end(), "border:@", "anaphor")
    found.sort(key=lambda m: m.start)
    return found


def iter_keys(mentions: Iterable[Mention]) -> Sequence[str]:
    return [m.norm for m in mentions]
