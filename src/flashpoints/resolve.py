"""Pick one gazetteer entry per toponym mention, or report it unresolved.

Order of evidence: a user's correction; border keys derived from two country
shapes; then candidates scored by kind (countries and curated places first),
exact vs alternate name, population (a weak prior), the countries the article
talks about, a ", State" / ", Country" cue right after the name, and distance
to the places already resolved without doubt. A small place far from the
article's countries is reported as unresolved rather than guessed; a place the
gazetteer lacks but the text locates ("Holliday, Missouri", "the town of X in the
Y district", "the Cincinnati suburb of X") is put, with a low confidence, in the
place it is named in. An optional online geocoder is asked only for what stays
unresolved.
"""
from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from typing import Any, Iterable, Mapping, Protocol, Sequence

from .gazetteer import Candidate, Gazetteer, is_district, norm
from .mentions import ActorIndex, Mentions, feature_parts
from .records import Mention, Place, Resolution

log = logging.getLogger(__name__)

KIND_PRIOR = {"country": 6.0, "continent": 4.0, "sea": 5.5, "gulf": 5.0, "strait": 5.0,
              "region": 5.5, "admin1": 3.0, "admin2": 3.5, "border": 5.0, "pipeline": 5.0, "lake": 4.5,
              "river": 4.0, "base": 4.5, "training_ground": 4.5, "port": 4.0, "airport": 4.5,
              "island": 4.5,
              "peninsula": 5.0, "mountains": 4.0, "bridge": 4.5, "other": 3.5, "city": 0.0}
ALT_PENALTY = 1.2
POP_WEIGHT = 0.7
CONTEXT_BONUS = 2.5
NEAR_BONUS = 2.0
CUE_BONUS = 5.0
CAPITAL_BONUS = 2.0
#: A city named in a dateline (where reports are filed from) over a state or region.
DATELINE_BONUS = 3.0
#: Share of the article's country mentions above which a capital that is also an
#: actor name is read as the government even without a verb after it.
ACTOR_SHARE = 0.2
#: A candidate of the same kind as the places listed with it ("California,
#: Oregon or Washington" are states; "Paris and Roxton" are towns).
SIBLING_BONUS = 2.0
#: Kinds of place whose country counts towards the article's countries.
LOCAL_KINDS = frozenset({"city", "admin1", "admin2", "port", "base", "airport", "island", "lake",
                         "bridge", "training_ground", "other"})
#: A candidate in the state / province the article's other places are in.
STATE_BONUS = 2.5
#: Below this score a guess is worse than saying "unresolved": a town of
#: fewer than 2,000 people with nothing in the article pointing at it.
MIN_SCORE = POP_WEIGHT * math.log10(2001)
#: A town smaller than this, in a country the article does not talk about and far
#: from every other place in it, is not guessed.
SMALL_TOWN = 20_000
FAR_KM = 800
#: A first-level division named like its country's capital ("Washington" the state
#: and the capital) yields to the capital unless the article names places in it
#: or lists it with other divisions.
CAPITAL_SHADOW = 3.0
#: A town in a country the article never names, when the article is about one
#: country (that country holds FOCUS_SHARE of at least FOCUS_MIN country mentions).
FOREIGN_PENALTY = 1.0
FOCUS_SHARE = 0.5
FOCUS_MIN = 2.0
#: A name followed by a town's institutions or residents ("Lebanon City Council",
#: "a Jordan man", "Athens police") is a municipality: no country reading, and a
#: town over a same-named region.
CIVIC_COUNTRY_PENALTY = 6.0
CIVIC_CITY_BONUS = 1.0
#: A division known by its name without its designator ("Constanta" for Constanța
#: County) yields to the town of that name in its country, unless a designator
#: follows the name or the division is listed with others; so does a division named
#: exactly like a city of ``WORLD_CITY`` people inside it ("New York": the news means
#: the city) unless its governor follows or it closes an address.
SEAT_SHADOW = 4.0
#: A river named without "the" before it, when a town has that name ("Dnipro"),
#: and a town named with "the" before it, when a river has that name.
RIVER_BARE = 4.0
#: A town a thousand times smaller than a same-named city of a million or more
#: ("London", California: 1,869 people) needs the text to name its state or
#: country, unless the article is about that country (a local story).
WORLD_CITY = 1_000_000
WORLD_CITY_RATIO = 1_000
WORLD_CITY_SHADOW = 4.0
#: A town twenty times smaller than such a city, matched only by an alternate name
#: ("Niu-York", also called New York), is not meant even in a story about its
#: country, unless the text names its country or state right after it.
ALT_NAMESAKE_SHADOW = 8.0
#: The same, milder, for a town twenty times smaller than a city of 100,000 or more
#: ("talks in Geneva", "the Sixth Fleet in Naples" in a story that names the US:
#: not Geneva, Ohio, or Naples, Florida), unless something backs it: a place in
#: its state (resolved, or another name's candidate), or another place near it.
BIG_CITY = 100_000
BIG_CITY_RATIO = 20
BIG_CITY_SHADOW = 2.0


class Fallback(Protocol):
    """An online geocoder asked for what the gazetteer cannot resolve."""

    def lookup(self, name: str, *, country_codes: Sequence[str] = ()) -> Place | None: ...


#: At most this many distinct places pull their neighbours (keeps long articles linear).
MAX_ANCHORS = 300
#: Places too wide for "near it" to mean anything: they pull no neighbours.
WIDE_KINDS = frozenset({"continent"})


class _Anchors:
    """Places resolved without doubt that pull their neighbours: distinct
    positions, at most :data:`MAX_ANCHORS`, with arrays for vectorised distances."""

    def __init__(self, points: Iterable[tuple[float, float]] = ()):
        self.points: list[tuple[float, float]] = []
        self._seen: set[tuple[float, float]] = set()
        for pt in points:
            self.add_point(pt)

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self):
        return iter(self.points)

    def __contains__(self, pt: object) -> bool:
        return pt in self._seen

    def add(self, place: Place | None) -> None:
        if place is not None and place.kind not in WIDE_KINDS:
            self.add_point((place.lat, place.lon))

    def add_point(self, pt: tuple[float, float]) -> None:
        if pt in self._seen or len(self.points) >= MAX_ANCHORS or math.isnan(pt[0]):
            return
        self._seen.add(pt)
        self.points.append(pt)

    def copy(self) -> "_Anchors":
        return _Anchors(self.points)

    def nearest(self, cands: Iterable[Candidate], gaz: Gazetteer
                ) -> dict[int, tuple[float, int, float]]:
        """For each candidate entry: the distance to its nearest anchor, that
        anchor's number, and the distance to the next nearest (km; haversine,
        one numpy pass for all candidates of an article, on the gazetteer's
        precomputed radians)."""
        entries = list(dict.fromkeys(c.entry for c in cands))
        pts = self.points
        if not pts or not entries:
            return {}
        import numpy as np

        rla, rlo, rcos = gaz.radians()
        ala = np.radians(np.array([p[0] for p in pts]))
        alo = np.radians(np.array([p[1] for p in pts]))
        rows = np.array(entries, dtype=np.intp)
        la, lo = rla[rows][:, None], rlo[rows][:, None]
        h = np.sin((ala - la) / 2) ** 2 + rcos[rows][:, None] * np.cos(ala) * \
            np.sin((alo - lo) / 2) ** 2
        d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
        first = d.argmin(axis=1)
        if len(pts) > 1:  # the two smallest distances (equal ones make the anchor moot)
            two = np.partition(d, 1, axis=1)
            d1, d2 = two[:, 0].tolist(), two[:, 1].tolist()
        else:
            d1, d2 = d[:, 0].tolist(), [math.nan] * len(entries)
        return dict(zip(entries, zip(d1, first.tolist(), d2)))

    def index(self, pt: tuple[float, float]) -> int:
        return self.points.index(pt) if pt in self._seen else -1


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


