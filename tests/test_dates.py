"""Temporal expressions resolved against the publication date (flashpoints.dates).

Most cases use the reference article's date, Monday 15 November 2021; a few use
other days to check the rules that depend on the weekday, the month or the year.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from flashpoints import dates
from flashpoints.dates import article_date, find_dates, resolve
from flashpoints.records import PRECISIONS, DateRange

D = dt.date
P = D(2021, 11, 15)  # Monday
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def check(text: str, rng: DateRange) -> None:
    assert text[rng.offset:rng.offset + len(rng.text)] == rng.text, rng
    assert rng.start <= rng.end, rng
    assert rng.precision in PRECISIONS, rng


# ------------------------------------------------------------------ P = Mon 15 Nov 2021

CASES = [
    # weekdays: the latest such day on or before P
    ("on Sunday", D(2021, 11, 14), D(2021, 11, 14), "day", "Sunday"),
    ("Sunday", D(2021, 11, 14), D(2021, 11, 14), "day", "Sunday"),
    ("on Friday", D(2021, 11, 12), D(2021, 11, 12), "day", "Friday"),
    ("on Saturday", D(2021, 11, 13), D(2021, 11, 13), "day", "Saturday"),
    ("on Monday", P, P, "day", "Monday"),
    ("on Sunday night", D(2021, 11, 14), D(2021, 11, 14), "day", "Sunday night"),
    ("late on Friday", D(2021, 11, 12), D(2021, 11, 12), "day", "late on Friday"),
    ("last Monday", D(2021, 11, 8), D(2021, 11, 8), "day", "last Monday"),
    ("next Tuesday", D(2021, 11, 16), D(2021, 11, 16), "day", "next Tuesday"),
    ("this Sunday", D(2021, 11, 21), D(2021, 11, 21), "day", "this Sunday"),
    ("Sunday, 14 November", D(2021, 11, 14), D(2021, 11, 14), "day", "Sunday, 14 November"),
    # days around P
    ("today", P, P, "day", "today"),
    ("yesterday", D(2021, 11, 14), D(2021, 11, 14), "day", "yesterday"),
    ("tomorrow", D(2021, 11, 16), D(2021, 11, 16), "day", "tomorrow"),
    ("last night", D(2021, 11, 14), D(2021, 11, 14), "day", "last night"),
    ("overnight", D(2021, 11, 14), P, "day", "overnight"),
    ("the day before yesterday", D(2021, 11, 13), D(2021, 11, 13), "day",
     "the day before yesterday"),
    ("this morning", P, P, "day", "this morning"),
    # weekends and weeks
    ("over the weekend", D(2021, 11, 13), D(2021, 11, 14), "week", "over the weekend"),
    ("this weekend", D(2021, 11, 13), D(2021, 11, 14), "week", "this weekend"),
    ("at the weekend", D(2021, 11, 13), D(2021, 11, 14), "week", "the weekend"),
    ("last weekend", D(2021, 11, 13), D(2021, 11, 14), "week", "last weekend"),
    ("next weekend", D(2021, 11, 20), D(2021, 11, 21), "week", "next weekend"),
    ("last week", D(2021, 11, 8), D(2021, 11, 14), "week", "last week"),
    ("Last week", D(2021, 11, 8), D(2021, 11, 14), "week", "Last week"),
    ("this week", D(2021, 11, 15), D(2021, 11, 21), "week", "this week"),
    ("next week", D(2021, 11, 22), D(2021, 11, 28), "week", "next week"),
    ("earlier this week", P, P, "week", "earlier this week"),
    # months
    ("last month", D(2021, 10, 1), D(2021, 10, 31), "month", "last month"),
    ("this month", D(2021, 11, 1), D(2021, 11, 30), "month", "this month"),
    ("next month", D(2021, 12, 1), D(2021, 12, 31), "month", "next month"),
    ("within the next month", P, D(2021, 12, 15), "month", "within the next month"),
    ("earlier this month", D(2021, 11, 1), P, "month", "earlier this month"),
    ("later this month", P, D(2021, 11, 30), "month", "later this month"),
    ("the end of last month", D(2021, 10, 21), D(2021, 10, 31), "month",
     "the end of last month"),
    ("in late October", D(2021, 10, 21), D(2021, 10, 31), "month", "late October"),
    ("in early October", D(2021, 10, 1), D(2021, 10, 10), "month", "early October"),
    ("in mid-October", D(2021, 10, 11), D(2021, 10, 20), "month", "mid-October"),
    ("in October", D(2021, 10, 1), D(2021, 10, 31), "month", "October"),
    ("in November", D(2021, 11, 1), D(2021, 11, 30), "month", "November"),
    ("in December", D(2020, 12, 1), D(2020, 12, 31), "month", "December"),
    ("since October", D(2021, 10, 1), D(2021, 10, 31), "month", "since October"),
    ("in May", D(2021, 5, 1), D(2021, 5, 31), "month", "May"),
    ("this February", D(2021, 2, 1), D(2021, 2, 28), "month", "this February"),
    ("This February", D(2021, 2, 1), D(2021, 2, 28), "month", "This February"),
    ("last November", D(2020, 11, 1), D(2020, 11, 30), "month", "last November"),
    ("next March", D(2022, 3, 1), D(2022, 3, 31), "month", "next March"),
    ("February 2014", D(2014, 2, 1), D(2014, 2, 28), "month", "February 2014"),
    ("in late February 2014", D(2014, 2, 21), D(2014, 2, 28), "month", "late February 2014"),
    ("by the end of October", D(2021, 10, 21), D(2021, 10, 31), "month",
     "by the end of October"),
    # years
    ("last year", D(2020, 1, 1), D(2020, 12, 31), "year", "last year"),
    ("this year", D(2021, 1, 1), D(2021, 12, 31), "year", "this year"),
    ("next year", D(2022, 1, 1), D(2022, 12, 31), "year", "next year"),
    ("earlier this year", D(2021, 1, 1), P, "year", "earlier this year"),
    ("late last year", D(2020, 9, 1), D(2020, 12, 31), "month", "late last year"),
    ("by the end of the year", D(2021, 9, 1), D(2021, 12, 31), "month", "the end of the year"),
    ("in 2014", D(2014, 1, 1), D(2014, 12, 31), "year", "2014"),
    ("since 2014", D(2014, 1, 1), D(2014, 12, 31), "year", "since 2014"),
    ("In 2018", D(2018, 1, 1), D(2018, 12, 31), "year", "2018"),
    ("until 2025", D(2025, 1, 1), D(2025, 12, 31), "year", "until 2025"),
    ("the 1991 dissolution", D(1991, 1, 1), D(1991, 12, 31), "year", "1991"),
    ("the 2019 local elections", D(2019, 1, 1), D(2019, 12, 31), "year", "2019"),
    ("early 2014", D(2014, 1, 1), D(2014, 4, 30), "month", "early 2014"),
    ("mid-2014", D(2014, 5, 1), D(2014, 8, 31), "month", "mid-2014"),
    ("in the 1990s", D(1990, 1, 1), D(1999, 12, 31), "year", "the 1990s"),
    ("in the early 2000s", D(2000, 1, 1), D(2003, 12, 31), "year", "the early 2000s"),
    ("2014-2015", D(2014, 1, 1), D(2015, 12, 31), "year", "2014-2015"),
    ("2014–15", D(2014, 1, 1), D(2015, 12, 31), "year", "2014–15"),
    ("from 2014 to 2016", D(2014, 1, 1), D(2016, 12, 31), "year", "from 2014 to 2016"),
    ("between 2014 and 2018", D(2014, 1, 1), D(2018, 12, 31), "year",
     "between 2014 and 2018"),
    # explicit dates
    ("15 November 2021", P, P, "day", "15 November 2021"),
    ("November 15, 2021", P, P, "day", "November 15, 2021"),
    ("Nov. 15", P, P, "day", "Nov. 15"),
    ("15 Nov", P, P, "day", "15 Nov"),
    ("2021-11-15", P, P, "day", "2021-11-15"),
    ("on 12 November", D(2021, 11, 12), D(2021, 11, 12), "day", "12 November"),
    ("on Nov 12", D(2021, 11, 12), D(2021, 11, 12), "day", "Nov 12"),
    ("the 24th of February", D(2021, 2, 24), D(2021, 2, 24), "day", "24th of February"),
    ("February 24th", D(2021, 2, 24), D(2021, 2, 24), "day", "February 24th"),
    ("on 20 December", D(2021, 12, 20), D(2021, 12, 20), "day", "20 December"),
    ("on 28 February 2014", D(2014, 2, 28), D(2014, 2, 28), "day", "28 February 2014"),
    ("from 10 to 16 September", D(2021, 9, 10), D(2021, 9, 16), "day", "10 to 16 September"),
    ("10-16 September 2021", D(2021, 9, 10), D(2021, 9, 16), "day", "10-16 September 2021"),
    # counted back from P
    ("two days ago", D(2021, 11, 13), D(2021, 11, 13), "day", "two days ago"),
    ("3 days ago", D(2021, 11, 12), D(2021, 11, 12), "day", "3 days ago"),
    ("a week ago", D(2021, 11, 8), D(2021, 11, 14), "week", "a week ago"),
    ("three weeks ago", D(2021, 10, 25), D(2021, 10, 31), "week", "three weeks ago"),
    ("two months ago", D(2021, 9, 1), D(2021, 9, 30), "month", "two months ago"),
    ("a year ago", D(2020, 1, 1), D(2020, 12, 31), "year", "a year ago"),
    # rolling periods ending or starting at P
    ("in recent days", D(2021, 11, 8), P, "week", "recent days"),
    ("in recent weeks", D(2021, 10, 25), P, "week", "recent weeks"),
    ("in recent months", D(2021, 8, 15), P, "month", "recent months"),
    ("in the past week", D(2021, 11, 8), P, "week", "the past week"),
    ("over the past two weeks", D(2021, 11, 1), P, "week", "over the past two weeks"),
    ("in the past 24 hours", D(2021, 11, 14), P, "day", "the past 24 hours"),
    ("in the coming days", P, D(2021, 11, 22), "week", "the coming days"),
    ("in the next few weeks", P, D(2021, 12, 6), "week", "the next few weeks"),
    # seasons (northern; winter runs December to February)
    ("this summer", D(2021, 6, 1), D(2021, 8, 31), "month", "this summer"),
    ("this winter", D(2021, 12, 1), D(2022, 2, 28), "month", "this winter"),
    ("last winter", D(2020, 12, 1), D(2021, 2, 28), "month", "last winter"),
    ("in the spring of 2014", D(2014, 3, 1), D(2014, 5, 31), "month", "the spring of 2014"),
]


@pytest.mark.parametrize("expr, start, end, precision, text", CASES,
                         ids=[c[0] for c in CASES])
def test_expression(expr, start, end, precision, text):
    rng = resolve(expr, P)
    assert rng is not None, expr
    assert (rng.start, rng.end, rng.precision) == (start, end, precision)
    assert rng.text == text
    check(expr, rng)


@pytest.mark.parametrize("expr, start, end, precision, text", CASES,
                         ids=[c[0] for c in CASES])
def test_expression_inside_a_sentence(expr, start, end, precision, text):
    sentence = f"Officials said {expr}, according to the agency."
    found = find_dates(sentence, P)
    assert len(found) == 1, found
    rng = found[0]
    assert (rng.start, rng.end, rng.precision, rng.text) == (start, end, precision, text)
    assert rng.offset == sentence.index(text)
    check(sentence, rng)


# ------------------------------------------------------------------ not dates

@pytest.mark.parametrize("text", [
    "Russia may deploy more troops.",
    "May deploy more troops, officials warned.",
    "Thousands of soldiers march past the reviewing stand.",
    "the March on Washington",
    "as the Sunday Times reported",
    "the Mail on Sunday said",
    "a Good Friday ceasefire",
    "Ukraine moved 8,500 troops",
    "a 1,000-kilometer border",
    "the 61st infantry division",
    "2,000 troops and 2000 soldiers",
    "an attack at 1900 GMT",
    "shelling began at 2000 local time",
    "the Zapad-2021 drills",
    "a 2000-strong force",
    "€2014 and $2000",
    "Theresa May said",
    "the government led by May",
    "Jan Kowalski, a border guard",
    "Russia Today and USA Today reported",
    "since the fall of the Soviet Union",
    "troops fall back",
    "the next day they left",
    "the following week the talks resumed",
    "in 0000 or in 9999",
    "on February 30",
    "on 31 April",
    "article 4 of the treaty",
    "S-400 systems and T-72 tanks",
])
def test_not_a_date(text):
    assert find_dates(text, P) == []


def test_four_digit_year_needs_to_look_like_one():
    text = "In 2014, 2014 soldiers crossed; the 2014 annexation followed."
    found = find_dates(text, P)
    assert [(r.text, r.offset) for r in found] == [("2014", 3), ("2014", text.rindex("2014"))]


# ------------------------------------------------------------------ other publication dates

def test_publication_on_a_sunday():
    p = D(2021, 11, 14)
    assert resolve("on Sunday", p).start == p
    assert resolve("on Saturday", p).start == D(2021, 11, 13)
    assert resolve("last Sunday", p).start == D(2021, 11, 7)
    weekend = resolve("over the weekend", p)
    assert (weekend.start, weekend.end, weekend.precision) == (D(2021, 11, 13), p, "week")
    assert (resolve("last week", p).start, resolve("last week", p).end) == \
        (D(2021, 11, 1), D(2021, 11, 7))


def test_publication_in_january_looks_back_a_year():
    p = D(2022, 1, 10)
    late = resolve("in late December", p)
    assert (late.start, late.end, late.precision) == (D(2021, 12, 21), D(2021, 12, 31), "month")
    assert resolve("on 28 December", p).start == D(2021, 12, 28)
    assert resolve("in January", p).start == D(2022, 1, 1)
    assert resolve("last year", p).start == D(2021, 1, 1)
    assert resolve("this February", p).start == D(2022, 2, 1)
    assert resolve("last month", p).start == D(2021, 12, 1)
    winter = resolve("this winter", p)
    assert (winter.start, winter.end) == (D(2021, 12, 1), D(2022, 2, 28))


def test_publication_on_a_wednesday():
    p = D(2021, 11, 17)
    assert resolve("on Tuesday", p).start == D(2021, 11, 16)
    assert resolve("on Thursday", p).start == D(2021, 11, 11)
    assert resolve("on Wednesday", p).start == p
    week = resolve("earlier this week", p)
    assert (week.start, week.end) == (D(2021, 11, 15), p)
    assert resolve("yesterday", p).start == D(2021, 11, 16)


def test_leap_day_and_month_ends():
    p = D(2024, 3, 31)
    assert resolve("last month", p).end == D(2024, 2, 29)
    assert resolve("a month ago", p).start == D(2024, 2, 1)
    assert resolve("on 29 February", p).start == D(2024, 2, 29)
    assert resolve("within the next month", p).end == D(2024, 4, 30)


def test_without_publication_date_only_absolute_expressions():
    text = "On Sunday, last week and on 12 November troops moved; in 2014 and on 3 March 2022."
    found = find_dates(text, None)
    assert [(r.text, r.start) for r in found] == [("2014", D(2014, 1, 1)),
                                                  ("3 March 2022", D(2022, 3, 3))]


def test_datetime_is_accepted_as_publication_date():
    assert resolve("yesterday", dt.datetime(2021, 11, 15, 9, 30)).start == D(2021, 11, 14)


def test_article_date_is_the_publication_day_with_unknown_precision():
    rng = article_date(P)
    assert (rng.start, rng.end, rng.precision) == (P, P, "unknown")
    today = article_date(None)
    assert today.start == today.end and today.precision == "unknown"
    assert abs((today.start - dt.date.today()).days) <= 1


def test_resolve_returns_none_without_an_expression():
    assert resolve("troops moved to the border", P) is None
    assert resolve("", P) is None


# ------------------------------------------------------------------ whole texts

PARAGRAPH = (
    "Tensions rose over the weekend. Poland said on Sunday it may ask for consultations; "
    "last week British troops arrived, and on Friday two paratroopers died. Putin spoke on "
    "Saturday. In late October officials warned of a build-up, and within the next month "
    "a crisis could follow. Crimea was annexed in 2014; separatists have held Donbass since "
    "2014. This February Kiev announced a plan, and in 2018 three ships sailed to the Sea "
    "of Azov. Ukraine moved 8,500 soldiers to its 1,000-kilometer border."
)


def test_paragraph_in_the_style_of_the_reference_article():
    found = find_dates(PARAGRAPH, P)
    got = [(r.text, r.start.isoformat(), r.end.isoformat(), r.precision) for r in found]
    assert got == [
        ("over the weekend", "2021-11-13", "2021-11-14", "week"),
        ("Sunday", "2021-11-14", "2021-11-14", "day"),
        ("last week", "2021-11-08", "2021-11-14", "week"),
        ("Friday", "2021-11-12", "2021-11-12", "day"),
        ("Saturday", "2021-11-13", "2021-11-13", "day"),
        ("late October", "2021-10-21", "2021-10-31", "month"),
        ("within the next month", "2021-11-15", "2021-12-15", "month"),
        ("2014", "2014-01-01", "2014-12-31", "year"),
        ("since 2014", "2014-01-01", "2014-12-31", "year"),
        ("This February", "2021-02-01", "2021-02-28", "month"),
        ("2018", "2018-01-01", "2018-12-31", "year"),
    ]
    for r in found:
        check(PARAGRAPH, r)
    offsets = [r.offset for r in found]
    assert offsets == sorted(offsets)


def _sample_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.md"))
            if p.name != "README.md"]


def test_every_result_in_the_samples_is_well_formed():
    texts = _sample_texts()
    if not texts:
        pytest.skip("no sample articles in data/samples")
    for name, text in texts:
        found = find_dates(text, P)
        assert found, name
        for r in found:
            check(text, r)


def test_sample_header_dates():
    texts = dict(_sample_texts())
    if "border-standoff-2021-11-15.md" not in texts:
        pytest.skip("sample border-standoff-2021-11-15.md missing")
    found = find_dates(texts["border-standoff-2021-11-15.md"], P)
    assert found[0].start == P and found[0].precision == "day"
    texts_found = {r.text.lower() for r in found}
    assert {"sunday", "last week", "friday", "saturday", "late october",
            "within the next month", "this february", "2014", "2018"} <= texts_found


# ------------------------------------------------------------------ the fast scan

def _full_scan(text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in dates._RX.finditer(text)]


def _fast_scan(text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in dates._matches(text)]


WORDS = ("in on at the last this next early late mid end of start since until by between and "
         "to from Sunday Monday Friday night morning week weeks weekend month months year years "
         "day days ago today yesterday tonight overnight a few two three several recent past "
         "coming within over during January March May October Nov. Nov Sept 15 2014 1991 2,000 "
         "8,500 12 31 2021-11-15 1990s 2014-15 troops km GMT Times Good Mail Theresa Russia "
         "said spring fall winter , . - –").split()


def test_anchor_scan_finds_what_a_full_scan_finds():
    rnd = random.Random(20211115)
    texts = [t for _, t in _sample_texts()] + [PARAGRAPH]
    for _ in range(3000):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(1, 25))]
        texts.append("".join(w + rnd.choice([" ", " ", "", ", ", "-", "\n"]) for w in words))
    for text in texts:
        assert _fast_scan(text) == _full_scan(text), text


@pytest.mark.parametrize("published", [D(1900, 1, 1), D(2100, 12, 31), D(2000, 2, 29), None])
def test_extreme_publication_dates_never_raise(published):
    text = ("on Sunday last week next week in 2014 since 2100 in the 1990s on February 29 "
            "a year ago in 1900 next year 999 years ago in the next 999 years this winter "
            "last winter next spring in late December on 31 December")
    for r in find_dates(text, published):
        check(text, r)


HOSTILE = {
    "numbers": "1 " * 5000,
    "number lists": "1,2,3," * 2000,
    "years": "2014 " * 2000,
    "weekdays": "Sunday " * 2000,
    "prefix words": "in the last " * 2000 + "week",
    "dashes": "2014-" * 2000,
    "whitespace": "in" + " " * 10000 + "October",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_repetitive_text_costs_a_bounded_number_of_attempts(name, monkeypatch):
    """Each position is tried at most once: the work grows with the text, not its square."""
    text = HOSTILE[name]
    real = dates._RX
    calls = []

    class Counting:
        def match(self, string, pos=0):
            calls.append(pos)
            return real.match(string, pos)

    monkeypatch.setattr(dates, "_RX", Counting())
    found = find_dates(text, P)
    words = len(re.findall(r"\w+", text))
    assert len(calls) <= 2 * words, (len(calls), words)
    assert len(calls) == len(set(calls))
    for r in found:
        check(text, r)
    monkeypatch.setattr(dates, "_RX", real)
    assert _fast_scan(text) == _full_scan(text)
