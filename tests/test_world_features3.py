"""Lakes, mountain ranges, rivers, straits and regions of the world that the news names
often (the third batch of curated features), on sentences written for these tests."""
from __future__ import annotations

from shapely.geometry import Point  # noqa: F401
from test_theatre_places import km, resolved  # noqa: F401
from test_world_features import near, places  # noqa: F401
from test_world_features2 import inside, line_like, polygonal  # noqa: F401


# ------------------------------------------------------------------ lakes

def test_lake_baikal_siberia_the_far_east_and_the_urals(gaz, actors):
    p = places("Russia moved brigades from Siberia and the Far East across the Urals, and "
               "divers searched Lake Baikal.",
               ("Siberia", "Far East", "Urals", "Lake Baikal"), gaz, actors)
    baikal, siberia, far_east, urals = (p[n] for n in ("Lake Baikal", "Siberia", "Far East",
                                                       "Urals"))
    assert baikal.kind == "lake" and polygonal(baikal) and baikal.country_codes == ("RU",)
    for lat, lon in ((51.75, 105.3), (53.5, 108.3), (55.3, 109.4)):
        assert inside(baikal, lat, lon), (lat, lon)
    # Irkutsk lies on the Angara, about 60 km from the lake: near, not inside
    assert not inside(baikal, 52.296, 104.291) and near(baikal.geometry, 52.296, 104.291, 1.0)
    for lat, lon in ((51.854, 104.869), (53.411, 109.031), (55.638, 109.327)):
        assert not inside(baikal, lat, lon)  # Listvyanka, Ust-Barguzin, Severobaykalsk
        assert near(baikal.geometry, lat, lon, 0.1), (lat, lon)
    assert not inside(baikal, 53.19, 107.34)  # Khuzhir, on Olkhon island
    assert siberia.kind == far_east.kind == "region"
    assert siberia.id == "region-siberia" and siberia.country_codes == ("RU",)
    for lat, lon in ((55.03, 82.93), (56.01, 92.87), (52.29, 104.29), (57.15, 65.53)):
        assert inside(siberia, lat, lon), (lat, lon)  # Novosibirsk, Krasnoyarsk, Irkutsk, Tyumen
    for lat, lon in ((56.84, 60.6), (43.12, 131.9), (55.75, 37.62)):
        assert not inside(siberia, lat, lon), (lat, lon)  # Yekaterinburg, Vladivostok, Moscow
    assert inside(siberia, 52.296, 104.291) and baikal.geometry.within(siberia.geometry.buffer(0.1))
    assert far_east.id == "region-russian-far-east"
    for lat, lon in ((43.12, 131.9), (48.48, 135.08), (59.57, 150.8), (53.02, 158.65)):
        assert inside(far_east, lat, lon), (lat, lon)  # Vladivostok, Khabarovsk, Magadan, P.-K.
    assert any(g.bounds[0] < -170 for g in far_east.geometry.geoms)  # Chukotka east of 180
    assert not inside(far_east, 52.296, 104.291) and not inside(far_east, 45.75, 126.65)  # Harbin
    assert urals.kind == "mountains" and urals.id == "range-urals"
    assert inside(urals, 55.17, 59.65)  # Zlatoust
    for lat, lon in ((56.84, 60.6), (58.0, 56.25), (55.16, 61.4)):
        assert not inside(urals, lat, lon), (lat, lon)  # Yekaterinburg, Perm, Chelyabinsk
    r = resolved("Factories in the Urals region and Russia's Far East worked overtime; a "
                 "boat capsized on Lake Baykal.", gaz, actors)
    region = r["Urals region"].place
    assert region.id == "region-urals" and inside(region, 56.84, 60.6)
    assert not inside(region, 57.15, 65.53)  # Tyumen is Siberia's
    assert r["Russia's Far East"].place.id == far_east.id
    assert r["Lake Baykal"].place.id == baikal.id


def test_the_great_lakes(gaz, actors):
    p = places("Freighters waited on Lake Superior and Lake Michigan while ice covered Lake "
               "Huron, Lake Erie and Lake Ontario.",
               ("Lake Superior", "Lake Michigan", "Lake Huron", "Lake Erie", "Lake Ontario"),
               gaz, actors)
    lakes = {n: x for n, x in p.items()}
    assert all(x.kind == "lake" and polygonal(x) for x in lakes.values())
    assert lakes["Lake Michigan"].country_codes == ("US",)
    for name in ("Lake Superior", "Lake Huron", "Lake Erie", "Lake Ontario"):
        assert set(lakes[name].country_codes) == {"US", "CA"}, name
        # the US-Canada border runs through the lake
        assert gaz.border("US", "CA").geometry.intersects(lakes[name].geometry), name
    assert not lakes["Lake Michigan"].geometry.intersects(gaz.border("US", "CA").geometry)
    assert inside(lakes["Lake Superior"], 47.7, -87.5) and inside(lakes["Lake Michigan"], 43.8, -87.0)
    shores = {"Lake Superior": ((46.78, -92.1), (46.55, -87.4)),  # Duluth, Marquette
              "Lake Michigan": ((41.88, -87.63), (43.04, -87.91)),  # Chicago, Milwaukee
              "Lake Erie": ((41.5, -81.69), (42.89, -78.88)),  # Cleveland, Buffalo
              "Lake Ontario": ((43.65, -79.38), (44.23, -76.48))}  # Toronto, Kingston
    for name, towns in shores.items():
        for lat, lon in towns:
            assert not inside(lakes[name], lat, lon), (name, lat, lon)
            assert near(lakes[name].geometry, lat, lon, 0.12), (name, lat, lon)
    assert not inside(lakes["Lake Huron"], 45.8, -82.0)  # Manitoulin Island
    assert inside(lakes["Lake Huron"], 45.2, -80.6)  # Georgian Bay
    assert not lakes["Lake Erie"].geometry.intersects(lakes["Lake Ontario"].geometry)
    both = gaz.geocode("Great Lakes")[0]
    assert both.kind == "lake" and len(both.geometry.geoms) == 5
    # "Michigan", "Ontario", "Erie", "Superior" alone stay what they were
    r = resolved("Voters in Michigan and Ontario; a court in Erie, Pennsylvania.", gaz, actors)
    assert r["Michigan"].place.kind == "admin1" and r["Ontario"].place.kind == "admin1"
    assert r["Erie"].place.kind == "city"


