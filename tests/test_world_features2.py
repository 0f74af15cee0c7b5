"""Rivers, lakes, islands, reefs, ranges, passes, valleys, crossings, lines and regions
of border and conflict reporting (the second batch of curated features), on sentences
written for these tests."""
from __future__ import annotations

from shapely.geometry import Point
from test_theatre_places import km, resolved
from test_world_features import near, places


def line_like(p):
    return "LineString" in p.geometry.geom_type


def polygonal(p):
    return p.geometry.geom_type in ("Polygon", "MultiPolygon")


def inside(p, lat, lon):
    return p.geometry.contains(Point(lon, lat))


def test_north_kosovo_river_lake_crossings_and_range(gaz, actors):
    p = places("Serbian police closed the Jarinje and Merdare crossings and the Brnjak crossing, "
               "while Kosovo guarded Lake Gazivode on the Ibar River below Kopaonik and "
               "patrolled North Mitrovica.",
               ("Jarinje", "Merdare", "Brnjak crossing", "Lake Gazivode", "Ibar River",
                "Kopaonik", "North Mitrovica"), gaz, actors)
    ibar, lake, kop = p["Ibar River"], p["Lake Gazivode"], p["Kopaonik"]
    assert ibar.kind == "river" and line_like(ibar)
    for lat, lon in ((42.883, 20.867), (43.104, 20.803), (43.287, 20.615), (43.726, 20.689)):
        assert near(ibar.geometry, lat, lon, 0.05), (lat, lon)  # Mitrovica, Leposavić,
    assert not near(ibar.geometry, 42.673, 21.167, 0.2)          # Raška, Kraljevo; not Pristina
    assert lake.kind == "lake" and polygonal(lake)
    assert near(lake.geometry, 42.914, 20.69, 0.05)  # Zubin Potok, below the dam
    assert lake.geometry.intersects(ibar.geometry)
    assert not lake.geometry.contains(Point(20.867, 42.883))
    border = gaz.border("XK", "RS").geometry
    for name in ("Jarinje", "Merdare", "Brnjak crossing"):
        x = p[name]
        assert x.kind == "other" and x.geometry.geom_type == "Point", name
        assert set(x.country_codes) == {"XK", "RS"}, name
        assert border.distance(x.geometry) < 0.05, name
    jarinje = p["Jarinje"]
    assert 43.104 < jarinje.lat < 43.287  # between Leposavić and Raška
    assert km(p["Merdare"].lat, p["Merdare"].lon, 42.911, 21.193) < 15  # Podujevo
    assert p["Brnjak crossing"].geometry.distance(lake.geometry) < 0.05
    assert kop.kind == "mountains" and polygonal(kop)
    assert inside(kop, 43.27, 20.81)  # Pančić's Peak
    assert not inside(kop, 43.726, 20.689) and not inside(kop, 43.137, 20.512)  # Kraljevo, Novi Pazar
    north = p["North Mitrovica"]
    assert north.kind == "city" and north.country_codes == ("XK",)
    assert km(north.lat, north.lon, 42.883, 20.867) < 3
    r = resolved("Kosovo police patrolled the Ibar in Mitrovica and the Gazivode reservoir.",
                 gaz, actors)
    assert r["Ibar"].place.id == ibar.id and r["Gazivode reservoir"].place.id == lake.id
    assert r["Mitrovica"].place.id != north.id  # the city as a whole stays itself


def test_galilee_its_lake_mount_hermon_and_rosh_hanikra(gaz, actors):
    p = places("Hezbollah drones hit the Galilee and Mount Hermon; troops gathered at the "
               "Rosh Hanikra crossing and by the Sea of Galilee.",
               ("Galilee", "Mount Hermon", "Rosh Hanikra crossing", "Sea of Galilee"), gaz, actors)
    galilee, lake, hermon = p["Galilee"], p["Sea of Galilee"], p["Mount Hermon"]
    assert galilee.kind == "region" and galilee.country_codes == ("IL",) and polygonal(galilee)
    for lat, lon in ((32.965, 35.496), (32.91, 35.298), (33.212, 35.57), (32.70, 35.30)):
        assert inside(galilee, lat, lon), (lat, lon)  # Safed, Karmiel, Kiryat Shmona, Nazareth
    for lat, lon in ((32.813, 34.999), (32.46, 35.30), (33.27, 35.2), (32.99, 35.69)):
        assert not inside(galilee, lat, lon), (lat, lon)  # Haifa, Jenin, Tyre, Katzrin (Golan)
    assert lake.kind == "lake" and polygonal(lake)
    assert inside(lake, 32.82, 35.59) and near(lake.geometry, 32.794, 35.532, 0.02)  # Tiberias
    assert lake.geometry.area < 0.03
    assert hermon.kind == "mountains" and "LB" in hermon.country_codes
    assert inside(hermon, 33.416, 35.857)  # the summit
    assert not inside(hermon, 33.51, 36.29) and not inside(hermon, 33.212, 35.57)  # Damascus
    cross = p["Rosh Hanikra crossing"]
    assert cross.geometry.geom_type == "Point" and set(cross.country_codes) == {"IL", "LB"}
    assert cross.geometry.distance(gaz.place("other-blue-line").geometry) < 0.02
    assert km(cross.lat, cross.lon, 33.12, 35.14) < 6  # Naqoura
    r = resolved("Sirens sounded in Upper Galilee and near Lake Kinneret.", gaz, actors)
    assert r["Upper Galilee"].place.id == galilee.id and r["Lake Kinneret"].place.id == lake.id


