"""Temporal expressions resolved against an article's publication date.

One compiled regular expression holds every kind of expression as a named
alternative. A cheap first pass finds the words every expression contains (a
number, a month or weekday name, "week", "today", "ago"...), and the full
pattern is tried only where an expression holding one of them can start (see
:func:`_matches`); a small handler per kind turns each match into a
:class:`~flashpoints.records.DateRange` (inclusive ``start..end`` and a
precision ``day|week|month|year|unknown``). Explicit dates are parsed here, not
by a date library, so the cost is a regex pass over the text.

Rules for the ambiguous cases (``P`` is the publication date):

- **Weekdays.** A bare weekday ("Sunday", "on Sunday", "late on Friday",
  "Sunday night") is the latest such day *on or before* ``P``: news is told in
  the past tense, and wire copy says "on Monday" for the day it is published.
  "last Sunday" is the latest one strictly before ``P``; "next/coming Sunday"
  the first one strictly after ``P``; "this Sunday" the one in ``P``'s
  Monday-Sunday week. Future-tense sentences are not detected.
- **Weeks** run Monday to Sunday. "last week" is the previous such week,
  "this week" ``P``'s, "earlier this week" its Monday..``P``.
- **Weekends** ("over/at/on the weekend", "this weekend", "last weekend") are
  the Saturday-Sunday before ``P``, or the one containing ``P`` when ``P`` is a
  Saturday or Sunday; precision ``week``. "next weekend" is the first one
  after ``P``.
- **Month names** need a cue so that "may" and "march" the verbs, "March on
  Washington" and "Theresa May" are not dates: a day number or a year, or a
  word before them (in, since, until, by, during, from, before, after,
  early, mid, late, end of, this, last, next). A month without a year is the
  latest such month on or before ``P``'s month ("in October", "in late
  December" read in January are last year's); "this February" is February of
  ``P``'s year; "last/next October" the one strictly before/after ``P``'s month.
  "early/mid/late Month" are days 1-10, 11-20 and 21-end, precision ``month``.
- **Day and month without a year** ("on 12 November", "Nov. 12") take
  ``P``'s year, or the year before when that date would be more than 92 days
  after ``P``.
- **Years** are 1900-2100. "since 2014", "by 2014", "until 2014" resolve to the
  year itself (2014-01-01..2014-12-31, precision ``year``): the range dates
  the anchor the phrase names, not the open period after it. A bare four-digit
  year needs no cue ("the 1991 dissolution") but is refused when it is part of
  a bigger number ("2,014", "1.5"), joined by a hyphen ("Zapad-2021",
  "2000-strong"), after a currency sign, or followed by a unit ("2000 troops",
  "2000 km", "1900 GMT"). "early/mid/late 2014" are January-April, May-August
  and September-December, precision ``month``.
- **Relative periods.** "last/this/next month|year" are calendar periods;
  "the past week", "in recent days", "the last three months" are rolling
  ranges ending at ``P`` (a plural without a number counts 7 days, 3 weeks,
  3 months or 3 years); "within the next month", "in the coming days" start at
  ``P``. "the previous/following ...", "the next day" count from a moment in
  the story, not from ``P``, and are skipped. "N days/weeks/months/years ago" give the day, the Monday-Sunday week,
  the calendar month or the year that far back.
- "today", "tonight", "this morning" are ``P``; "yesterday" and "last night"
  ``P``-1; "overnight" ``P``-1..``P``; all precision ``day``.
- Without a publication date only self-contained expressions (those with a
  year) are returned; everything relative to ``P`` is skipped.

The returned ``text`` leaves out a leading "in", "on", "at", "during",
"throughout" or "of" (so "in late October" gives ``text="late October"``);
meaningful words ("since", "until", "last", "within"...) are kept.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Callable, Iterator, Optional

from .records import DateRange

__all__ = ["find_dates", "resolve", "article_date"]

Span = tuple[dt.date, dt.date, str]

# ------------------------------------------------------------------ vocabulary

_MONTHS = {name: i for i, name in enumerate(
    "january february march april may june july august september october november "
    "december".split(), 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WEEKDAYS = {name: i for i, name in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "few": 3, "a few": 3, "several": 3, "a couple": 2,
    "couple of": 2, "a couple of": 2,
}
#: Plural period without a number ("in recent days"): how many units it spans.
_PLURAL_DEFAULT = {"hour": 24, "day": 7, "week": 3, "month": 3, "year": 3}
#: Words after a four-digit number that make it a quantity, not a year.
_UNITS = (
    r"troops|soldiers|servicem[ae]n|servicemembers|personnel|men|women|people|persons|"
    r"police|policemen|officers|guards|marines|paratroopers|reservists|conscripts|fighters|"
    r"militants|civilians|migrants|refugees|tanks|vehicles|armou?red|trucks|guns|howitzers|"
    r"rockets|missiles|shells|rounds|drones|aircraft|planes|jets|helicopters|ships|warships|"
    r"vessels|boats|kms?|kilomet(?:re|er)s?|miles?|metres?|meters?|m|feet|ft|tonnes?|tons?|"
    r"euros?|dollars?|rubles?|roubles?|hryvnias?|pounds|gmt|utc|cet|cest|msk|eet|eest|local\s+time|"
    r"hours?|hrs?|h|explosions|violations|casualties|dead|deaths|wounded|injured|killed|cases|"
    r"units|sq|square|hectares|acres|sorties|times|votes|seats|members|residents|homes|"
    r"buildings|villages|strong|percent|per\s*cent"
)

_LEAD = re.compile(r"(?i:in|on|at|during|throughout|of)\s+")

# ------------------------------------------------------------------ regex pieces


def _ci(alternatives: str) -> str:
    """A case-insensitive group (sentence-initial "Last week" and "last week")."""
    return f"(?i:{alternatives})"


_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December)(?!\w)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?!\w)\.?")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"
_NOT_QTY = (r"(?!\d|[.,/]\d|\s*%|-[^\W\d_]|\s*-?\s*" + _ci(_UNITS) + r"(?!\w))")
_NUM = _ci(r"\d{1,3}|a\s+few|a\s+couple\s+of|a\s+couple|couple\s+of|few|several|an?|one|two|"
           r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty")
_MOD = _ci(r"early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of")
_MODREL = _ci(r"earlier|later|early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of")
_NOT_HOLIDAY = "".join(f"(?<!{w}\\s)" for w in (
    "Good", "Black", "Bloody", "Ash", "Holy", "Palm", "Easter", "Super", "Cyber", "Maundy",
    "Shrove", "Whit"))
_NOT_PAPER = (r"(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Star|Sport|People|"
              r"Independent|Tribune|Review|World|Business|Night\s+Live|Agreement)(?!\w))")

#: One pattern per kind, tried in this order at each position.
_KINDS: list[tuple[str, str]] = [
    ("iso", r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    ("dmy", r"(?:" + _WD + r",?\s+(?:the\s+)?)?(?<![\d][,.])(?P<d1>" + _DAY + r")"
            r"(?:\s*[-–—]\s*(?P<d2>" + _DAY + r")|\s+" + _ci("to|and") + r"\s+(?P<d3>" + _DAY +
            r"))?\s+(?:of\s+)?(?P<mon>" + _MON + r")(?:,?\s+(?P<y>" + _YEAR + r"))?"),
    ("mdy", r"(?:" + _WD + r",?\s+)?(?P<mon>" + _MON + r")\s+(?P<d1>" + _DAY + r")"
            r"(?:\s*[-–—]\s*(?P<d2>" + _DAY + r"))?(?![.,]?\d)(?:,?\s+(?P<y>" + _YEAR + r"))?"),
    ("fixed", _ci(r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                  r"(?:earlier|later)\s+today|yesterday|today|tonight|tomorrow|overnight|"
                  r"last\s+night|this\s+(?:morning|afternoon|evening)|"
                  r"(?:over|at|on|during|through|throughout)\s+the\s+weekend)(?!\w)")),
    ("ago", r"(?P<n>" + _NUM + r")\s+(?P<unit>" + _ci("day|week|month|year") + r")" +
            _ci("s?") + r"\s+" + _ci("ago") + r"(?!\w)"),
    ("rel", r"(?:(?P<prep>" + _ci("in|over|during|for|within|throughout|from|since") +
            r")\s+)?(?:(?:(?P<mod>" + _MODREL + r")[\s-]+)?(?P<the>" + _ci("the") + r"\s+)?"
            r"(?P<dir>" + _ci("this|last|next|past|previous|coming|following|recent") + r")\s+"
            r"(?:(?P<n>" + _NUM + r")\s+)?|(?P<mod2>" + _MODREL + r")\s+" + _ci("the") +
            r"\s+)(?P<unit>" + _ci("weekend|week|month|year|day|hour") + r")(?P<pl>" +
            _ci("s") + r")?(?!\w)(?!\s+of(?!\w))"),
    ("month", r"(?:(?P<rel>" + _ci("this|last|next|coming") + r")\s+|(?:(?P<cue>" +
              _ci("in|since|until|till|through|throughout|during|from|before|after|by") +
              r")\s+)?(?:(?P<mod>" + _MOD + r")[\s-]+)?)(?P<mon>" + _MON + r")"
              r"(?!\.?\s+\d{1,2}(?!\d))(?:,?\s+(?P<y>" + _YEAR + r"))?"),
    ("season", _ci(r"(?:(?P<rel>this|last|next|coming|past)\s+|(?P<cue>in|during|since|by|"
                   r"until|through|throughout)\s+(?:the\s+)?)?(?:(?P<mod>early|mid|late)"
                   r"[\s-]+)?(?P<season>spring|summer|autumn|fall|winter)(?!\w)") +
               r"(?:\s+(?:of\s+)?(?P<y>" + _YEAR + r")|(?!\s+of(?!\w)))"),
    ("weekday", r"(?:(?P<rel>" + _ci("this|last|next|coming|past") + r")\s+|(?P<pre>" +
                _ci("early|late") + r")\s+(?:on\s+)?)?" + _NOT_HOLIDAY +
                r"(?<!Mail\son\s)(?<!Independent\son\s)(?P<wd>" + _WD + r")" + _NOT_PAPER +
                r"(?:['’]s)?(?:\s+(?P<part>" + _ci("morning|afternoon|evening|night") +
                r")(?!\w))?"),
    ("decade", r"(?:" + _ci("the") + r"\s+)?(?:(?P<mod>" + _ci("early|mid|late") + r")[\s-]+)?"
               r"(?P<dec>(?:19|20)\d0)['’]?s(?!\w)"),
    ("yrange", r"(?:" + _ci("between") + r"\s+(?P<a1>" + _YEAR + r")\s+" + _ci("and") +
               r"\s+(?P<a2>" + _YEAR + r")|(?:" + _ci("from") + r"\s+)?(?<![\w$€£#.,/-])"
               r"(?P<b1>" + _YEAR + r")(?:\s*[-–—]\s*(?P<b2>" + _YEAR + r"|\d\d)|\s+" +
               _ci("to|until|through") + r"\s+(?P<b3>" + _YEAR + r")))" + _NOT_QTY),
    ("year", r"(?:(?P<cue>" + _ci("since|until|till|by|before|after") + r")\s+)?"
             r"(?:(?P<mod>" + _MOD + r")[\s-]+|(?<![\w$€£#.,/-]))(?P<y>" + _YEAR + r")" +
             _NOT_QTY),
]


def _prefixed(kind: str, pattern: str) -> str:
    """Give the named groups of one kind unique names: ``y`` becomes ``dmy_y``."""
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{kind}_{m.group(1)}>", pattern)


_RX = re.compile(r"(?<!\w)(?:" + "|".join(
    f"(?P<{kind}>{_prefixed(kind, pat)})" for kind, pat in _KINDS) + ")")


#: Every expression holds one of these; see :func:`_matches`.
_ANCHOR_RX = re.compile(
    r"\d+|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b|" + _ci(
        r"\b(?:today|tonight|yesterday|tomorrow|overnight|weekends?|weeks?|months?|years?|"
        r"days?|hours?|ago|spring|summer|autumn|fall|winter|night|morning|afternoon|evening)\b"))
#: Words that can come before an anchor inside an expression.
_CHAIN = frozenset(
    "in on at during throughout of over for within from since until till through before after "
    "by between and to the this last next coming past previous following recent earlier later "
    "early mid late end start beginning middle a an few couple several one two three four five "
    "six seven eight nine ten eleven twelve fifteen twenty thirty".split())
_GAP_CHARS = ",.-–—"
#: More words than any expression holds before its anchor ("in the past a couple of").
_MAX_RUN = 12


class _Groups:
    """The groups of one kind in a match, by their short names."""

    __slots__ = ("m", "kind")

    def __init__(self, m: re.Match[str], kind: str) -> None:
        self.m = m
        self.kind = kind

    def __call__(self, name: str) -> Optional[str]:
        try:
            return self.m.group(f"{self.kind}_{name}")
        except IndexError:  # a group this kind does not have
            return None


# ------------------------------------------------------------------ date helpers

def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _weekend(p: dt.date, which: str) -> tuple[dt.date, dt.date]:
    """The weekend before ``p`` (or containing it), the one before that, or the next one."""
    if p.weekday() >= 5:
        sat = p - dt.timedelta(days=p.weekday() - 5)
        if which == "last":
            sat -= dt.timedelta(days=7)
        elif which == "next":
            sat += dt.timedelta(days=7)
    else:
        sat = _monday(p) + dt.timedelta(days=5)
        if which != "next":
            sat -= dt.timedelta(days=7)
    return sat, sat + dt.timedelta(days=1)


def _mod(text: Optional[str]) -> Optional[str]:
    """``early|mid|late|earlier|later`` from the modifiers the patterns accept."""
    if not text:
        return None
    t = " ".join(text.lower().split())
    if t in ("earlier", "later"):
        return t
    if t.startswith(("early", "start", "beginning", "the start", "the beginning")):
        return "early"
    if t.startswith(("mid", "middle", "the middle")):
        return "mid"
    return "late"  # late, end of, the end of


def _part(start: dt.date, end: dt.date, unit: str, mod: Optional[str]) -> tuple[dt.date, dt.date]:
    """The early, middle or late part of a period."""
    if mod is None:
        return start, end
    if unit == "month":
        a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, end.day)}[mod]
        return start.replace(day=a), start.replace(day=b)
    if unit == "year":
        a, b = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[mod]
        return _month_span(start.year, a)[0], _month_span(start.year, b)[1]
    if unit == "decade":
        a, b = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[mod]
        return dt.date(start.year + a, 1, 1), dt.date(start.year + b, 12, 31)
    # weeks, seasons: thirds by days
    days = (end - start).days
    third = days // 3
    if mod == "early":
        return start, start + dt.timedelta(days=third)
    if mod == "mid":
        return start + dt.timedelta(days=third), end - dt.timedelta(days=third)
    return end - dt.timedelta(days=third), end


def _number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    t = " ".join(text.lower().split())
    return int(t) if t.isdigit() else _NUMBER_WORDS.get(t)


def _month_no(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _infer_year(month: int, day: int, p: dt.date) -> int:
    """``p``'s year, or the one before when the date would be far after ``p``."""
    try:
        candidate = dt.date(p.year, month, day)
    except ValueError:  # 29 February in a common year: look at the previous years
        return p.year - 1 if month == 2 and day == 29 else p.year
    return p.year - 1 if (candidate - p).days > 92 else p.year