def test_african_great_lakes(gaz, actors):
    p = places("Fishermen from Kisumu crossed Lake Victoria; refugees fled across Lake "
               "Tanganyika and Lake Malawi, and oil was found under Lake Albert and Lake Turkana.",
               ("Lake Victoria", "Lake Tanganyika", "Lake Malawi", "Lake Albert", "Lake Turkana"),
               gaz, actors)
    victoria, tang, malawi, albert, turkana = (p[n] for n in (
        "Lake Victoria", "Lake Tanganyika", "Lake Malawi", "Lake Albert", "Lake Turkana"))
    assert all(x.kind == "lake" and polygonal(x) for x in p.values())
    assert set(victoria.country_codes) == {"UG", "KE", "TZ"}
    assert inside(victoria, -1.0, 33.0)
    for lat, lon in ((-0.1, 34.75), (0.44, 33.2), (-2.52, 32.9)):  # Kisumu, Jinja, Mwanza
        assert not inside(victoria, lat, lon) and near(victoria.geometry, lat, lon, 0.12)
    assert not inside(victoria, 0.32, 32.58)  # Kampala
    assert inside(tang, -5.5, 29.5) and near(tang.geometry, -4.88, 29.63, 0.1)  # Kigoma
    assert not inside(tang, -3.38, 29.36)  # Bujumbura, at its northern tip
    assert gaz.border("CD", "TZ").geometry.intersects(tang.geometry)
    assert inside(malawi, -12.0, 34.5) and not inside(malawi, -13.97, 33.79)  # not Lilongwe
    assert set(malawi.country_codes) == {"MW", "MZ", "TZ"}
    assert inside(albert, 1.7, 30.9) and gaz.border("CD", "UG").geometry.intersects(albert.geometry)
    assert inside(turkana, 3.8, 36.05) and not inside(turkana, 3.12, 35.6)  # Lodwar
    r = resolved("Steamers crossed Lake Nyasa and the Victoria Nyanza.", gaz, actors)
    assert r["Lake Nyasa"].place.id == malawi.id
    assert r["Victoria Nyanza"].place.id == victoria.id


def test_european_lakes_and_their_towns(gaz, actors):
    p = places("Swimmers crossed Lake Geneva and Lake Constance; a ferry sank on Lake Garda, "
               "drought hit Lake Balaton, and Lake Ohrid, Lake Prespa and Lake Skadar were "
               "surveyed; ice closed Lake Ladoga, Lake Onega and Lake Peipus.",
               ("Lake Geneva", "Lake Constance", "Lake Garda", "Lake Balaton", "Lake Ohrid",
                "Lake Prespa", "Lake Skadar", "Lake Ladoga", "Lake Onega", "Lake Peipus"),
               gaz, actors)
    assert all(x.kind == "lake" and polygonal(x) for x in p.values())
    geneva = p["Lake Geneva"]
    assert set(geneva.country_codes) == {"CH", "FR"} and inside(geneva, 46.43, 6.55)
    for lat, lon in ((46.2, 6.15), (46.52, 6.63), (46.43, 6.91)):  # Geneva, Lausanne, Montreux
        assert not inside(geneva, lat, lon) and near(geneva.geometry, lat, lon, 0.04)
    assert geneva.geometry.area < 0.1
    constance = p["Lake Constance"]
    assert set(constance.country_codes) == {"DE", "CH", "AT"}
    assert near(constance.geometry, 47.5, 9.75, 0.03)  # Bregenz
    assert not inside(p["Lake Garda"], 45.44, 10.99)  # Verona
    assert inside(p["Lake Balaton"], 46.83, 17.7) and not inside(p["Lake Balaton"], 46.91, 18.05)
    ohrid, prespa = p["Lake Ohrid"], p["Lake Prespa"]
    assert set(ohrid.country_codes) == {"MK", "AL"} and set(prespa.country_codes) == {"MK", "AL", "GR"}
    assert not ohrid.geometry.intersects(prespa.geometry)
    assert not inside(ohrid, 41.12, 20.8)  # Ohrid town
    assert not inside(p["Lake Skadar"], 42.44, 19.26)  # Podgorica
    assert not inside(p["Lake Ladoga"], 59.94, 30.31) and inside(p["Lake Ladoga"], 60.8, 31.3)
    assert near(p["Lake Onega"].geometry, 61.79, 34.35, 0.05)  # Petrozavodsk
    peipus = p["Lake Peipus"]
    assert set(peipus.country_codes) == {"EE", "RU"}
    assert gaz.border("EE", "RU").geometry.intersects(peipus.geometry)
    # the towns keep their names: "Geneva", "Ohrid", "Garda" alone are the towns
    r = resolved("Talks in Geneva ended; tourists stayed in Ohrid, North Macedonia, and in Garda, "
                 "Italy.", gaz, actors)
    assert r["Geneva"].place.kind in ("city", "admin1")
    assert r["Ohrid"].place.kind == "city" and r["Garda"].place.kind == "city"
    r = resolved("Rowers trained on the Bodensee and on Lac Léman.", gaz, actors)
    assert r["Bodensee"].place.id == constance.id and r["Lac Léman"].place.id == geneva.id