def test_the_bekaa_valley(gaz, actors):
    p = places("Israeli jets struck the Bekaa Valley near Baalbek.", ("Bekaa Valley",),
               gaz, actors)["Bekaa Valley"]
    assert p.kind == "region" and p.country_codes == ("LB",) and polygonal(p)
    for lat, lon in ((34.006, 36.218), (33.847, 35.902), (34.394, 36.385)):
        assert inside(p, lat, lon), (lat, lon)  # Baalbek, Zahle, Hermel
    assert not inside(p, 33.89, 35.5) and not inside(p, 33.51, 36.29)  # Beirut, Damascus
    r = resolved("Strikes hit the Bekaa again; the Beqaa governorate counted the dead.",
                 gaz, actors)
    assert r["Bekaa"].place.id == p.id
    assert r["Beqaa governorate"].place.kind == "admin1"


def test_gaza_corridors_and_crossings(gaz, actors):
    p = places("Israel kept troops on the Philadelphi Corridor and the Netzarim Corridor; aid "
               "trucks waited at the Rafah crossing, the Kerem Shalom crossing and the Erez "
               "crossing, and the Allenby Bridge was closed.",
               ("Philadelphi Corridor", "Netzarim Corridor", "Rafah crossing",
                "Kerem Shalom crossing", "Erez crossing", "Allenby Bridge"), gaz, actors)
    phil, netz = p["Philadelphi Corridor"], p["Netzarim Corridor"]
    assert line_like(phil) and set(phil.country_codes) == {"PS", "EG"}
    assert near(phil.geometry, 31.297, 34.244, 0.05)  # Rafah
    assert 8 < phil.geometry.length * 100 < 20  # about 13 km
    strip = gaz.place("region-gaza-strip").geometry
    assert line_like(netz) and strip.buffer(0.01).contains(netz.geometry)
    assert not near(netz.geometry, 31.502, 34.467, 0.03)  # Gaza City lies north of it
    assert 31.34 < netz.lat < 31.50  # between Khan Yunis and Gaza City
    rafah, kerem, erez = p["Rafah crossing"], p["Kerem Shalom crossing"], p["Erez crossing"]
    assert rafah.geometry.distance(phil.geometry) < 0.03 and km(rafah.lat, rafah.lon,
                                                               31.297, 34.244) < 8
    for code in ("EG", "IL", "PS"):  # the tripoint
        assert gaz.place(f"country-{code}").geometry.distance(kerem.geometry) < 0.05, code
    assert km(erez.lat, erez.lon, 31.546, 34.495) < 8  # Beit Lahia
    assert km(erez.lat, erez.lon, rafah.lat, rafah.lon) > 30
    bridge = p["Allenby Bridge"]
    assert bridge.kind == "bridge" and line_like(bridge)
    assert bridge.geometry.distance(gaz.place("river-jordan").geometry) < 0.03
    assert km(bridge.lat, bridge.lon, 31.867, 35.45) < 12  # Jericho


def test_korean_border_island_and_river_places(gaz, actors):
    p = places("A soldier crossed at Panmunjom; North Korea shelled Yeonpyeong Island, drilled "
               "near Baengnyeong Island and released water into the Imjin River, which meets "
               "the Han River at the Han River estuary.",
               ("Panmunjom", "Yeonpyeong Island", "Baengnyeong Island", "Imjin River",
                "Han River", "Han River estuary"), gaz, actors)
    dmz = gaz.place("region-korean-dmz").geometry
    nll = gaz.place("other-northern-limit-line").geometry
    pan = p["Panmunjom"]
    assert pan.geometry.geom_type == "Point" and dmz.buffer(0.02).contains(pan.geometry)
    assert km(pan.lat, pan.lon, 37.97, 126.55) < 15  # Kaesong
    yeon, baeng = p["Yeonpyeong Island"], p["Baengnyeong Island"]
    assert yeon.kind == baeng.kind == "island" and yeon.country_codes == baeng.country_codes == ("KR",)
    assert km(yeon.lat, yeon.lon, 37.67, 125.70) < 5 and yeon.geometry.distance(nll) < 0.2
    assert km(baeng.lat, baeng.lon, 37.96, 124.67) < 5 and baeng.geometry.distance(nll) < 0.3
    assert km(yeon.lat, yeon.lon, baeng.lat, baeng.lon) > 80
    imjin, han, estuary = p["Imjin River"], p["Han River"], p["Han River estuary"]
    assert imjin.kind == han.kind == estuary.kind == "river"
    assert line_like(imjin) and line_like(han) and line_like(estuary)
    assert near(imjin.geometry, 37.859, 126.785, 0.08)  # Munsan
    assert near(imjin.geometry, 38.101, 127.077, 0.08)  # Yeoncheon
    assert imjin.geometry.intersects(dmz) and {"KP", "KR"} <= set(imjin.country_codes)
    assert near(han.geometry, 37.566, 126.978, 0.08)  # Seoul
    assert near(han.geometry, 37.624, 126.714, 0.05)  # Gimpo
    assert not near(han.geometry, 37.456, 126.705, 0.1)  # Incheon is south of the mouth
    assert estuary.geometry.distance(han.geometry) < 0.01
    assert estuary.geometry.distance(imjin.geometry) < 0.01
    assert estuary.geometry.distance(nll) < 0.1  # the sea line begins off its mouth
    r = resolved("The North's soldiers watched Yeonpyeong and Baengnyeong from the coast.",
                 gaz, actors)
    assert r["Yeonpyeong"].place.id == yeon.id and r["Baengnyeong"].place.id == baeng.id


def test_us_bases_in_south_korea(gaz, actors):
    p = places("US troops at Camp Humphreys and Osan Air Base went on alert.",
               ("Camp Humphreys", "Osan Air Base"), gaz, actors)
    hum, osan = p["Camp Humphreys"], p["Osan Air Base"]
    assert hum.kind == osan.kind == "base" and hum.country_codes == osan.country_codes == ("KR",)
    assert km(hum.lat, hum.lon, 36.995, 127.089) < 10  # Pyeongtaek
    assert km(osan.lat, osan.lon, 37.152, 127.071) < 10  # Osan city
    assert 8 < km(hum.lat, hum.lon, osan.lat, osan.lon) < 20
    r = resolved("Protesters marched in Osan, South Korea.", gaz, actors)
    assert r["Osan"].place.kind == "city"


def test_spratly_and_paracel_reefs(gaz, actors):
    names = {  # name: (lat, lon) of the feature
        "Mischief Reef": (9.9, 115.53), "Subi Reef": (10.92, 114.08),
        "Fiery Cross Reef": (9.55, 112.89), "Sabina Shoal": (9.75, 116.47),
        "Thitu Island": (11.05, 114.28), "Itu Aba": (10.38, 114.36),
        "Whitsun Reef": (9.98, 114.65), "Johnson South Reef": (9.72, 114.28),
        "Woody Island": (16.83, 112.34), "Reed Bank": (11.45, 116.85)}
    p = places("Chinese ships left Mischief Reef, Subi Reef and Fiery Cross Reef for Sabina "
               "Shoal and Thitu Island; others sailed past Itu Aba, Whitsun Reef, Johnson South "
               "Reef and Woody Island, and a survey ship worked on Reed Bank.", names, gaz, actors)
    spratlys = gaz.place("island-spratly-islands")
    for name, (lat, lon) in names.items():
        x = p[name]
        assert x.geometry.geom_type == "Point", name
        assert x.kind == ("other" if name == "Reed Bank" else "island"), name
        assert km(x.lat, x.lon, lat, lon) < 10, name
        assert "CN" in x.country_codes, name
        assert gaz.place("sea-south-china-sea").geometry.distance(x.geometry) < 0.05, name
        if name != "Woody Island":
            assert km(x.lat, x.lon, spratlys.lat, spratlys.lon) < 350, name
    second_thomas = gaz.place("island-second-thomas-shoal")
    m = p["Mischief Reef"]
    assert 25 < km(m.lat, m.lon, second_thomas.lat, second_thomas.lon) < 60
    woody, paracels = p["Woody Island"], gaz.place("island-paracel-islands")
    assert km(woody.lat, woody.lon, paracels.lat, paracels.lon) < 100
    assert km(woody.lat, woody.lon, spratlys.lat, spratlys.lon) > 600
    r = resolved("The Philippines rebuilt the runway on Pag-asa Island and Taiwan's on "
                 "Taiping Island.", gaz, actors)
    assert r["Pag-asa Island"].place.id == p["Thitu Island"].id
    assert r["Taiping Island"].place.id == p["Itu Aba"].id


def test_luzon_and_palawan(gaz, actors):
    p = places("US Marines trained in northern Luzon and on Palawan.", ("Luzon", "Palawan"),
               gaz, actors)
    luzon, palawan = p["Luzon"], p["Palawan"]
    assert luzon.kind == palawan.kind == "island" and polygonal(luzon) and polygonal(palawan)
    assert luzon.country_codes == palawan.country_codes == ("PH",)
    for lat, lon in ((14.6, 121.0), (16.41, 120.6), (18.2, 120.6), (13.14, 123.74)):
        assert near(luzon.geometry, lat, lon, 0.02), (lat, lon)  # Manila, Baguio, Laoag,
    assert not inside(luzon, 13.41, 121.18)                       # Legazpi; not Calapan
    assert not luzon.geometry.intersects(gaz.place("country-TW").geometry)
    assert near(palawan.geometry, 9.74, 118.74, 0.02)  # Puerto Princesa
    assert inside(palawan, 10.0, 118.85)
    assert not inside(palawan, 12.0, 120.2)  # Coron, on Busuanga
    assert palawan.geometry.area < 0.2 * luzon.geometry.area
    r = resolved("Chinese warships passed through the Luzon Strait.", gaz, actors)
    assert r["Luzon Strait"].place.kind == "strait"


