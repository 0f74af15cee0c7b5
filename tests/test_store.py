"""The SQLite event store, on real files: idempotent, transactional, safe to share.

The extractions here are small synthetic tables (no extraction pipeline), so
these tests say what the store does with any tables of the documented columns.
"""
from __future__ import annotations

import datetime as dt
import math
import multiprocessing as mp
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from flashpoints.article import Article
from flashpoints.errors import InputError, StoreError
from flashpoints.store import SCHEMA_VERSION, Store, default_db_path
from flashpoints.table import (EVENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS, Extraction,
                               frame)

FORK = mp.get_context("fork")

# ------------------------------------------------------------------ synthetic data

SEA = Polygon([(27.5, 41.0), (41.7, 41.0), (41.7, 46.6), (27.5, 46.6)])
BORDER = LineString([(23.5, 52.1), (23.7, 52.6), (23.9, 53.2), (23.6, 53.9)])
REGION = MultiPolygon([Polygon([(37.0, 47.0), (40.0, 47.0), (40.0, 49.5), (37.0, 49.5)]),
                       Polygon([(38.1, 49.6), (40.2, 49.6), (40.2, 50.1), (38.1, 50.1)])])
CITY = Point(30.52340001, 50.45010003)  # full precision survives the round trip


def place(pid, name, kind, geom, mentions, *, codes=("UA",), conf=0.9, source="curated"):
    c = geom.representative_point()
    return {"id": pid, "name": name, "kind": kind, "lat": round(c.y, 5), "lon": round(c.x, 5),
            "mentions": [{"text": t, "start": s, "end": s + len(t)} for t, s in mentions],
            "source": source, "source_id": pid.upper(), "country_codes": list(codes),
            "confidence": conf, "geometry": geom}


def event(article, n, actor, etype, pl, day, *, quantity=None, unit="", origin=None,
          precision="day", geometry="place"):
    geom = pl["geometry"] if pl is not None and geometry == "place" else geometry
    return {"id": f"{article.id}-{n:03d}", "actor": actor, "actor2": "", "type": etype,
            "quantity": quantity, "unit": unit,
            "place_id": pl["id"] if pl else None, "place": pl["name"] if pl else None,
            "place_kind": pl["kind"] if pl else None, "lat": pl["lat"] if pl else None,
            "lon": pl["lon"] if pl else None,
            "origin_id": origin["id"] if origin else None,
            "origin": origin["name"] if origin else None,
            "origin_lat": origin["lat"] if origin else None,
            "origin_lon": origin["lon"] if origin else None,
            "date_start": day, "date_end": day, "date_precision": precision,
            "evidence": f"{actor} did {etype} (article {article.title}).",
            "evidence_start": 10 * n, "evidence_end": 10 * n + 9, "confidence": 0.75,
            "article_id": article.id, "source": article.source, "title": article.title,
            "geometry": geom}


def extraction(places, events, unresolved=()):
    return Extraction(places=frame(places, PLACE_COLUMNS), events=frame(events, EVENT_COLUMNS),
                      unresolved=frame(unresolved, UNRESOLVED_COLUMNS))


def sample_a():
    art = Article(text="Troops massed by the Black Sea near Kyiv and the border. A",
                  title="Article A", published=dt.date(2021, 11, 15), source="a.md")
    sea = place("black-sea", "Black Sea", "sea", SEA, [("Black Sea", 21)])
    border = place("border-by-pl", "Belarus-Poland border", "border", BORDER,
                   [("the border", 45), ("Polish-Belarusian border", 70)],
                   codes=("BY", "PL"), conf=0.95)
    city = place("kyiv", "Kyiv", "city", CITY, [("Kyiv", 36)], source="geonames", conf=0.6)
    moscow = place("actor-ru", "Moscow", "city", Point(37.6173, 55.7558), [], codes=("RU",))
    evs = [event(art, 1, "Russia", "deployment", sea, "2021-11-14", quantity=8500.0,
                 unit="troops", origin=moscow),
           event(art, 2, "Belarus", "border_control", border, "2021-11-13"),
           event(art, 3, "Ukraine", "statement", city, "2021-11-15"),
           # a place not in this article's places (an actor's capital): own geometry
           event(art, 4, "Russia", "threat", moscow, "2021-11-12", geometry=moscow["geometry"]),
           # no place at all
           event(art, 5, "NATO", "statement", None, "2021-11-15", geometry=None,
                 precision="week")]
    unres = [{"text": "Bezlyudivka", "start": 5, "end": 16, "reason": "unknown place",
              "candidates": [], "article_id": art.id},
             {"text": "Georgia", "start": 30, "end": 37, "reason": "ambiguous",
              "candidates": ["country:GE", "admin1:US-GA"], "article_id": art.id}]
    return art, extraction([sea, border, city], evs, unres)


