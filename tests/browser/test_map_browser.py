"""The map page in headless Chromium with every outside host resolved to nowhere.

Checks what is drawn (from the DOM: Leaflet paths per pane, labels, legend and
slider text; from the screenshot: the land, sea and actor colours), that the
page's own actor filter and time slider work, that the page loads nothing from
any http(s) URL, and that hostile article text never runs as script.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flashpoints import assets, maps
from flashpoints.export import render_html
from flashpoints.maps import build_map

import _browser  # tests/_browser.py
from test_maps import event, hostile_data, make_data  # tests/test_maps.py

pytestmark = pytest.mark.browser

LAND = (0xE9, 0xE9, 0xE4)
SEA = (0xD3, 0xE3, 0xEC)
RUSSIA = (0xD7, 0x19, 0x1C)
BORDER = (0xC2, 0x41, 0x0C)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _browser.find_chromium()
    if not path:
        pytest.skip("Chromium not found: install the Debian package 'chromium' "
                    "(apt-get install chromium, or make chromium)")
    return path


@pytest.fixture(scope="module")
def real_basemap() -> Path:
    path = assets.countries_path()
    if not path.exists():
        pytest.skip(f"{path} is not built yet (tools/build_countries.py): the acceptance "
                    "test draws the real basemap")
    return path


def _json_pre(dom: str, pre_id: str) -> str:
    m = re.search(rf'<pre id="{pre_id}">(.*?)</pre>', dom, re.S)
    assert m, f"probe {pre_id} did not report (page script failed?)"
    import html as _html

    return _html.unescape(m.group(1))


#: After the page has settled: what each pane holds, the legend and slider text,
#: then the actor checkbox and the time slider used like a person would.
DRAW_PROBE = r"""
window.addEventListener('load', function () { setTimeout(function () {
  var out = {}, root = document.documentElement;
  function n(sel) { return document.querySelectorAll(sel).length; }
  function text(id) { var e = document.getElementById(id); return e ? e.textContent : null; }
  out.basemap = n('.leaflet-fp-basemap-pane path');
  out.shapes = n('.leaflet-fp-shapes-pane path');
  out.events = n('.leaflet-fp-events-pane path');
  out.places = n('.leaflet-fp-places-pane path');
  out.canvas = n('.leaflet-fp-events-pane canvas');
  out.shapeLabels = Array.prototype.map.call(document.querySelectorAll('.fp-shape-label'),
                                             function (e) { return e.textContent; });
  out.countryLabels = n('.fp-country-label');
  out.legend = text('fp-legend');
  out.time = text('fp-time');
  out.layers = text('leaflet-control-layers') || (document.querySelector(
    '.leaflet-control-layers') || {}).textContent;
  out.shown = root.getAttribute('data-fp-shown');
  var box = document.querySelector('input[data-actor="Russia"]');
  if (box) {
    box.click();
    out.shownWithoutRussia = root.getAttribute('data-fp-shown');
    out.eventsWithoutRussia = n('.leaflet-fp-events-pane path');
    box.click();
  }
  var from = document.querySelector('.fp-range-from');
  if (from) {
    from.value = from.max;
    from.dispatchEvent(new Event('input'));
  }
  setTimeout(function () {
    out.shownLastDay = root.getAttribute('data-fp-shown');
    out.rangeLabel = (document.querySelector('.fp-range-label') || {}).textContent;
    var pre = document.createElement('pre');
    pre.id = 'probe-draw';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 200);
}, 300); });
"""

#: Records fetches, XHRs and failed element loads from the very start (in <head>).
NETWORK_PROBE = r"""
window.__probeNet = [];
(function () {
  var f = window.fetch;
  window.fetch = function (u) { window.__probeNet.push('fetch ' + u); return f.apply(this, arguments); };
  var o = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (m, u) {
    window.__probeNet.push('xhr ' + u); return o.apply(this, arguments);
  };
  window.addEventListener('error', function (e) {
    if (e.target && e.target !== window) {
      window.__probeNet.push('failed ' + (e.target.src || e.target.href || e.target.tagName));
    }
  }, true);
  window.addEventListener('load', function () { setTimeout(function () {
    var pre = document.createElement('pre');
    pre.id = 'probe-net';
    pre.textContent = window.__probeNet.join('\n');
    document.body.appendChild(pre);
  }, 300); });
})();
"""


def _page(tmp_path: Path, data, name: str, *probes: tuple[str, bool], **kw) -> Path:
    html = render_html(build_map(data, **kw))
    for script, head in probes:
        html = _browser.inject(html, script, head=head)
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_map_draws_offline_and_filters(chromium, real_basemap, tmp_path: Path):
    data = make_data()
    path = _page(tmp_path, data, "map.html", (_browser.ERROR_PROBE, True),
                 (NETWORK_PROBE, True), (_browser.RESOURCE_PROBE, False), (DRAW_PROBE, False))
    dom = _browser.dump_dom(path, budget_ms=4000)

    assert _json_pre(dom, "probe-errors").strip() == "", "the page script failed"
    resources = _json_pre(dom, "probe-resources").split()
    assert not [r for r in resources if re.match(r"https?:", r)], resources
    assert _json_pre(dom, "probe-net").strip() == ""

    out = json.loads(_json_pre(dom, "probe-draw"))
    assert out["basemap"] > 200  # one path per country of the real Natural Earth file
    assert out["countryLabels"] > 10
    assert out["shapes"] == 3  # the border line along 52°N, the sea, the region
    assert sorted(out["shapeLabels"]) == ["Region R", "Test Sea", "Xland-Yland border"]
    assert out["places"] == 1
    assert out["canvas"] == 0 and out["events"] == 8 + 2  # 8 markers, arrow shaft + head
    for word in ("Russia", "Belarus", "Ukraine", "NATO", "Unknown actor", "Deployments",
                 "Border control", "Moved from → to", "Sea, gulf, strait", "Border", "Region"):
        assert word in out["legend"], word
    assert "8 of 8 events shown" in out["time"]
    assert "Flashpoints (3)" in out["layers"] and "Deployments (2)" in out["layers"]
    # the page's own actor filter and time slider
    assert out["shown"] == "8"
    assert out["shownWithoutRussia"] == "6" and out["eventsWithoutRussia"] == 6
    assert out["rangeLabel"] == "2021-11-30 – 2021-11-30"
    assert out["shownLastDay"] == "2"  # the month-long exercise and the undated threat


def _near(px: tuple[int, ...], colour: tuple[int, int, int], tol: int) -> bool:
    return sum((a - b) ** 2 for a, b in zip(px[:3], colour)) <= tol * tol


def test_screenshot_shows_basemap_shapes_markers(chromium, real_basemap, tmp_path: Path):
    image = pytest.importorskip("PIL.Image", reason="Pillow reads the screenshot")
    path = _page(tmp_path, make_data(), "map.html")
    png = _browser.screenshot(path, tmp_path / "map.png", 1400, 900, budget_ms=3000)
    with image.open(png) as im:
        assert im.size == (1400, 900)
        pixels = list(im.convert("RGB").tobytes())
        pixels = list(zip(pixels[0::3], pixels[1::3], pixels[2::3]))
    total = len(pixels)
    land = sum(1 for p in pixels if _near(p, LAND, 3))
    sea = sum(1 for p in pixels if _near(p, SEA, 3))
    red = sum(1 for p in pixels if _near(p, RUSSIA, 30))
    border = sum(1 for p in pixels if _near(p, BORDER, 30))
    assert land > total * 0.15, f"land grey: {land / total:.1%} of the picture"
    assert sea > total * 0.05, f"sea colour: {sea / total:.1%} of the picture"
    assert red > 40, f"Russia's colour: {red} pixels"  # markers (and the arrow)
    assert border > 100, f"the border line: {border} pixels"


def test_many_events_are_drawn_on_a_canvas(chromium, real_basemap, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch):
    rows = make_data(n_extra=3000)
    monkeypatch.setattr(maps, "AGGREGATE_ABOVE", 1000)
    monkeypatch.setattr(maps, "CANVAS_ABOVE", 10)
    path = _page(tmp_path, rows, "many.html", (_browser.ERROR_PROBE, True),
                 (DRAW_PROBE, False))
    dom = _browser.dump_dom(path, budget_ms=4000)
    assert _json_pre(dom, "probe-errors").strip() == ""
    out = json.loads(_json_pre(dom, "probe-draw"))
    assert out["canvas"] == 1 and out["events"] == 0  # one canvas, no SVG paths
    assert "3,008 of 3,008 events shown" in out["time"]
    assert out["shownWithoutRussia"] == str(3008 - 1000 - 2)  # filters work on aggregates
    assert "one marker per place" in out["legend"]


XSS_PROBE = r"""
window.addEventListener('load', function () { setTimeout(function () {
  var out = {popups: [], tooltips: 0, opened: 0};
  FP.map.eachLayer(function (l) {
    if (!l.feature || !l.feature.properties.popup) { return; }  // not the basemap
    var ll = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
    l.fire('click', {latlng: ll}, true);
    // the newest popup is the last one (a closed popup fades out for a moment)
    var all = document.querySelectorAll('.leaflet-popup-content'), c = all[all.length - 1];
    if (c) { out.opened++; out.popups.push(c.textContent); }
    l.fire('mouseover', {latlng: ll}, true);
    out.tooltips += document.querySelectorAll('.leaflet-tooltip').length;
  });
  setTimeout(function () {
    out.pwned = typeof window.__pwned;
    out.title = document.title;
    out.legend = document.getElementById('fp-legend').textContent;
    out.labels = Array.prototype.map.call(document.querySelectorAll('.fp-shape-label'),
                                          function (e) { return e.textContent; });
    var pre = document.createElement('pre');
    pre.id = 'probe-xss';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 300);
}, 300); });
"""


def test_hostile_article_text_never_runs(chromium, tmp_path: Path):
    data = hostile_data()
    html = render_html(build_map(data))
    assert "<script>window.__pwned" not in html
    path = _page(tmp_path, data, "xss.html", (XSS_PROBE, False))
    dom = _browser.dump_dom(path, budget_ms=4000)
    out = json.loads(_json_pre(dom, "probe-xss"))
    assert out["pwned"] == "undefined"
    assert out["title"] == "Flashpoints"
    assert out["opened"] >= 4 and out["tooltips"] >= 1  # popups really opened
    popups = "\n".join(out["popups"])
    # the text is shown as text
    assert "They said <script>window.__pwned=1</script> and <img src=x" in popups
    assert "Actor <script>window.__pwned=1</script> · deployment" in popups
    assert "Actor <script>window.__pwned=1</script>" in out["legend"]
    assert any(lab.startswith("Border <img src=x") for lab in out["labels"])
    drawn = re.sub(r"<script\b.*?</script>", "", dom, flags=re.S)
    assert not re.search(r"<img\b|<[a-z][^<>]*\sonerror\s*=", drawn)  # no element made


def test_statement_event_sits_at_the_row_position(chromium, tmp_path: Path):
    """A statement placed (by the events stage) at a capital is drawn there."""
    from flashpoints.table import EVENT_COLUMNS, PLACE_COLUMNS, Extraction, frame

    data = Extraction(places=frame([], PLACE_COLUMNS), events=frame(
        [event(0, "Russia", "statement", place="Moscow", place_id="city-moscow",
               lat=55.75, lon=37.62)], EVENT_COLUMNS))
    probe = r"""
    window.addEventListener('load', function () { setTimeout(function () {
      var pos = [];
      FP.eventLayers.forEach(function (l) { l.eachLayer(function (m) {
        pos.push([m.getLatLng().lat, m.getLatLng().lng]); }); });
      var pre = document.createElement('pre'); pre.id = 'probe-pos';
      pre.textContent = JSON.stringify(pos); document.body.appendChild(pre);
    }, 200); });
    """
    path = _page(tmp_path, data, "statement.html", (probe, False))
    out = json.loads(_json_pre(_browser.dump_dom(path, budget_ms=2000), "probe-pos"))
    assert out == [[55.75, 37.62]]


def test_folium_elements_added_later_work_offline(chromium, tmp_path: Path):
    """Other code may add plain folium objects (a marker with a folium.Popup) to the
    map: the page has no jQuery, our shim answers folium's ``$(...)``."""
    import folium

    m = build_map(make_data())
    group = folium.FeatureGroup(name="Added later")
    folium.CircleMarker([50.0, 30.0], radius=9, popup=folium.Popup("plain text")).add_to(group)
    group.add_to(m)
    html = _browser.inject(render_html(m), _browser.ERROR_PROBE, head=True)
    html = _browser.inject(html, DRAW_PROBE)
    path = tmp_path / "later.html"
    path.write_text(html, encoding="utf-8")
    dom = _browser.dump_dom(path, budget_ms=3000)
    assert _json_pre(dom, "probe-errors").strip() == ""
    out = json.loads(_json_pre(dom, "probe-draw"))
    assert "Added later" in out["layers"]