def test_islands_of_the_taiwan_strait_and_yonaguni(gaz, actors):
    p = places("Chinese drones flew near Dongyin and Wuqiu, opposite Pingtan Island, while "
               "Japan put missiles on Yonaguni.", ("Dongyin", "Wuqiu", "Pingtan Island",
                                                   "Yonaguni"), gaz, actors)
    dongyin, wuqiu, pingtan, yonaguni = (p[n] for n in ("Dongyin", "Wuqiu", "Pingtan Island",
                                                         "Yonaguni"))
    assert all(x.kind == "island" and x.geometry.geom_type == "Point" for x in p.values())
    matsu, kinmen = gaz.place("island-matsu-islands"), gaz.place("island-kinmen")
    assert dongyin.country_codes == wuqiu.country_codes == ("TW",)
    assert km(dongyin.lat, dongyin.lon, matsu.lat, matsu.lon) < 50 and dongyin.lat > matsu.lat
    assert kinmen.lat < wuqiu.lat < matsu.lat
    assert pingtan.country_codes == ("CN",)
    assert km(pingtan.lat, pingtan.lon, 25.5, 119.78) < 10
    assert gaz.place("country-CN").geometry.distance(pingtan.geometry) < 0.05
    assert yonaguni.country_codes == ("JP",)
    assert 90 < gaz.place("country-TW").geometry.distance(yonaguni.geometry) * 111 < 140


def test_georgia_psou_caucasus_roki_and_gorges(gaz, actors):
    p = places("Russian troops crossed the Psou River into Abkhazia, moved through the Roki "
               "Tunnel across the Greater Caucasus and fought in the Kodori Gorge; militants "
               "hid in the Pankisi Gorge.", ("Psou River", "Roki Tunnel", "Greater Caucasus",
                                            "Kodori Gorge", "Pankisi Gorge"), gaz, actors)
    border = gaz.border("GE", "RU").geometry
    psou = p["Psou River"]
    assert psou.kind == "river" and line_like(psou)
    assert border.distance(Point(psou.geometry.coords[0])) < 0.03  # its mouth, on the border
    assert psou.geometry.distance(gaz.place("sea-black-sea").geometry) < 0.03
    assert not near(psou.geometry, 43.279, 40.271, 0.15)  # Gagra lies down the coast
    cauc = p["Greater Caucasus"]
    assert cauc.kind == "mountains" and polygonal(cauc)
    for lat, lon in ((43.35, 42.44), (42.70, 44.52), (41.9, 47.8)):
        assert inside(cauc, lat, lon), (lat, lon)  # Elbrus, Kazbek, the Dagestan ridges
    for lat, lon in ((41.72, 44.79), (43.32, 45.69), (45.04, 38.98)):
        assert not inside(cauc, lat, lon), (lat, lon)  # Tbilisi, Grozny, Krasnodar
    roki = p["Roki Tunnel"]
    assert roki.geometry.distance(border) < 0.1
    assert 30 < km(roki.lat, roki.lon, 42.228, 43.969) < 50  # Tskhinvali
    kodori, pankisi = p["Kodori Gorge"], p["Pankisi Gorge"]
    assert kodori.kind == pankisi.kind == "region" and kodori.country_codes == ("GE",)
    abkhazia = gaz.place("region-abkhazia").geometry
    assert abkhazia.contains(kodori.geometry.centroid)
    assert not inside(kodori, 43.007, 40.989)  # Sukhumi
    assert near(pankisi.geometry, 42.035, 45.208, 0.05)  # Akhmeta
    assert not abkhazia.intersects(pankisi.geometry)
    assert pankisi.geometry.area < 0.05


def test_essequibo_its_rivers_and_the_stabroek_block(gaz, actors):
    p = places("Venezuela claims Essequibo, the land west of the Essequibo River; its soldiers "
               "hold Anacoco Island on the Cuyuni River, miners work the Mazaruni River and "
               "Exxon drills in the Stabroek Block.",
               ("Essequibo", "Essequibo River", "Anacoco Island", "Cuyuni River",
                "Mazaruni River", "Stabroek Block"), gaz, actors)
    region, river = p["Essequibo"], p["Essequibo River"]
    assert region.kind == "region" and polygonal(region) and "GY" in region.country_codes
    for lat, lon in ((7.266, -58.483), (3.373, -59.8), (8.204, -59.781), (5.285, -59.15)):
        assert inside(region, lat, lon), (lat, lon)  # Anna Regina, Lethem, Mabaruma, Mahdia
    assert not inside(region, 6.80, -58.16) and not inside(region, 6.0, -58.3)  # Georgetown,
    assert 0.5 < region.geometry.area / gaz.place("country-GY").geometry.area < 0.8  # Linden
    assert river.kind == "river" and line_like(river)
    assert near(river.geometry, 6.405, -58.623, 0.05)  # Bartica
    assert near(river.geometry, 6.837, -58.429, 0.1)  # Parika, on the wide estuary
    assert river.geometry.distance(region.geometry.boundary) < 0.02  # the claim's east edge
    vegy = gaz.border("VE", "GY").geometry
    ana, cuyuni, maz = p["Anacoco Island"], p["Cuyuni River"], p["Mazaruni River"]
    assert ana.kind == "island" and vegy.distance(ana.geometry) < 0.05
    assert cuyuni.kind == maz.kind == "river" and line_like(cuyuni) and line_like(maz)
    assert cuyuni.geometry.distance(ana.geometry) < 0.03
    for rv in (cuyuni, maz):  # both meet the Essequibo at Bartica
        assert near(rv.geometry, 6.405, -58.623, 0.05)
        assert not near(rv.geometry, 6.80, -58.16, 0.3)
    block = p["Stabroek Block"]
    assert block.kind == "other" and polygonal(block)
    assert inside(block, 8.0, -57.5)
    assert block.geometry.intersection(gaz.place("country-GY").geometry).area < 0.01
    assert block.lat > 7.0  # offshore, north of the coast