_CUE_RE = re.compile(r",\s*([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def _cue(text: str, end: int) -> str:
    """The capitalised name right after ", " ("Springfield, Illinois")."""
    m = _CUE_RE.match(text, end)
    return m.group(1) if m else ""


#: A country's name and "'s" right before a name: "Iraq's |Kurdistan region".
_POSSESSOR_RE = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})['’]s $")


def _possessor(text: str, start: int, gaz: Gazetteer) -> str:
    """The country named in the possessive right before ``start`` ("Iraq's Kurdistan",
    "Russia's Taman Peninsula"), read like a ", Country" cue; else ""."""
    if not text.endswith(("'s ", "’s "), 0, start):
        return ""
    m = _POSSESSOR_RE.search(text, max(0, start - 40), start)
    return m.group(1) if m and gaz.country_code(m.group(1)) else ""


#: What ends the state or country of an address: punctuation, a dash, a line's end.
_ADDRESS_END_RE = re.compile(r"\s*(?:$|[,.;:)!?]|[—–-]|\n)")


def _address_cue(text: str, end: int) -> str:
    """The ", Name" cue after ``end`` when it closes an address ("Holliday, Missouri,",
    "HOLLIDAY, Mo. —"), not when it opens a clause or a list ("Conrad, South Africa
    said", "Crockett, Palestine and Houston")."""
    m = _CUE_RE.match(text, end)
    return m.group(1) if m and _ADDRESS_END_RE.match(text, m.end()) else ""


def context_countries(mentions: Mentions, gaz: Gazetteer,
                      actors: ActorIndex | None = None) -> Counter[str]:
    """How often each country is named in the article (as a country, a demonym or an actor)."""
    counts: Counter[str] = Counter()
    seen: dict[str, str] = gaz.memo("resolve.country_of_key")  # key -> its country, or ""
    for m in mentions.places:
        if m.norm.startswith("country:"):
            counts[m.norm.split(":", 1)[1]] += 1
            continue
        if m.norm.startswith("border:"):
            for c in m.norm.split(":", 1)[1].split("|"):
                if len(c) == 2:
                    counts[c] += 1
            continue
        code = seen.get(m.norm)
        if code is None:
            main = [c for c in gaz.candidates(m.text, key=m.norm)
                    if not c.alt and c.kind != "city"]
            # not "Georgia": state or country
            code = seen[m.norm] = main[0].country_codes[0] if (
                len(main) == 1 and main[0].kind == "country") else ""
        if code:
            counts[code] += 1
    if actors is not None:
        # a name that is a place as well ("Paris", "Washington") says nothing about
        # the country until it is resolved: it must not vouch for its own reading
        place_starts = {m.start for m in mentions.places}
        for m in mentions.actors:
            if m.start in place_starts:
                continue
            a = actors.actors.get(m.norm)
            if a and a.country_code:
                counts[a.country_code] += 0.5
    return counts


def score(c: Candidate, *, ctx: Mapping[str, float], anchors: Iterable[tuple[float, float]],
          cue: str, gaz: Gazetteer, mention: Mention, as_actor: bool = False,
          acts: bool = False, near_km: float | None = None, ctx_total: float | None = None,
          states: Mapping[tuple[str, str], float] | None = None,
          states_total: float = 0.0, siblings: frozenset[str] = frozenset(),
          civic: bool = False, capitals: frozenset[str] = frozenset(),
          giant: int = 0, towns: frozenset[str] = frozenset(), bare: bool = False,
          river: bool = False, seats: frozenset[tuple[str, str]] = frozenset()) -> float:
    """The ranking score of one candidate for one mention (higher is better).

    ``near_km`` (the distance to the nearest anchor, a (lat, lon) pair) and
    ``ctx_total`` (the sum of ``ctx``) may be given precomputed. ``states``
    counts the (country, admin1) of the places resolved so far: a local story
    names places of one state ("Paris" next to "Edgar County" is Paris, Illinois).
    ``as_actor``: the name is also an actor and not after "in/to/from"; a capital
    then stands for its government when it ``acts`` ("Washington said") or its
    country is already a theme of the article. ``siblings`` are the kinds of the
    places named in the same list as the mention. ``civic``: a town's institutions
    or residents follow the name (see :func:`_civic`). ``capitals``: the countries
    of which a same-named candidate is the capital. ``giant``: the population of the
    biggest same-named town; ``towns``: the countries of the towns that have the name
    as their own; ``bare``: no "the" before the name (a river takes one, a town
    does not); ``river``: a river has the name; ``seats``: the (country, admin1)
    of the cities of a million or more that have the name as their own.
    """
    s = KIND_PRIOR.get(c.kind, 3.0)
    if civic:
        if c.kind in ("country", "continent"):
            s -= CIVIC_COUNTRY_PENALTY  # "a Lebanon woman", "Jordan Middle School"
        elif c.kind == "city":
            s += CIVIC_CITY_BONUS
    ccs = c.country_codes
    seat = bool(seats) and (ccs[:1] + (c.admin1,)) in seats  # (in a world city's state)
    if c.alt and not (seat and c.kind == "city" and c.population >= WORLD_CITY):
        s -= ALT_PENALTY  # (not for a world city's short name: "New York")
    s += POP_WEIGHT * math.log10(c.population + 1)
    share = total = 0.0
    if ccs and ctx:
        total = ctx_total if ctx_total is not None else sum(ctx.values())
        if total > 0:
            top = ctx.get(ccs[0], 0) if len(ccs) == 1 else max(ctx.get(cc, 0) for cc in ccs)
            share = top / total
        s += CONTEXT_BONUS * min(1.0, 3 * share)
        if share == 0 and c.kind == "city" and total >= FOCUS_MIN and \
                max(ctx.values()) >= FOCUS_SHARE * total:
            s -= FOREIGN_PENALTY  # a Canadian story's "London": not the one in England
    if c.feature_code == "PPLC":
        government = as_actor and (acts or share >= ACTOR_SHARE)
        s += CAPITAL_BONUS * (2.5 if government else 1.0)  # "Washington said": the capital
    hint = mention.hint
    if hint:
        if hint == "area" and c.kind in ("admin1", "region"):
            s += 1.0
        elif hint == "dateline" and c.kind == "city":
            s += DATELINE_BONUS  # "WASHINGTON —" opening a report is the city
    if siblings and c.kind in siblings:
        s += SIBLING_BONUS
    got = 0.0
    if states and c.admin1 and states_total > 0:
        got = states.get((ccs[0] if ccs else "", c.admin1), 0)
        if got > 0:
            s += STATE_BONUS * min(1.0, 3 * got / states_total)
    if c.kind == "admin1" and got <= 0 and capitals and c.kind not in siblings and \
            set(c.country_codes) & capitals:
        s -= CAPITAL_SHADOW  # "talks in Washington": the capital, not the state
    if c.kind == "river" and bare and towns and " " not in mention.text:
        s -= RIVER_BARE  # "missiles hit Dnipro": the city, not the river
    elif c.kind == "city" and not bare and river and " " not in mention.text:
        s -= RIVER_BARE  # "troops crossed the Dnipro": the river, not the city
    if towns and c.kind in ("admin1", "admin2") and hint != "area" and \
            c.kind not in siblings and c.country_codes and c.country_codes[0] in towns and \
            c.name.count(" ") > mention.text.count(" "):
        s -= SEAT_SHADOW  # "Constanta": the port, not Constanța County
    elif seat and c.kind == "admin1" and hint != "area" and c.kind not in siblings:
        s -= SEAT_SHADOW  # "flights to New York": the city, not the state around it
    if near_km is None and not math.isnan(c.lat):
        near_km = min((_km(c.lat, c.lon, a[0], a[1]) for a in anchors), default=None)
    if near_km is not None:
        d = near_km
        if d < 150:
            s += NEAR_BONUS
        elif d < 500:
            s += NEAR_BONUS * 0.5
    cued = False
    if cue:
        code = gaz.country_code(cue)
        if code and code in c.country_codes and c.kind != "country":
            cued = True
        elif c.admin1 and c.country_codes == ("US",):
            cued = any(st.kind == "admin1" and st.admin1 == c.admin1
                       for st in gaz.candidates(cue))
        if cued:
            s += CUE_BONUS
    if giant >= WORLD_CITY and not cued and c.kind == "city" and c.alt and \
            c.population * BIG_CITY_RATIO < giant:
        s -= ALT_NAMESAKE_SHADOW  # "in New York" in a Donbas story: not the village Niu-York
    elif giant >= BIG_CITY and not cued and c.kind == "city" and share < FOCUS_SHARE:
        if giant >= WORLD_CITY and c.population * WORLD_CITY_RATIO < giant:
            s -= WORLD_CITY_SHADOW  # "based in London": not London, California (pop. 1,869)
        elif total >= FOCUS_MIN and c.population * BIG_CITY_RATIO < giant and got <= 0 and \
                (near_km is None or near_km >= 150):
            s -= BIG_CITY_SHADOW  # "talks in Geneva": not Geneva, Ohio
    return s


def _confidence(best: float, second: float | None) -> float:
    margin = best - second if second is not None else 3.0
    sure = 1 / (1 + math.exp(-(best - MIN_SCORE)))
    return round(max(0.05, min(0.99, sure * (1 / (1 + math.exp(-1.5 * margin))) * 1.1)), 3)


def resolve_mentions(mentions: Mentions, gaz: Gazetteer, *, text: str,
                     actors: ActorIndex | None = None, online: Fallback | None = None,
                     corrections: Mapping[str, Any] | None = None) -> list[Resolution]:
    """One :class:`Resolution` per place mention, in text order."""
    ctx = context_countries(mentions, gaz, actors)
    corrections = corrections or {}
    out: list[Resolution | None] = [None] * len(mentions.places)
    civic_at: dict[int, bool] = {}
    shared = _shared_cues(mentions, gaz, text, civic_at)

    # pass 1: corrections, countries, borders and unambiguous names: the anchors
    anchors = _Anchors()
    pending: list[int] = []
    # what an unambiguous name means depends on the gazetteer only: shared by articles
    firm: dict[tuple[str, str, bool], tuple[Place | None, float, tuple[str, ...], str]] = \
        gaz.memo("resolve.firm")
    for i, m in enumerate(mentions.places):
        fixed = _corrected(m, gaz, corrections) if corrections else None
        if fixed is not None:
            out[i] = fixed
        elif m.norm.startswith("border:"):
            continue  # pass 3, needs the context of resolved places
        elif m.norm in shared and any(c.kind == "city" for c in _cands(m, gaz)):
            pending.append(i)  # "a Lebanon man", "Palestine, Texas": the town may win
            continue
        else:
            key = (m.text, m.norm, m.hint == "dateline")  # what _cands reads
            got = firm.get(key)
            if got is None:
                got = firm[key] = _firm(m, gaz)
            if got[0] is None:
                if got[3] == "pending":
                    pending.append(i)
                    continue
                out[i] = None
            else:
                out[i] = Resolution(m, *got)
        r = out[i]
        if r is not None:
            anchors.add(r.place)

    # pass 2: rank the ambiguous names, twice: the second round knows the countries
    # of everything the first resolved (a local US story mentions US places)
    # places resolved without doubt say which country the story is in, too
    # ("Illinois", "Edgar County"): one count per distinct place
    firm_ids: set[str] = set()
    for r in out:
        p = r.place if r is not None else None
        if p is not None and p.kind in LOCAL_KINDS and p.country_codes and p.id not in firm_ids:
            firm_ids.add(p.id)
            ctx[p.country_codes[0]] += 1
    states = _states(out)
    setting: dict[int, tuple[str, bool, bool, tuple[bool, bool], bool, bool]] = {}
    # the candidates of the pending mentions, the same in every round
    pool = [c for i in pending for c in _cands(mentions.places[i], gaz)]
    _rank(pending, mentions, gaz, text, ctx, anchors, out, states,
          potential=_potential_states(pending, mentions, gaz, ctx), setting=setting,
          shared=shared, civic_at=civic_at, pool=pool)
    if pending:
        first = _pick_ids(pending, out)
        _rank(pending, mentions, gaz, text, *_with_picks(pending, out, ctx, anchors), out,
              _states(out), exclude_self=True, setting=setting, shared=shared, pool=pool)
        if _pick_ids(pending, out) != first:
            # picks moved ("Georgia" became the state, not the country): one more
            # round, built like the second from the new picks
            _rank(pending, mentions, gaz, text, *_with_picks(pending, out, ctx, anchors), out,
                  _states(out), exclude_self=True, setting=setting, shared=shared, pool=pool)

    _borders(mentions, out, gaz, actors)
    _namesakes(mentions, out, gaz, ctx)
    _within(mentions, out, text)
    _suburbs(mentions, out, text)
    _facilities(mentions, out)

    # pass 4: the online fallback, only for what is still unresolved
    res = [r if r is None or r.place is None or r.mention.hint != "variant"
           or r.confidence <= VARIANT_CONFIDENCE
           else Resolution(r.mention, r.place, VARIANT_CONFIDENCE, r.candidates,
                           f"{r.reason}; another spelling of {r.place.name}")
           for r in out if r is not None]
    if online is not None:
        codes = tuple(c for c, _ in ctx.most_common(3))
        for j, r in enumerate(res):
            if r.place is None and not r.mention.norm.startswith("border:"):
                try:
                    p = online.lookup(r.mention.text, country_codes=codes)
                except Exception as err:  # noqa: BLE001 - a fallback must never break extraction
                    log.warning("online geocoder failed for %r: %s", r.mention.text, err)
                    p = None
                if p is not None:
                    res[j] = Resolution(r.mention, p, 0.6, r.candidates, "online geocoder")
    return res


#: Last words of a street, building or site: such a name the gazetteer does not
#: know lies in the town the article is about ("Royal Street", "Barclays Center").
FACILITY_WORDS = frozenset("""
street st avenue ave road rd boulevard blvd drive lane way highway parkway plaza square
bridge park garden gardens school academy college university hospital clinic church
cathedral chapel mosque temple synagogue basilica airport station terminal stadium arena
center centre hall museum gallery library theatre theater cinema court courthouse prison
jail mall market hotel restaurant cafe bar pub club farm estate campus office building
tower castle palace house cemetery graveyard zoo pier harbour harbor marina
""".split())
#: Confidence of a facility placed in the article's main town.
FACILITY_CONFIDENCE = 0.3


def _facilities(mentions: Mentions, out: list[Resolution | None]) -> None:
    """Streets, buildings and sites the gazetteer does not know (only marked spans
    reach here: the recogniser does not name them) go to the article's main town:
    the city resolved most often, if there is one."""
    towns: Counter[str] = Counter()
    by_id: dict[str, Place] = {}
    for r in out:
        if r is not None and r.place is not None and r.place.kind == "city":
            towns[r.place.id] += 1
            by_id[r.place.id] = r.place
    if not towns:
        return
    main = by_id[towns.most_common(1)[0][0]]
    for i, r in enumerate(out):
        if r is not None and r.place is None and (r.reason == "not in the gazetteer"
                                                  or r.reason.startswith("low confidence")):
            words = re.sub(r"['’]s?$", "", r.mention.text.rstrip(".")).split()
            if r.mention.hint == "facility" or (
                    len(words) > 1 and words[-1].lower() in FACILITY_WORDS):
                out[i] = Resolution(r.mention, main, FACILITY_CONFIDENCE, (),
                                    f"a site in {main.name}, the article's main town")


#: What puts an unknown place inside the next one: "Qatraneh in the Karak district",
#: "Plorthivka, Kharkiv region"; and inside the one before: "Giza's Haram district".
_WITHIN_AFTER_RE = re.compile(r"(?:\s*,\s*|\s+(?:in|near|outside)\s+(?:the\s+)?)")
_WITHIN_BEFORE_RE = re.compile(r"['’]s\s+")
#: Kinds of place an unknown place can be put in.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "city", "island"})


def _within(mentions: Mentions, out: list[Resolution | None], text: str) -> None:
    """A place the gazetteer lacks (or knows only far away), named with the place
    it lies in ("the town of Qatraneh in the Karak district", "Giza's Haram
    district"), goes to that place with a low confidence; the reason says so."""
    places = mentions.places
    for i, r in enumerate(out):
        if r is None or r.place is not None or not (
                r.reason == "not in the gazetteer" or r.reason.startswith("low confidence")):
            continue
        m = places[i]
        area = None
        if i + 1 < len(places) and _WITHIN_AFTER_RE.fullmatch(text, m.end, places[i + 1].start) \
                and ("," not in text[m.end:places[i + 1].start]
                     or _ADDRESS_END_RE.match(text, places[i + 1].end)):
            nxt = out[i + 1]  # (after a comma only as an address: "Sharon, Cornwall and ...")
            area = nxt.place if nxt is not None else None
        if area is None and i and _WITHIN_BEFORE_RE.fullmatch(text, places[i - 1].end, m.start):
            prev = out[i - 1]
            area = prev.place if prev is not None else None
        if area is not None and area.kind in AREA_KINDS:
            out[i] = Resolution(m, area, CUED_AREA_CONFIDENCE, (),
                                f"a place in {area.name} the gazetteer lacks")


def _namesakes(mentions: Mentions, out: list[Resolution | None], gaz: Gazetteer,
               ctx: Mapping[str, float]) -> None:
    """A feature the gazetteer lacks, named after a place the article has resolved
    ("the Kerch Peninsula" in a story that names Kerch), or after towns of only one
    of the article's main countries ("the Taman Peninsula" in a story about
    Russia), goes to that place (the biggest such town) with a low confidence; the
    reason says so."""
    named: dict[str, Place] = {}
    for r in out:
        if r is not None and r.place is not None:
            named.setdefault(r.mention.text, r.place)
    top = max(ctx.values(), default=0)
    for i, r in enumerate(out):
        m = mentions.places[i]
        parts = feature_parts(m.text) if m.hint == "unknown" else None
        if r is None or r.place is not None or parts is None:
            continue
        base, word = parts
        p = named.get(base)
        if p is None:
            cands = [c for c in gaz.candidates(base) if c.kind == "city" and c.country_codes
                     and ctx.get(c.country_codes[0], 0) >= MAIN_SHARE * top > 0]
            if cands and len({c.country_codes for c in cands}) == 1:
                p = gaz.place(max(cands, key=lambda c: c.population).entry)
        if p is not None:
            out[i] = Resolution(m, p, CUED_AREA_CONFIDENCE, (),
                                f"named after {p.name}; the {word.lower()} itself is not "
                                "in the gazetteer")


#: "the Cincinnati suburb of West Chester": the place before names the town near it.
_SUBURB_OF_RE = re.compile(r"\s+suburbs?\s+of\s+")
#: A suburb further than this from its town is a namesake the text does not mean.
SUBURB_KM = 100


def _suburbs(mentions: Mentions, out: list[Resolution | None], text: str) -> None:
    """"The Cincinnati suburb of West Chester": a suburb whose pick lies far from the
    town it is named a suburb of is a place the gazetteer lacks near that town."""
    if "suburb" not in text:
        return
    places = mentions.places
    for i in range(1, len(places)):
        town, r = out[i - 1], out[i]
        if town is None or town.place is None or r is None or \
                not _SUBURB_OF_RE.fullmatch(text, places[i - 1].end, places[i].start):
            continue
        p, t = r.place, town.place
        if p is None or _km(p.lat, p.lon, t.lat, t.lon) > SUBURB_KM:
            out[i] = Resolution(places[i], t, CUED_AREA_CONFIDENCE, r.candidates,
                                f"a suburb of {t.name} the gazetteer lacks")


def _pick_ids(idx: Sequence[int], out: Sequence[Resolution | None]) -> list[str | None]:
    """The place ids picked for mentions ``idx`` (None where unresolved)."""
    return [out[i].place.id if out[i] is not None and out[i].place is not None else None
            for i in idx]


def _with_picks(pending: Sequence[int], out: Sequence[Resolution | None], ctx: Counter[str],
                anchors: _Anchors) -> tuple[Counter[str], _Anchors]:
    """The context of a later ranking round: the countries and anchors of pass 1
    plus the places the last round picked (continents pull nothing)."""
    ctx2 = ctx.copy()
    anchors2 = anchors.copy()
    for i in pending:
        r = out[i]
        if r is not None and r.place is not None and r.place.kind != "continent":
            ctx2[r.place.country_codes[0] if r.place.country_codes else ""] += 1
            anchors2.add(r.place)
    return ctx2, anchors2


def _firm(m: Mention, gaz: Gazetteer) -> tuple[Place | None, float, tuple[str, ...], str]:
    """Pass 1 for one name: a country from a demonym, or the one entry an
    unambiguous name can mean; ``(None, 0, (), "pending")`` when it needs ranking
    and ``(None, 0, (), "")`` for a demonym of an unknown country."""
    if m.norm.startswith("country:"):
        p = gaz.country(m.norm.split(":", 1)[1])
        return (p, 0.9, (), "demonym") if p else (None, 0.0, (), "")
    cands = _cands(m, gaz)
    main = [c for c in cands if not c.alt]
    top = [c for c in main if c.kind != "city"] or main
    # (also a city the name opens the name of: "New York" for New York City)
    big_city = any(c.kind == "city" and c.population >= 100_000 and
                   (not c.alt or norm(c.name).startswith(m.norm)) for c in cands)
    if len(top) == 1 and (top[0].kind != "city" or len(cands) == 1) and \
            (top[0].kind != "city" or top[0].population >= 100_000) and \
            not (big_city and top[0].kind in ("admin1", "admin2", "river")) and \
            not is_district(top[0]):  # (a district is no firm reading)
        p = gaz.place(top[0].entry)
        return (p, 0.95 if len(cands) == 1 else 0.85,
                tuple(c.id for c in cands if c.id != p.id), "unambiguous")
    return (None, 0.0, (), "pending")


#: What a capital standing for its government does next: "Moscow said",
#: "Washington's sanctions", "Kyiv has warned", "Paris, which denied ...".
_ACTS_RE = re.compile(
    r"(?:['’]s\b|,? (?:which |who )?(?:(?:has|had|have|is|was|would|will|did|does|also|"
    r"then|now|again|quickly|reportedly|already|not) )*(?:said|says|say|warned|warns|"
    r"accused|accuses|denied|denies|announced|announces|rejected|rejects|responded|"
    r"condemned|condemns|called|calls|urged|urges|demanded|demands|insisted|insists|"
    r"claimed|claims|threatened|threatens|wants|wanted|sent|sends|deployed|deploys|"
    r"refused|refuses|agreed|agrees|signed|signs|imposed|imposes|expelled|expels|"
    r"recalled|recalls|protested|protests|summoned|summons|blamed|blames|vowed|vows|"
    r"sees|saw|views|viewed|considers|considered|hopes|hoped|fears|feared|believes|"
    r"believed|plans|planned|seeks|sought|backs|backed|supports|supported|opposes|"
    r"opposed|ordered|orders|retaliated|responds|reacted|reacts)\b)")


#: What follows a town's name, not a country's: its council, police, schools,
#: officials and residents ("the Lyon City Council", "a Paris woman").
_CIVIC_RE = re.compile(
    r"(?:['’]s)? (?:(?:city|town|village|borough|township) (?:council|hall|manager|"
    r"commission|board|clerk|attorney|officials|limits|schools)|(?:police|fire) "
    r"(?:department|dept|chief|officers?)|police|firefighters|fire and rescue|"
    r"(?:high|middle|elementary|junior high|public) schools?|elementary|"
    r"(?:independent )?school (?:district|board|system)|board of (?:education|aldermen)|"
    r"aldermen|mayor|public library|chamber of commerce|"
    r"(?:man|woman|men|women|boy|girl|teen|teenager|resident|residents|couple|native)\b)",
    re.I)


#: What comes before a town's name in local news: a street address ("12 N. Oak
#: Ave., Lebanon") or a person's age ("Ann Roe, 51, Jordan").
_CIVIC_BEFORE_RE = re.compile(
    r"(?:\d+ (?:[NSEW]\. )?[A-Z][\w.]*(?: [A-Z][\w.]*)? (?:St|Ave|Rd|Blvd|Dr|Ln|Street|Avenue|"
    r"Road|Drive|Lane|Boulevard)\.?|[A-Z][\w.]+, \d{1,3}),? $")


#: Both kinds of :data:`_CIVIC_BEFORE_RE` hold a digit: without one nearby it cannot match.
_DIGIT_RE = re.compile(r"\d")


def _civic(text: str, end: int, start: int | None = None) -> bool:
    """A town's institutions or residents follow the name ending at ``end``, or
    (given its ``start``) an address or a person's age precede it."""
    if _CIVIC_RE.match(text, end):
        return True
    if start is None:
        return False
    lo = max(0, start - 60)
    return bool(_DIGIT_RE.search(text, lo, start)) and \
        bool(_CIVIC_BEFORE_RE.search(text, lo, start))


def _shared_cues(mentions: Mentions, gaz: Gazetteer, text: str,
                 civic_at: dict[int, bool] | None = None) -> dict[str, tuple[str, bool, str]]:
    """Per name, evidence any of its mentions gives for all of them (a name keeps
    one sense in an article): the first ", State" / ", Country" cue that names a
    country or a US state, whether a town's institutions or residents follow
    one of its mentions, and the first such cue that closes an address (see
    :func:`_address_cue`). ``civic_at`` gets the civic answer per mention number."""
    out: dict[str, tuple[str, bool, str]] = {}
    for i, m in enumerate(mentions.places):
        if m.norm.startswith(("country:", "border:")):
            continue
        cue, civic, address = out.get(m.norm, ("", False, ""))
        if not cue or not address:
            c = _cue(text, m.end)
            if c and any(_named_area(c, gaz)):
                cue = cue or c
                if not address and _address_cue(text, m.end):
                    address = c
        here = _civic(text, m.end, m.start)
        if civic_at is not None:
            civic_at[i] = here
        civic = civic or here
        if cue or civic:
            out[m.norm] = (cue, civic, address)
    return out


def _acts(text: str, end: int) -> bool:
    """The name ending at ``end`` is the subject or owner of a government act."""
    return bool(_ACTS_RE.match(text, end))


_LOCATIVE_RE = re.compile(
    r"\b(?:in|at|to|from|near|into|outside|around|via|through|towards?|across|"
    r"inside|within|beyond|north of|south of|east of|west of)\s+$", re.I)


def _locative(text: str, start: int) -> bool:
    """The name at ``start`` follows a locative preposition ("in Paris", "to Moscow")."""
    return bool(_LOCATIVE_RE.search(text, max(0, start - 16), start))


def _state_of(p: Place) -> tuple[str, str] | None:
    if p.admin1 and p.kind in ("city", "admin1", "admin2"):
        return (p.country_codes[0] if p.country_codes else "", p.admin1)
    return None


#: Weight of another ambiguous name that *could* lie in a candidate's state,
#: against 1 for a place resolved there ("Paris" and "Henry County" both have a
#: Tennessee reading: the first round leans to it).
POTENTIAL_WEIGHT = 0.5


def _cand_states(cands: Sequence[Candidate],
                 ctx: Mapping[str, float] | None = None) -> set[tuple[str, str]]:
    """The (country, admin1) of the candidates. Given the article's country counts
    ``ctx``, not those of small namesakes of a big city (see :data:`BIG_CITY`) in a
    country the article is not mainly about: "Naples" and "Geneva" in a story about
    Russia that names the US do not make each other towns of Florida."""
    small, total = -1, sum(ctx.values()) if ctx else 0.0
    giant = max((c.population for c in cands if c.kind == "city"), default=0)
    if ctx and total >= FOCUS_MIN and giant >= BIG_CITY:
        small = giant // BIG_CITY_RATIO
    return {(c.country_codes[0] if c.country_codes else "", c.admin1) for c in cands
            if c.admin1 and c.kind in ("city", "admin1", "admin2")
            and not (c.kind == "city" and c.population < small and ctx is not None
                     and ctx.get(c.country_codes[0] if c.country_codes else "", 0)
                     < FOCUS_SHARE * total)}


def _potential_states(pending: Sequence[int], mentions: Mentions, gaz: Gazetteer,
                      ctx: Mapping[str, float] | None = None
                      ) -> dict[str, Counter[tuple[str, str]]]:
    """For each ambiguous name: in how many states each *other* ambiguous name
    of the article has a candidate (weighted by :data:`POTENTIAL_WEIGHT`; ``ctx``:
    the article's country counts, see :func:`_cand_states`)."""
    by_name: dict[str, set[tuple[str, str]]] = {}
    for i in pending:
        m = mentions.places[i]
        if m.norm not in by_name:
            by_name[m.norm] = _cand_states(_cands(m, gaz), ctx)
    if len(by_name) < 2:
        return {}
    support: Counter[tuple[str, str]] = Counter()
    for sts in by_name.values():
        support.update(sts)
    out: dict[str, Counter[tuple[str, str]]] = {}
    for name, sts in by_name.items():
        c: Counter[tuple[str, str]] = Counter()
        for st in sts:
            others = support[st] - 1
            if others > 0:
                c[st] = POTENTIAL_WEIGHT * others
        out[name] = c
    return out


def _states(out: Sequence[Resolution | None]) -> Counter[tuple[str, str]]:
    """How many distinct resolved places lie in each (country, admin1)."""
    got: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for r in out:
        if r is not None and r.place is not None and r.place.id not in seen:
            seen.add(r.place.id)
            st = _state_of(r.place)
            if st is not None:
                got[st] += 1
    return got


_NO_KINDS: frozenset[str] = frozenset()
#: What joins the names of a list: ", ", " and ", ", or ", " & ".
_LIST_SEP_RE = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)$")