def test_middle_eastern_lakes_and_the_mosul_dam(gaz, actors):
    p = places("The Dead Sea shrank again; Islamic State fighters seized the Mosul Dam and "
               "Mosul Dam Lake, and later held Lake Assad and Lake Tharthar, while Lake Urmia "
               "and Lake Van dried.",
               ("Dead Sea", "Mosul Dam", "Mosul Dam Lake", "Lake Assad", "Lake Tharthar",
                "Lake Urmia", "Lake Van"), gaz, actors)
    dead = p["Dead Sea"]
    assert dead.kind == "lake" and set(dead.country_codes) == {"IL", "JO", "PS"}
    assert inside(dead, 31.55, 35.5)
    assert not inside(dead, 31.86, 35.44) and not inside(dead, 31.95, 35.93)  # Jericho, Amman
    dam, lake = p["Mosul Dam"], p["Mosul Dam Lake"]
    assert dam.kind == "other" and dam.geometry.geom_type == "Point"
    assert 30 < km(dam.lat, dam.lon, 36.34, 43.13) < 60  # north-west of Mosul
    assert lake.kind == "lake" and lake.geometry.distance(dam.geometry) < 0.03
    assert lake.geometry.distance(gaz.place("river-tigris").geometry) < 0.1
    assert not inside(lake, 36.34, 43.13)
    assad = p["Lake Assad"]
    assert assad.country_codes == ("SY",) and not inside(assad, 35.95, 39.01)  # Raqqa
    assert assad.geometry.distance(gaz.place("river-euphrates").geometry) < 0.15
    assert inside(p["Lake Tharthar"], 33.95, 43.3) and not inside(p["Lake Tharthar"], 34.2, 43.88)
    assert not inside(p["Lake Urmia"], 37.55, 45.07)  # Urmia, the city, west of the lake
    van = p["Lake Van"]
    assert not inside(van, 38.49, 43.38) and near(van.geometry, 38.49, 43.38, 0.1)  # Van
    r = resolved("Shelling hit Urmia and Van; a boat sank on the Sea of Galilee.", gaz, actors)
    assert r["Urmia"].place.kind == r["Van"].place.kind == "city"
    assert r["Sea of Galilee"].place.id == "lake-sea-of-galilee"  # the second batch's row


def test_reservoirs_and_asian_lakes(gaz, actors):
    p = places("The Kakhovka Reservoir drained; Lake Balkhash, Lake Issyk-Kul, Lake Khanka "
               "and Qinghai Lake shrank, and the Tonlé Sap flooded.",
               ("Kakhovka Reservoir", "Lake Balkhash", "Lake Issyk-Kul", "Lake Khanka",
                "Qinghai Lake", "Tonlé Sap"), gaz, actors)
    kak = p["Kakhovka Reservoir"]
    assert kak.kind == "lake" and kak.country_codes == ("UA",)
    assert kak.geometry.distance(gaz.place("river-dnieper").geometry) < 0.05
    assert near(kak.geometry, 47.5, 34.66, 0.1)  # Enerhodar
    assert not inside(kak, 46.64, 32.61) and not inside(kak, 47.84, 35.14)  # Kherson, Zaporizhzhia
    assert not inside(p["Lake Balkhash"], 46.845, 74.98)  # Balkhash, the town
    assert near(p["Lake Balkhash"].geometry, 46.845, 74.98, 0.1)
    assert inside(p["Lake Issyk-Kul"], 42.4, 77.3)
    assert set(p["Lake Khanka"].country_codes) == {"RU", "CN"}
    assert gaz.border("RU", "CN").geometry.intersects(p["Lake Khanka"].geometry)
    assert not inside(p["Qinghai Lake"], 36.62, 101.78)  # Xining
    assert not inside(p["Tonlé Sap"], 13.36, 103.86)  # Siem Reap
    r = resolved("Tourists visited Issyk-Kul and Balkhash in Kazakhstan.", gaz, actors)
    assert r["Issyk-Kul"].place.kind == "admin1"  # the region keeps its bare name
    assert r["Balkhash"].place.kind == "city"


# ------------------------------------------------------------------ ranges

