"""A fake Nominatim for tests: ``/search`` on 127.0.0.1, canned answers, injected faults.

The answers are written for these tests (made-up records in Nominatim's JSON
shape, ``format=json`` with ``polygon_geojson=1`` and ``addressdetails=1``).
Every request is recorded with the time it arrived, so tests can count
requests and measure the gaps between them.

Faults (``server.fault``, or per query in ``server.faults``): ``"slow"``
(answers after ``server.slow_seconds``), ``"500"``, ``"429"``, ``"garbage"``
(an HTML body), ``"bad-coordinates"``, ``"missing-fields"``, ``"not-a-list"``.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TESTIVKA = {  # a made-up town, a node: no shape, a point
    "place_id": 1001, "osm_type": "node", "osm_id": 5550001, "lat": "50.1234567",
    "lon": "36.7654321", "class": "place", "type": "village", "addresstype": "village",
    "importance": 0.25, "name": "Testivka",
    "display_name": "Testivka, Test Raion, Kharkiv Oblast, Ukraine",
    "address": {"village": "Testivka", "state": "Kharkiv Oblast", "country": "Ukraine",
                "country_code": "ua"},
    "geojson": {"type": "Point", "coordinates": [36.7654321, 50.1234567]},
}
LAGOON = {  # a made-up sea area with a polygon
    "place_id": 2002, "osm_type": "relation", "osm_id": 7770002, "lat": "45.5", "lon": "35.5",
    "class": "natural", "type": "bay", "addresstype": "bay", "importance": 0.61,
    "name": "Testing Lagoon", "display_name": "Testing Lagoon",
    "address": {"bay": "Testing Lagoon", "country": "Ukraine", "country_code": "ua"},
    "geojson": {"type": "Polygon", "coordinates": [[[35.0, 45.0], [36.0, 45.0], [36.0, 46.0],
                                                    [35.0, 46.0], [35.0, 45.0]]]},
}
PROVINCE = {  # an administrative area: kind from its address type
    "place_id": 3003, "osm_type": "relation", "osm_id": 8880003, "lat": "48.0", "lon": "37.8",
    "class": "boundary", "type": "administrative", "addresstype": "state",
    "importance": 0.7, "name": "Test Oblast", "display_name": "Test Oblast, Ukraine",
    "address": {"state": "Test Oblast", "country": "Ukraine", "country_code": "ua"},
    "geojson": {"type": "MultiPolygon", "coordinates": [
        [[[37.0, 47.0], [38.5, 47.0], [38.5, 49.0], [37.0, 49.0], [37.0, 47.0]]],
        [[[39.0, 47.0], [39.5, 47.0], [39.5, 47.5], [39.0, 47.0]]]]},
}
ANSWERS: dict[str, list[dict[str, Any]]] = {
    "testivka": [TESTIVKA], "testing lagoon": [LAGOON], "test oblast": [PROVINCE],
}


@dataclass
class Request:
    at: float  # time.monotonic() when it arrived
    path: str
    params: dict[str, str]
    headers: dict[str, str]


class FakeNominatim:
    """``with FakeNominatim() as server: ... server.domain ... server.requests``."""

    def __init__(self, answers: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.answers = dict(ANSWERS if answers is None else answers)
        self.requests: list[Request] = []
        self.fault: str | None = None
        self.faults: dict[str, str] = {}
        self.slow_seconds = 2.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                fake._handle(self)

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.domain = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "FakeNominatim":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # wakes "slow" handlers
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def queries(self) -> list[str]:
        with self._lock:
            return [r.params.get("q", "") for r in self.requests]

    # -- serving

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        url = urlsplit(h.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        with self._lock:
            self.requests.append(Request(time.monotonic(), url.path, params, dict(h.headers)))
        if url.path != "/search":
            return self._send(h, 404, b'{"error": "not found"}')
        query = params.get("q", "")
        fault = self.faults.get(query.casefold(), self.fault)
        if fault == "slow":
            self._stop.wait(self.slow_seconds)
            fault = None
        if fault == "500":
            return self._send(h, 500, b"<html><body>Internal Server Error</body></html>",
                              "text/html")
        if fault == "429":
            return self._send(h, 429, b"<html><body>Too Many Requests</body></html>",
                              "text/html", {"Retry-After": "1"})
        if fault == "garbage":
            return self._send(h, 200, b"<html><body>Bandwidth limit exceeded</body></html>")
        records = [dict(r) for r in self.answers.get(query.casefold(), [])]
        if fault == "bad-coordinates":
            records = [dict(TESTIVKA, lat="123.4", lon="36.7")]
        elif fault == "bad-longitude":
            records = [dict(TESTIVKA, lat="50.1", lon="536.7")]
        elif fault == "missing-fields":
            records = [{"place_id": 9, "display_name": "Somewhere"}]
        elif fault == "not-a-list":
            return self._send(h, 200, b'"just a string"')
        codes = params.get("countrycodes")
        if codes:
            wanted = set(codes.split(","))
            records = [r for r in records
                       if r.get("address", {}).get("country_code") in wanted]
        limit = int(params.get("limit", "10"))
        self._send(h, 200, json.dumps(records[:limit]).encode())

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes,
              ctype: str = "application/json", headers: dict[str, str] | None = None) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass
