"""Headless Chromium for browser tests: a picture or the DOM of a local page,
with every outside host resolved to nowhere.

Small on purpose::

    find_chromium() -> str | None
    screenshot(html_path, png_path, width=1400, height=900, budget_ms=5000) -> Path
    dump_dom(html_path, budget_ms=5000) -> str
    inject(html, script, *, head=False) -> str     # add a probe <script> to a page
    CHROMIUM_FLAGS, RESOURCE_PROBE, ERROR_PROBE

The flags and the runner are the ones PNG export uses
(:mod:`flashpoints.export`), so tests exercise the real thing.
"""
from __future__ import annotations

from pathlib import Path

from flashpoints.errors import ExportError
from flashpoints.export import CHROMIUM_FLAGS as _FLAGS
from flashpoints.export import dump_dom as _dump_dom
from flashpoints.export import find_chromium as _find_chromium
from flashpoints.export import save_png

#: Headless flags; ``--host-resolver-rules`` maps every host but 127.0.0.1 to nowhere.
CHROMIUM_FLAGS = list(_FLAGS)

#: Writes every resource the page loaded (``performance`` entries) into
#: ``<pre id="probe-resources">`` as lines ``name``, once the page has settled.
RESOURCE_PROBE = """
window.addEventListener('load', function () {
  setTimeout(function () {
    var pre = document.createElement('pre');
    pre.id = 'probe-resources';
    pre.textContent = performance.getEntriesByType('resource')
      .map(function (e) { return e.name; }).join('\\n');
    document.body.appendChild(pre);
  }, 300);
});
"""

#: Put in <head> (``inject(..., head=True)``): records uncaught errors, then writes
#: them into ``<pre id="probe-errors">`` after load.
ERROR_PROBE = """
window.__probeErrors = [];
window.addEventListener('error', function (e) {
  window.__probeErrors.push(String(e.message || (e.target && e.target.outerHTML) || e));
}, true);
window.addEventListener('load', function () {
  setTimeout(function () {
    var pre = document.createElement('pre');
    pre.id = 'probe-errors';
    pre.textContent = window.__probeErrors.join('\\n');
    document.body.appendChild(pre);
  }, 300);
});
"""


def find_chromium() -> str | None:
    """Chromium's path, or None (tests then skip with the install hint)."""
    try:
        return _find_chromium()
    except ExportError:
        return None


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1400,
               height: int = 900, budget_ms: int = 5000) -> Path:
    """A ``width`` x ``height`` PNG of the page after ``budget_ms`` of virtual time."""
    return save_png(Path(html_path), Path(png_path), width=width, height=height,
                    budget_ms=budget_ms)


def dump_dom(html_path: str | Path, budget_ms: int = 5000) -> str:
    """The page's DOM (serialised HTML) after ``budget_ms`` of virtual time."""
    return _dump_dom(Path(html_path), budget_ms=budget_ms)


def inject(html: str, script: str, *, head: bool = False) -> str:
    """``html`` with ``<script>script</script>`` first in <head> or last in the page."""
    tag = f"<script>{script}</script>"
    if head:
        i = html.find("<head>")
        if i >= 0:
            return html[:i + 6] + tag + html[i + 6:]
        return tag + html
    i = html.rfind("</html>")
    return html[:i] + tag + html[i:] if i >= 0 else html + tag
