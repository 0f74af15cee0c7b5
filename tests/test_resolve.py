"""Disambiguation rules on small texts written for these tests."""
from __future__ import annotations

from flashpoints.mentions import find_mentions
from flashpoints.resolve import resolve_mentions


def resolved(text, gaz, actors):
    ms = find_mentions(text, gaz, actors, with_dates=False)
    return {r.mention.text: r for r in resolve_mentions(ms, gaz, text=text, actors=actors)}


def test_state_cue_after_comma(gaz, actors):
    r = resolved("Police in Paris, Texas, and in Springfield, Ill., made arrests.", gaz, actors)
    assert r["Paris"].place.country_codes == ("US",)
    assert abs(r["Paris"].place.lat - 33.66) < 0.3
    assert abs(r["Springfield"].place.lat - 39.8) < 0.3  # Illinois, not Missouri or Ohio


def test_country_context_picks_georgia_the_country(gaz, actors):
    r = resolved("Russian tanks moved from Tskhinvali towards Gori in Georgia, "
                 "and Tbilisi protested.", gaz, actors)
    assert r["Georgia"].place.kind == "country"


def test_us_context_picks_georgia_the_state(gaz, actors):
    r = resolved("The storm hit Savannah and Macon before reaching Atlanta. "
                 "Georgia officials opened shelters in Augusta.", gaz, actors)
    assert r["Georgia"].place.kind == "admin1"
    assert r["Macon"].place.country_codes == ("US",)


def test_nearby_places_pull_each_other(gaz, actors):
    r = resolved("Shelling was reported near Horlivka, Avdiivka and Toretsk.", gaz, actors)
    for name in ("Horlivka", "Avdiivka", "Toretsk"):
        assert r[name].place.country_codes == ("UA",), name


def test_unknown_place_is_reported_not_dropped(gaz, actors):
    r = resolved("Troops reached Zqxvillegrad on Monday near Kharkiv.", gaz, actors)
    assert "Zqxvillegrad" not in r or r["Zqxvillegrad"].place is None


def test_tiny_namesake_on_another_continent_is_not_guessed(gaz, actors):
    # find a name whose only candidates are villages of < 700 people outside Europe
    name = None
    for key, codes in gaz._idx.keys.items():
        if len(codes) != 1 or " " in key or len(key) < 6 or not key.isalpha():
            continue
        c = gaz.candidates(key, key=key)[0]
        if c.kind == "city" and 0 < c.population < 700 and c.country_codes[0] in ("PH", "BR", "MX") \
                and not c.alt:
            name = c.name
            break
    assert name, "the gazetteer should hold small Philippine/Brazilian/Mexican villages"
    text = f"Ukrainian units moved from Kharkiv towards {name} overnight."
    r = resolved(text, gaz, actors)
    assert r[name].place is None
    assert "low confidence" in r[name].reason


def test_borders_owner_from_context(gaz, actors):
    r = resolved("Hungary said on Monday that it had closed its border with Serbia.", gaz, actors)
    border = r["its border with Serbia"].place
    assert border.kind == "border" and set(border.country_codes) == {"HU", "RS"}


def test_the_border_takes_the_last_border_named(gaz, actors):
    r = resolved("Clashes flared on the Armenian-Azerbaijani border. Troops at the border "
                 "dug in.", gaz, actors)
    assert r["the border"].place.id == r["Armenian-Azerbaijani border"].place.id


def test_corrections_win(gaz, actors):
    text = "Fighting near Zqxvillegrad continued."
    ms = find_mentions(text, gaz, actors, with_dates=False)
    ms.places  # the name is unknown: no mention, so add a correction for a known one
    text = "Fighting near Kherson continued."
    ms = find_mentions(text, gaz, actors, with_dates=False)
    res = resolve_mentions(ms, gaz, text=text, actors=actors,
                           corrections={"kherson": {"lat": 46.0, "lon": 33.0, "name": "Camp X"}})
    assert res[0].place.name == "Camp X" and res[0].confidence == 1.0


def test_online_fallback_used_only_for_unresolved(gaz, actors):
    from shapely.geometry import Point

    from flashpoints.records import Place

    asked = []

    class Fake:
        def lookup(self, name, *, country_codes=()):
            asked.append(name)
            return Place("n-1", name, "city", 50.0, 36.0, Point(36.0, 50.0), "nominatim")

    text = "Units left Kharkiv for Bezlyudivkazq."
    ms = find_mentions(text, gaz, actors, with_dates=False)
    res = resolve_mentions(ms, gaz, text=text, actors=actors, online=Fake())
    assert "Kharkiv" not in asked
    assert all(r.place is not None for r in res)


