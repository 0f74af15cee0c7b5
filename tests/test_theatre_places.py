"""Rivers, lines, islands and towns of the flashpoints, on sentences written for these tests."""
from __future__ import annotations

import math

from shapely.geometry import Point

from test_resolve import resolved  # noqa: F401 - also used by test_world_features


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * \
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(d))


def place_of(text, name, gaz, actors):
    r = resolved(text, gaz, actors)
    assert name in r, (name, sorted(r))
    assert r[name].place is not None, name
    return r[name].place


def test_the_dniester_is_a_river_line(gaz, actors):
    p = place_of("Russian troops are stationed east of the Dniester near Tiraspol.", "Dniester",
                 gaz, actors)
    assert p.kind == "river" and "LineString" in p.geometry.geom_type
    assert set(p.country_codes) >= {"UA", "MD"}
    # the line passes between Bender and Tiraspol
    assert p.geometry.distance(Point(29.55, 46.84)) < 0.15


def test_rivers_of_the_theatre(gaz, actors):
    text = ("Ukrainian forces crossed the Southern Bug near Mykolaiv, Poland patrols the Bug "
            "River, and Romania and Moldova share the Prut; the Siverskyi Donets, the Danube, "
            "the Nemunas and the Daugava rose.")
    r = resolved(text, gaz, actors)
    for name in ("Southern Bug", "Bug River", "Prut", "Siverskyi Donets", "Danube", "Nemunas",
                 "Daugava"):
        assert r[name].place is not None and r[name].place.kind == "river", name
    assert r["Bug River"].place.id == "river-western-bug"


def test_plain_bug_and_jordan_and_niger_are_left_alone(gaz):
    assert not any(c.kind == "river" for c in gaz.candidates("Bug"))
    assert all(c.kind != "river" for c in gaz.candidates("Jordan"))
    assert all(c.kind != "river" for c in gaz.candidates("Niger"))
    assert any(c.id == "river-jordan" for c in gaz.candidates("Jordan River"))
    assert any(c.id == "river-niger" for c in gaz.candidates("River Niger"))


def test_galwan_valley_is_in_ladakh(gaz, actors):
    p = place_of("Chinese and Indian soldiers clashed in the Galwan Valley.", "Galwan Valley",
                 gaz, actors)
    assert p.geometry.geom_type in ("Polygon", "Point")
    assert km(p.lat, p.lon, 34.76, 78.22) < 50


def test_the_lachin_corridor_resolves(gaz, actors):
    p = place_of("Protesters blocked the Lachin corridor for months.", "Lachin corridor",
                 gaz, actors)
    assert p.id == "other-lachin-corridor" and "LineString" in p.geometry.geom_type
    assert km(p.lat, p.lon, 39.68, 46.6) < 40


def test_snake_island_is_in_the_black_sea(gaz, actors):
    p = place_of("Ukraine retook Snake Island after Russian troops left.", "Snake Island",
                 gaz, actors)
    assert p.kind == "island" and p.country_codes == ("UA",)
    assert km(p.lat, p.lon, 45.255, 30.2) < 10
    sea = gaz.place("sea-black-sea").geometry
    assert sea.distance(p.geometry) < 0.1


def test_lines_of_control(gaz, actors):
    r = resolved("India and Pakistan traded fire across the Line of Control, while troops "
                 "disengaged along the Line of Actual Control.", gaz, actors)
    loc, lac = r["Line of Control"].place, r["Line of Actual Control"].place
    assert "LineString" in loc.geometry.geom_type and set(loc.country_codes) == {"IN", "PK"}
    assert "LineString" in lac.geometry.geom_type and set(lac.country_codes) == {"IN", "CN"}


def test_taiwan_strait_islands(gaz, actors):
    r = resolved("Coast guard ships sailed near Kinmen, Matsu and Penghu.", gaz, actors)
    for name, (lat, lon) in (("Kinmen", (24.45, 118.35)), ("Matsu", (26.15, 119.95)),
                             ("Penghu", (23.57, 119.58))):
        p = r[name].place
        assert p is not None and p.kind == "island" and p.country_codes == ("TW",), name
        assert km(p.lat, p.lon, lat, lon) < 40, name


def test_crimea_approaches(gaz, actors):
    r = resolved("Russia fortified the Arabat Spit, the Perekop Isthmus and the Chongar "
                 "bridge across the Sivash.", gaz, actors)
    assert r["Arabat Spit"].place.kind == "peninsula"
    assert r["Perekop Isthmus"].place.id == "other-perekop-isthmus"
    assert r["Chongar bridge"].place.kind == "bridge"
    assert r["Sivash"].place.id == "lake-sivash"