def test_european_ranges(gaz, actors):
    p = places("Avalanches struck the Alps and the Pyrenees; wolves returned to the "
               "Carpathians, the Apennines, the Dinaric Alps and the Balkan Mountains.",
               ("Alps", "Pyrenees", "Carpathians", "Apennines", "Dinaric Alps",
                "Balkan Mountains"), gaz, actors)
    assert all(x.kind == "mountains" and polygonal(x) for x in p.values())
    alps = p["Alps"]
    for lat, lon in ((47.27, 11.39), (45.19, 5.72), (46.5, 11.35), (45.92, 6.87)):
        assert inside(alps, lat, lon), (lat, lon)  # Innsbruck, Grenoble, Bolzano, Chamonix
    for lat, lon in ((45.76, 4.83), (45.46, 9.19), (48.14, 11.58), (47.38, 8.54), (48.21, 16.37)):
        assert not inside(alps, lat, lon), (lat, lon)  # Lyon, Milan, Munich, Zurich, Vienna
    assert {"FR", "IT", "CH", "AT"} <= set(alps.country_codes)
    pyr = p["Pyrenees"]
    assert inside(pyr, 42.51, 1.52) and not inside(pyr, 43.6, 1.44)  # Andorra; not Toulouse
    carp = p["Carpathians"]
    assert inside(carp, 45.64, 25.59) and inside(carp, 49.3, 19.95)  # Brașov, Zakopane
    for lat, lon in ((46.77, 23.6), (50.06, 19.94), (44.43, 26.1)):
        assert not inside(carp, lat, lon), (lat, lon)  # Cluj (Transylvanian basin), Kraków, Bucharest
    apen = p["Apennines"]
    assert inside(apen, 42.35, 13.4) and not inside(apen, 41.9, 12.5)  # L'Aquila; not Rome
    dinaric = p["Dinaric Alps"]
    assert inside(dinaric, 43.86, 18.41) and not inside(dinaric, 45.81, 15.98)  # Sarajevo; Zagreb
    balkan = p["Balkan Mountains"]
    assert not inside(balkan, 42.7, 23.32)  # Sofia lies south of the range
    assert gaz.place("region-the-balkans").id != balkan.id
    r = resolved("Skiers flocked to the Carpathian Mountains and the Ural Mountains.", gaz, actors)
    assert r["Carpathian Mountains"].place.id == carp.id
    assert r["Ural Mountains"].place.id == "range-urals"


def test_asian_ranges(gaz, actors):
    p = places("Kurdish fighters hid in the Zagros Mountains and the Taurus Mountains; "
               "climbers died in the Pamirs, the Tian Shan, the Altai Mountains and the "
               "Alborz Mountains.",
               ("Zagros Mountains", "Taurus Mountains", "Pamirs", "Tian Shan",
                "Altai Mountains", "Alborz Mountains"), gaz, actors)
    assert all(x.kind == "mountains" for x in p.values())
    zagros = p["Zagros Mountains"]
    assert inside(zagros, 34.31, 47.06) and inside(zagros, 29.61, 52.53)  # Kermanshah, Shiraz
    assert not inside(zagros, 32.65, 51.67) and not inside(zagros, 31.32, 48.68)  # Isfahan, Ahvaz
    assert not inside(p["Taurus Mountains"], 37.87, 32.48)  # Konya, on the plateau
    assert inside(p["Pamirs"], 37.49, 71.55)  # Khorog
    tian = p["Tian Shan"]
    assert inside(tian, 41.43, 76.0)  # Naryn
    for lat, lon in ((42.87, 74.6), (43.25, 76.92), (43.8, 87.6)):
        assert not inside(tian, lat, lon), (lat, lon)  # Bishkek, Almaty, Urumqi at its foot
    assert {"RU", "KZ", "MN", "CN"} <= set(p["Altai Mountains"].country_codes)
    alborz = p["Alborz Mountains"]
    assert inside(alborz, 35.95, 52.11) and not inside(alborz, 35.69, 51.39)  # Damavand; Tehran
    # the province keeps its name
    r = resolved("Police in Alborz province and in Karaj; the Elburz range.", gaz, actors)
    assert r["Elburz range"].place.id == alborz.id


def test_american_and_african_ranges(gaz, actors):
    p = places("Snow fell on the Andes, the Rocky Mountains and the Appalachians; the Atlas "
               "Mountains and the Ethiopian Highlands had rain.",
               ("Andes", "Rocky Mountains", "Appalachians", "Atlas Mountains",
                "Ethiopian Highlands"), gaz, actors)
    andes = p["Andes"]
    for lat, lon in ((-0.22, -78.52), (-16.5, -68.15), (-13.53, -71.97), (4.6, -74.08)):
        assert inside(andes, lat, lon), (lat, lon)  # Quito, La Paz, Cusco, Bogotá
    for lat, lon in ((-12.05, -77.04), (-33.45, -70.65), (-34.6, -58.38)):
        assert not inside(andes, lat, lon), (lat, lon)  # Lima, Santiago, Buenos Aires
    rockies = p["Rocky Mountains"]
    assert set(rockies.country_codes) == {"US", "CA"}
    assert inside(rockies, 51.18, -115.57) and not inside(rockies, 39.74, -104.99)  # Banff; Denver
    app = p["Appalachians"]
    assert inside(app, 35.6, -82.55) and not inside(app, 33.75, -84.39)  # Asheville; Atlanta
    atlas = p["Atlas Mountains"]
    assert inside(atlas, 33.53, -5.11) and not inside(atlas, 31.63, -8.0)  # Ifrane; Marrakesh
    eth = p["Ethiopian Highlands"]
    assert inside(eth, 9.03, 38.74) and inside(eth, 15.34, 38.93)  # Addis Ababa, Asmara
    assert not inside(eth, 11.59, 43.15)  # Djibouti
    r = resolved("Hikers left Boulder for the Rockies; an Atlas rocket flew.", gaz, actors)
    assert r["Rockies"].place.id == rockies.id
    assert all(x.place is None or x.place.id != atlas.id for x in r.values())


# ------------------------------------------------------------------ rivers

