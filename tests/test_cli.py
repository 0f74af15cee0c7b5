"""The command line: help, extract formats, geocode, one-line errors."""
from __future__ import annotations

import json

import pytest

from flashpoints.cli import main

TEXT = ("# Drills near the border\n\n12 March 2022\n\nBelarus moved 3,000 troops to Brest on "
        "Friday. Polish border guards closed the crossing at Terespol.\n")


@pytest.fixture()
def article(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("extract", "ingest", "map", "geocode", "app"):
        assert cmd in out


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_extract_geojson_has_places_and_events(article, capsys):
    assert main(["extract", str(article)]) == 0
    fc = json.loads(capsys.readouterr().out)
    records = {f["properties"]["record"] for f in fc["features"]}
    assert records == {"place", "event"}
    names = {f["properties"]["name"] for f in fc["features"]
             if f["properties"]["record"] == "place"}
    assert {"Belarus", "Brest", "Terespol"} <= names
    ev = [f["properties"] for f in fc["features"] if f["properties"]["record"] == "event"]
    dep = [e for e in ev if e["type"] == "deployment"][0]
    assert dep["actor"] == "Belarus" and dep["date_start"] == "2022-03-11"


def test_extract_geojson_puts_one_feature_on_a_line(article, capsys):
    from flashpoints.article import read_article
    from flashpoints.pipeline import extract

    assert main(["extract", str(article)]) == 0
    text = capsys.readouterr().out
    fc = json.loads(text)
    lines = text.strip().splitlines()
    assert len(lines) == len(fc["features"]) + 2 > 4  # opening, features, closing
    assert all(json.loads(line.rstrip(",")) for line in lines[1:-1])
    assert fc == json.loads(extract(read_article(article)).to_geojson(indent=2))


def test_extract_csv_and_table(article, capsys, tmp_path):
    out = tmp_path / "e.csv"
    assert main(["extract", str(article), "--format", "csv", "-o", str(out)]) == 0
    header = out.read_text().splitlines()[0].split(",")
    for col in ("event_date", "time_precision", "actor1", "event_type", "location",
                "latitude", "longitude", "notes", "source"):
        assert col in header
    assert main(["extract", str(article), "--format", "table"]) == 0
    assert "places" in capsys.readouterr().out


def test_extract_json_records(article, capsys):
    from flashpoints.article import read_article
    from flashpoints.pipeline import extract

    assert main(["extract", str(article), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"places", "events", "unresolved"}
    assert doc["places"] and doc["events"]
    place = doc["places"][0]
    for key in ("id", "name", "kind", "lat", "lon", "mentions", "source", "country_codes",
                "confidence", "geometry"):
        assert key in place
    assert place["geometry"]["type"] in ("Point", "LineString", "MultiLineString", "Polygon",
                                         "MultiPolygon")
    assert all("text" in u and "reason" in u for u in doc["unresolved"])
    x = extract(read_article(article))
    assert len(doc["places"]) == len(x.places) and len(doc["events"]) == len(x.events)


def test_missing_file_one_line_error(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.md")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert any("nope.md" in line and "no such file" in line for line in err)
    assert "Traceback" not in "\n".join(err)


def test_geocode(capsys):
    assert main(["geocode", "Sea of Azov"]) == 0
    hit = json.loads(capsys.readouterr().out.splitlines()[0])
    assert hit["kind"] == "sea" and hit["geometry"] in ("POLYGON", "MULTIPOLYGON")
    assert main(["geocode", "Qqqzzz Nowhere"]) == 1


def test_bad_places_file_one_line(article, tmp_path, capsys):
    bad = tmp_path / "p.csv"
    bad.write_text("id,name,kind,wkt\nx,Foo,sea,POLYGON((\n", encoding="utf-8")
    assert main(["extract", str(article), "--places", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert str(bad) in err and "line 2" in err and "wkt" in err
    assert len(err.splitlines()) == 1


def test_ingest_is_idempotent_reports_bad_files_and_maps_from_the_store(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(TEXT, encoding="utf-8")
    (folder / "b.md").write_text(TEXT.replace("Brest", "Pinsk").replace("3,000", "2,000"),
                                 encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "s.sqlite"
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "ingested 2 new" in err and "1 failed" in err and "bad.txt" in err
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    assert "ingested 0 new, 2 already stored" in capsys.readouterr().err
    from flashpoints.store import Store

    with Store(db) as store:
        counts = store.count()
    assert counts["articles"] == 2 and counts["events"] >= 2
    out = tmp_path / "m.html"
    assert main(["map", "--db", str(db), "-o", str(out), "--actor", "Belarus"]) == 0
    assert out.stat().st_size > 10_000


def test_actor_aliases(actors):
    for alias, name in [("the Kremlin", "Russia"), ("Putin", "Russia"), ("Moscow", "Russia"),
                        ("Washington", "United States"), ("the Pentagon", "United States"),
                        ("Kiev", "Ukraine"), ("Kyiv", "Ukraine"), ("the alliance", "NATO"),
                        ("UK", "United Kingdom"), ("Lukashenko", "Belarus"),
                        ("Minsk", "Belarus"), ("Russian Foreign Ministry", "Russia")]:
        aid = actors.lookup(alias)
        assert aid and actors.actors[aid].name == name, alias
    assert actors.lookup("us") is None  # the pronoun is not the United States