def sample_b():
    art = Article(text="In 2014 Russia annexed Crimea; Belarus closed its border. B",
                  title="Article B", published=dt.date(2021, 10, 1), source="b.html")
    crimea = place("crimea", "Crimea", "region", REGION, [("Crimea", 23)])
    border = place("border-by-pl", "Belarus-Poland border", "border", BORDER,
                   [("its border", 47)], codes=("BY", "PL"), conf=0.7)
    evs = [event(art, 1, "Russia", "annexation", crimea, "2014-03-18"),
           event(art, 2, "Belarus", "border_control", border, "2021-09-30")]
    return art, extraction([crimea, border], evs)


def synthetic(i, *, events=3, text_size=0):
    """Article ``i`` with ``events`` events and two places (one shared by all)."""
    pad = " filler" * text_size
    art = Article(text=f"Synthetic article number {i} about the Black Sea.{pad}",
                  title=f"S{i}", published=dt.date(2021, 1, 1) + dt.timedelta(days=i % 300),
                  source=f"s{i}.txt")
    sea = place("black-sea", "Black Sea", "sea", SEA, [("Black Sea", 38)])
    own = place(f"town-{i}", f"Town {i}", "city", Point(20 + i % 20, 40 + i % 10),
                [(f"Town {i}", 0)], source="geonames")
    evs = [event(art, n + 1, "Russia" if n % 2 else "Ukraine", "deployment",
                 sea if n % 2 else own, art.published.isoformat(), quantity=float(n))
           for n in range(events)]
    return art, extraction([sea, own], evs)


# ------------------------------------------------------------------ comparison

def _norm_value(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, list, tuple, dict)):
        return v.item()
    if isinstance(v, tuple):
        return list(v)
    return v


def rows(df, columns):
    out = {}
    for r in df.to_dict("records"):
        out[r["id"] if "id" in r else (r["article_id"], r["start"])] = \
            {c: _norm_value(r[c]) for c in columns if c != "geometry"}
    return out


def geoms(df, key="id"):
    return {r[key]: r["geometry"] for r in df.to_dict("records")}


def assert_same_geometries(got, want):
    assert got.keys() == want.keys()
    for k, g in want.items():
        if g is None:
            assert got[k] is None, k
        else:
            assert got[k] is not None and got[k].geom_type == g.geom_type, k
            assert got[k].equals_exact(g, tolerance=0), k


def table_counts(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "places", "mentions", "events", "unresolved")}
    finally:
        con.close()


