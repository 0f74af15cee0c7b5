"""Snapshots of what the map shows: a self-contained HTML page, a PNG taken by
headless Chromium, and the shown places and events as GeoJSON or ACLED-like CSV.

The PNG is taken with every outside host resolved to nowhere, so a snapshot can
never fetch anything; Chromium is Debian's ``chromium`` package (or any
Chrome/Chromium named by ``FLASHPOINTS_CHROMIUM``).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .errors import ExportError
from .table import acled_frame, feature_collection

#: Names looked up on PATH, in order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                  "chrome")
CHROMIUM_ENV = "FLASHPOINTS_CHROMIUM"
#: Every host but this machine resolves to nowhere: a snapshot never goes online.
BLOCK_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
#: Flags of every headless run (plus ``--user-data-dir``).
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-quic", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--hide-scrollbars", "--mute-audio", BLOCK_NETWORK,
)
#: Virtual time the page gets to draw before the picture is taken.
DEFAULT_BUDGET_MS = 5000
TIMEOUT_S = 120


# ------------------------------------------------------------------ HTML

def render_html(m: Any) -> str:
    """The page of a folium map (or Figure) as one self-contained HTML text."""
    root = m.get_root() if hasattr(m, "get_root") else m
    try:
        return str(root.render())
    except AttributeError as err:
        msg = f"cannot render {type(m).__name__} as a map page"
        raise ExportError(msg) from err


def save_html(m: Any, path: str | Path) -> Path:
    """Write the map page to ``path`` (one file, no outside resources); return the path."""
    p = Path(path)
    _write(p, render_html(m))
    return p


def _write(p: Path, text: str) -> None:
    try:
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    except OSError as err:
        msg = f"cannot write {p}: {err.strerror or err}"
        raise ExportError(msg) from err


# ------------------------------------------------------------------ Chromium

def find_chromium(explicit: str | None = None) -> str:
    """Path of a headless-capable Chromium: ``explicit``, ``$FLASHPOINTS_CHROMIUM``,
    else ``chromium``/``chromium-browser``/``google-chrome`` on PATH."""
    for candidate in (explicit, os.environ.get(CHROMIUM_ENV)):
        if candidate:
            found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
            if not found:
                msg = f"Chromium not found at {candidate!r}"
                raise ExportError(msg)
            return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    msg = ("PNG export needs Chromium, which was not found: install the Debian package "
           f"with `apt-get install chromium` (or set {CHROMIUM_ENV} to a Chrome/Chromium binary)")
    raise ExportError(msg)


def run_chromium(args: list[str], *, chromium: str | None = None,
                 timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with :data:`CHROMIUM_FLAGS`, a throw-away profile and
    ``args``; the network is blocked. Raises :class:`ExportError` on failure."""
    exe = find_chromium(chromium)
    with tempfile.TemporaryDirectory(prefix="flashpoints-chromium-") as profile:
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as err:
            msg = f"Chromium did not finish within {timeout:.0f} s"
            raise ExportError(msg) from err
        except OSError as err:
            msg = f"cannot run Chromium ({exe}): {err.strerror or err}"
            raise ExportError(msg) from err
    if proc.returncode != 0:
        tail = " | ".join(line for line in proc.stderr.strip().splitlines()[-3:])
        msg = f"Chromium failed (exit {proc.returncode}): {tail or 'no message'}"
        raise ExportError(msg)
    return proc


def save_png(map_or_html: Any, png_path: str | Path, *, width: int = 1400, height: int = 900,
             chromium: str | None = None, budget_ms: int = DEFAULT_BUDGET_MS) -> Path:
    """A PNG of a map (a folium Map or a saved HTML page) taken by headless Chromium.

    The page is given ``budget_ms`` of virtual time to draw, with the network
    blocked. Returns ``png_path``.
    """
    png = Path(png_path).resolve()
    find_chromium(chromium)  # fail early with the install hint
    with tempfile.TemporaryDirectory(prefix="flashpoints-png-") as tmp:
        if isinstance(map_or_html, (str, Path)):
            page = Path(map_or_html).resolve()
            if not page.is_file():
                msg = f"{page}: no such HTML file"
                raise ExportError(msg)
        else:
            page = save_html(map_or_html, Path(tmp) / "map.html").resolve()
        try:
            png.parent.mkdir(parents=True, exist_ok=True)
            if png.exists():
                png.unlink()
        except OSError as err:
            msg = f"cannot write {png}: {err.strerror or err}"
            raise ExportError(msg) from err
        run_chromium([f"--screenshot={png}", f"--window-size={int(width)},{int(height)}",
                      f"--virtual-time-budget={int(budget_ms)}", page.as_uri()],
                     chromium=chromium)
    if not png.is_file() or png.stat().st_size == 0:
        msg = f"Chromium wrote no picture to {png}"
        raise ExportError(msg)
    return png


def dump_dom(html_path: str | Path, *, chromium: str | None = None,
             budget_ms: int = DEFAULT_BUDGET_MS) -> str:
    """The DOM of a page after ``budget_ms`` of virtual time, network blocked."""
    page = Path(html_path).resolve()
    proc = run_chromium([f"--virtual-time-budget={int(budget_ms)}", "--dump-dom",
                         page.as_uri()], chromium=chromium)
    return proc.stdout


# ------------------------------------------------------------------ tables

def _shown(data: Any, filters: dict[str, Any]) -> tuple[Any, Any]:
    from .maps import shown_tables

    return shown_tables(data, **filters)


def save_geojson(data: Any, path: str | Path, **filters: Any) -> Path:
    """The places and events the map shows (same ``filters`` as :func:`build_map`)
    as one GeoJSON FeatureCollection (``properties.record`` = place | event)."""
    places, events = _shown(data, filters)
    text = json.dumps(feature_collection(places, events), ensure_ascii=False)
    p = Path(path)
    _write(p, text)
    return p


def save_csv(data: Any, path: str | Path, **filters: Any) -> Path:
    """The events the map shows (same ``filters``) as ACLED-like CSV."""
    _, events = _shown(data, filters)
    p = Path(path)
    _write(p, acled_frame(events).to_csv(index=False))
    return p