def _listed_with(i: int, mentions: Mentions, text: str) -> tuple[bool, bool]:
    """Whether mention ``i`` is listed with the mention before it and with the one
    after it ("California, Oregon or Washington")."""
    places = mentions.places
    got = []
    for lo, hi in ((i - 1, i), (i, i + 1)):
        ok = False
        if 0 <= lo and hi < len(places):
            gap = text[places[lo].end:places[hi].start]
            ok = len(gap) <= 8 and bool(_LIST_SEP_RE.fullmatch(gap))
        got.append(ok)
    return got[0], got[1]


def _sibling_kinds(i: int, listed: tuple[bool, bool],
                   out: Sequence[Resolution | None]) -> frozenset[str]:
    """Kinds of the resolved places listed right before or after mention ``i``."""
    kinds = set()
    for j, ok in ((i - 1, listed[0]), (i + 1, listed[1])):
        r = out[j] if ok else None
        if r is not None and r.place is not None:
            kinds.add(r.place.kind)
    return frozenset(kinds)


def _rank(pending: Sequence[int], mentions: Mentions, gaz: Gazetteer, text: str,
          ctx: Mapping[str, float], anchors: _Anchors, out: list[Resolution | None],
          states: Counter[tuple[str, str]], exclude_self: bool = False,
          potential: Mapping[str, Counter[tuple[str, str]]] | None = None,
          setting: dict[int, tuple[str, bool, bool, tuple[bool, bool], bool, bool]] | None = None,
          shared: Mapping[str, tuple[str, bool, str]] | None = None,
          civic_at: Mapping[int, bool] | None = None,
          pool: Sequence[Candidate] | None = None) -> None:
    """Score the candidates of each pending mention; write the pick into ``out``.

    ``shared`` holds each name's evidence from all its mentions in the article
    (see :func:`_shared_cues`).

    With ``exclude_self`` (the second round) ``ctx`` and ``anchors`` hold the
    first round's picks, less the mention's own pick. ``setting`` keeps what the
    text around each mention says (its cue, whether it acts as an actor, whether
    it is listed with its neighbours) for the next round: the text does not change.
    ``pool``: the candidates of all pending mentions, when the caller has them.
    """
    memo: dict[tuple[Any, ...], Resolution] = {}  # the same name in the same setting
    actor_starts = frozenset(a.start for a in mentions.actors)
    total = sum(ctx.values())
    if pool is None:
        pool = [c for i in pending for c in _cands(mentions.places[i], gaz)]
    table = anchors.nearest(pool, gaz)
    for i in pending:
        m = mentions.places[i]
        own = out[i].place if exclude_self and out[i] is not None else None
        got = setting.get(i) if setting is not None else None
        if got is None:
            cue = _cue(text, m.end) or _possessor(text, m.start, gaz)
            # a name that is also an actor ("Washington said") and not the object of a
            # locative preposition ("arrested in Paris") stands for its government
            as_actor = m.start in actor_starts and not cue and not _locative(text, m.start)
            got = (cue, as_actor, as_actor and _acts(text, m.end),
                   _listed_with(i, mentions, text),
                   civic_at[i] if civic_at is not None and i in civic_at
                   else _civic(text, m.end, m.start),
                   _division_named(i, mentions, text))
            if setting is not None:
                setting[i] = got
        cue, as_actor, acts, listed, civic, division = got
        sib = _sibling_kinds(i, listed, out) if listed[0] or listed[1] else _NO_KINDS
        address = ""
        if shared and m.norm in shared:  # one sense per article: "Paris, Texas" ... "Paris"
            cue = cue or shared[m.norm][0]
            civic = civic or shared[m.norm][1]
            address = shared[m.norm][2]
        # a river takes "the" in English: "Dnipro" alone is the city, "the Dnipro" the river
        bare = not text.endswith(("the ", "The "), 0, m.start)
        key = (m.text, m.norm, m.hint, cue, own.id if own is not None else None, as_actor, acts,
               sib, civic, address, bare, division)
        if key in memo:
            r = memo[key]
            out[i] = Resolution(m, r.place, r.confidence, r.candidates, r.reason)
            continue
        st_i = states
        if potential and potential.get(m.norm):
            st_i = states + potential[m.norm]
        _rank_one(i, m, own, cue, gaz, ctx, total, anchors, table, out, (as_actor, acts), st_i,
                  sib, civic, address, bare, division)
        memo[key] = out[i]  # type: ignore[assignment]