def test_crossings_from_finland_and_norway_into_russia_and_the_pasvik(gaz, actors):
    p = places("Finland closed Vaalimaa, the Nuijamaa border crossing, Niirala, Vartius, the "
               "Salla border crossing and Raja-Jooseppi; Norway kept Storskog open, and "
               "patrols watched the Pasvik River.",
               ("Vaalimaa", "Nuijamaa border crossing", "Niirala", "Vartius",
                "Salla border crossing", "Raja-Jooseppi", "Storskog", "Pasvik River"),
               gaz, actors)
    firu, noru = gaz.border("FI", "RU").geometry, gaz.border("NO", "RU").geometry
    towns = {"Vaalimaa": ((60.517, 27.683), 15), "Nuijamaa border crossing": ((60.96, 28.55), 5),
             "Niirala": ((62.183, 30.383), 20), "Vartius": ((64.571, 30.577), 40),
             "Salla border crossing": ((66.833, 28.667), 35), "Raja-Jooseppi": ((68.66, 27.54), 60),
             "Storskog": ((69.727, 30.046), 15)}  # Virolahti, Nuijamaa, Tohmajärvi,
    for name, ((lat, lon), dist) in towns.items():  # Kostomuksha, Salla, Ivalo, Kirkenes
        x = p[name]
        assert x.kind == "other" and x.geometry.geom_type == "Point", name
        assert (noru if name == "Storskog" else firu).distance(x.geometry) < 0.1, name
        assert km(x.lat, x.lon, lat, lon) < dist, name
    assert p["Storskog"].country_codes == ("NO", "RU")
    lats = [p[n].lat for n in towns if n != "Storskog"]
    assert lats == sorted(lats)  # south to north along the border
    pasvik = p["Pasvik River"]
    assert pasvik.kind == "river" and line_like(pasvik)
    for lat, lon in ((69.1, 29.21), (69.43, 30.09), (69.58, 30.2)):
        assert near(pasvik.geometry, lat, lon, 0.03), (lat, lon)
    assert near(pasvik.geometry, 69.413, 30.222, 0.15)  # Nikel
    assert not near(pasvik.geometry, 68.968, 33.099, 1.0)  # Murmansk
    r = resolved("Migrants reached the Salla crossing and the Nuijamaa crossing; Norway closed "
                 "the Storskog crossing.", gaz, actors)
    assert r["Salla crossing"].place.id == p["Salla border crossing"].id
    assert r["Nuijamaa crossing"].place.id == p["Nuijamaa border crossing"].id
    assert r["Storskog crossing"].place.id == p["Storskog"].id
    r = resolved("Floods hit Salla in Lapland; residents of Nuijamaa in Finland waited.",
                 gaz, actors)
    assert r["Salla"].place.kind == r["Nuijamaa"].place.kind == "city"


def test_curonian_and_vistula_spits_and_lagoons(gaz, actors):
    p = places("Russian jets flew over the Curonian Spit and the Curonian Lagoon, and Poland "
               "dug a canal through the Vistula Spit into the Vistula Lagoon.",
               ("Curonian Spit", "Curonian Lagoon", "Vistula Spit", "Vistula Lagoon"),
               gaz, actors)
    cspit, clag, vspit, vlag = (p[n] for n in ("Curonian Spit", "Curonian Lagoon",
                                                "Vistula Spit", "Vistula Lagoon"))
    assert cspit.kind == vspit.kind == "peninsula" and clag.kind == vlag.kind == "lake"
    assert all(polygonal(x) for x in p.values())
    assert all(set(x.country_codes) == {"LT", "RU"} for x in (cspit, clag))
    assert all(set(x.country_codes) == {"PL", "RU"} for x in (vspit, vlag))
    assert near(cspit.geometry, 55.309, 20.997, 0.03)  # Nida
    assert not inside(cspit, 55.71, 21.13) and not inside(clag, 55.71, 21.13)  # Klaipėda
    assert cspit.geometry.area < 0.06 and cspit.geometry.intersects(gaz.place("country-LT").geometry)
    assert inside(clag, 55.3, 21.15) and not inside(clag, 55.3, 20.7)  # the Baltic side
    assert cspit.geometry.intersection(clag.geometry).area < 0.1 * cspit.geometry.area
    assert inside(vlag, 54.4, 19.6) and not inside(vlag, 54.16, 19.4)  # Elbląg, inland
    assert near(vspit.geometry, 54.38, 19.45, 0.03)  # Krynica Morska
    for code in ("PL", "RU"):
        shape = gaz.place(f"country-{code}").geometry
        assert vlag.geometry.intersection(shape).area > 0.01, code
        assert vspit.geometry.intersects(shape), code