def integrity(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def per_article_consistent(path):
    """Every stored article has exactly the events, mentions and unresolved it was stored with."""
    con = sqlite3.connect(path)
    try:
        bad = con.execute(
            "SELECT a.id FROM articles a WHERE"
            " a.events_count != (SELECT count(*) FROM events e WHERE e.article_id = a.id) OR"
            " a.mentions_count != (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) OR"
            " a.unresolved_count != (SELECT count(*) FROM unresolved u WHERE u.article_id = a.id)"
        ).fetchall()
        orphans = con.execute("SELECT count(*) FROM events WHERE article_id NOT IN "
                              "(SELECT id FROM articles)").fetchone()[0]
    finally:
        con.close()
    return not bad and not orphans


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.sqlite"


# ------------------------------------------------------------------ basics

def test_new_store_is_wal_and_versioned(db):
    with Store(db) as store:
        assert store.count() == {"articles": 0, "places": 0, "events": 0, "unresolved": 0}
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def test_default_path_and_env_override(monkeypatch, tmp_path):
    monkeypatch.delenv("FLASHPOINTS_DB", raising=False)
    p = default_db_path()
    assert p.name == "flashpoints.sqlite" and p.parent.name == "flashpoints"
    monkeypatch.setenv("FLASHPOINTS_DB", str(tmp_path / "x" / "mine.sqlite"))
    assert default_db_path() == tmp_path / "x" / "mine.sqlite"
    with Store() as store:  # folder created on demand
        assert store.path == tmp_path / "x" / "mine.sqlite"
    assert (tmp_path / "x" / "mine.sqlite").exists()


def test_add_is_idempotent(db):
    art, x = sample_a()
    with Store(db) as store:
        assert not store.has(art.id)
        assert store.add(art, x) is True
        before = store.count()
        assert before == {"articles": 1, "places": 3, "events": 5, "unresolved": 2}
        assert store.has(art.id)
        assert store.add(art, x) is False
        # same text under another title is the same article
        again = Article(text=art.text, title="Other title", source="elsewhere.md")
        assert store.add(again, x) is False
        assert store.count() == before
    with Store(db) as store:  # and after reopening
        assert store.add(art, x) is False
        assert store.count() == before
    assert table_counts(db)["mentions"] == 4


def test_round_trip_equals_what_was_added(db):
    art, x = sample_a()
    with Store(db) as store:
        store.add(art, x)
        got = store.load()
    assert list(got.places.columns) == PLACE_COLUMNS
    assert list(got.events.columns) == EVENT_COLUMNS
    assert list(got.unresolved.columns) == UNRESOLVED_COLUMNS
    assert rows(got.places, PLACE_COLUMNS) == rows(x.places, PLACE_COLUMNS)
    assert rows(got.events, EVENT_COLUMNS) == rows(x.events, EVENT_COLUMNS)
    assert rows(got.unresolved, UNRESOLVED_COLUMNS) == rows(x.unresolved, UNRESOLVED_COLUMNS)
    assert_same_geometries(geoms(got.places), geoms(x.places))
    assert_same_geometries(geoms(got.events), geoms(x.events))
    kinds = {r["id"]: r["geometry"].geom_type for r in got.places.to_dict("records")}
    assert kinds == {"black-sea": "Polygon", "border-by-pl": "LineString", "kyiv": "Point"}
    ev = got.events.set_index("id")
    assert ev.loc[f"{art.id}-001", "date_start"] == "2021-11-14"
    assert ev.loc[f"{art.id}-001", "quantity"] == 8500
    assert ev.loc[f"{art.id}-001", "origin"] == "Moscow"
    assert got.places.set_index("id").loc["kyiv", "mentions"] == \
        [{"text": "Kyiv", "start": 36, "end": 40}]
    # the GeoJSON of what was loaded is the GeoJSON of what was stored
    assert got.to_geojson() == x.to_geojson()


def test_places_shared_between_articles(db):
    (a, xa), (b, xb) = sample_a(), sample_b()
    with Store(db) as store:
        store.add(a, xa)
        store.add(b, xb)
        assert store.count()["places"] == 4
        got = store.load()
    border = got.places.set_index("id").loc["border-by-pl"]
    assert [m["text"] for m in border["mentions"]] == \
        ["the border", "Polish-Belarusian border", "its border"]
    assert border["confidence"] == 0.95  # the best of the articles
    assert_same_geometries(geoms(got.places), {**geoms(xa.places), **geoms(xb.places)})
    assert list(got.events["article_id"].unique()) == [a.id, b.id]  # ingest order


def test_place_upsert_last_version_wins(db):
    a, xa = sample_a()
    art = Article(text="A smaller Black Sea, as a later gazetteer draws it. C", title="C")
    small = Polygon([(30, 42), (40, 42), (40, 46), (30, 46)])
    sea = place("black-sea", "Black Sea", "sea", small, [("Black Sea", 10)])
    with Store(db) as store:
        store.add(a, xa)
        store.add(art, extraction([sea], [event(art, 1, "Russia", "naval", sea, "2021-12-01")]))
        assert store.count()["places"] == 3
        got = store.load()
    assert geoms(got.places)["black-sea"].equals_exact(small, tolerance=0)
    # events sharing the place's shape follow it
    shapes = {r["id"]: r["geometry"] for r in got.events.to_dict("records")}
    assert shapes[f"{a.id}-001"].equals_exact(small, tolerance=0)


def test_load_filters(db):
    (a, xa), (b, xb) = sample_a(), sample_b()
    with Store(db) as store:
        store.add(a, xa)
        store.add(b, xb)
        only_b = store.load(article_ids=[b.id])
        assert set(only_b.events["article_id"]) == {b.id}
        assert set(only_b.places["id"]) == {"crimea", "border-by-pl"}
        assert not len(only_b.unresolved)

        recent = store.load(since="2021-11-01")
        assert set(recent.events["article_id"]) == {a.id}
        assert set(recent.places["id"]) == {"black-sea", "border-by-pl", "kyiv"}
        assert len(recent.unresolved) == 2

        old = store.load(until=dt.date(2014, 12, 31))
        assert list(old.events["type"]) == ["annexation"]
        assert set(old.places["id"]) == {"crimea", "border-by-pl"}

        by = store.load(actors=["Belarus"])
        assert list(by.events["date_start"]) == ["2021-11-13", "2021-09-30"]
        assert set(by.events["type"]) == {"border_control"}

        both = store.load(actors=["Russia"], types=["deployment", "annexation"],
                          since="2014-01-01", until="2021-12-31")
        assert sorted(both.events["type"]) == ["annexation", "deployment"]

        assert not len(store.load(actors=[]).events)
        assert not len(store.load(article_ids=["no-such-article"]).places)
        assert len(store.load().events) == 7


def test_articles_table_and_article_text(db):
    (a, xa), (b, xb) = sample_a(), sample_b()
    with Store(db) as store:
        store.add(a, xa)
        store.add(b, xb)
        arts = store.articles()
        assert list(arts["id"]) == [a.id, b.id]
        assert list(arts["events_count"]) == [5, 2]
        assert list(arts["published"]) == ["2021-11-15", "2021-10-01"]
        assert store.article(a.id) == a
        assert store.article("nope") is None
        assert store.load(with_articles=True).articles == [a, b]
        assert store.load().articles == []


def test_corrections(db):
    with Store(db) as store:
        store.save_correction("Bezlyudivka", lat=50.1, lon=36.4, name="Camp X")
        store.save_correction("  KYIV ", place_id="kyiv")
        store.save_correction("Kyiv", place_id="kyiv-2")  # same key: replaced
        with pytest.raises(InputError):
            store.save_correction("Somewhere")
        with pytest.raises(InputError):
            store.save_correction("Somewhere", lat=95, lon=0)
        with pytest.raises(InputError):
            store.save_correction("   ", place_id="x")
    with Store(db) as store:
        corr = store.corrections()
        assert set(corr) == {"bezlyudivka", "kyiv"}
        assert corr["bezlyudivka"]["lat"] == 50.1 and corr["bezlyudivka"]["name"] == "Camp X"
        assert corr["kyiv"]["place_id"] == "kyiv-2" and corr["kyiv"]["lat"] is None
        assert store.delete_correction("kyiv") and not store.delete_correction("kyiv")
        assert set(store.corrections()) == {"bezlyudivka"}


def test_correction_keys_are_the_resolvers():
    from flashpoints.gazetteer import norm
    from flashpoints.store import _correction_key

    for text in ("Kyiv", "Łódź", "Polish–Belarusian border", "St. Petersburg"):
        assert _correction_key(text) == norm(text)


# ------------------------------------------------------------------ failures roll back

def test_failure_mid_add_rolls_back(db, monkeypatch):
    (a, xa), (b, xb) = sample_a(), sample_b()
    with Store(db) as store:
        store.add(b, xb)
        before = table_counts(db)

        def boom(self, *args, **kwargs):  # runs after the events were inserted
            assert self.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 7
            raise RuntimeError("crash after the events insert")

        monkeypatch.setattr(Store, "_insert_unresolved", boom)
        with pytest.raises(RuntimeError, match="after the events"):
            store.add(a, xa)
        assert table_counts(db) == before
        assert not store.has(a.id)
        monkeypatch.undo()
        assert store.add(a, xa) is True
        assert store.count()["events"] == 7
    assert per_article_consistent(db)


def test_sqlite_error_mid_add_is_a_store_error_and_rolls_back(db):
    a, xa = sample_a()
    dup = xa.events.copy()
    dup.loc[len(dup)] = dup.iloc[0]  # the same event id twice
    bad = Extraction(places=xa.places, events=dup, unresolved=xa.unresolved)
    with Store(db) as store:
        with pytest.raises(StoreError, match=str(db)):
            store.add(a, bad)
        assert store.count() == {"articles": 0, "places": 0, "events": 0, "unresolved": 0}
        assert store.add(a, xa)


def test_disk_full_is_a_store_error_and_rolls_back(db):
    with Store(db) as store:
        store.add(*sample_b())
        before = store.count()
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
        art, x = synthetic(1, events=50, text_size=20_000)
        with pytest.raises(StoreError, match="full") as err:
            store.add(art, x)
        assert str(db) in str(err.value) and "--db" in str(err.value)
        assert store.count() == before and not store.has(art.id)
    assert integrity(db) == "ok"


def test_locked_too_long_is_a_store_error(db):
    with Store(db):
        pass
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with Store(db, timeout=0.2) as store:
            with pytest.raises(StoreError, match="locked") as err:
                store.add(*sample_b())
            assert str(db) in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store(db) as store:
        assert store.add(*sample_b())


# ------------------------------------------------------------------ bad files

def test_not_a_database_file(tmp_path):
    f = tmp_path / "notes.sqlite"
    f.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a Flashpoints store") as err:
        Store(f)
    assert str(f) in str(err.value)
    assert f.read_text().startswith("these are my notes")  # left alone


def test_another_programs_database(tmp_path):
    f = tmp_path / "other.sqlite"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a Flashpoints store"):
        Store(f)


def test_newer_schema_is_refused(db):
    with Store(db):
        pass
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer Flashpoints"):
        Store(db)


def test_closed_store(db):
    store = Store(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count()


# ------------------------------------------------------------------ read-only
#
# Tests run as root, and chmod does not stop root from writing. Four ways that
# really fail, also for root:
#   1. a child process that gives up root (setuid nobody) meets a 0o444 file in
#      a 0o555 folder: the operating system refuses, as for any user;
#   2. a file with the immutable attribute (chattr +i) refuses root too
#      (skipped where the file system or the container does not allow chattr);
#   3. ``Store(path, readonly=True)`` opens with SQLite's ``mode=ro``, enforced
#      by SQLite itself;
#   4. a path under /proc, where nobody (root included) can create files.

def _open_and_add_as_nobody(path: str, conn) -> None:  # in a forked child
    try:
        os.setgid(65534)
        os.setuid(65534)
        conn.send(_read_then_write(path))
    except BaseException as err:  # noqa: BLE001 - report anything else to the test
        conn.send((type(err).__name__, str(err), -1))


def _read_then_write(path: str) -> tuple[str, str, int]:
    """Open the store, count its events (reading works), then try to add an article."""
    try:
        with Store(path) as store:
            events = store.count()["events"]
            assert len(store.load().events) == events
            try:
                store.add(*sample_b())
            except StoreError as err:
                return "StoreError", str(err), events
            return "stored", "", events
    except StoreError as err:
        return "StoreError on open", str(err), -1


def test_read_only_file_and_folder_for_an_ordinary_user():
    folder = Path(tempfile.mkdtemp(prefix="fp-ro-"))  # outside pytest's 0700 tmp folders
    try:
        folder.chmod(0o755)
        path = folder / "store.sqlite"
        with Store(path) as store:
            store.add(*sample_a())
        path.chmod(0o444)
        folder.chmod(0o555)
        if os.geteuid() == 0:
            parent, child = FORK.Pipe()
            p = FORK.Process(target=_open_and_add_as_nobody, args=(str(path), child))
            p.start()
            assert parent.poll(30), "the child did not answer"
            kind, msg, events = parent.recv()
            p.join(10)
        else:
            kind, msg, events = _read_then_write(str(path))
        assert kind == "StoreError", (kind, msg)
        assert "read-only" in msg and str(path) in msg and "--db" in msg
        assert events == 5  # what is there can still be read (and drawn)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
    assert "\n" not in msg


def test_immutable_file_refuses_root(db):
    with Store(db) as store:
        store.add(*sample_a())
    res = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True) \
        if shutil.which("chattr") else None
    if res is None or res.returncode != 0:
        pytest.skip("chattr +i is not available here: "
                    + (res.stderr.strip() if res else "no chattr command"))
    try:
        with pytest.raises(StoreError, match="read-only") as err:
            with Store(db) as store:
                store.add(*sample_b())
        assert str(db) in str(err.value)
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    with Store(db) as store:
        assert store.count()["articles"] == 1


def test_readonly_store_reads_but_refuses_writes(db):
    a, xa = sample_a()
    with Store(db) as store:
        store.add(a, xa)
    with Store(db, readonly=True) as store:
        assert store.count()["events"] == 5
        assert len(store.load().events) == 5
        assert store.corrections() == {}
        with pytest.raises(StoreError, match="read-only"):
            store.add(*sample_b())
        with pytest.raises(StoreError, match="read-only"):
            store.save_correction("x", place_id="y")
        # even a write slipped past the store is refused by SQLite
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM articles")
    with pytest.raises(StoreError, match="no such store"):
        Store(db.parent / "missing.sqlite", readonly=True)
    assert not (db.parent / "missing.sqlite").exists()


def test_path_where_nobody_can_create_files():
    for path in ("/proc/flashpoints-test/store.sqlite", "/proc/flashpoints-test.sqlite"):
        with pytest.raises(StoreError) as err:
            Store(path)
        msg = str(err.value)
        assert path in msg and "--db" in msg and "\n" not in msg


# ------------------------------------------------------------------ processes

def _ingest(path: str, start: int, stop: int, barrier=None, **kw) -> None:
    if barrier is not None:
        barrier.wait(10)
    with Store(path) as store:
        for i in range(start, stop):
            store.add(*synthetic(i, **kw))


def test_two_processes_ingest_concurrently(db):
    barrier = FORK.Barrier(2)
    procs = [FORK.Process(target=_ingest, args=(str(db), 0, 50, barrier)),
             FORK.Process(target=_ingest, args=(str(db), 50, 100, barrier))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert integrity(db) == "ok"
    with Store(db) as store:
        assert store.count() == {"articles": 100, "places": 101, "events": 300, "unresolved": 0}
        assert all(store.has(synthetic(i)[0].id) for i in range(100))
    assert per_article_consistent(db)


def test_new_file_while_another_connection_writes(db):
    # Switching a new file to WAL while another connection holds the write lock
    # makes SQLite answer "locked" at once (no busy wait: it could deadlock). That
    # is what happens when two processes open a new store together; the store
    # retries until the other is done instead of failing.
    import threading

    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE scratch (x)")
    other.execute("DROP TABLE scratch")  # an empty database in rollback-journal mode
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.3, other.execute, ("COMMIT",))
    timer.start()
    try:
        with Store(db, timeout=10) as store:
            assert store.add(*sample_b())
    finally:
        timer.join()
        other.close()
    assert integrity(db) == "ok"


def _wait_for_articles(db, n, proc, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.is_alive():
        time.sleep(0.02)
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                if con.execute("SELECT count(*) FROM articles").fetchone()[0] >= n:
                    return
            finally:
                con.close()
        except sqlite3.Error:
            continue


def _check_and_finish(db, n, **kw):
    """After a kill: the file is sound, articles are whole, and a re-run stores the rest."""
    assert integrity(db) == "ok"
    assert per_article_consistent(db)
    events = kw.get("events", 3)
    with Store(db) as store:
        done = store.count()["articles"]
        assert 0 < done < n
        assert store.count()["events"] == events * done
        added = sum(store.add(*synthetic(i, **kw)) for i in range(n))
        assert added == n - done
        assert store.count()["articles"] == n and store.count()["events"] == events * n
    assert integrity(db) == "ok"
    assert per_article_consistent(db)


def test_killed_mid_ingest_leaves_whole_articles(db):
    n, kw = 300, {"events": 40, "text_size": 2000}
    p = FORK.Process(target=_ingest, args=(str(db), 0, n), kwargs=kw)
    p.start()
    _wait_for_articles(db, 20, p)
    os.kill(p.pid, signal.SIGKILL)  # wherever it is: most of its time is spent in add()
    p.join(10)
    assert p.exitcode == -signal.SIGKILL
    _check_and_finish(db, n, **kw)


def _ingest_and_hang_mid_add(path: str, stop_at: int, conn) -> None:  # in a forked child
    real = Store._insert_unresolved

    def hang(self, db, article_id, rows):
        if self.conn.execute("SELECT count(*) FROM articles").fetchone()[0] > stop_at:
            conn.send("events written, transaction open")
            time.sleep(60)
        real(self, db, article_id, rows)

    Store._insert_unresolved = hang
    _ingest(path, 0, 100, events=40, text_size=20_000)


def test_killed_inside_the_transaction_leaves_whole_articles(db):
    parent, child = FORK.Pipe()
    p = FORK.Process(target=_ingest_and_hang_mid_add, args=(str(db), 10, child))
    p.start()
    assert parent.poll(30), "the child did not reach the middle of an add"
    parent.recv()
    os.kill(p.pid, signal.SIGKILL)
    p.join(10)
    assert p.exitcode == -signal.SIGKILL
    with Store(db) as store:
        assert store.count()["articles"] == 10
    _check_and_finish(db, 100, events=40, text_size=20_000)


def _dump(path):
    """Every stored row (with each value's SQLite type), ingest times aside."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in ("articles", "places", "mentions", "events", "unresolved"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                    if r[1] != "ingested_at"]
            sel = ", ".join(f'"{c}", typeof("{c}")' for c in cols)
            out[table] = conn.execute(f"SELECT {sel} FROM {table} ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def test_rows_of_an_extraction_store_as_its_tables_do(tmp_path, gaz, actors):
    """extract() hands over rows and builds its tables only when read: a store fed the
    rows holds exactly what one fed the built tables holds."""
    from flashpoints.article import read_article
    from flashpoints.pipeline import extract

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    arts = [read_article(p) for p in sorted(samples.glob("*.md")) if p.name != "README.md"]
    xs = [extract(a, gazetteer=gaz, actors=actors) for a in arts]
    with Store(tmp_path / "rows.db") as s:
        for a, x in zip(arts, xs):
            assert s.add(a, x)
    assert all(x._frames["events"] is None for x in xs)  # the rows went in as they were
    tables = [Extraction(places=x.places, events=x.events, unresolved=x.unresolved,
                         articles=x.articles) for x in xs]
    with Store(tmp_path / "tables.db") as s:
        for a, x in zip(arts, tables):
            assert s.add(a, x)
    rows, built = _dump(tmp_path / "rows.db"), _dump(tmp_path / "tables.db")
    assert sum(len(v) for v in rows.values()) > 100
    assert rows == built


def test_an_extraction_builds_its_tables_from_its_rows_when_read():
    rows = [{"text": "Zzyzxgrad", "start": 5, "end": 14, "reason": "not in the gazetteer",
             "candidates": [], "article_id": "a1"}]
    x = Extraction.from_rows([], [], rows)
    assert x.records("unresolved") == rows and x._frames["unresolved"] is None
    assert list(x.unresolved.columns) == UNRESOLVED_COLUMNS
    assert x.unresolved.iloc[0]["text"] == "Zzyzxgrad"
    assert x.records("unresolved") == rows  # now read back from the table
    assert len(x.places) == 0 and list(x.events.columns) == EVENT_COLUMNS
    x.events = frame([], EVENT_COLUMNS)  # a table can be replaced
    assert "places=0" in repr(x) and "unresolved=1" in repr(x)
