"""Many articles at a time (``jobs``): forked workers give the same tables, in order."""
from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest

from flashpoints import pipeline
from flashpoints.article import read_article
from flashpoints.cli import main
from flashpoints.errors import DataFileError, InputError

SAMPLES = sorted(p for p in (Path(__file__).resolve().parents[1] / "data" / "samples").glob("*.md")
                 if p.name != "README.md")


def _summary(x) -> tuple:
    """What an extraction found, as plain values (places, events, unresolved)."""
    places = [(r.id, r.name, round(r.lat, 4), round(r.lon, 4), r.geometry.wkt[:60])
              for r in x.places.itertuples()]
    events = [(r.type, r.actor, str(r.date_start), r.place, r.evidence_start)
              for r in x.events.itertuples()]
    return places, events, list(x.unresolved["text"])


def test_two_workers_give_the_same_tables_in_the_same_order(gaz, actors):
    arts = [read_article(p) for p in SAMPLES] * 2  # more articles than workers
    one = list(pipeline.extract_articles(arts, gazetteer=gaz, actors=actors))
    two = list(pipeline.extract_articles(arts, jobs=2, gazetteer=gaz, actors=actors))
    assert [a.source for a, _ in two] == [a.source for a in arts]
    assert [_summary(x) for _, x in two] == [_summary(x) for _, x in one]
    assert sum(len(x.places) for _, x in two) > 20 and sum(len(x.events) for _, x in two) > 10


def test_a_failing_article_in_a_worker_is_reported_and_the_rest_kept(gaz, actors, monkeypatch):
    real = pipeline.find_mentions

    def picky(text, *a, **kw):
        if "Kerch" in text:
            raise InputError("cannot read this one")
        return real(text, *a, **kw)

    monkeypatch.setattr(pipeline, "find_mentions", picky)  # inherited by the forked workers
    arts = [read_article(p) for p in SAMPLES]
    bad = [a.source for a in arts if "Kerch" in a.text]
    assert bad and len(bad) < len(arts)
    errors: dict[str, Exception] = {}
    progress: list[tuple[int, int]] = []
    got = list(pipeline.extract_articles(arts, jobs=2, gazetteer=gaz, actors=actors,
                                         on_error=lambda name, e: errors.setdefault(name, e),
                                         progress=lambda n, t, a: progress.append((n, t))))
    assert [a.source for a, _ in got] == [a.source for a in arts if a.source not in bad]
    assert sorted(errors) == sorted(bad)
    assert all(isinstance(e, InputError) and "cannot read" in str(e) for e in errors.values())
    assert progress == [(n, len(arts)) for n in range(1, len(arts) + 1)]
    with pytest.raises(InputError):  # without on_error the first problem is raised
        list(pipeline.extract_articles(arts, jobs=2, gazetteer=gaz, actors=actors))


def test_errors_survive_the_trip_back_from_a_worker():
    err = pickle.loads(pickle.dumps(DataFileError("extra.csv", 7, "no geometry", "wkt")))
    assert isinstance(err, DataFileError)
    assert (err.path, err.line, err.column) == ("extra.csv", 7, "wkt")
    assert str(err) == "extra.csv, line 7, column 'wkt': no geometry"


def test_how_many_workers():
    import os

    assert pipeline.workers(1, 50) == 1
    assert pipeline.workers(4, 3) == 3  # never more processes than articles
    assert pipeline.workers(0, 1000) == (os.cpu_count() or 1)
    assert pipeline.workers(4, 50, online=object()) == 1  # one rate limit, one cache
    with pytest.raises(ValueError):
        pipeline.workers(-2, 5)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for p in SAMPLES:
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "zz-empty.md").write_text("", encoding="utf-8")
    return folder


def test_cli_extract_with_jobs_prints_what_one_job_prints(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["extract", str(folder), "--format", "json"]) == 0
    one = capsys.readouterr()
    assert main(["extract", str(folder), "--format", "json", "--jobs", "2"]) == 0
    two = capsys.readouterr()
    assert json.loads(two.out) == json.loads(one.out)
    assert len(json.loads(one.out)["places"]) > 20
    assert "zz-empty.md" in two.err and "empty file" in two.err


def test_cli_ingest_with_jobs_stores_every_article_once(tmp_path, capsys):
    folder, db = _folder(tmp_path), tmp_path / "s.sqlite"
    assert main(["ingest", str(folder), "--db", str(db), "-j", "2"]) == 0
    err = capsys.readouterr().err
    assert f"ingested {len(SAMPLES)} new, 0 already stored, 1 failed" in err
    with sqlite3.connect(db) as con:
        stored = {r[0] for r in con.execute("select source from articles")}
    assert len(stored) == len(SAMPLES)
    assert main(["ingest", str(folder), "--db", str(db), "--jobs", "0"]) == 0
    assert f"ingested 0 new, {len(SAMPLES)} already stored" in capsys.readouterr().err


def test_cli_rejects_a_bad_jobs_value(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path), "--jobs", "many"])
    assert exc.value.code == 2
    assert "not a number of processes" in capsys.readouterr().err