def test_india_china_and_india_pakistan_flashpoints(gaz, actors):
    p = places("Indian and Chinese troops pulled back from Gogra-Hot Springs and Demchok; talks "
               "were held at Bum La, troops crossed Sela Pass and soldiers clashed at Yangtse. "
               "India closed the Wagah border, and shells fell in Krishna Ghati.",
               ("Gogra-Hot Springs", "Demchok", "Bum La", "Sela Pass", "Yangtse",
                "Wagah border", "Krishna Ghati"), gaz, actors)
    lac = gaz.place("other-line-of-actual-control").geometry
    loc = gaz.place("other-line-of-control").geometry
    gogra, demchok = p["Gogra-Hot Springs"], p["Demchok"]
    assert gogra.kind == "region" and gogra.geometry.distance(lac) < 0.1
    assert km(gogra.lat, gogra.lon, 33.6, 78.65) < 100  # north of Chushul
    assert demchok.kind == "city" and demchok.country_codes == ("IN",)
    assert demchok.geometry.distance(lac) < 0.1
    tawang = (27.574, 91.795)
    for name, (lo, hi) in (("Bum La", (15, 40)), ("Sela Pass", (20, 45)), ("Yangtse", (15, 45))):
        x = p[name]
        assert x.kind == "other" and x.geometry.geom_type == "Point", name
        assert lo < km(x.lat, x.lon, *tawang) < hi, name
    assert p["Bum La"].geometry.distance(lac) < 0.1 and p["Sela Pass"].lat < tawang[0]
    wagah = p["Wagah border"]
    assert set(wagah.country_codes) == {"IN", "PK"}
    assert gaz.border("IN", "PK").geometry.distance(wagah.geometry) < 0.05
    assert 20 < km(wagah.lat, wagah.lon, 31.634, 74.872) < 35  # Amritsar
    assert 15 < km(wagah.lat, wagah.lon, 31.55, 74.34) < 30  # Lahore
    kg = p["Krishna Ghati"]
    assert kg.geometry.distance(loc) < 0.15 and km(kg.lat, kg.lon, 33.77, 74.093) < 30  # Poonch
    r = resolved("Chinese troops left Gogra in Ladakh, and traders crossed at Attari.",
                 gaz, actors)
    assert r["Gogra"].place.id == gogra.id and r["Attari"].place.id == wagah.id
    r = resolved("Floods hit Hot Springs, Arkansas.", gaz, actors)
    assert r["Hot Springs"].place.country_codes == ("US",)


def test_afghanistan_pakistan_line_crossing_pass_and_valleys(gaz, actors):
    p = places("The Taliban reject the Durand Line; trucks queued at Torkham at the foot of the "
               "Khyber Pass, resistance fighters held out in the Panjshir Valley, and the "
               "Wakhan Corridor stayed quiet.", ("Durand Line", "Torkham", "Khyber Pass",
                                                 "Panjshir Valley", "Wakhan Corridor"),
               gaz, actors)
    durand, torkham, khyber = p["Durand Line"], p["Torkham"], p["Khyber Pass"]
    assert line_like(durand) and set(durand.country_codes) == {"AF", "PK"}
    assert durand.geometry.distance(torkham.geometry) < 0.02
    assert near(durand.geometry, 30.92, 66.45, 0.1)  # Chaman
    assert torkham.geometry.geom_type == "Point"
    assert line_like(khyber) and near(khyber.geometry, 34.099, 71.141, 0.02)  # Landi Kotal
    assert near(khyber.geometry, 34.002, 71.38, 0.02)  # Jamrud
    assert khyber.geometry.distance(torkham.geometry) < 0.01
    panjshir, wakhan = p["Panjshir Valley"], p["Wakhan Corridor"]
    assert panjshir.kind == wakhan.kind == "region" and panjshir.country_codes == ("AF",)
    assert inside(panjshir, 35.313, 69.515)  # Bazarak
    assert not inside(panjshir, 34.53, 69.17)  # Kabul
    assert polygonal(wakhan) and inside(wakhan, 37.0, 73.0)
    for lat, lon in ((37.117, 70.58), (35.919, 74.312), (36.725, 71.613)):
        assert not inside(wakhan, lat, lon), (lat, lon)  # Faizabad, Gilgit, Ishkashim (TJ)
    minx, miny, maxx, maxy = wakhan.geometry.bounds
    assert maxx - minx > 2.5 and maxy - miny < 1.2  # a long, narrow corridor