def test_the_rhine_and_other_western_european_rivers(gaz, actors):
    p = places("Low water on the Rhine stranded barges, and the Elbe, the Rhône, the Seine, "
               "the Loire, the Meuse, the Moselle and the Thames fell too.",
               ("Rhine", "Elbe", "Rhône", "Seine", "Loire", "Meuse", "Moselle", "Thames"),
               gaz, actors)
    assert all(x.kind == "river" and line_like(x) for x in p.values())
    rhine = p["Rhine"]
    # Basel, Strasbourg, Mainz, Koblenz, Cologne, Düsseldorf, Rotterdam
    for lat, lon in ((47.56, 7.59), (48.58, 7.75), (50.0, 8.27), (50.36, 7.6), (50.94, 6.96),
                     (51.22, 6.77), (51.92, 4.48)):
        assert near(rhine.geometry, lat, lon, 0.12), (lat, lon)
    assert not near(rhine.geometry, 50.11, 8.68, 0.15)  # Frankfurt, on the Main
    assert not near(rhine.geometry, 52.37, 4.9, 0.3)  # Amsterdam
    assert {"CH", "DE", "FR", "NL"} <= set(rhine.country_codes)
    assert rhine.geometry.intersects(gaz.place("lake-constance").geometry)
    assert p["Moselle"].geometry.distance(rhine.geometry) < 0.05  # it joins at Koblenz
    for name, (lat, lon) in (("Elbe", (51.05, 13.74)), ("Rhône", (45.76, 4.83)),
                             ("Seine", (48.86, 2.35)), ("Loire", (47.22, -1.55)),
                             ("Meuse", (50.63, 5.57)), ("Thames", (51.5, -0.12))):
        assert near(p[name].geometry, lat, lon, 0.1), name  # Dresden, Lyon, Paris, Nantes,
    assert p["Thames"].id == "river-thames"              # Liège, London
    r = resolved("The River Thames and the River Rhine flooded.", gaz, actors)
    assert r["River Thames"].place.id == "river-thames"
    assert r["River Rhine"].place.id == rhine.id


def test_russian_and_central_asian_rivers(gaz, actors):
    p = places("Drones hit refineries on the Volga; floods swept the Yenisei, the Ob, the "
               "Irtysh and the Lena; the Amu Darya and the Syr Darya no longer reach the Aral Sea.",
               ("Volga", "Yenisei", "Ob", "Irtysh", "Lena", "Amu Darya", "Syr Darya",
                "Aral Sea"), gaz, actors)
    volga = p["Volga"]
    assert volga.kind == "river" and volga.id == "river-volga"
    for lat, lon in ((56.33, 44.0), (55.79, 49.12), (48.71, 44.5), (46.35, 48.04)):
        assert near(volga.geometry, lat, lon, 0.15), (lat, lon)  # N. Novgorod, Kazan, Volgograd,
    assert not near(volga.geometry, 55.75, 37.62, 0.5)  # Moscow                  # Astrakhan
    assert near(p["Yenisei"].geometry, 56.01, 92.87, 0.1)  # Krasnoyarsk
    assert near(p["Ob"].geometry, 55.03, 82.93, 0.1)  # Novosibirsk
    assert near(p["Irtysh"].geometry, 54.99, 73.37, 0.1)  # Omsk
    assert p["Irtysh"].geometry.distance(p["Ob"].geometry) < 0.1  # its mouth
    assert near(p["Lena"].geometry, 62.03, 129.73, 0.1)  # Yakutsk
    assert p["Lena"].id == "river-lena"
    aral = p["Aral Sea"]
    assert aral.kind == "lake" and set(aral.country_codes) == {"KZ", "UZ"}
    for name in ("Amu Darya", "Syr Darya"):
        assert p[name].geometry.distance(aral.geometry) < 0.1, name
    assert near(p["Amu Darya"].geometry, 37.22, 67.28, 0.1)  # Termez
    # bare names of towns stay towns without "the"
    r = resolved("Residents of Lena, Illinois, voted.", gaz, actors)
    assert r["Lena"].place.kind == "city"
    r = resolved("Barges sailed down the Ural River and the Kura River.", gaz, actors)
    ural, kura = r["Ural River"].place, r["Kura River"].place
    assert near(ural.geometry, 51.77, 55.1, 0.1) and near(ural.geometry, 47.1, 51.88, 0.1)
    assert near(kura.geometry, 41.72, 44.79, 0.05)  # Tbilisi
    assert kura.geometry.distance(gaz.place("river-aras").geometry) < 0.1  # the Aras joins it


def test_asian_african_and_american_rivers(gaz, actors):
    p = places("Rain swelled the Yangtze and the Yellow River; dams on the Mekong, the Salween "
               "and the Irrawaddy; fighting along the Congo River and the Limpopo, and "
               "on the Zambezi; barges sank on the Mississippi, ships sailed the Saint Lawrence "
               "River, and fires raged along the Amazon.",
               ("Yangtze", "Yellow River", "Mekong", "Salween", "Irrawaddy", "Congo River",
                "Zambezi", "Limpopo", "Mississippi", "Saint Lawrence River", "Amazon"), gaz, actors)
    assert all(x.kind == "river" and line_like(x) for x in p.values())
    checks = {"Yangtze": ((29.56, 106.55), (30.58, 114.3), (32.06, 118.78)),  # Chongqing,
              "Yellow River": ((36.06, 103.83), (40.65, 109.84)),  # Wuhan, Nanjing; Lanzhou,
              "Mekong": ((17.97, 102.6), (11.56, 104.92)),  # Vientiane, Phnom Penh   # Baotou
              "Irrawaddy": ((21.97, 96.08),),  # Mandalay
              "Congo River": ((0.52, 25.19), (-4.32, 15.31)),  # Kisangani, Kinshasa
              "Zambezi": ((-16.16, 33.59),),  # Tete
              "Mississippi": ((38.63, -90.2), (35.15, -90.05), (29.95, -90.07)),  # St. Louis,
              "Saint Lawrence River": ((45.5, -73.57), (46.81, -71.21)),  # Montreal, Quebec
              "Amazon": ((-3.1, -60.02), (-3.75, -73.25))}  # Manaus, Iquitos  # Memphis, N. O.
    for name, towns in checks.items():
        for lat, lon in towns:
            assert near(p[name].geometry, lat, lon, 0.2), (name, lat, lon)
    assert set(p["Salween"].country_codes) == {"CN", "MM", "TH"}
    assert p["Zambezi"].id == "river-zambezi"
    assert p["Zambezi"].geometry.intersects(gaz.place("lake-kariba").geometry)
    assert p["Mississippi"].id == "river-mississippi"
    assert p["Amazon"].id == "river-amazon"
    # without "the", the state and the division keep their names
    r = resolved("Voters in Mississippi; farmers in Zambezi Region and Limpopo.", gaz, actors)
    assert r["Mississippi"].place.kind == "admin1" and r["Limpopo"].place.kind == "admin1"


