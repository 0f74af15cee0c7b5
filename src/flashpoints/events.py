"""Sentence-level events: who did what, where, when, how many, and the sentence.

Each sentence is cut into clauses (at ";" and at ", and"/", while"/", but"), and
each clause yields at most one event per type found by the trigger lexicon
(:data:`TRIGGERS`). The actor is the first actor named in the clause that is
not the object of a preposition ("to Ukraine", "with Russia") or the agent of
a passive ("annexed by Russia"); the place is the resolved place the action is
at or toward (after "to/in/into/near/along/at"), the origin the place after
"from"; the date is the temporal expression nearest the trigger, else the
article's day with precision ``unknown``. Statements with no place are put at
the actor's capital.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .article import Article
from .dates import article_date
from .gazetteer import Gazetteer
from .mentions import ActorIndex, Mentions
from .records import DateRange, Event, Mention, Place, Resolution

# ------------------------------------------------------------------ lexicon

_W = r"[\w'’-]+"
TRIGGERS: dict[str, str] = {
    "annexation": r"annex(?:ed|es|ing|ation)?",
    "casualties": r"(?:killed|died|dies|dead|deaths?|wounded|injured|casualt(?:y|ies)|"
                  r"death toll|lost (?:their|his|her) li(?:fe|ves))",
    "clash": r"(?:clash(?:es|ed)?|shell(?:ed|ing)|fir(?:ed|ing) (?:on|at|upon)|attack(?:ed|s)?|"
             r"skirmish(?:es)?|firefights?|shot down|seiz(?:ed|ure)|rammed|ramming|"
             r"standoff|stand-off|ceasefire violations?|explosions?|opened fire|"
             r"(?:artillery|mortar|rocket) fire|strikes? on|bombard(?:ed|ment))",
    "sanction": r"(?:sanction(?:s|ed|ing)?|embargo(?:es)?|asset freezes?|blacklist(?:ed)?)",
    "fortification": r"(?:fortif(?:y|ied|ying|ications?)|(?:build|building|built|erect(?:ed|ing)?|"
                     r"construct(?:ed|ing)?) (?:a |an |the )?(?:[\w-]+ ){0,2}"
                     r"(?:wall|fence|barrier|trenches|defen[cs]es|defensive lines?)|"
                     r"razor wire|anti-tank ditch(?:es)?|minefields?|dug in)",
    "border_control": r"(?:border guards?|closed the border|border closure|crack(?:ed|ing|s)? down|"
                      r"crackdown|push(?:ed)?[- ]?backs?|pushed back|denied entry|deny(?:ing)? entry|"
                      r"denying entry|checkpoints?|border crossings?|stranded|turned back|"
                      r"fight off migrants|state of emergency)",
    "naval": r"(?:warships?|destroyers?|frigates?|corvettes?|cruisers?|submarines?|"
             r"aircraft carriers?|landing ships?|patrol boats?|gunboats?|naval|navy|fleet|"
             r"vessels?|tankers?|staff ship|command ship|flagship|sail(?:ed|ing|s)?|"
             r"entered the)",
    "exercise": r"(?:exercises?|drills?|war games|manoeuvres|maneuvers|wargames|"
                r"live-fire|military training|training exercises?)",
    "deployment": r"(?:deploy(?:ed|s|ing|ment|ments)?|redeploy(?:ed|s|ing|ment)?|"
                  r"(?:send|sends|sent|sending|move|moves|moved|moving|dispatch(?:ed|es|ing)?|"
                  r"transfer(?:red|s|ring)?|relocate[ds]?|relocating|station(?:ed|ing)?|"
                  r"mass(?:ed|ing)|amass(?:ed|ing)?|rush(?:ed|ing)?|airlift(?:ed)?|reinforce[ds]?|"
                  r"reinforcing)\b(?=[^.;]{0,80}\b(?:troops|soldiers|forces|units|servicemen|"
                  r"personnel|paratroopers|police|policemen|officers|tanks|battalions?|brigades?|"
                  r"divisions?|jets|aircraft|missiles|equipment|armou?r|vehicles|artillery|"
                  r"marines|guards|fleet|ships|warships|destroyer|systems))|"
                  r"build-?up|troop movements?|troops (?:near|along|on|at|to)|"
                  r"reinforcements)",
    "threat": r"(?:threat(?:s|en|ens|ened|ening)?|warn(?:ed|s|ing)?|ultimatum|red line|"
              r"would destroy|cut off|retaliat(?:e|ion|ory))",
    "diplomacy": r"(?:talks|negotiat(?:ions?|ed|ing)|summit|agreement|accord|consultations?|"
                 r"Article \d+|extraordinary meeting|discussions|partnership|envoy|mediat(?:e|ion)|"
                 r"signed|treaty|ceasefire agreement)",
    "statement": r"(?:said|says|say|stated|declared|announced|announces|claimed|claims|denied|"
                 r"denies|rejected|rejects|insisted|insists|described|called|accused|denounced|"
                 r"reiterated|condemned|statement|interview|told|reported|confirmed)",
}
SPOKEN = ("statement", "diplomacy", "threat", "sanction")
SUBSTANTIVE = ("deployment", "exercise", "naval", "fortification", "border_control",
               "casualties", "clash", "annexation", "sanction")
_TRIGGER_RE = {t: re.compile(rf"\b{p}\b", re.I) for t, p in TRIGGERS.items()}
#: The same on lower-cased text, case-sensitive: about three times faster than
#: ``re.I`` (the patterns hold no upper-case escape such as ``\S``).
_TRIGGER_LOW = {t: re.compile(rf"\b{p.lower()}\b") for t, p in TRIGGERS.items()}

_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
              "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
              "hundred": 100, "a hundred": 100, "a dozen": 12, "dozens": 24, "dozens of": 24,
              "hundreds": 100, "hundreds of": 100, "thousands": 1000, "thousands of": 1000,
              "tens of thousands": 10000, "tens of thousands of": 10000,
              "several thousand": 2000, "several hundred": 200, "a few": 3, "several": 3}
UNITS = (r"troops|soldiers|servicemen|servicemembers|personnel|paratroopers|marines|"
         r"police officers|policemen|police|officers|border guards|guards|tanks|"
         r"armou?red vehicles|vehicles|warships|ships|vessels|destroyers|frigates|submarines|"
         r"aircraft|jets|fighter jets|planes|helicopters|missiles|drones|artillery pieces|"
         r"battalion tactical groups|battalions|brigades|people|refugees|migrants|civilians|"
         r"fighters|militants|sailors|crew members|residents")
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?(?:\s?(?:million|thousand|k))?|" + "|".join(
    sorted((re.escape(k) for k in _NUM_WORDS), key=len, reverse=True)) + ")"
QUANTITY_RE = re.compile(
    rf"\b(?:(?:about|around|some|nearly|almost|up to|more than|over|at least|roughly|"
    rf"approximately|an estimated|estimated)\s+)?(?P<num>{_NUMBER})\s+(?:of\s+)?"
    rf"(?:(?:[A-Z]?[a-z-]+)\s+){{0,2}}?(?P<unit>{UNITS})\b", re.I)
#: The same on lower-cased text, case-sensitive (as for the triggers: faster than ``re.I``).
_QUANTITY_LOW = re.compile(QUANTITY_RE.pattern.lower().replace("(?p<", "(?P<"))
VESSEL_RE = re.compile(r"\b(?:a|an|the|one)\s+(?:[\w-]+\s+){0,2}?(?:destroyer|frigate|corvette|"
                       r"tanker|staff ship|command ship|cruiser|submarine|carrier|landing ship|"
                       r"patrol boat|tug|gunboat)\b", re.I)

_PREP_BEFORE = re.compile(r"(?:\b(?:to|with|against|toward|towards|into|near|from|at|on|for|"
                          r"in|over|across|along|by|of|about|between|and|than)\s+(?:the\s+)?)$",
                          re.I)
_TO_PREP = re.compile(r"(?:\b(?:to|into|in|at|near|toward|towards|along|on|across|inside|"
                      r"within|off|around|over)\s+(?:the\s+)?(?:[\w,'’-]+\s+){0,4}?)$", re.I)
_FROM_PREP = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$", re.I)
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)

_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Adm|Maj|St|Jr|Sr|No|vs|etc|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N)\.|"
                     r"\b[A-Z]\.)$")
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_CLAUSE_CUT = re.compile(r";\s+|,\s+(?:and|while|but|whereas)\s+(?=(?:the\s+)?[A-Z])|"
                         r"\s+(?:while|whereas)\s+|"
                         r"\s+and\s+(?=(?:has|have|had|will|would|is|was|were|also|then|later|"
                         r"plans|planned|announced|said)\b)")


# ------------------------------------------------------------------ sentences

#: A "sentence" longer than this (a run-on line with no full stops) is cut at
#: semicolons, then commas, then spaces, so evidence stays readable and bounded.
MAX_SENTENCE = 600
_SOFT_CUT = (re.compile(r";\s+"), re.compile(r",\s+"), re.compile(r"\s+"))


def _cut_long(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    while e - s > MAX_SENTENCE:
        cut = None
        for rx in _SOFT_CUT:
            found = [m for m in rx.finditer(text, s + MAX_SENTENCE // 3, s + MAX_SENTENCE)]
            if found:
                cut = found[-1]
                break
        end, nxt = (cut.start() + (1 if cut.group(0)[0] in ";," else 0), cut.end()) if cut \
            else (s + MAX_SENTENCE, s + MAX_SENTENCE)
        out.append(_trim(text, s, end))
        s = nxt
    out.append(_trim(text, s, e))
    return [sp for sp in out if sp[1] > sp[0]]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations like "U.S." do not end one."""
    return [part for s, e in _sentences(text) for part in
            (_cut_long(text, s, e) if e - s > MAX_SENTENCE else [(s, e)])]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group(0).startswith(".") and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    pos = s
    for m in _CLAUSE_CUT.finditer(text, s, e):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < e:
        out.append((pos, e))
    return out