# ------------------------------------------------------------------ handlers
# Each takes the groups of its kind, the publication date (or None) and the
# match, and returns (start, end, precision) or None to drop the candidate.

Handler = Callable[[_Groups, Optional[dt.date], "re.Match[str]"], Optional[Span]]


def _h_iso(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    d = dt.date(int(g("y") or 0), int(g("m") or 0), int(g("d") or 0))
    return d, d, "day"


def _day_month(g: _Groups, p: Optional[dt.date]) -> Optional[Span]:
    month = _month_no(g("mon") or "")
    d1 = int(re.sub(r"\D", "", g("d1") or ""))
    d2_text = g("d2") or g("d3")
    d2 = int(re.sub(r"\D", "", d2_text)) if d2_text else d1
    if d2 < d1:
        return None
    y = g("y")
    if y:
        year = int(y)
    elif p is None:
        return None
    else:
        year = _infer_year(month, d1, p)
    return dt.date(year, month, d1), dt.date(year, month, d2), "day"


def _h_dmy(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    return _day_month(g, p)


def _h_mdy(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    return _day_month(g, p)


def _h_fixed(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    if p is None:
        return None
    w = " ".join((g("w") or "").lower().split())
    if w[:1] and (g("w") or "")[0].isupper() and _after_name(m.string, m.start()):
        return None  # "Russia Today", "USA Today": a name, not a day
    one = dt.timedelta(days=1)
    if w.endswith("weekend"):
        return (*_weekend(p, "this"), "week")
    if w == "the day before yesterday":
        return p - 2 * one, p - 2 * one, "day"
    if w == "the day after tomorrow":
        return p + 2 * one, p + 2 * one, "day"
    if w in ("yesterday", "last night"):
        return p - one, p - one, "day"
    if w == "tomorrow":
        return p + one, p + one, "day"
    if w == "overnight":
        return p - one, p, "day"
    return p, p, "day"


def _after_name(text: str, start: int) -> bool:
    """True when a capitalised word (not ending a sentence) comes just before ``start``."""
    return re.search(r"(?<!\w)[A-Z][\w'’-]*[ \t]+\Z", text[max(0, start - 40):start]) is not None


def _h_ago(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    n = _number(g("n"))
    if p is None or n is None:
        return None
    unit = (g("unit") or "").lower()
    if unit == "day":
        d = p - dt.timedelta(days=n)
        return d, d, "day"
    if unit == "week":
        mon = _monday(p - dt.timedelta(days=7 * n))
        return mon, mon + dt.timedelta(days=6), "week"
    if unit == "month":
        d = _add_months(p, -n)
        return (*_month_span(d.year, d.month), "month")
    return dt.date(p.year - n, 1, 1), dt.date(p.year - n, 12, 31), "year"


def _calendar(unit: str, direction: str, p: dt.date) -> Optional[tuple[dt.date, dt.date]]:
    step = {"this": 0, "last": -1, "next": 1}[direction]
    if unit == "week":
        mon = _monday(p) + dt.timedelta(days=7 * step)
        return mon, mon + dt.timedelta(days=6)
    if unit == "month":
        d = _add_months(p.replace(day=1), step)
        return _month_span(d.year, d.month)
    if unit == "year":
        return dt.date(p.year + step, 1, 1), dt.date(p.year + step, 12, 31)
    return None  # "this day", "last hour": not periods we date


def _h_rel(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    if p is None:
        return None
    unit = (g("unit") or "").lower()
    plural = bool(g("pl"))
    direction = (g("dir") or "this").lower()
    mod = _mod(g("mod") or g("mod2"))
    n = _number(g("n"))
    if unit == "weekend":
        if plural or n is not None:
            return None
        which = {"last": "last", "past": "last", "previous": "last", "next": "next",
                 "coming": "next", "following": "next"}.get(direction, "this")
        if g("the") and which == "this":
            return None  # "the this weekend"
        return (*_weekend(p, which), "week")
    is_calendar = (g("the") is None and n is None and not plural
                   and direction in ("this", "last", "next"))
    if g("dir") is None or is_calendar:  # "the end of the year" reads as "this year"
        span = _calendar(unit, direction, p)
        if span is None:
            return None
        start, end = span
        if mod == "earlier" and direction == "this":
            end = min(end, p)
        elif mod == "later" and direction == "this":
            start = max(start, p)
        elif mod is not None:
            start, end = _part(start, end, unit, {"earlier": "early", "later": "late"}.get(mod, mod))
        precision = {"week": "week", "month": "month", "year": "year"}[unit]
        if unit == "year" and mod in ("early", "mid", "late"):
            precision = "month"
        return start, end, precision
    # a rolling period ending or starting at the publication date
    if direction == "this":
        return None
    if direction in ("following", "previous") or (n is None and not plural
                                                  and unit in ("day", "hour")):
        return None  # "the next day", "the previous two days": relative to the story
    count = n if n is not None else (_PLURAL_DEFAULT[unit] if plural else 1)
    if unit in ("hour", "day"):
        days = max(1, -(-count // 24)) if unit == "hour" else count
        delta_end = p + dt.timedelta(days=days)
        delta_start = p - dt.timedelta(days=days)
        precision = "day" if days <= 2 else "week"
    elif unit == "week":
        delta_end, delta_start = p + dt.timedelta(weeks=count), p - dt.timedelta(weeks=count)
        precision = "week"
    elif unit == "month":
        delta_end, delta_start = _add_months(p, count), _add_months(p, -count)
        precision = "month"
    else:
        delta_end, delta_start = _add_months(p, 12 * count), _add_months(p, -12 * count)
        precision = "year"
    if direction in ("next", "coming", "following"):
        return p, delta_end, precision
    return delta_start, p, precision


def _h_month(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    name = g("mon") or ""
    rel, cue, mod, y = (g("rel") or "").lower(), (g("cue") or "").lower(), g("mod"), g("y")
    if not (rel or cue or mod or y):
        return None  # "March on Washington", "May deploy": no cue, not a date
    if not y and name.rstrip(".").lower() not in (
            "january february march april may june july august september october november "
            "december").split():
        return None  # "in Jan": abbreviations only with a year
    if name == "May" and not y:
        tail = m.string[m.end():m.end() + 2]
        if cue == "by" or tail[:1] in ("'", "’"):
            return None  # "by May", "May's": the politician
    month = _month_no(name)
    if y:
        year = int(y)
    elif p is None:
        return None
    elif rel == "this":
        year = p.year
    elif rel == "last":
        year = p.year if month < p.month else p.year - 1
    elif rel in ("next", "coming"):
        year = p.year if month > p.month else p.year + 1
    else:
        year = p.year if month <= p.month else p.year - 1
    start, end = _month_span(year, month)
    start, end = _part(start, end, "month", _mod(mod))
    return start, end, "month"


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    """Northern seasons; winter YEAR runs from December YEAR to February YEAR+1."""
    first = dt.date(year, _SEASON_START[season], 1)
    last = _add_months(first, 2)
    return first, _month_span(last.year, last.month)[1]


def _h_season(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    season = (g("season") or "").lower()
    rel, cue, y = (g("rel") or "").lower(), g("cue"), g("y")
    if not (rel or cue or y):
        return None  # "troops fall back", "summer uniforms"
    if y:
        start, end = _season_span(season, int(y))
    elif p is None:
        return None
    else:
        years = range(p.year + 1, p.year - 3, -1)
        spans = [_season_span(season, yr) for yr in years]
        if rel == "this":
            yr = p.year - 1 if season == "winter" and p.month <= 2 else p.year
            start, end = _season_span(season, yr)
        elif rel in ("last", "past"):
            start, end = next(s for s in spans if s[1] < p)
        elif rel in ("next", "coming"):
            start, end = [s for s in spans if s[0] > p][-1]
        else:
            start, end = next(s for s in spans if s[0] <= p)
    start, end = _part(start, end, "season", _mod(g("mod")))
    return start, end, "month"


def _h_weekday(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    if p is None:
        return None
    wd = _WEEKDAYS[(g("wd") or "").lower()]
    rel = (g("rel") or "").lower()
    back = (p.weekday() - wd) % 7
    if rel in ("last", "past"):
        d = p - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = p + dt.timedelta(days=(wd - p.weekday()) % 7 or 7)
    elif rel == "this":
        d = _monday(p) + dt.timedelta(days=wd)
    else:
        d = p - dt.timedelta(days=back)
    return d, d, "day"


def _h_decade(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    y = int(g("dec") or 0)
    start, end = _part(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade",
                       _mod(g("mod")))
    return start, end, "year"


def _h_yrange(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    a = int(g("a1") or g("b1") or 0)
    b_text = g("a2") or g("b2") or g("b3") or ""
    b = int(b_text) if len(b_text) == 4 else a - a % 100 + int(b_text)
    if b <= a:
        return None
    return dt.date(a, 1, 1), dt.date(b, 12, 31), "year"


def _h_year(g: _Groups, p: Optional[dt.date], m: re.Match[str]) -> Optional[Span]:
    y = int(g("y") or 0)
    mod = _mod(g("mod"))
    start, end = _part(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", mod)
    return start, end, "month" if mod else "year"


_HANDLERS: dict[str, Handler] = {
    "iso": _h_iso, "dmy": _h_dmy, "mdy": _h_mdy, "fixed": _h_fixed, "ago": _h_ago,
    "rel": _h_rel, "month": _h_month, "season": _h_season, "weekday": _h_weekday,
    "decade": _h_decade, "yrange": _h_yrange, "year": _h_year,
}


# ------------------------------------------------------------------ public


def _as_date(value: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def find_dates(text: str, published: dt.date | None) -> list[DateRange]:
    """Every temporal expression in ``text``, resolved against ``published``.

    Results are in text order; ``text[r.offset:r.offset + len(r.text)] == r.text``
    and ``r.start <= r.end`` for each. Expressions that need the publication
    date are skipped when it is ``None``.
    """
    p = _as_date(published)
    out: list[DateRange] = []
    for m in _matches(text):
        kind = m.lastgroup or ""
        try:
            span = _HANDLERS[kind](_Groups(m, kind), p, m)
        except (ValueError, OverflowError, KeyError, StopIteration, IndexError):
            span = None  # 31 April, a date outside the calendar: not a date
        if span is None:
            continue
        start, end, precision = span
        s, e = m.span()
        lead = _LEAD.match(text, s, e)
        if lead and lead.end() < e:
            s = lead.end()
        out.append(DateRange(start, end, precision, text[s:e], s))
    return out


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches ``_RX.finditer(text)`` gives, found several times faster.

    Every expression holds an anchor word (a number, a month or weekday name,
    "week", "today", "ago"...), and the words before its anchor come from a short
    list ("in", "the", "last", "early"...). So one cheap pass finds the anchors;
    the full pattern is tried only at the anchor and at the start of the run of
    such words just before it, earliest first, never before the end of the
    previous match: the same leftmost, non-overlapping matches as a full scan.
    Starts up to the previous anchor were tried with that anchor already, so
    each position is tried at most once and the work stays linear.
    """
    pos = 0  # end of the last match
    tried = 0  # end of the last anchor: every start before it has been tried
    for a in _ANCHOR_RX.finditer(text):
        s = a.start()
        if s >= pos:
            for c in _run_starts(text, s, max(pos, tried)):
                m = _RX.match(text, c)
                if m is not None:
                    pos = m.end()
                    yield m
                    break
        tried = a.end()


def _run_starts(text: str, anchor: int, floor: int) -> list[int]:
    """Where an expression holding the anchor at ``anchor`` can start, earliest first.

    Walks back word by word (at most :data:`_MAX_RUN` words, never before
    ``floor``) while the words are ones an expression can hold before its anchor
    and only spaces, commas, dots or dashes separate them.
    """
    starts = [anchor]
    k = anchor
    for _ in range(_MAX_RUN):
        j = k
        while j > floor and (text[j - 1].isspace() or text[j - 1] in _GAP_CHARS):
            j -= 1
        end = j
        while j > floor and (text[j - 1].isalnum() or text[j - 1] == "_"):
            j -= 1
        if end == k or j == end:
            break
        word = text[j:end]
        if not (word.lower() in _CHAIN or word[:1].isdigit() or _ANCHOR_RX.fullmatch(word)):
            break
        starts.append(j)
        k = j
    starts.reverse()
    return starts


def resolve(expression: str, published: dt.date) -> DateRange | None:
    """The first temporal expression in ``expression``, or ``None`` if there is none."""
    found = find_dates(expression, published)
    return found[0] if found else None


def article_date(published: dt.date | None) -> DateRange:
    """The date of an event whose sentence gives none: the publication day, precision unknown.

    Without a publication date it is today's date, still with precision ``unknown``;
    it never raises.
    """
    day = _as_date(published) or dt.date.today()
    return DateRange(day, day, "unknown")