def test_south_asian_and_middle_eastern_rivers(gaz, actors):
    p = places("India said it would cut the flow of the Chenab, the Jhelum River, the Ravi "
               "River and the Sutlej; the Taliban dammed the Helmand River and the Kabul River, "
               "and the Panj River rose, while Syria's Orontes and Khabur dried.",
               ("Chenab", "Jhelum River", "Ravi River", "Sutlej", "Helmand River",
                "Kabul River", "Panj River", "Orontes", "Khabur"), gaz, actors)
    assert all(x.kind == "river" and line_like(x) for x in p.values())
    assert near(p["Jhelum River"].geometry, 34.08, 74.8, 0.05)  # Srinagar
    assert near(p["Ravi River"].geometry, 31.55, 74.33, 0.15)  # Lahore
    assert near(p["Chenab"].geometry, 32.89, 74.73, 0.05)  # Akhnoor
    assert p["Jhelum River"].geometry.distance(p["Chenab"].geometry) < 0.05  # at Trimmu
    assert near(p["Helmand River"].geometry, 31.59, 64.36, 0.1)  # Lashkar Gah
    assert near(p["Kabul River"].geometry, 34.42, 70.45, 0.1)  # Jalalabad
    assert gaz.border("AF", "TJ").geometry.distance(p["Panj River"].geometry) < 0.2
    assert near(p["Orontes"].geometry, 34.73, 36.72, 0.05) and near(p["Orontes"].geometry, 35.13, 36.75, 0.05)
    assert p["Khabur"].geometry.distance(gaz.place("river-euphrates").geometry) < 0.1
    r = resolved("Shelling hit Jhelum and Helmand; clashes near Panj, Tajikistan.", gaz, actors)
    assert r["Jhelum"].place.kind == "city" and r["Helmand"].place.kind == "admin1"
    assert r["Panj"].place.kind == "city"


def test_ukrainian_front_rivers(gaz, actors):
    p = places("Ukrainian troops crossed the Oskil River near Kupiansk and dug in behind the "
               "Inhulets River north of Kherson.", ("Oskil River", "Inhulets River", "Kupiansk"),
               gaz, actors)
    oskil, inh = p["Oskil River"], p["Inhulets River"]
    assert oskil.kind == inh.kind == "river" and line_like(oskil) and line_like(inh)
    assert near(oskil.geometry, p["Kupiansk"].lat, p["Kupiansk"].lon, 0.1)
    assert oskil.geometry.distance(gaz.place("river-siverskyi-donets").geometry) < 0.1
    assert set(oskil.country_codes) == {"RU", "UA"}
    assert near(inh.geometry, 47.91, 33.39, 0.1)  # Kryvyi Rih
    assert inh.geometry.distance(gaz.place("river-dnieper").geometry) < 0.1
    r = resolved("Shells fell on Oskil and on Inhulets.", gaz, actors)
    assert r["Oskil"].place.kind == r["Inhulets"].place.kind == "city"


# ------------------------------------------------------------------ straits

def test_straits(gaz, actors):
    p = places("Russian warships sailed through the Strait of Gibraltar, the Turkish Straits, "
               "the Fehmarn Belt and the Bering Strait; Chinese ships passed the Tsushima "
               "Strait and the Miyako Strait; migrants crossed the Strait of Sicily.",
               ("Strait of Gibraltar", "Turkish Straits", "Fehmarn Belt", "Bering Strait",
                "Tsushima Strait", "Miyako Strait", "Strait of Sicily"), gaz, actors)
    assert all(x.kind == "strait" and polygonal(x) for x in p.values())
    gib = p["Strait of Gibraltar"]
    assert inside(gib, 35.95, -5.6) and gib.geometry.area < 0.5
    assert not inside(gib, 36.14, -5.35) or near(gib.geometry, 36.14, -5.35, 0.1)  # Gibraltar
    assert set(gib.country_codes) >= {"ES", "MA"}
    turkish = p["Turkish Straits"]
    for pid in ("strait-bosporus", "sea-sea-of-marmara", "strait-dardanelles"):
        part = gaz.place(pid).geometry
        assert turkish.geometry.buffer(0.01).contains(part), pid
    assert not inside(turkish, 41.01, 28.95)  # Istanbul, on land
    assert inside(p["Fehmarn Belt"], 54.57, 11.3)
    bering = p["Bering Strait"]
    assert set(bering.country_codes) == {"RU", "US"} and inside(bering, 65.9, -169.0)
    assert inside(p["Tsushima Strait"], 34.0, 130.0)
    assert inside(p["Miyako Strait"], 25.35, 126.6)
    assert inside(p["Strait of Sicily"], 37.2, 11.9)
    r = resolved("Ferries crossed the Strait of Messina and the Strait of Otranto; the Dover "
                 "Strait was closed, as was the Sunda Strait.", gaz, actors)
    assert inside(r["Strait of Messina"].place, 38.2, 15.62)
    assert inside(r["Strait of Otranto"].place, 40.2, 18.9)
    assert r["Dover Strait"].place.id == "strait-dover"
    assert inside(r["Sunda Strait"].place, -6.0, 105.7)
    # the second batch's rows are unchanged
    r = resolved("Ships left the Bosporus for the Dardanelles.", gaz, actors)
    assert r["Bosporus"].place.id == "strait-bosporus" and r["Dardanelles"].place.id == "strait-dardanelles"