#: What after a name makes it a state or province: its governor, legislature or
#: courts ("New York Gov. Andrew ...", "the Lagos State government").
_DIVISION_AFTER_RE = re.compile(
    r"\s+(?:Gov\.|Governor|Lt\. Gov\.|Lieutenant Governor|Attorney General|[Ss]tate\b|"
    r"Legislature|Assembly|State Senate|Supreme Court|National Guard|governor|legislature)")


_COMMA_RE = re.compile(r",[ \t]*")


def _division_named(i: int, mentions: Mentions, text: str) -> bool:
    """Mention ``i`` names a state or province, not the big city of its name: its
    governor or legislature follows it, or it closes the address of the place
    before it ("Rego Park, New York")."""
    places = mentions.places
    m = places[i]
    if _DIVISION_AFTER_RE.match(text, m.end):
        return True
    # "Town, State" closing an address, not the last items of a list ("Miami, West
    # Palm Beach, New York, and Detroit")
    return i > 0 and _COMMA_RE.fullmatch(text, places[i - 1].end, m.start) is not None and \
        _ADDRESS_END_RE.match(text, m.end) is not None and \
        not (i > 1 and _listed_with(i - 1, mentions, text)[0])


def _rank_one(i: int, m: Mention, own: Place | None, cue: str, gaz: Gazetteer,
              ctx: Mapping[str, float], total: float, anchors: _Anchors,
              table: Mapping[int, tuple[float, int, float]],
              out: list[Resolution | None], actor: tuple[bool, bool],
              states: Counter[tuple[str, str]], siblings: frozenset[str],
              civic: bool = False, address: str = "", bare: bool = False,
              division: bool = False) -> None:
    """Rank the candidates of mention ``i``; ``own`` is its first-round pick, if any.
    ``address``: the state or country an address names after the name, if any;
    ``bare``: no "the" before the name; ``division``: the text names the division
    (see :func:`_division_named`)."""
    ctx_i, skip = ctx, -1
    if own is not None:
        ctx_i = Counter(ctx)
        ctx_i[own.country_codes[0] if own.country_codes else ""] -= 1
        total -= 1
        skip = anchors.index((own.lat, own.lon))
        st = _state_of(own)
        if st is not None and states.get(st):
            states = states.copy()
            states[st] -= 1
    cands = _cands(m, gaz)
    if not cands:
        out[i] = Resolution(m, None, 0.0, reason="not in the gazetteer")
        return
    near = []
    for c in cands:
        d1, k, d2 = table.get(c.entry, _FAR)
        d = d2 if k == skip else d1
        near.append(None if d != d else d)  # NaN: no anchor
    states_total = sum(states.values())
    as_actor, acts = actor
    capitals = frozenset(cc for c in cands if c.feature_code == "PPLC" for cc in c.country_codes)
    giant = max((c.population for c in cands if c.kind == "city"), default=0)
    towns = frozenset(cc for c in cands if c.kind == "city" and not c.alt
                      for cc in c.country_codes[:1])
    river = any(c.kind == "river" for c in cands)
    seats = frozenset() if division else frozenset(
        (c.country_codes[0], c.admin1) for c in cands if c.kind == "city" and c.population >= WORLD_CITY and c.country_codes
        and c.admin1 and (not c.alt or norm(c.name).startswith(m.norm)))
    # (an alternate name that opens the city's own: "New York" for New York City)
    scored = [(score(c, ctx=ctx_i, anchors=(), cue=cue, gaz=gaz, mention=m,
                     as_actor=as_actor, acts=acts, near_km=d, ctx_total=total,
                     states=states, states_total=states_total, siblings=siblings,
                     civic=civic, capitals=capitals, giant=giant, towns=towns,
                     bare=bare, river=river, seats=seats), j)
              for j, (c, d) in enumerate(zip(cands, near))]
    scored.sort(key=_neg_score)
    best_s, j = scored[0]
    best = cands[j]
    second = scored[1][0] if len(scored) > 1 else None
    ids = tuple(cands[k].id for _, k in scored[:5])
    others = len(anchors) - (skip >= 0)
    if best_s < MIN_SCORE or _stray(best, ctx_i, others > 0, near[j],
                                    feature_parts(m.text) is not None):
        out[i] = Resolution(m, None, _confidence(best_s, second), ids,
                            f"low confidence (best {best.name}, {'/'.join(best.country_codes)},"
                            f" population {best.population:,})")
        return
    if address and best.kind == "city" and best.population < SMALL_TOWN:
        area = _cued_area(address, best, gaz)
        if area is not None:
            # "Holliday, Missouri" when the only Holliday known is in Texas: a town
            # the gazetteer lacks, placed in the state or country the text names
            out[i] = Resolution(m, area, CUED_AREA_CONFIDENCE, ids,
                                f"a place in {area.name} the gazetteer lacks (the "
                                f"{best.name} it knows is in {'/'.join(best.country_codes)}"
                                f"{' ' + best.admin1 if best.admin1 else ''})")
            return
    p = gaz.place(best.entry)
    out[i] = Resolution(m, p, _confidence(best_s, second), ids[1:], "ranked")