def test_the_hakari_bridge_and_lake_sevan(gaz, actors):
    p = places("Azerbaijan set up a checkpoint at the Hakari bridge, and Armenians rallied by "
               "Lake Sevan.", ("Hakari bridge", "Lake Sevan"), gaz, actors)
    bridge, sevan = p["Hakari bridge"], p["Lake Sevan"]
    assert bridge.kind == "bridge" and line_like(bridge)
    assert bridge.geometry.distance(gaz.place("other-lachin-corridor").geometry) < 0.03
    assert bridge.geometry.distance(gaz.border("AM", "AZ").geometry) < 0.1
    assert sevan.kind == "lake" and sevan.country_codes == ("AM",) and polygonal(sevan)
    assert inside(sevan, 40.3, 45.35) and near(sevan.geometry, 40.55, 44.95, 0.03)  # Sevan town
    for lat, lon in ((40.18, 44.51), (40.36, 45.13), (40.18, 45.72)):
        assert not inside(sevan, lat, lon), (lat, lon)  # Yerevan, Gavar, Vardenis
    assert 0.08 < sevan.geometry.area < 0.2  # about 1,250 km²
    r = resolved("Protesters gathered in Sevan, Armenia.", gaz, actors)
    assert r["Sevan"].place.kind == "city"


def test_iraq_ranges_and_plains_the_shatt_and_gulf_and_red_sea_islands(gaz, actors):
    p = places("Yazidis fled to the Sinjar Mountains; Turkish drones hit the Qandil Mountains "
               "and Christians returned to the Nineveh Plains. Tankers sailed down the Shatt "
               "al-Arab past Kharg Island, Greater Tunb and Lesser Tunb, to Socotra and Perim.",
               ("Sinjar Mountains", "Qandil Mountains", "Nineveh Plains", "Shatt al-Arab",
                "Kharg Island", "Greater Tunb", "Lesser Tunb", "Socotra", "Perim"), gaz, actors)
    sinjar, qandil, nineveh = p["Sinjar Mountains"], p["Qandil Mountains"], p["Nineveh Plains"]
    assert sinjar.kind == qandil.kind == "mountains" and nineveh.kind == "region"
    assert inside(sinjar, 36.38, 41.75) and not inside(sinjar, 36.32, 41.88)  # Sinjar town,
    assert near(sinjar.geometry, 36.32, 41.88, 0.05)                          # at its foot
    assert inside(qandil, 36.45, 45.05)
    for lat, lon in ((36.19, 44.01), (35.56, 45.43)):  # Erbil, Sulaymaniyah
        assert not inside(qandil, lat, lon) and not inside(nineveh, lat, lon), (lat, lon)
    assert inside(nineveh, 36.271, 43.378) and not inside(nineveh, 36.34, 43.12)  # Qaraqosh,
    shatt = p["Shatt al-Arab"]                                                       # Mosul
    assert shatt.kind == "river" and line_like(shatt) and set(shatt.country_codes) == {"IQ", "IR"}
    for lat, lon in ((30.509, 47.78), (30.441, 48.184), (29.974, 48.473)):
        assert near(shatt.geometry, lat, lon, 0.05), (lat, lon)  # Basra, Khorramshahr, Fao
    assert shatt.geometry.distance(gaz.place("sea-persian-gulf").geometry) < 0.1
    gulf = gaz.place("sea-persian-gulf").geometry
    for name in ("Kharg Island", "Greater Tunb", "Lesser Tunb"):
        x = p[name]
        assert x.kind == "island" and gulf.buffer(0.05).contains(x.geometry), name
    kharg = p["Kharg Island"]
    assert kharg.country_codes == ("IR",) and km(kharg.lat, kharg.lon, 29.26, 50.33) < 5
    gt, lt = p["Greater Tunb"], p["Lesser Tunb"]
    assert set(gt.country_codes) == {"IR", "AE"} and 10 < km(gt.lat, gt.lon, lt.lat, lt.lon) < 25
    assert gaz.place("strait-strait-of-hormuz").geometry.distance(gt.geometry) < 0.8
    socotra, perim = p["Socotra"], p["Perim"]
    assert socotra.kind == "island" and polygonal(socotra) and socotra.country_codes == ("YE",)
    assert inside(socotra, 12.5, 53.8) and not inside(socotra, 14.54, 49.12)  # Mukalla
    assert perim.geometry.distance(gaz.place("strait-bab-el-mandeb").geometry) < 0.1
    r = resolved("Yazidis were trapped on Mount Sinjar while PKK fighters withdrew to Qandil.",
                 gaz, actors)
    assert r["Mount Sinjar"].place.id == sinjar.id and r["Qandil"].place.id == qandil.id


