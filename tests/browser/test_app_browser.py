"""The Streamlit app in a real browser, with every outside host blocked.

``streamlit run app.py`` is started on a free local port; Debian's Chromium is
driven through Playwright (the pip package only: its own browser downloads are
never used, ``executable_path`` points at the system Chromium). The test waits
for the map to be drawn inside the page, clicks the actor filter like a person
would, and checks that the count, the table and the map follow. The same filter
given as a query parameter (``?actor=...``) must give the same page. The first
screenshot is saved to ``docs/app.png`` for the README.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
DOCS_PNG = ROOT / "docs" / "app.png"
MAIN_SAMPLE = ROOT / "data" / "samples" / "border-standoff-2021-11-15.md"
VIEWPORT = {"width": 1400, "height": 1100}
SHOWN = re.compile(r"(\d+) events? shown of (\d+)")

#: Used when the bundled sample is not there (written for this test).
FALLBACK_ARTICLE = """# Troops gather on two borders

15 November 2021

Russia moved 8,000 troops towards its border with Ukraine on Sunday, analysts said.

Poland deployed 12,000 soldiers along the Polish-Belarusian border last week.

Ukraine held naval exercises in the Sea of Azov on Saturday, its navy said.

NATO said it was watching the Black Sea closely.
"""


def _chromium_flags() -> list[str]:
    """The headless flags of tests/_browser.py (outside hosts resolve to nowhere)."""
    from _browser import CHROMIUM_FLAGS

    # Playwright adds its own headless flag
    return [f for f in CHROMIUM_FLAGS if not f.startswith("--headless")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium() -> str:
    from _browser import find_chromium

    path = find_chromium()
    if not path:
        pytest.skip("Chromium not found: install the Debian package 'chromium' (make chromium) "
                    "or set FLASHPOINTS_CHROMIUM")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """``streamlit run app.py -- ARTICLE --db TMP`` on a free port; yields its URL."""
    tmp = tmp_path_factory.mktemp("app")
    article = MAIN_SAMPLE
    if not article.exists():
        article = tmp / "standoff.md"
        article.write_text(FALLBACK_ARTICLE, encoding="utf-8")
    port = _free_port()
    log = (tmp / "streamlit.log").open("w")
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--client.toolbarMode", "minimal", "--", str(article), "--db", str(tmp / "s.db")]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail("streamlit exited: " + (tmp / "streamlit.log").read_text()[-2000:])
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("streamlit did not start within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(chromium: str):
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the pip package 'playwright' drives Chromium here (no browser download)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=_chromium_flags())
        yield b
        b.close()


def _open(browser, url: str):
    """A page at ``url`` once the app has run to its end and the map is drawn."""
    page = browser.new_page(viewport=VIEWPORT)
    outside: list[str] = []
    page.on("request", lambda req: outside.append(req.url)
            if urlsplit(req.url).hostname not in (None, "", "127.0.0.1", "localhost")
            and not req.url.startswith(("data:", "blob:", "about:")) else None)
    page.goto(url, wait_until="domcontentloaded")
    _settle(page)
    return page, outside


def _settle(page) -> None:
    page.get_by_role("heading", name="Export").wait_for(timeout=60_000)
    page.wait_for_function(  # the script has finished running
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    frame = page.frame_locator('iframe[title="Map of the events shown"]')
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    page.wait_for_timeout(500)


def _shown(page) -> tuple[int, int]:
    text = page.get_by_text(SHOWN).first.inner_text()
    m = SHOWN.search(text)
    assert m, text
    return int(m.group(1)), int(m.group(2))


def _drawn(page) -> int:
    """Vector shapes and markers drawn by Leaflet inside the map page."""
    frame = page.frame_locator('iframe[title="Map of the events shown"]')
    return frame.locator(".leaflet-interactive, .leaflet-marker-icon").count()


def _table_rows(page) -> int:
    """Rows of the events table (Streamlit's data grid reports them to assistive tech)."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    n = grid.get_attribute("aria-rowcount") or grid.locator("[aria-rowcount]").first \
        .get_attribute("aria-rowcount")
    return int(n) - 1 if n else -1


def test_filter_by_actor_in_the_browser(browser, server):
    page, outside = _open(browser, server)
    shown, total = _shown(page)
    assert shown == total > 0
    assert _drawn(page) > 0
    rows = _table_rows(page)
    DOCS_PNG.parent.mkdir(exist_ok=True)
    before = page.screenshot(path=str(DOCS_PNG))

    # a real click on the actor multiselect, then on its option with the fewest events
    page.locator('input[aria-label="Actors"]').click()
    options = page.get_by_role("option")
    options.first.wait_for()
    labels = [options.nth(i).inner_text() for i in range(options.count())]
    counted = [(int(m.group(2)), m.group(1)) for m in
               (re.match(r"(.+) \((\d+)\)$", s) for s in labels) if m]
    assert counted, labels
    fewest, actor = min(counted)
    page.get_by_role("option", name=f"{actor} ({fewest})", exact=True).click()
    page.keyboard.press("Escape")
    noun = "event" if fewest == 1 else "events"
    # the rerun after a filter can take long on a busy machine: as patient as _settle
    page.get_by_text(f"{fewest} {noun} shown of {total}").wait_for(timeout=60_000)
    _settle(page)
    assert _shown(page) == (fewest, total)
    if rows >= 0:
        assert _table_rows(page) == fewest
    after = page.screenshot()
    assert after != before
    drawn_after = _drawn(page)
    page.close()

    # the same filter from the address gives the same page
    linked, _ = _open(browser, f"{server}/?actor={quote(actor)}")
    assert _shown(linked) == (fewest, total)
    assert _drawn(linked) == drawn_after
    linked.close()
    assert not outside, f"requests to outside hosts: {outside[:5]}"


HOSTILE_ARTICLE = (
    "# Drills <img src=x onerror=\"window.__pwned=3;document.title='pwned'\"> near Brest\n\n"
    "15 November 2021\n\n"
    "Russia moved 3,000 troops to Brest <script>window.__pwned=1;document.title='pwned'"
    "</script> on Sunday. Two destroyers entered the Black Sea "
    "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\"> last week, and "
    "[a link](javascript:window.__pwned=4) &lt;b&gt;bold&lt;/b&gt; was posted in Kyiv.\n")


def test_hostile_pasted_article_never_runs_in_the_app(browser, server):
    page, outside = _open(browser, server)
    title = page.title()
    page.get_by_text("Paste", exact=True).click()
    box = page.get_by_label("Article text (plain, Markdown or HTML)")
    box.wait_for(timeout=30_000)
    box.fill(HOSTILE_ARTICLE)
    page.keyboard.press("Control+Enter")  # Streamlit applies a text area on Ctrl+Enter
    page.get_by_text("Drills", exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    # the article was extracted (its events are shown) ...
    shown, total = _shown(page)
    assert total >= 2
    # ... and nothing in it ran, in the page or inside the map frame
    assert page.title() == title
    assert page.evaluate("() => window.__pwned === undefined")
    assert len(page.frames) > 1  # the map page is a frame of its own
    for f in page.frames:
        assert f.evaluate("() => window.__pwned === undefined")
        assert f.evaluate("() => document.title") != "pwned"
    # the payloads are shown as text, not turned into elements
    body = page.inner_text("body")
    assert "onerror" in body or "<script>" in body
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert not outside, outside
    page.close()