#: Highest confidence of a town matched by another romanisation of its name
#: ("Qamishli" for Al Qāmishlī): below the app's review threshold, so it is listed
#: among the places to check.
VARIANT_CONFIDENCE = 0.45
#: Confidence of a town placed at the state or country its ", State" cue names.
CUED_AREA_CONFIDENCE = 0.3


def _named_area(cue: str, gaz: Gazetteer) -> tuple[str | None, Candidate | None]:
    """What a ", Name" cue names: a country (its code), else a US state (its entry)."""
    code = gaz.country_code(cue)
    if code:
        return code, None
    for st in gaz.candidates(cue):
        if st.kind == "admin1" and st.country_codes == ("US",):
            return None, st
    return None, None


def _cued_area(cue: str, c: Candidate, gaz: Gazetteer) -> Place | None:
    """The US state or the country a ", Name" cue names, when candidate ``c``
    lies elsewhere (else None)."""
    code, st = _named_area(cue, gaz)
    if code:
        return gaz.country(code) if code not in c.country_codes else None
    if st is not None:
        return gaz.place(st.entry) if c.admin1 != st.admin1 else None
    return None


_FAR = (math.nan, -1, math.nan)  # a candidate with no anchor to measure against


def _neg_score(t: tuple[float, int]) -> float:
    return -t[0]