def test_counties_and_provinces(gaz, actors):
    r = resolved("Deputies in Laurel County, Ky., and firefighters in Alberta and "
                 "Saskatchewan were called out.", gaz, actors)
    laurel = r["Laurel County"].place
    assert laurel.kind == "admin2" and abs(laurel.lat - 37.1) < 0.3
    assert r["Alberta"].place.kind == "admin1" and r["Alberta"].place.country_codes == ("CA",)


def test_oblast_named_after_its_town(gaz, actors):
    r = resolved("Shelling hit Donetsk. The Donetsk Oblast governor said the region "
                 "was calm, and Kharkiv region reported drones.", gaz, actors)
    assert r["Donetsk"].place.kind == "city"
    assert r["Donetsk Oblast"].place.kind in ("admin1", "region")
    kh = [v for k, v in r.items() if k.startswith("Kharkiv")][0]
    assert kh.place.country_codes == ("UA",)


def test_state_context_picks_the_local_namesake(gaz, actors):
    # no ", Illinois" cue after "Paris": the other places of the story are in Illinois
    local = resolved("Deputies from Edgar County searched a farm near Kansas and Chrisman. "
                     "The suspect was later arrested in Paris after a chase from Urbana.",
                     gaz, actors)
    assert local["Paris"].place.country_codes == ("US",)
    assert local["Paris"].place.admin1 == "IL"
    # without a local setting the capital of France wins
    assert resolved("The summit in Paris ended without a deal.", gaz, actors)[
        "Paris"].place.country_codes == ("FR",)


def test_a_capital_after_a_locative_preposition_is_a_place_not_the_government(gaz, actors):
    # "in Paris" names a place; only "Paris said" would stand for France
    r = resolved("Deputies from Edgar County and Chrisman drove the suspect from Urbana "
                 "to Paris on Monday.", gaz, actors)
    assert r["Paris"].place.admin1 == "IL"


def test_a_country_sits_at_its_reference_point_with_its_shape(gaz):
    ru = gaz.country("RU")
    assert (ru.lat, ru.lon) == (60.0, 100.0)  # World Factbook point, not the centroid
    assert ru.geometry.geom_type == "MultiPolygon"
    from shapely.geometry import Point

    assert ru.geometry.buffer(0.01).contains(Point(ru.lon, ru.lat))
    us = gaz.country("US")
    assert abs(us.lat - 39.83) < 0.01 and abs(us.lon + 98.58) < 0.01  # near Lebanon, Kansas


def test_a_capital_does_not_vouch_for_its_own_country(gaz, actors):
    # "Paris" is also an actor (France's government); its own mentions must not
    # make the story French: the county, the town and the state around it are Texan
    r = resolved("Lamar County tax receipts keep rising. Paris and Roxton both gained, "
                 "and Paris expects more from the pipeline work across Texas. "
                 "Paris officials were pleased.", gaz, actors)
    assert r["Paris"].place.admin1 == "TX"
    # the government reading still holds where France is the subject of the story
    r = resolved("France and Germany disagreed. Paris said the plan was too costly "
                 "and Berlin warned of delays.", gaz, actors)
    assert r["Paris"].place.country_codes == ("FR",)


def test_a_capital_that_acts_is_its_government(gaz, actors):
    # "Washington warned" is the capital standing for the US government;
    # "Washington" in a list of western states is the state
    r = resolved("Washington warned Moscow on Monday about its troops near the "
                 "Ukrainian border.", gaz, actors)
    assert r["Washington"].place.admin1 == "DC"
    r = resolved("Tech jobs moved from California, Oregon or Washington to Idaho.", gaz, actors)
    assert r["Washington"].place.admin1 == "WA"


def test_a_dateline_names_cities(gaz, actors):
    # reports are filed from cities: not Washington State, and "KIEV" is no acronym
    r = resolved("WASHINGTON/KIEV — Satellite images show tanks near the border, "
                 "officials said.", gaz, actors)
    assert r["WASHINGTON"].place.admin1 == "DC"
    assert r["KIEV"].place is not None and r["KIEV"].place.country_codes == ("UA",)