def test_the_white_nile_darfur_the_great_lakes_and_the_horn(gaz, actors):
    p = places("Boats crossed the White Nile River at Kosti; RSF fighters shelled Jebel Marra; "
               "M23 rebels advanced along Lake Kivu through Virunga National Park; fighting "
               "spread in the Ogaden, and Egypt protested the Grand Ethiopian Renaissance Dam.",
               ("White Nile River", "Jebel Marra", "Lake Kivu", "Virunga National Park",
                "Ogaden", "Grand Ethiopian Renaissance Dam"), gaz, actors)
    white = p["White Nile River"]
    assert white.id == "river-white-nile" and line_like(white)
    for lat, lon in ((13.17, 32.66), (9.53, 31.65), (4.85, 31.6), (15.6, 32.53)):
        assert near(white.geometry, lat, lon, 0.1), (lat, lon)  # Kosti, Malakal, Juba, Khartoum
    assert not near(white.geometry, 14.4, 33.52, 0.3)  # Wad Madani, on the Blue Nile
    marra = p["Jebel Marra"]
    assert marra.kind == "mountains" and inside(marra, 12.95, 24.27)  # Deriba caldera
    for lat, lon in ((12.049, 24.881), (13.63, 25.35), (12.909, 23.471)):
        assert not inside(marra, lat, lon), (lat, lon)  # Nyala, El Fasher, Zalingei
    assert gaz.place("region-darfur").geometry.contains(marra.geometry.centroid)
    kivu, virunga = p["Lake Kivu"], p["Virunga National Park"]
    assert kivu.kind == "lake" and set(kivu.country_codes) == {"CD", "RW"}
    assert inside(kivu, -2.0, 29.15)
    for lat, lon in ((-1.674, 29.228), (-2.491, 28.843), (-1.703, 29.256)):
        assert near(kivu.geometry, lat, lon, 0.06), (lat, lon)  # Goma, Bukavu, Gisenyi
    assert virunga.kind == "region" and virunga.country_codes == ("CD",)
    assert inside(virunga, -1.52, 29.25) and near(virunga.geometry, -1.187, 29.447, 0.05)
    assert not inside(virunga, -1.674, 29.228) and not inside(virunga, 0.142, 29.291)  # Goma,
    ogaden = p["Ogaden"]                                                                # Butembo
    assert ogaden.kind == "region" and ogaden.country_codes == ("ET",)
    for lat, lon in ((8.221, 43.557), (6.74, 44.278), (5.951, 43.552), (6.974, 45.341)):
        assert inside(ogaden, lat, lon), (lat, lon)  # Degehabur, Kebri Dahar, Gode, Warder
    for lat, lon in ((9.314, 42.118), (9.35, 42.8), (9.03, 38.74)):
        assert not inside(ogaden, lat, lon), (lat, lon)  # Harar, Jijiga, Addis Ababa
    dam = p["Grand Ethiopian Renaissance Dam"]
    assert dam.geometry.geom_type == "Point" and dam.country_codes == ("ET",)
    assert dam.geometry.distance(gaz.place("river-blue-nile").geometry) < 0.05
    assert gaz.place("country-SD").geometry.distance(dam.geometry) < 0.4
    r = resolved("Fighting in White Nile state; the Nile flooded Cairo.", gaz, actors)
    assert r["White Nile state"].place.kind == "admin1" and r["Nile"].place.id == "river-nile"


def test_kerch_strait_island_and_peninsula(gaz, actors):
    p = places("The bridge runs from the Taman Peninsula via Tuzla island to Kerch.",
               ("Taman Peninsula", "Tuzla island", "Kerch"), gaz, actors)
    taman, tuzla = p["Taman Peninsula"], p["Tuzla island"]
    assert taman.kind == "peninsula" and polygonal(taman) and taman.country_codes == ("RU",)
    assert inside(taman, 45.25, 36.9)  # between Taman and the Kerch Strait
    assert not inside(taman, 45.36, 36.47)  # Kerch, across the strait
    assert tuzla.kind == "island" and km(tuzla.lat, tuzla.lon, 45.29, 36.55) < 5
    assert p["Kerch"].kind == "city"  # not Tuzla, Bosnia


def test_latvian_and_polish_regions_ranges_and_bases(gaz, actors):
    p = places("Migrants crossed into Latgale and the Masurian Lake District. Troops trained "
               "at the Wędrzyn range; drones flew from Naval Air Station Sigonella. Shelling "
               "hit the Donetsk Filter Station near Avdiivka.",
               ("Latgale", "Masurian Lake District", "Wędrzyn range",
                "Naval Air Station Sigonella", "Donetsk Filter Station"), gaz, actors)
    lat = p["Latgale"]
    assert lat.kind == "region" and polygonal(lat) and lat.country_codes == ("LV",)
    assert inside(lat, 55.87, 26.53) and inside(lat, 56.51, 27.33)  # Daugavpils, Rēzekne
    assert not inside(lat, 56.95, 24.1)  # Riga
    mas = p["Masurian Lake District"]
    assert inside(mas, 54.03, 21.77) and not inside(mas, 53.78, 20.49)  # Giżycko; not Olsztyn
    assert p["Wędrzyn range"].kind == "training_ground"
    assert p["Naval Air Station Sigonella"].kind == "base"
    assert km(p["Naval Air Station Sigonella"].lat, p["Naval Air Station Sigonella"].lon,
              37.40, 14.92) < 5
    dfs = p["Donetsk Filter Station"]
    assert km(dfs.lat, dfs.lon, 48.10, 37.79) < 5
