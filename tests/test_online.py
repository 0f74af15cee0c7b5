"""The optional Nominatim fallback, against a fake Nominatim on 127.0.0.1 (never the internet)."""
from __future__ import annotations

import logging

import pytest
from _fake_nominatim import LAGOON, FakeNominatim
from shapely.geometry import shape

from flashpoints.online import OnlineGeocoder, confidence, kind_of
from flashpoints.records import PLACE_KINDS, Place


@pytest.fixture
def server():
    with FakeNominatim() as s:
        yield s


@pytest.fixture
def make(server, tmp_path):
    """An OnlineGeocoder pointed at the fake server, with its own cache file."""
    made = []

    def _make(**kw):
        opts = dict(scheme="http", domain=server.domain, min_delay_seconds=0.0, timeout=2.0,
                    max_retries=0, cache_path=tmp_path / "cache.sqlite", proxies={})
        opts.update(kw)
        g = OnlineGeocoder(**opts)
        made.append(g)
        return g

    yield _make
    for g in made:
        g.close()


def test_good_answer_is_a_place_with_a_point(make, server):
    p = make().lookup("Testivka")
    assert isinstance(p, Place)
    assert (p.lat, p.lon) == (50.1234567, 36.7654321)
    assert p.geometry.geom_type == "Point" and (p.geometry.x, p.geometry.y) == (p.lon, p.lat)
    assert p.source == "nominatim" and p.kind == "city" and p.name == "Testivka"
    assert p.country_codes == ("UA",) and p.source_id == "node/5550001"
    req = server.requests[0]
    assert req.path == "/search" and req.params["q"] == "Testivka"
    assert req.params["polygon_geojson"] == "1" and req.params["format"] == "json"
    assert req.headers["User-Agent"] == "flashpoints/0.1"


def test_polygon_answer_keeps_its_shape(make):
    g = make()
    m = g.search("Testing Lagoon")
    assert m is not None
    assert m.place.geometry.geom_type == "Polygon"
    assert m.place.geometry.equals(shape(LAGOON["geojson"]))
    assert m.place.kind == "gulf" and (m.place.lat, m.place.lon) == (45.5, 35.5)
    assert m.confidence == confidence(0.61) and 0.3 <= m.confidence <= 0.9
    oblast = g.lookup("Test Oblast")
    assert oblast.kind == "admin1" and oblast.geometry.geom_type == "MultiPolygon"


def test_country_codes_are_sent_and_part_of_the_key(make, server):
    g = make()
    assert g.lookup("Testivka", country_codes=["RU"]) is None
    assert server.requests[-1].params["countrycodes"] == "ru"
    assert g.lookup("Testivka", country_codes=("UA",)) is not None
    assert server.count == 2


def test_cache_prevents_a_second_request(make, server, tmp_path):
    g = make()
    first = g.lookup("Testing Lagoon")
    assert server.count == 1
    again = g.lookup("  testing   LAGOON ")
    assert server.count == 1 and again == first
    # negative answers are kept too
    assert g.lookup("Nowhere At All") is None
    assert g.lookup("Nowhere At All") is None
    assert server.count == 2
    # and on disk: a new geocoder (a new session) asks nothing
    g2 = make()
    assert g2.lookup("Testing Lagoon").geometry.equals(first.geometry)
    assert g2.lookup("nowhere at all") is None
    assert server.count == 2 and g2.requests == 0 and g2.cache_hits == 2


def test_rate_limiter_spaces_requests(make, server):
    g = make(min_delay_seconds=0.2, cache=False)
    for name in ("Testivka", "Testing Lagoon", "Test Oblast", "Nowhere"):
        g.lookup(name)
    times = [r.at for r in server.requests]
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:])]
    # the limiter spaces the starts of requests by 0.2 s; arrivals at the server
    # can be a few milliseconds closer when one connection is set up faster
    assert min(gaps) >= 0.2 - 0.01, gaps


@pytest.mark.parametrize("fault", ["slow", "500", "429", "garbage", "bad-coordinates",
                                   "bad-longitude", "missing-fields", "not-a-list"])
def test_faults_give_none_and_a_warning(make, server, caplog, fault):
    server.fault = fault
    server.slow_seconds = 1.5
    g = make(timeout=0.3)
    with caplog.at_level(logging.WARNING, logger="flashpoints.online"):
        assert g.lookup("Testivka") is None
    warnings = [r for r in caplog.records if r.name == "flashpoints.online"
                and r.levelno == logging.WARNING]
    assert warnings, f"no warning for {fault}"
    assert "Testivka" in warnings[0].getMessage()
    # a failure is not cached: once the service is well again, it is asked again
    server.fault = None
    assert g.lookup("Testivka") is not None
    assert server.count == 2