# ------------------------------------------------------------------ regions

def test_regions_of_ukraine_and_moldova_in_history(gaz, actors):
    p = places("In 1940 the Soviet Union took Bessarabia and northern Bukovina; earlier "
               "battles were fought in Volhynia, Podolia and Polesia.",
               ("Bessarabia", "Bukovina", "Volhynia", "Podolia", "Polesia"), gaz, actors)
    assert all(x.kind == "region" and polygonal(x) for x in p.values())
    bess = p["Bessarabia"]
    assert inside(bess, 47.01, 28.86) and inside(bess, 45.35, 28.84)  # Chișinău, Izmail
    assert not inside(bess, 46.84, 29.64) and not inside(bess, 46.48, 30.73)  # Tiraspol, Odesa
    assert set(bess.country_codes) == {"MD", "UA"}
    buk = p["Bukovina"]
    assert inside(buk, 48.29, 25.93) and inside(buk, 47.65, 26.25)  # Chernivtsi, Suceava
    assert p["Volhynia"].id == "region-volhynia" and inside(p["Volhynia"], 50.75, 25.32)  # Lutsk
    assert inside(p["Podolia"], 49.23, 28.47)  # Vinnytsia
    pol = p["Polesia"]
    assert inside(pol, 52.11, 26.1) and inside(pol, 51.27, 30.22)  # Pinsk, Chernobyl
    assert not inside(pol, 50.45, 30.52)  # Kyiv
    assert {"BY", "UA"} <= set(pol.country_codes)
    # Volyn Oblast keeps its own names
    r = resolved("Drones hit Volyn Oblast and the Volyn region.", gaz, actors)
    assert r["Volyn Oblast"].place.kind == r["Volyn region"].place.kind == "admin1"


def test_russian_regions_and_the_arctic(gaz, actors):
    p = places("Militants crossed the North Caucasus; Russia drilled on the Yamal Peninsula "
               "and expanded its bases in the Arctic.",
               ("North Caucasus", "Yamal Peninsula", "Arctic"), gaz, actors)
    nc, yamal, arctic = p["North Caucasus"], p["Yamal Peninsula"], p["Arctic"]
    assert nc.kind == "region" and nc.country_codes == ("RU",)
    for lat, lon in ((43.32, 45.69), (42.98, 47.5), (43.02, 44.68)):
        assert inside(nc, lat, lon), (lat, lon)  # Grozny, Makhachkala, Vladikavkaz
    assert not inside(nc, 45.04, 38.98) and not inside(nc, 41.72, 44.79)  # Krasnodar, Tbilisi
    assert yamal.kind == "peninsula" and inside(yamal, 70.5, 69.5)
    assert not inside(yamal, 66.53, 66.6)  # Salekhard
    assert arctic.kind == "region" and arctic.id == "region-arctic"
    assert inside(arctic, 68.97, 33.08) and inside(arctic, 88.0, 0.0)  # Murmansk, the pole
    assert not inside(arctic, 64.54, 40.54)  # Arkhangelsk, south of the Arctic Circle
    ocean = gaz.geocode("Arctic Ocean")[0]
    assert ocean.kind == "sea" and ocean.id != arctic.id  # the ocean is unchanged
    r = resolved("Patrols in the Arctic region.", gaz, actors)
    assert r["Arctic region"].place.id == arctic.id


def test_deserts_and_far_regions(gaz, actors):
    p = places("Smugglers crossed the Sahara and the Gobi; drought hit the Kalahari and "
               "Patagonia, and migrants walked through the Darién Gap.",
               ("Sahara", "Gobi", "Kalahari", "Patagonia", "Darién Gap"), gaz, actors)
    assert all(x.kind == "region" and polygonal(x) for x in p.values())
    sahara = p["Sahara"]
    for lat, lon in ((22.79, 5.52), (16.77, -3.0), (27.04, 14.43)):
        assert inside(sahara, lat, lon), (lat, lon)  # Tamanrasset, Timbuktu, Sabha
    for lat, lon in ((36.75, 3.06), (30.04, 31.24), (13.51, 2.11)):
        assert not inside(sahara, lat, lon), (lat, lon)  # Algiers, Cairo, Niamey
    assert not inside(p["Gobi"], 47.92, 106.92)  # Ulaanbaatar
    assert not inside(p["Kalahari"], -24.65, 25.91)  # Gaborone
    pat = p["Patagonia"]
    assert set(pat.country_codes) == {"AR", "CL"}
    assert inside(pat, -41.13, -71.3) and not inside(pat, -34.6, -58.38)  # Bariloche; B. Aires
    assert pat.id == "region-patagonia"  # not Patagonia, Arizona
    gap = p["Darién Gap"]
    assert set(gap.country_codes) == {"PA", "CO"} and inside(gap, 8.0, -77.5)
    r = resolved("Tourists in Patagonia, Arizona, and in Nogales.", gaz, actors)
    assert r["Patagonia"].place.kind == "city"


