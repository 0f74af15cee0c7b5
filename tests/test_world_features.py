"""Canals, straits, islands, ranges, rivers and regions outside the Black Sea theatre,
on sentences written for these tests."""
from __future__ import annotations

from shapely.geometry import Point
from test_theatre_places import km, resolved


def places(text, names, gaz, actors):
    r = resolved(text, gaz, actors)
    out = {}
    for name in names:
        assert name in r, (name, sorted(r))
        assert r[name].place is not None, name
        out[name] = r[name].place
    return out


def near(geom, lat, lon, deg=0.1):
    return geom.distance(Point(lon, lat)) < deg


def test_the_suez_canal_and_the_cape_route(gaz, actors):
    p = places("Ships avoided the Suez Canal and sailed round the Cape of Good Hope.",
               ("Suez Canal", "Cape of Good Hope"), gaz, actors)
    canal, cape = p["Suez Canal"], p["Cape of Good Hope"]
    assert canal.id == "other-suez-canal" and "LineString" in canal.geometry.geom_type
    # from Port Said past Ismailia to Suez
    for lat, lon in ((31.26, 32.31), (30.59, 32.28), (29.95, 32.55)):
        assert near(canal.geometry, lat, lon), (lat, lon)
    assert not near(canal.geometry, 30.05, 31.24, 0.5)  # Cairo is well west of it
    assert cape.geometry.geom_type == "Point" and cape.country_codes == ("ZA",)
    assert km(cape.lat, cape.lon, -34.36, 18.47) < 10


def test_straits_south_of_taiwan(gaz, actors):
    p = places("Chinese warships passed through the Bashi Channel and then the Luzon Strait.",
               ("Bashi Channel", "Luzon Strait"), gaz, actors)
    bashi, luzon = p["Bashi Channel"], p["Luzon Strait"]
    assert bashi.kind == luzon.kind == "strait"
    assert set(bashi.country_codes) == set(luzon.country_codes) == {"TW", "PH"}
    assert bashi.geometry.contains(Point(121.3, 21.5))
    assert not bashi.geometry.contains(Point(121.0, 19.5))  # that is further south
    assert luzon.geometry.contains(Point(121.0, 19.5))
    assert not luzon.geometry.contains(Point(120.98, 14.6))  # Manila


def test_danish_straits_and_baltic_islands(gaz, actors):
    p = places("Russian tankers sailed through the Danish straits and the Great Belt, past "
               "Bornholm and Öland.", ("Danish straits", "Great Belt", "Bornholm", "Öland"),
               gaz, actors)
    assert p["Danish straits"].kind == p["Great Belt"].kind == "strait"
    # between Funen and Zealand, in both
    for name in ("Danish straits", "Great Belt"):
        assert near(p[name].geometry, 55.35, 10.98, 0.05), name
    assert not p["Great Belt"].geometry.contains(Point(12.7, 55.7))  # the Øresund
    assert not p["Danish straits"].geometry.contains(Point(11.79, 55.44))  # Ringsted, on Zealand
    bornholm, oland = p["Bornholm"], p["Öland"]
    assert bornholm.kind == "island" and bornholm.country_codes == ("DK",)
    assert km(bornholm.lat, bornholm.lon, 55.13, 14.92) < 20
    assert oland.kind == "island" and oland.country_codes == ("SE",)
    assert km(oland.lat, oland.lon, 56.75, 16.65) < 40
    assert not oland.geometry.contains(Point(16.36, 56.66))  # Kalmar, on the mainland
    r = resolved("Tankers waited off Oland.", gaz, actors)
    assert r["Oland"].place is not None and r["Oland"].place.id == oland.id


def test_mountain_ranges_of_south_and_central_asia(gaz, actors):
    p = places("Troops were moved up into the Himalayas, the Hindu Kush and the Karakoram.",
               ("Himalayas", "Hindu Kush", "Karakoram"), gaz, actors)
    assert all(x.kind == "mountains" for x in p.values())
    him = p["Himalayas"].geometry
    assert him.contains(Point(86.93, 27.99))  # Everest
    assert him.contains(Point(85.32, 27.7))  # Kathmandu valley
    assert not him.contains(Point(77.21, 28.61))  # Delhi, on the plain
    assert not him.contains(Point(91.13, 29.65))  # Lhasa, on the plateau
    assert p["Hindu Kush"].geometry.contains(Point(71.84, 36.25))  # Tirich Mir
    assert not p["Hindu Kush"].geometry.contains(Point(69.17, 34.53))  # Kabul
    assert p["Karakoram"].geometry.contains(Point(76.51, 35.88))  # K2
    assert not p["Karakoram"].geometry.contains(Point(77.58, 34.16))  # Leh, south of it


def test_the_brahmaputra_under_its_three_names(gaz, actors):
    p = places("China plans a dam on the Yarlung Tsangpo, which becomes the Siang in "
               "Arunachal and then the Brahmaputra.", ("Yarlung Tsangpo", "Siang",
                                                       "Brahmaputra"), gaz, actors)
    assert p["Yarlung Tsangpo"].id == p["Siang"].id == p["Brahmaputra"].id == "river-brahmaputra"
    river = p["Brahmaputra"]
    assert river.kind == "river" and "LineString" in river.geometry.geom_type
    assert {"CN", "IN", "BD"} <= set(river.country_codes)
    for lat, lon in ((29.27, 88.88), (28.07, 95.33), (26.18, 91.75)):  # Shigatse, Pasighat,
        assert near(river.geometry, lat, lon, 0.15), (lat, lon)          # Guwahati
    assert not near(river.geometry, 27.7, 85.32, 1.0)  # Kathmandu


