"""Acceptance: the reference article's map, exported and opened in headless Chromium
with every outside host resolved to nowhere. Reads ../shared/seed (skips without it)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import _browser  # tests/_browser.py
from test_map_browser import (DRAW_PROBE, NETWORK_PROBE, _json_pre, _near, BORDER, LAND,
                              SEA, chromium, real_basemap)  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.seed]


@pytest.fixture(scope="module")
def seed_html(seed_text, gaz, actors, tmp_path_factory) -> Path:
    from flashpoints.article import from_text
    from flashpoints.export import save_html
    from flashpoints.maps import build_map
    from flashpoints.pipeline import extract

    x = extract(from_text(seed_text, source="seed"), gazetteer=gaz, actors=actors)
    return save_html(build_map(x, tiles="none"), tmp_path_factory.mktemp("seed") / "seed.html")


def test_seed_page_fetches_nothing(seed_html):
    from flashpoints import assets
    from test_maps import FETCHES, URL  # the same checks as the synthetic map's

    html = seed_html.read_text(encoding="utf-8")
    ours = html.replace(assets.leaflet_js(), "").replace(assets.leaflet_css(), "")
    assert "<script src" not in html and "<link" not in html
    for pattern in FETCHES:
        assert not pattern.search(ours), pattern.search(ours)
    assert set(URL.findall(ours)) <= {"http://www.w3.org/2000/svg"}


def test_seed_map_draws_the_five_flashpoints_markers_and_legend(chromium, real_basemap,
                                                                 seed_html, tmp_path):
    html = seed_html.read_text(encoding="utf-8")
    for script, head in ((_browser.ERROR_PROBE, True), (NETWORK_PROBE, True),
                         (_browser.RESOURCE_PROBE, False), (DRAW_PROBE, False)):
        html = _browser.inject(html, script, head=head)
    page = tmp_path / "probed.html"
    page.write_text(html, encoding="utf-8")
    dom = _browser.dump_dom(page, budget_ms=5000)
    assert _json_pre(dom, "probe-errors").strip() == "", "the page script failed"
    assert not [r for r in _json_pre(dom, "probe-resources").split() if re.match(r"https?:", r)]
    assert _json_pre(dom, "probe-net").strip() == ""
    out = json.loads(_json_pre(dom, "probe-draw"))
    assert out["basemap"] > 200
    labels = set(out["shapeLabels"])
    for name in ("Poland–Belarus border", "Black Sea", "Sea of Azov", "Crimea", "Donbas"):
        assert name in labels, (name, sorted(labels))
    assert out["shapes"] >= 5
    assert out["events"] >= 20  # event markers (and arrows) drawn
    for word in ("Russia", "Ukraine", "United Kingdom", "United States", "Deployments",
                 "Naval activity", "Border", "Sea, gulf, strait", "Region"):
        assert word in out["legend"], word


def test_seed_screenshot(chromium, real_basemap, seed_html, tmp_path):
    image = pytest.importorskip("PIL.Image", reason="Pillow reads the screenshot")
    png = _browser.screenshot(seed_html, tmp_path / "seed.png", 1400, 900, budget_ms=4000)
    with image.open(png) as im:
        rgb = im.convert("RGB").tobytes()
    pixels = list(zip(rgb[0::3], rgb[1::3], rgb[2::3]))
    total = len(pixels)
    assert sum(1 for p in pixels if _near(p, LAND, 3)) > total * 0.15
    assert sum(1 for p in pixels if _near(p, SEA, 3)) > total * 0.03
    assert sum(1 for p in pixels if _near(p, BORDER, 30)) > 200  # the derived borders