def test_middle_eastern_and_central_asian_regions(gaz, actors):
    p = places("Israeli tanks moved through the Negev and the Jordan Valley; Pakistan's army "
               "raided Waziristan; unrest spread in the Fergana Valley; Libya split between "
               "Cyrenaica, Tripolitania and the Fezzan.",
               ("Negev", "Jordan Valley", "Waziristan", "Fergana Valley", "Cyrenaica",
                "Tripolitania", "Fezzan"), gaz, actors)
    neg = p["Negev"]
    assert neg.country_codes == ("IL",) and inside(neg, 31.25, 34.79)  # Beersheba
    assert not inside(neg, 31.5, 34.47)  # Gaza
    jv = p["Jordan Valley"]
    assert inside(jv, 31.86, 35.46) and not inside(jv, 31.95, 35.93)  # Jericho; Amman
    assert jv.geometry.distance(gaz.place("river-jordan").geometry) < 0.05
    assert inside(p["Waziristan"], 32.3, 69.58)  # Wana
    assert inside(p["Fergana Valley"], 40.38, 71.79)  # Fergana
    cyr, tri, fez = p["Cyrenaica"], p["Tripolitania"], p["Fezzan"]
    assert inside(cyr, 32.12, 20.07) and inside(tri, 32.89, 13.19) and inside(fez, 27.04, 14.43)
    assert cyr.geometry.intersection(tri.geometry).area < 0.01  # Benghazi, Tripoli, Sabha
    assert cyr.geometry.intersection(fez.geometry).area < 0.01
    r = resolved("Residents of Fergana and fans of Barca cheered.", gaz, actors)
    assert r["Fergana"].place.kind == "city"
    assert "Barca" not in r or r["Barca"].place is None or r["Barca"].place.id != cyr.id


def test_cold_war_corridors_peninsulas_and_historical_regions(gaz, actors):
    p = places("NATO planners studied the Fulda Gap; tourists toured Anatolia, Thrace, "
               "Transylvania and Jutland, and the Iberian Peninsula baked.",
               ("Fulda Gap", "Anatolia", "Thrace", "Transylvania", "Jutland",
                "Iberian Peninsula"), gaz, actors)
    fulda = p["Fulda Gap"]
    assert fulda.country_codes == ("DE",) and inside(fulda, 50.55, 9.68)  # Fulda
    assert not inside(fulda, 50.11, 8.68)  # Frankfurt
    ana = p["Anatolia"]
    assert inside(ana, 39.93, 32.86) and inside(ana, 41.03, 29.07)  # Ankara, Istanbul's Asian side
    assert not inside(ana, 41.01, 28.95) and not inside(ana, 41.68, 26.56)  # Istanbul's old town,
    thrace = p["Thrace"]                                                  # Edirne
    assert inside(thrace, 41.68, 26.56) and inside(thrace, 42.15, 24.75)  # Edirne, Plovdiv
    assert not ana.geometry.intersection(thrace.geometry).area > 0.01
    assert inside(p["Transylvania"], 46.77, 23.6) and not inside(p["Transylvania"], 47.05, 21.92)
    assert p["Jutland"].kind == "peninsula" and not inside(p["Jutland"], 55.68, 12.57)
    iberia = p["Iberian Peninsula"]
    assert iberia.kind == "peninsula" and inside(iberia, 40.42, -3.7)
    assert not inside(iberia, 43.6, 1.44) and not inside(iberia, 39.57, 2.65)  # Toulouse, Palma


def test_smaller_ranges_of_conflict_and_weather_news(gaz, actors):
    p = places("Refugees crossed the Anti-Lebanon Mountains near Zabadani; militants hid in the "
               "Spin Ghar around Tora Bora; snow closed roads in the Lesser Caucasus and the "
               "Tatra Mountains; wildfires burned in the Sierra Nevada.",
               ("Anti-Lebanon Mountains", "Spin Ghar", "Tora Bora", "Lesser Caucasus",
                "Tatra Mountains", "Sierra Nevada"), gaz, actors)
    assert all(x.kind == "mountains" and polygonal(x) for x in p.values())
    anti = p["Anti-Lebanon Mountains"]
    assert set(anti.country_codes) == {"LB", "SY"} and inside(anti, 33.72, 36.1)  # Zabadani
    assert not inside(anti, 33.51, 36.29) and not inside(anti, 34.0, 36.21)  # Damascus, Baalbek
    tora = p["Tora Bora"]
    assert p["Spin Ghar"].geometry.contains(tora.geometry.representative_point())
    assert 25 < km(tora.lat, tora.lon, 34.43, 70.45) < 60  # south-west of Jalalabad
    lesser = p["Lesser Caucasus"]
    assert inside(lesser, 39.5, 46.34) and not inside(lesser, 40.18, 44.51)  # Goris; Yerevan
    assert not lesser.geometry.intersects(gaz.place("mountains-greater-caucasus").geometry.buffer(-0.3))
    assert not inside(p["Tatra Mountains"], 49.3, 19.95)  # Zakopane, at its foot
    sierra = p["Sierra Nevada"]
    assert inside(sierra, 37.75, -119.57) and not inside(sierra, 38.58, -121.49)  # Yosemite; Sacramento
    assert sierra.geometry.contains(gaz.place("lake-tahoe").geometry.representative_point())