# ------------------------------------------------------------------ parts

def quantity(text: str) -> tuple[float | None, str]:
    """The first "N unit" in ``text`` ("8,500 troops" -> (8500, "troops"))."""
    low = text.lower()
    m = _QUANTITY_LOW.search(low) if len(low) == len(text) else QUANTITY_RE.search(text)
    if not m:
        return None, ""
    raw = m.group("num").lower().strip()
    unit = m.group("unit").lower()
    if raw in _NUM_WORDS:
        return float(_NUM_WORDS[raw]), unit
    mult = 1.0
    for word, f in (("million", 1e6), ("thousand", 1e3), ("k", 1e3)):
        if raw.endswith(word):
            raw, mult = raw[: -len(word)].strip(), f
            break
    try:
        return float(raw.replace(",", "")) * mult, unit
    except ValueError:
        return None, ""


@dataclass(frozen=True)
class _Ctx:
    text: str
    actor_ms: list[Mention]
    actor_starts: list[int]
    res: list[Resolution]
    res_starts: list[int]
    dates: list[DateRange]
    date_starts: list[int]


def _in(items: Sequence[Any], starts: list[int], s: int, e: int) -> list[Any]:
    i = bisect.bisect_left(starts, s)
    j = bisect.bisect_left(starts, e)
    return list(items[i:j])