def test_retries_on_server_errors_then_gives_up(make, server, caplog):
    server.fault = "500"
    g = make(max_retries=1, min_delay_seconds=0.05, error_wait_seconds=0.05)
    with caplog.at_level(logging.WARNING):
        assert g.lookup("Testivka") is None
    assert server.count == 2  # the first try and one retry


def test_service_down_is_not_asked_again(make, server, caplog):
    server.fault = "500"
    g = make(max_failures=3)
    with caplog.at_level(logging.WARNING, logger="flashpoints.online"):
        for name in ("a", "b", "c", "d", "e"):
            assert g.lookup(name) is None
    assert server.count == 3 and g.disabled
    assert any("not asking it again" in r.getMessage() for r in caplog.records)


def test_unreachable_service(tmp_path, caplog):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there
    g = OnlineGeocoder(scheme="http", domain=f"127.0.0.1:{port}", min_delay_seconds=0,
                       max_retries=0, timeout=1, cache_path=tmp_path / "c.sqlite", proxies={})
    with caplog.at_level(logging.WARNING, logger="flashpoints.online"):
        assert g.lookup("Testivka") is None
    assert caplog.records
    g.close()


def test_unwritable_cache_is_not_fatal(make, server, caplog):
    with caplog.at_level(logging.WARNING, logger="flashpoints.online"):
        g = make(cache_path="/proc/flashpoints-test/cache.sqlite")
        assert g.lookup("Testivka") is not None
        assert g.lookup("Testivka") is not None
    assert server.count == 1  # still cached in memory
    assert any("cache" in r.getMessage() for r in caplog.records)


def test_default_cache_location(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASHPOINTS_CACHE", str(tmp_path / "c"))
    g = OnlineGeocoder()
    assert g.cache.path == tmp_path / "c" / "nominatim.sqlite" and g.cache.path.exists()
    assert g.nominatim.domain == "nominatim.openstreetmap.org"
    assert g.nominatim.scheme == "https"
    assert g.nominatim.headers["User-Agent"] == "flashpoints/0.1"
    g.close()


def test_empty_name_sends_nothing(make, server):
    assert make().lookup("   ") is None
    assert server.count == 0


@pytest.mark.parametrize("cls, typ, addresstype, kind", [
    ("boundary", "administrative", "country", "country"),
    ("boundary", "administrative", "state", "admin1"),
    ("boundary", "administrative", "county", "admin2"),
    ("boundary", "administrative", "city", "city"),
    ("place", "city", "city", "city"),
    ("place", "sea", "", "sea"),
    ("natural", "strait", "", "strait"),
    ("natural", "water", "", "lake"),
    ("natural", "peninsula", "", "peninsula"),
    ("waterway", "river", "", "river"),
    ("military", "naval_base", "", "base"),
    ("landuse", "military", "", "base"),
    ("military", "range", "", "training_ground"),
    ("man_made", "pipeline", "", "pipeline"),
    ("amenity", "cafe", "", "other"),
])
def test_kinds(cls, typ, addresstype, kind):
    assert kind_of(cls, typ, addresstype) == kind
    assert kind in PLACE_KINDS


def test_huge_shapes_are_simplified_and_bad_shapes_dropped():
    import math

    from flashpoints.online import MAX_VERTICES, match_from_raw

    ring = [[35 + math.cos(2 * math.pi * i / 40000), 45 + math.sin(2 * math.pi * i / 40000)]
            for i in range(40000)]
    ring.append(ring[0])
    raw = dict(LAGOON, geojson={"type": "Polygon", "coordinates": [ring]})
    geom = match_from_raw(raw).place.geometry
    assert geom.geom_type == "Polygon" and len(geom.exterior.coords) <= MAX_VERTICES
    assert abs(geom.area - math.pi) < 0.01
    out_of_range = dict(LAGOON, geojson={"type": "Point", "coordinates": [400, 10]})
    assert match_from_raw(out_of_range).place.geometry.geom_type == "Point"
    assert match_from_raw(out_of_range).place.lon == 35.5
    broken = dict(LAGOON, geojson={"type": "Polygon", "coordinates": "nonsense"})
    assert match_from_raw(broken).place.geometry.geom_type == "Point"