def _borders(mentions: Mentions, out: list[Resolution | None], gaz: Gazetteer,
             actors: ActorIndex | None) -> None:
    """Borders: owner from context; "the border" is the last border named."""
    starts = [x.start for x in mentions.places]  # sorted: mentions come in text order
    a_starts = [a.start for a in mentions.actors]
    last_border: Place | None = None
    for i, m in enumerate(mentions.places):
        if not m.norm.startswith("border:"):
            continue
        if out[i] is not None:  # a user's correction, set in pass 1
            if out[i].place is not None and out[i].place.kind == "border":
                last_border = out[i].place
            continue
        key = m.norm.split(":", 1)[1]
        place: Place | None = None
        reason = "derived from country shapes"
        if key == "@":
            place, reason = last_border, "the border named before"
        else:
            codes = key.split("|")
            if codes[0] == "?":
                owner = _owner(m, mentions, out, gaz, actors, exclude=codes[1], starts=starts,
                               a_starts=a_starts)
                codes[0] = owner or "?"
            elif len(codes) == 1 and not m.text.rstrip().endswith("s"):
                # "grounds outside Brest, close to the Polish border": the border with
                # the neighbour named just before, when there is one (not "borders")
                other = _owner(m, mentions, out, gaz, actors, exclude=codes[0],
                               starts=starts, a_starts=a_starts)
                if other and gaz.border(codes[0], other) is not None:
                    codes.append(other)
                    reason = "derived from country shapes (the neighbour named before it)"
            if "?" not in codes:
                place = gaz.border(*codes) if len(codes) == 2 else gaz.border(codes[0])
                if place is None:
                    reason = f"{' and '.join(codes)} share no land border"
            else:
                reason = "whose border is meant is unclear"
        if place is not None:
            last_border = place
            out[i] = Resolution(m, place, 0.9 if key != "@" else 0.7, (), reason)
        else:
            out[i] = Resolution(m, None, 0.0, (), reason)


