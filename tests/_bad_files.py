"""Helpers shared by the robustness tests: bad files, sample text, CLI runs.

Every text here was written for these tests (no third-party article text).
"""
from __future__ import annotations

import os
import random
import threading
from pathlib import Path
from typing import Any, Callable

#: A short wire story written for the tests: places of one theatre, a date line.
WIRE = (
    "Troops gather on two borders\n\n"
    "15 November 2021\n\n"
    "Russia moved about 2,000 troops toward its border with Ukraine on Sunday, "
    "officials in Kyiv said.\n\n"
    "Poland deployed 10,000 soldiers along the Polish-Belarusian border last week.\n\n"
    "Ukrainian warships held drills in the Sea of Azov on Saturday, the navy said.\n\n"
    "NATO said it was watching the Black Sea closely as exercises continued near Crimea.\n"
)

#: A paragraph repeated to make big files (no date line: offsets stay simple).
WIRE_PARAGRAPH = (
    "Belarus sent 500 border guards to the Polish-Belarusian border on Sunday, "
    "and Poland moved troops near Brest. Russian warships sailed into the Black Sea "
    "last week, the navy in Kyiv said.\n\n"
)

#: Text with nothing in it that names a place.
NO_PLACES = (
    "the committee met again on tuesday and talked for a long time about budgets, "
    "pensions and the weather. nobody said anything about where anything was.\n"
)

PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
             b"\x00\x00\x00\x1f\xf3\xffa\x00\x00\x00\x00IEND\xaeB`\x82")


def random_binary(n: int = 4096, seed: int = 7) -> bytes:
    """Random bytes that certainly contain NULs."""
    rng = random.Random(seed)
    data = bytearray(rng.getrandbits(8) for _ in range(n))
    data[10] = 0
    data[500] = 0
    return bytes(data)


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_repeated(path: Path, unit: str, size: int, *, newline: bool = True) -> Path:
    """A file of about ``size`` bytes made of ``unit`` repeated (one line when not ``newline``)."""
    if not newline:
        unit = unit.replace("\n", " ")
    block = unit.encode("utf-8")
    reps = max(1, size // len(block))
    with path.open("wb") as fh:
        fh.write(block * reps)
    return path


def run_cli(argv: list[str], capsys: Any) -> tuple[int, str, str]:
    """``flashpoints.cli.main(argv)``: exit code, stdout, stderr."""
    from flashpoints.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err: str) -> list[str]:
    """The stderr lines that report a problem (progress bars left out)."""
    return [ln for ln in err.splitlines() if ln.startswith("flashpoints:")]


def assert_one_line_error(code: int, err: str, *needles: str) -> str:
    """Exit code not 0, exactly one line on stderr, no traceback, each needle in it."""
    assert code != 0, f"exit code {code}, stderr: {err!r}"
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    line = lines[0]
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line


def call_with_timeout(fn: Callable[[], Any], timeout: float,
                      unblock: Callable[[], None] | None = None) -> tuple[bool, Any]:
    """Run ``fn`` in a thread; ``(finished in time, result or exception)``.

    When it does not finish, ``unblock`` is called (e.g. to open the other end of
    a FIFO) so that the thread does not hang the test run.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as err:  # noqa: BLE001 - handed back to the test
            box["value"] = err

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    finished = not t.is_alive()
    if not finished and unblock is not None:
        unblock()
        t.join(5)
    return finished, box.get("value")


def open_fifo_writer(path: Path) -> None:
    """Open and close the write end of a FIFO so a blocked reader sees end of file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)


# ------------------------------------------------------------------ big files, in a child process

def big_file_summary(path: str, published: str | None = None) -> dict[str, Any]:
    """Read and extract ``path``; what the tests check, as a small dict."""
    import time

    from flashpoints.article import read_article
    from flashpoints.pipeline import extract

    t0 = time.perf_counter()
    art = read_article(path, published=published)
    x = extract(art)
    text = art.text
    offsets_ok = all(text[m["start"]:m["end"]] == m["text"]
                     for ms in x.places["mentions"] for m in ms)
    evidence_ok = all(text[r.evidence_start:r.evidence_end] == r.evidence
                      for r in x.events.itertuples())
    return {
        "chars": len(text), "lines": text.count("\n") + 1,
        "names": sorted(set(x.places["name"])), "kinds": sorted(set(x.places["kind"])),
        "mentions": sorted({m["text"] for ms in x.places["mentions"] for m in ms}),
        "events": len(x.events), "offsets_ok": offsets_ok, "evidence_ok": evidence_ok,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def start_big_file_run(path: Path, published: str | None, env: dict[str, str] | None = None):
    """Start :func:`big_file_summary` in a child process (killable when it takes too long)."""
    import subprocess
    import sys

    cmd = [sys.executable, str(Path(__file__).resolve()), str(path)]
    if published:
        cmd.append(published)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


if __name__ == "__main__":  # the child process of start_big_file_run
    import json
    import sys

    print(json.dumps(big_file_summary(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)))


def collect_runs(procs: dict[str, Any], deadline_s: float) -> dict[str, dict]:
    """Wait for child runs until a shared deadline: each result is the JSON summary the
    child printed last, ``{"error": ...}`` when it failed, ``{"timeout": True}`` when killed."""
    import json
    import subprocess
    import time

    deadline = time.monotonic() + deadline_s
    out: dict[str, dict] = {}
    for name, proc in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=max(0.5, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            out[name] = {"timeout": True}
            continue
        out[name] = ({"error": stderr.strip()[-1500:]} if proc.returncode
                     else json.loads(stdout.strip().splitlines()[-1]))
    return out
