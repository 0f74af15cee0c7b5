"""Fetch a data-only npm package into the tools' cache (git-ignored) for the build scripts."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path


def ensure_package(name: str, version: str, cache: Path) -> Path:
    """The folder of ``name@version`` (in its own prefix under ``cache``), installed if missing."""
    cache = cache / name  # one prefix per package: npm --no-save prunes what it did not add
    pkg = cache / "node_modules" / name
    meta = pkg / "package.json"
    if not meta.exists() or json.loads(meta.read_text())["version"] != version:
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund",
                        "--prefix", str(cache), f"{name}@{version}"], check=True)
    return pkg
