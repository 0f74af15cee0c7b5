"""Shared fixtures. Tests are offline: any connection to a host other than this
machine fails (an autouse fixture), so nothing can reach the internet by accident."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "nato-escalation-2021-11-15.md"
SAMPLES = ROOT / "data" / "samples"

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address):  # type: ignore[no-untyped-def]
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and self.family in (socket.AF_INET, socket.AF_INET6):
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = None
        if ip is None and host != "localhost" or ip is not None and not ip.is_loopback:
            raise OSError(f"tests are offline: connection to {host!r} blocked")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session")
def gaz():
    from flashpoints.gazetteer import default_gazetteer

    return default_gazetteer()


@pytest.fixture(scope="session")
def actors():
    from flashpoints.mentions import default_actors

    return default_actors()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED} (../shared/seed is outside the repo)")
    return SEED.read_text(encoding="utf-8")