def test_nuclear_plants_written_in_lower_case(gaz, actors):
    r = resolved("Inspectors visited the Zaporizhzhia nuclear power plant near Enerhodar.",
                 gaz, actors)
    p = r["Zaporizhzhia nuclear power plant"].place
    assert p.id == "other-zaporizhzhia-npp" and km(p.lat, p.lon, 47.51, 34.59) < 5
    r = resolved("Russian troops withdrew from Chernobyl and Pripyat.", gaz, actors)
    assert km(r["Chernobyl"].place.lat, r["Chernobyl"].place.lon, 51.39, 30.1) < 20
    assert km(r["Pripyat"].place.lat, r["Pripyat"].place.lon, 51.4, 30.06) < 10


def test_towns_of_karabakh_and_transnistria(gaz, actors):
    r = resolved("The convoy left Stepanakert, which Azerbaijan calls Khankendi, for Lachin; "
                 "Russian troops guard the depot at Cobasna in Transnistria.", gaz, actors)
    for name, (lat, lon) in (("Stepanakert", (39.82, 46.75)), ("Khankendi", (39.82, 46.75)),
                             ("Lachin", (39.64, 46.55)), ("Cobasna", (47.4, 29.2))):
        p = r[name].place
        assert p is not None and km(p.lat, p.lon, lat, lon) < 15, name


def test_kerch_strait_crimea_and_belarus_sites(gaz, actors):
    text = ("Ferries from Port Kavkaz crossed to Kerch. Ships were trapped in Lake Donuzlav. "
            "Jets flew from Zyabrovka near Gomel. The frigate passed Cape Fiyolent.")
    r = resolved(text, gaz, actors)
    kavkaz, kerch = r["Port Kavkaz"].place, r["Kerch"].place
    assert kavkaz.kind == "port" and kavkaz.country_codes == ("RU",)
    assert 5 < km(kavkaz.lat, kavkaz.lon, kerch.lat, kerch.lon) < 30  # across the strait
    assert r["Lake Donuzlav"].place.kind == "lake"
    z, g = r["Zyabrovka"].place, r["Gomel"].place
    assert z.kind == "base" and km(z.lat, z.lon, g.lat, g.lon) < 30
    assert r["Cape Fiyolent"].place.name == "Cape Fiolent"  # the other spelling


def test_ferry_and_grain_ports_by_their_names(gaz, actors):
    text = ("Before the bridge, lorries queued for the ferry between Port Kavkaz and Port Krym. "
            "Grain ships left Odesa, Chornomorsk and Pivdennyi for the Bosporus.")
    r = resolved(text, gaz, actors)
    krym, kavkaz = r["Port Krym"].place, r["Port Kavkaz"].place
    assert krym.id == "port-krym" and krym.kind == "port"  # the port, not "Krym" (Crimea)
    assert km(krym.lat, krym.lon, kavkaz.lat, kavkaz.lon) < 15  # across the strait
    piv, odesa = r["Pivdennyi"].place, r["Odesa"].place
    assert piv.kind == "port" and km(piv.lat, piv.lon, odesa.lat, odesa.lon) < 60
    # (not the town of Pivdennyi in Kharkiv oblast, 270 km away)


def test_russian_divisions_and_the_ocean_by_their_news_names(gaz, actors):
    r = resolved("Troops drilled in the Trans-Baikal region, then flew west over the Urals. "
                 "Convoys crossed the North Atlantic. The North Atlantic Treaty stands.",
                 gaz, actors)
    assert r["Trans-Baikal region"].place.kind == "admin1"
    assert r["Trans-Baikal region"].place.country_codes == ("RU",)
    assert r["North Atlantic"].place.kind == "sea"  # (read after "the")
    from flashpoints.mentions import find_mentions

    text = "Convoys crossed the North Atlantic. The North Atlantic Treaty stands."
    assert [m.start for m in find_mentions(text, gaz, actors).places] == [20]  # not the treaty


def test_the_brotherhood_pipeline_only_by_its_full_name(gaz, actors):
    r = resolved("Gas still flows through the Brotherhood pipeline to Slovakia.", gaz, actors)
    assert r["Brotherhood pipeline"].place.kind == "pipeline"
    r = resolved("Talks between the army and the Brotherhood groups stalled in Kunming.",
                 gaz, actors)
    assert "Brotherhood" not in r  # an alliance of armed groups, no pipeline
