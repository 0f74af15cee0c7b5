"""Events from sentences written for these tests (general rules, no article-specific code)."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoints.article import from_text
from flashpoints.pipeline import extract

PUB = dt.date(2021, 11, 17)  # a Wednesday


def events(text, gaz, actors, published=PUB):
    x = extract(from_text(text, published=published, markup="text"), gazetteer=gaz,
                actors=actors)
    return x.events


def one(text, gaz, actors, etype, **kw):
    ev = events(text, gaz, actors, **kw)
    rows = ev[ev["type"] == etype]
    assert len(rows), f"no {etype} event in {list(ev['type'])}"
    return rows.iloc[0]


def test_deployment_actor_quantity_border_and_day(gaz, actors):
    e = one("The Lithuanian army deployed 2,000 troops to the border with Belarus on Tuesday.",
            gaz, actors, "deployment")
    assert e["actor"] == "Lithuania"
    assert (e["quantity"], e["unit"]) == (2000, "troops")
    assert e["place_kind"] == "border" and "Belarus" in e["place"]
    assert (e["date_start"], e["date_end"], e["date_precision"]) == \
        ("2021-11-16", "2021-11-16", "day")


def test_capital_as_actor_is_not_the_place(gaz, actors):
    e = one("Kyiv has sent 4,000 troops to its border with Belarus.", gaz, actors,
            "deployment")
    assert e["actor"] == "Ukraine"
    assert e["place_kind"] == "border"
    assert set(e["place"].split("–")) >= {"Ukraine", "Belarus border"} or "Belarus" in e["place"]


def test_exercise_and_casualties_in_one_sentence(gaz, actors):
    text = "Russia and Belarus held joint paratrooper drills near Grodno on Friday, in which " \
           "two soldiers died."
    ev = events(text, gaz, actors)
    ex = ev[ev["type"] == "exercise"].iloc[0]
    assert ex["actor"] == "Russia" and ex["actor2"] == "Belarus"
    assert abs(ex["lat"] - 53.68) < 0.2 and ex["date_start"] == "2021-11-12"  # Grodno (Hrodna)
    cas = ev[ev["type"] == "casualties"].iloc[0]
    assert (cas["quantity"], cas["unit"]) == (2, "soldiers")


def test_naval_ships_sea_and_last_week(gaz, actors):
    e = one("Two US destroyers entered the Black Sea last week.", gaz, actors, "naval")
    assert e["actor"] == "United States" and e["place"] == "Black Sea"
    assert e["quantity"] == 2
    assert (e["date_start"], e["date_end"], e["date_precision"]) == \
        ("2021-11-08", "2021-11-14", "week")


def test_origin_and_destination(gaz, actors):
    e = one("Ukraine said it would relocate part of its fleet from the Black Sea to the "
            "Sea of Azov.", gaz, actors, "naval")
    assert e["origin"] == "Black Sea" and e["place"] == "Sea of Azov"
    assert e["origin_lat"] is not None


def test_passive_agent_and_year(gaz, actors):
    e = one("Crimea was annexed by Russia in 2014.", gaz, actors, "annexation")
    assert e["actor"] == "Russia" and e["place_kind"] in ("region", "peninsula")
    assert (e["date_start"], e["date_end"], e["date_precision"]) == \
        ("2014-01-01", "2014-12-31", "year")


def test_statement_placed_at_the_capital(gaz, actors):
    e = one("The Kremlin said on Sunday that it had nothing to do with the crisis.", gaz,
            actors, "statement")
    assert e["actor"] == "Russia" and e["place"] == "Moscow"
    assert e["date_start"] == "2021-11-14"


@pytest.mark.parametrize("text, etype", [
    ("Lithuania is building a fence along its border with Belarus.", "fortification"),
    ("Polish border guards pushed back migrants near Kuźnica.", "border_control"),
    ("The EU agreed new sanctions against the Belarusian airline Belavia.", "sanction"),
    ("Separatists shelled Ukrainian positions near Horlivka.", "clash"),
    ("Minsk threatened to cut off gas transit to Europe.", "threat"),
    ("Warsaw requested consultations under Article 4 of the NATO treaty.", "diplomacy"),
])
def test_event_types(gaz, actors, text, etype):
    assert etype in set(events(text, gaz, actors)["type"])


def test_no_date_falls_back_to_publication_day_unknown(gaz, actors):
    e = one("Belarusian troops were deployed along the Polish border.", gaz, actors,
            "deployment")
    assert (e["date_start"], e["date_end"], e["date_precision"]) == \
        ("2021-11-17", "2021-11-17", "unknown")


def test_evidence_is_the_sentence_with_offsets(gaz, actors):
    text = "Calm returned to Kyiv. Russia moved 3,000 troops to Belgorod on Monday. Talks went on."
    x = extract(from_text(text, published=PUB, markup="text"), gazetteer=gaz, actors=actors)
    e = x.events[x.events["type"] == "deployment"].iloc[0]
    assert e["evidence"] == "Russia moved 3,000 troops to Belgorod on Monday."
    assert text[e["evidence_start"]:e["evidence_end"]] == e["evidence"]


def test_sentences_without_action_give_no_event(gaz, actors):
    assert len(events("The weather in Warsaw was mild and the markets were calm.", gaz,
                      actors)) == 0


def test_quantities():
    from flashpoints.events import quantity

    assert quantity("moved 8,500 soldiers and police") == (8500, "soldiers")
    assert quantity("sent thousands of policemen") == (1000, "policemen")
    assert quantity("about 70,000 troops") == (70000, "troops")
    assert quantity("three warships") == (3, "warships")
    assert quantity("1,200 armoured vehicles") == (1200, "armoured vehicles")
    assert quantity("a 1,000-kilometer border") == (None, "")