def _subject(ctx: _Ctx, s: int, trig: int, e: int) -> tuple[Mention | None, Mention | None]:
    """The acting actor of a clause and a second actor, if any."""
    acts = _in(ctx.actor_ms, ctx.actor_starts, s, e)
    before = [a for a in acts if a.start < trig]
    agent = None
    for a in acts:
        if a.start >= trig and _BY_AGENT.search(ctx.text[max(s, a.start - 12):a.start]):
            agent = a
            break
    subj = agent
    if subj is None:
        for a in before:
            if not _PREP_BEFORE.search(ctx.text[max(s, a.start - 14):a.start]):
                subj = a
                break
    if subj is None and before:
        subj = before[0]
    if subj is None and acts:
        subj = acts[0]
    other = next((a for a in acts if subj is not None and a.norm != subj.norm), None)
    return subj, other


#: Mentions that name a country only as an adjective or inside an organisation's
#: name ("Russian paratroopers", "US Joint Forces Command"): not where things happen.
_NOT_A_SITE = ("demonym", "modifier")
_PARTICIPLE = re.compile(r"\w+(?:ed|en|wn|nt|lt|ught)\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)


def _place(ctx: _Ctx, s: int, trig: int, e: int, actor: Mention | None,
           actor_cc: str = "") -> tuple[Resolution | None, Resolution | None]:
    """Destination (or location) and origin of the action in a clause.

    The actor's own name ("Kiev has deployed") and adjectives are not places; the
    actor's own country is used only when nothing more specific is named; in a
    passive clause ("Crimea was annexed") the place is the subject before the verb.
    """
    rs = [r for r in _in(ctx.res, ctx.res_starts, s, e)
          if r.place is not None and r.mention.hint not in _NOT_A_SITE]
    if actor is not None:  # "Kiev has deployed": the actor is not the place
        rs = [r for r in rs if not (r.mention.start <= actor.start < r.mention.end
                                    or actor.start <= r.mention.start < actor.end)]
    if actor_cc:
        other = [r for r in rs if not (r.place.kind == "country"
                                       and r.place.country_codes[:1] == (actor_cc,))]
        rs = other or rs
    if not rs:
        return None, None
    if _PASSIVE.search(ctx.text[max(s, trig - 30):trig]) and \
            _PARTICIPLE.match(ctx.text, trig):  # "was annexed", not "was moving"
        before = [r for r in rs if r.mention.start < trig]
        if before:
            return before[-1], None
    origin = next((r for r in rs if _FROM_PREP.search(ctx.text[max(s, r.mention.start - 40):
                                                                r.mention.start])), None)
    rest = [r for r in rs if r is not origin]
    after = [r for r in rest if r.mention.start > trig]
    toward = [r for r in after if _TO_PREP.search(ctx.text[max(s, r.mention.start - 50):
                                                           r.mention.start])]
    dest = None
    for group in (toward, after, [r for r in rest if r.mention.start < trig]):
        if group:
            specific = [r for r in group if r.place and r.place.kind != "continent"]
            dest = (specific or group)[0]
            break
    return dest, origin


def _date(ctx: _Ctx, s: int, trig: int, e: int, sent: tuple[int, int]) -> DateRange | None:
    ds = _in(ctx.dates, ctx.date_starts, s, e) or \
        _in(ctx.dates, ctx.date_starts, sent[0], sent[1])
    if not ds:
        return None
    return min(ds, key=lambda d: abs(d.offset - trig))


def _types(clause: str) -> dict[str, int]:
    """Event types found in a clause, with the offset of their first trigger."""
    found: dict[str, int] = {}
    low = clause.lower()
    # (a letter whose lower case is longer, as in "İ", would move the offsets)
    rxs, hay = (_TRIGGER_LOW, low) if len(low) == len(clause) else (_TRIGGER_RE, clause)
    for t, rx in rxs.items():
        m = rx.search(hay)
        if m:
            found[t] = m.start()
    if "naval" in found:
        strong = re.search(r"warships?|destroyers?|frigates?|corvettes?|submarines?|fleet|navy|"
                           r"naval|vessels?|ships?|tankers?", clause, re.I)
        if not strong or not ({"deployment", "exercise"} & found.keys() or
                              re.search(r"\b(?:sent|send|sail|entered|moved|relocat|dispatch|"
                                        r"patrol|arriv)", clause, re.I)):
            found.pop("naval")
        else:
            found.pop("deployment", None)
            found.pop("exercise", None)
    if any(t in found for t in SUBSTANTIVE):
        found.pop("statement", None)
        if "diplomacy" in found and any(t in found for t in ("deployment", "naval", "exercise")):
            found.pop("diplomacy")
    if "threat" in found:
        found.pop("statement", None)
    return found


def _capital(actor_id: str, actors: ActorIndex, gaz: Gazetteer) -> Place | None:
    a = actors.actors.get(actor_id)
    if a is None:
        return None
    if a.capital:
        for p in gaz.search(a.capital, limit=5):
            if p.kind == "city" and (not a.country_code or a.country_code in p.country_codes):
                return p
    if a.lat is not None and a.lon is not None:
        from shapely.geometry import Point

        return Place(id=f"actor-{a.id}", name=a.capital or a.name, kind="city", lat=a.lat,
                     lon=a.lon, geometry=Point(a.lon, a.lat), source="curated",
                     source_id=a.id, country_codes=(a.country_code,) if a.country_code else ())
    return None


# ------------------------------------------------------------------ extraction

def extract_events(article: Article, mentions: Mentions, res: Sequence[Resolution],
                   gaz: Gazetteer, actors: ActorIndex) -> list[Event]:
    """Every event the article reports, in text order."""
    text = article.text
    acts = sorted(mentions.actors, key=lambda m: m.start)
    ress = sorted(res, key=lambda r: r.mention.start)
    dates = sorted(mentions.dates, key=lambda d: d.offset)
    ctx = _Ctx(text, acts, [a.start for a in acts], ress, [r.mention.start for r in ress],
               dates, [d.offset for d in dates])
    aid = article.id
    fallback = article_date(article.published)
    events: list[Event] = []
    for sent in sentences(text):
        prev_actor: Mention | None = None
        for cs, ce in clauses(text, *sent):
            clause = text[cs:ce]
            count: tuple[float | None, str] | None = None  # the clause's "N unit", once
            for etype, off in sorted(_types(clause).items(), key=lambda t: t[1]):
                trig = cs + off
                actor_m, other_m = _subject(ctx, cs, trig, ce)
                if actor_m is None:  # "... and has announced that it would ...": same subject
                    actor_m = prev_actor
                elif cs < trig:
                    prev_actor = actor_m
                actor_cc = actors.actors[actor_m.norm].country_code \
                    if actor_m is not None and actor_m.norm in actors.actors else ""
                dest, origin = _place(ctx, cs, trig, ce, actor_m, actor_cc)
                if actor_m is None and dest is None:
                    continue
                date = _date(ctx, cs, trig, ce, sent) or fallback
                if count is None:
                    count = quantity(clause)
                qty, unit = count
                if etype == "naval" and qty is None:
                    n = len(VESSEL_RE.findall(clause))
                    if n:
                        qty, unit = float(n), "ships"
                place = dest.place if dest else None
                if actor_m is not None and etype in SPOKEN and (
                        place is None or place.kind in ("country", "continent")):
                    # words are said in the capital, not across a whole country
                    place = _capital(actor_m.norm, actors, gaz) or place
                conf = 0.35 + 0.2 * (actor_m is not None) + 0.15 * (dest is not None) + \
                    0.15 * (date.precision != "unknown") + 0.1 * (qty is not None)
                events.append(Event(
                    id=f"{aid}-{len(events) + 1:03d}",
                    actor=_actor_name(actor_m, actors), type=etype,
                    evidence=text[sent[0]:sent[1]], evidence_start=sent[0],
                    evidence_end=sent[1], date=date, place=place,
                    origin=origin.place if origin else None, quantity=qty, unit=unit,
                    confidence=round(min(conf, 0.95), 2), article_id=aid,
                    actor2=_actor_name(other_m, actors)))
    return events


def _actor_name(m: Mention | None, actors: ActorIndex) -> str:
    if m is None:
        return ""
    a = actors.actors.get(m.norm)
    return a.name if a else m.text


def event_rows(events: Iterable[Event], article: Article) -> list[dict[str, Any]]:
    """Events as table rows (columns of :data:`flashpoints.table.EVENT_COLUMNS`)."""
    rows = []
    for ev in events:
        p, o = ev.place, ev.origin
        rows.append({
            "id": ev.id, "actor": ev.actor, "actor2": ev.actor2, "type": ev.type,
            "quantity": ev.quantity, "unit": ev.unit,
            "place_id": p.id if p else None, "place": p.name if p else None,
            "place_kind": p.kind if p else None,
            "lat": round(p.lat, 5) if p else None, "lon": round(p.lon, 5) if p else None,
            "origin_id": o.id if o else None, "origin": o.name if o else None,
            "origin_lat": round(o.lat, 5) if o else None,
            "origin_lon": round(o.lon, 5) if o else None,
            "date_start": ev.date.start.isoformat(), "date_end": ev.date.end.isoformat(),
            "date_precision": ev.date.precision, "evidence": ev.evidence,
            "evidence_start": ev.evidence_start, "evidence_end": ev.evidence_end,
            "confidence": ev.confidence, "article_id": ev.article_id,
            "source": article.source, "title": article.title,
            "geometry": p.geometry if p else None,
        })
    return rows