def _stray(c: Candidate, ctx: Mapping[str, float], has_anchors: bool,
           near_km: float | None, feature: bool = False) -> bool:
    """A small town (or a district, see :func:`~flashpoints.gazetteer.is_district`) far from everything else the
    article names, or a town of any size matched only by an alternate name there
    ("Nikozi" is no "Nicosia"): a wild guess.
    ``feature``: the name is a natural feature's ("Mount Hermon"); a small town so
    named must then lie in one of the article's main countries."""
    district = is_district(c)  # (a district, of any size, like a small town)
    if (c.kind != "city" and not district) or \
            (not district and c.population >= (WORLD_CITY if c.alt else SMALL_TOWN)) or \
            not (ctx or has_anchors):
        return False  # (a city of a million keeps its other names: "Kiev")
    if feature and ctx:
        top = max(ctx.values())
        return not any(ctx.get(cc, 0) >= MAIN_SHARE * top > 0 for cc in c.country_codes)
    if any(ctx.get(cc, 0) > 0 for cc in c.country_codes):
        return False
    return near_km is None or near_km > FAR_KM


#: A country named at least this share of the most named one's mentions is one of
#: the article's main countries.
MAIN_SHARE = 0.5


def _cands(m: Mention, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """The candidates of a mention (kept per name: the resolver asks several times)."""
    memo = gaz.memo("resolve.cands")
    key = (m.text, m.norm, m.hint == "dateline")
    got = memo.get(key)
    if got is None:
        cands = gaz.candidates(m.text, key=m.norm)
        if m.text.isupper() and len(m.text) <= 4 and m.hint != "dateline":
            # an acronym names no small town (but "KIEV —" opening a report is Kyiv)
            cands = [c for c in cands if c.kind != "city" or c.name.isupper()]
        # the biggest town of each country that has the name as its own
        top: dict[tuple[str, ...], int] = {}
        for c in cands:
            if c.kind == "city" and not c.alt and c.population > top.get(c.country_codes, -1):
                top[c.country_codes] = c.population
        if top:
            # such a town outranks smaller ones of its country that have the name as an
            # alternate ("Charleston": not Charlestown, Massachusetts)
            cands = [c for c in cands if not (c.alt and c.kind == "city" and
                                              c.population < top.get(c.country_codes, -1))]
        got = memo[key] = tuple(cands)
    return got


def _owner(m: Mention, mentions: Mentions, out: Sequence[Resolution | None], gaz: Gazetteer,
           actors: ActorIndex | None, exclude: str, starts: Sequence[int],
           a_starts: Sequence[int]) -> str | None:
    """The country that "its" refers to: the nearest one named before ``m`` (same
    or previous sentence), from resolved places, actors or demonyms."""
    best: tuple[int, str] | None = None
    window = max(0, m.start - 400)
    j = bisect.bisect_left(starts, m.start) - 1
    while j >= 0 and starts[j] >= window:
        r = out[j]
        p = r.place if r is not None else None
        if p is not None and p.kind in ("country", "city") and p.country_codes \
                and p.country_codes[0] != exclude:
            best = (starts[j], p.country_codes[0])
            break
        j -= 1
    if actors is not None:
        j = bisect.bisect_left(a_starts, m.start) - 1
        while j >= 0 and a_starts[j] >= window and (best is None or a_starts[j] > best[0]):
            actor = actors.actors.get(mentions.actors[j].norm)
            if actor and actor.country_code and actor.country_code != exclude:
                best = (a_starts[j], actor.country_code)
                break
            j -= 1
    return best[1] if best else None


def _corrected(m: Mention, gaz: Gazetteer, corrections: Mapping[str, Any]) -> Resolution | None:
    fix = corrections.get(norm(m.text))
    if not fix:
        return None
    if fix.get("place_id"):
        try:
            return Resolution(m, gaz.place(fix["place_id"]), 1.0, (), "corrected by the user")
        except Exception:  # noqa: BLE001 - a stale correction must not break extraction
            return None
    lat, lon = fix.get("lat"), fix.get("lon")
    if lat is None or lon is None:
        return None
    from shapely.geometry import Point

    name = fix.get("name") or m.text
    p = Place(id=f"user-{norm(name).replace(' ', '-')}", name=name, kind="other",
              lat=float(lat), lon=float(lon), geometry=Point(float(lon), float(lat)),
              source="user", source_id=norm(m.text))
    return Resolution(m, p, 1.0, (), "corrected by the user")


def resolutions_by_place(res: Iterable[Resolution]) -> dict[str, list[Resolution]]:
    """Resolved mentions grouped by place id (text order kept)."""
    groups: dict[str, list[Resolution]] = {}
    for r in res:
        if r.place is not None:
            groups.setdefault(r.place.id, []).append(r)
    return groups