def test_regions_of_the_sudan_war(gaz, actors):
    p = places("Fighting spread from Darfur to Kordofan and the Nuba Mountains.",
               ("Darfur", "Kordofan", "Nuba Mountains"), gaz, actors)
    darfur, kordofan, nuba = p["Darfur"], p["Kordofan"], p["Nuba Mountains"]
    assert darfur.kind == kordofan.kind == "region" and nuba.kind == "mountains"
    assert darfur.country_codes == kordofan.country_codes == nuba.country_codes == ("SD",)
    el_fasher, nyala, geneina = Point(25.35, 13.63), Point(24.88, 12.05), Point(22.45, 13.45)
    el_obeid, kadugli = Point(30.22, 13.18), Point(29.72, 11.0)
    for pt in (el_fasher, nyala, geneina):
        assert darfur.geometry.contains(pt) and not kordofan.geometry.contains(pt), pt
    for pt in (el_obeid, kadugli):
        assert kordofan.geometry.contains(pt) and not darfur.geometry.contains(pt), pt
    assert not darfur.geometry.contains(Point(18.73, 13.8))  # Abeche, Chad
    assert nuba.geometry.distance(kadugli) < 0.1
    assert not nuba.geometry.contains(el_obeid)


def test_jammu_region_kashmir_valley_and_neelum(gaz, actors):
    p = places("Militants attacked in the Jammu region and in the Kashmir Valley, and shells "
               "fell in the Neelum Valley.", ("Jammu region", "Kashmir Valley",
                                              "Neelum Valley"), gaz, actors)
    jammu, valley, neelum = p["Jammu region"], p["Kashmir Valley"], p["Neelum Valley"]
    srinagar, jammu_city = Point(74.8, 34.08), Point(74.86, 32.73)
    assert jammu.id == "region-jammu" and jammu.country_codes == ("IN",)
    assert jammu.geometry.contains(jammu_city) and not jammu.geometry.contains(srinagar)
    assert valley.id == "region-kashmir-valley"
    assert valley.geometry.contains(srinagar) and not valley.geometry.contains(jammu_city)
    assert valley.geometry.area < 0.1 * gaz.place("region-kashmir").geometry.area
    assert neelum.country_codes == ("PK",)
    assert neelum.geometry.distance(Point(73.9, 34.58)) < 0.05  # Athmuqam
    assert not neelum.geometry.contains(srinagar)
    # the bare name is still the city
    r = resolved("Militants attacked near Jammu.", gaz, actors)
    assert r["Jammu"].place.kind == "city"


def test_siliguri_corridor(gaz, actors):
    p = places("The Siliguri Corridor links the northeast to the rest of India.",
               ("Siliguri Corridor",), gaz, actors)["Siliguri Corridor"]
    assert p.kind == "region" and p.country_codes == ("IN",)
    assert p.geometry.distance(Point(88.43, 26.72)) < 0.05  # Siliguri
    assert not p.geometry.intersects(gaz.place("country-NP").geometry.buffer(-0.05))


def test_shebaa_farms_and_the_blue_line(gaz, actors):
    p = places("Hezbollah fired at positions in the Shebaa Farms across the Blue Line.",
               ("Shebaa Farms", "Blue Line"), gaz, actors)
    farms, line = p["Shebaa Farms"], p["Blue Line"]
    assert farms.kind == "region" and km(farms.lat, farms.lon, 33.3, 35.76) < 10
    assert line.id == "other-blue-line" and "LineString" in line.geometry.geom_type
    assert set(line.country_codes) == {"IL", "LB"}
    for lat, lon in ((33.09, 35.11), (33.28, 35.58)):  # Ras Naqoura, Metula
        assert near(line.geometry, lat, lon, 0.05), (lat, lon)
    assert not near(line.geometry, 33.27, 35.2, 0.1)  # Tyre


def test_the_northern_limit_line(gaz, actors):
    p = places("North Korea rejects the Northern Limit Line near Yeonpyeong.",
               ("Northern Limit Line",), gaz, actors)["Northern Limit Line"]
    assert p.id == "other-northern-limit-line" and "LineString" in p.geometry.geom_type
    assert set(p.country_codes) == {"KR", "KP"}
    assert near(p.geometry, 37.67, 125.7, 0.15)  # Yeonpyeong island
    assert not near(p.geometry, 38.0, 127.0, 0.5)  # the land DMZ is elsewhere


def test_sahel_massif_tri_border_and_lake_chad(gaz, actors):
    p = places("French forces hunted jihadists in the Adrar des Ifoghas; attacks rose in "
               "Liptako-Gourma and around Lake Chad.", ("Adrar des Ifoghas", "Liptako-Gourma",
                                                         "Lake Chad"), gaz, actors)
    ifoghas, liptako, chad = p["Adrar des Ifoghas"], p["Liptako-Gourma"], p["Lake Chad"]
    assert ifoghas.kind == "mountains" and "ML" in ifoghas.country_codes
    assert km(ifoghas.lat, ifoghas.lon, 19.3, 1.6) < 100
    assert not ifoghas.geometry.contains(Point(-3.0, 16.77))  # Timbuktu
    assert liptako.kind == "region" and set(liptako.country_codes) == {"ML", "BF", "NE"}
    for lon, lat in ((-0.03, 14.03), (1.45, 14.21), (0.0, 16.27)):  # Dori, Tillabéri, Gao
        assert liptako.geometry.contains(Point(lon, lat)), (lon, lat)
    assert not liptako.geometry.contains(Point(-1.52, 12.37))  # Ouagadougou
    assert chad.kind == "lake" and km(chad.lat, chad.lon, 13.3, 14.1) < 80
    assert {"NG", "NE", "TD", "CM"} <= set(chad.country_codes)
    assert not chad.geometry.contains(Point(13.16, 11.85))  # Maiduguri
