"""Malformed data files: a user's places file (``--places``,
``Gazetteer(extra_places=...)``, ``read_places_csv``) and actors files
(``ActorIndex(path)``).

Each error is a :class:`DataFileError` whose message names the file, the line
and, where one column is at fault, the column; the CLI prints that one line and
exits 1, never a traceback.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from _bad_files import WIRE, assert_one_line_error, run_cli
from flashpoints.errors import DataFileError
from flashpoints.gazetteer import Gazetteer, read_places_csv
from flashpoints.mentions import ActorIndex

HEADER = "id,name,kind,aliases,country_codes,wkt,source,note\n"
GOOD_ROW = 'user-camp,Camp Example,base,,PL,POINT (23.5 52.1),user,\n'

#: name -> (file content, line, column, words the message must contain)
BAD_PLACES: dict[str, tuple[str | bytes, int | None, str | None, tuple[str, ...]]] = {
    "bad_wkt_truncated": (HEADER + GOOD_ROW + 'user-a,Area A,region,,,"POLYGON ((1 2, 3",,\n',
                          3, "wkt", ("bad WKT",)),
    "bad_wkt_word": (HEADER + 'user-b,Spot B,city,,,NOT A SHAPE,,\n', 2, "wkt", ("bad WKT",)),
    "empty_wkt": (HEADER + 'user-b,Spot B,city,,,,,\n', 2, "wkt", ("WKT",)),
    "self_intersecting": (HEADER + 'user-c,Bowtie,region,,,'
                          '"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))",,\n', 2, "wkt", ("invalid",)),
    "lon_out_of_range": (HEADER + 'user-d,Far East,city,,,POINT (200 10),,\n', 2, "wkt",
                         ("out of range",)),
    "lat_out_of_range": (HEADER + GOOD_ROW + GOOD_ROW.replace("user-camp", "user-e")
                         .replace("52.1", "95.5"), 3, "wkt", ("out of range",)),
    "lat_lon_swapped_polygon": (HEADER + 'user-f,Swapped,region,,,'
                                '"POLYGON ((52 100, 53 100, 53 101, 52 100))",,\n', 2, "wkt",
                                ("out of range",)),
    "duplicate_id": (HEADER + GOOD_ROW + GOOD_ROW.replace("Camp Example", "Other Camp"),
                     3, "id", ("duplicate id", "user-camp", "line 2")),
    "unknown_kind": (HEADER + 'user-g,Mount Example,volcano,,,POINT (10 10),,\n', 2, "kind",
                     ("unknown kind", "volcano")),
    "empty_id": (HEADER + ',No Id,city,,,POINT (10 10),,\n', 2, "id", ("empty id",)),
    "empty_name": (HEADER + 'user-h,,city,,,POINT (10 10),,\n', 2, "name", ("empty name",)),
    "too_many_fields": (HEADER + GOOD_ROW + 'user-i,Spot I,city,,,POINT (1 1),user,,x,y\n',
                        3, None, ("10 fields", "expected 8")),
    "missing_columns": ("id,name,kind\nuser-j,Spot J,city\n", 1, None,
                        ("missing column", "wkt")),
    "empty_file": ("", 1, None, ("empty file",)),
}


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / f"{name}.csv"
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def _where(path: Path, line: int | None, column: str | None) -> str:
    where = str(path)
    if line is not None:
        where += f", line {line}"
    if column:
        where += f", column {column!r}"
    return where


# ------------------------------------------------------------------ read_places_csv

@pytest.mark.parametrize("case", sorted(BAD_PLACES))
def test_read_places_csv_names_file_line_column(tmp_path, case):
    content, line, column, words = BAD_PLACES[case]
    p = _write(tmp_path, case, content)
    with pytest.raises(DataFileError) as exc:
        read_places_csv(p)
    err = exc.value
    msg = str(err)
    assert err.path == str(p)
    assert err.line == line
    assert err.column == column
    assert msg.startswith(_where(p, line, column) + ": "), msg
    for w in words:
        assert w in msg, f"{w!r} not in {msg!r}"
    assert "\n" not in msg


def test_read_places_csv_good_file_passes(tmp_path):
    p = _write(tmp_path, "good", HEADER + GOOD_ROW)
    rows = read_places_csv(p)
    assert [r["id"] for r in rows] == ["user-camp"]
    assert rows[0]["_geom"].geom_type == "Point" and rows[0]["_line"] == 2


def test_read_places_csv_header_only_is_no_rows(tmp_path):
    assert read_places_csv(_write(tmp_path, "header", HEADER)) == []


def test_read_places_csv_not_utf8_names_file(tmp_path):
    content = (HEADER + GOOD_ROW + 'user-k,Bogot\xe1 Camp,base,,CO,POINT (-74 4.6),,\n')
    p = _write(tmp_path, "latin1", content.encode("latin-1"))
    with pytest.raises(DataFileError) as exc:
        read_places_csv(p)
    assert str(exc.value).startswith(str(p))
    assert "UTF-8" in str(exc.value)


def test_read_places_csv_not_utf8_names_line(tmp_path):
    content = (HEADER + GOOD_ROW + 'user-k,Bogot\xe1 Camp,base,,CO,POINT (-74 4.6),,\n')
    p = _write(tmp_path, "latin1", content.encode("latin-1"))
    with pytest.raises(DataFileError) as exc:
        read_places_csv(p)
    assert exc.value.line == 3


def test_read_places_csv_too_few_fields(tmp_path):
    p = _write(tmp_path, "short", HEADER + GOOD_ROW + "user-l,Spot L,city\n")
    with pytest.raises(DataFileError) as exc:
        read_places_csv(p)
    assert exc.value.line == 3
    assert "3 fields" in str(exc.value) and "expected 8" in str(exc.value)


def test_read_places_csv_missing_file(tmp_path):
    p = tmp_path / "nope.csv"
    with pytest.raises(DataFileError) as exc:
        read_places_csv(p)
    assert str(exc.value).startswith(str(p)) and "cannot read" in str(exc.value)


# ------------------------------------------------------------------ Gazetteer(extra_places=...)

@pytest.mark.parametrize("case", ["bad_wkt_truncated", "duplicate_id", "unknown_kind",
                                  "lat_out_of_range", "missing_columns", "empty_file"])
def test_gazetteer_extra_places_bad_file(tmp_path, case):
    content, line, column, words = BAD_PLACES[case]
    p = _write(tmp_path, case, content)
    with pytest.raises(DataFileError) as exc:
        Gazetteer(extra_places=[p])
    assert str(exc.value).startswith(_where(p, line, column))
    for w in words:
        assert w in str(exc.value)


def test_gazetteer_extra_places_missing_file(tmp_path):
    p = tmp_path / "missing-places.csv"
    with pytest.raises(DataFileError) as exc:
        Gazetteer(extra_places=[p])
    assert str(exc.value) == f"{p}: no such file"


def test_gazetteer_extra_places_not_utf8(tmp_path):
    p = _write(tmp_path, "latin1", (HEADER + 'user-m,Caf\xe9 Hill,other,,FR,POINT (2 48),,\n')
               .encode("latin-1"))
    with pytest.raises(DataFileError) as exc:
        Gazetteer(extra_places=[p])
    assert str(exc.value).startswith(str(p)) and "UTF-8" in str(exc.value)


# ------------------------------------------------------------------ CLI --places

@pytest.mark.parametrize("case", ["bad_wkt_truncated", "duplicate_id", "unknown_kind",
                                  "lon_out_of_range", "too_many_fields", "missing_columns",
                                  "empty_file"])
def test_cli_places_bad_file_one_line_exit_1(tmp_path, capsys, case):
    content, line, column, words = BAD_PLACES[case]
    places = _write(tmp_path, case, content)
    art = tmp_path / "article.md"
    art.write_text(WIRE, encoding="utf-8")
    code, out, err = run_cli(["extract", art, "--places", places], capsys)
    assert code == 1
    msg = assert_one_line_error(code, err, "flashpoints: error: ", _where(places, line, column),
                                *words)
    assert msg.startswith("flashpoints: error: ")
    assert out == ""


def test_cli_places_non_utf8_one_line(tmp_path, capsys):
    places = _write(tmp_path, "latin1", (HEADER + 'user-n,Z\xfcrich Camp,base,,CH,'
                                         'POINT (8.5 47.4),,\n').encode("latin-1"))
    art = tmp_path / "article.md"
    art.write_text(WIRE, encoding="utf-8")
    code, out, err = run_cli(["extract", art, "--places", places], capsys)
    assert code == 1
    assert_one_line_error(code, err, str(places), "UTF-8")


def test_cli_places_missing_file(tmp_path, capsys):
    art = tmp_path / "article.md"
    art.write_text(WIRE, encoding="utf-8")
    missing = tmp_path / "places-typo.csv"
    code, out, err = run_cli(["extract", art, "--places", missing], capsys)
    assert code == 1
    assert_one_line_error(code, err, str(missing), "no such file")


def test_cli_geocode_unknown_place_one_line(capsys):
    code, out, err = run_cli(["geocode", "Qwzxv Nowhereland"], capsys)
    assert code == 1
    assert_one_line_error(code, err, "Qwzxv Nowhereland", "not in the offline gazetteer")
    assert out == ""


# ------------------------------------------------------------------ actors files

ACTORS_HEADER = "id,name,kind,country_code,capital,lat,lon,aliases\n"
ACTOR_ROW = "testland,Testland,state,TL,Testville,50.5,20.25,Testlanders|the Test Council\n"

#: name -> (content, line, column, words)
BAD_ACTORS: dict[str, tuple[str, int, str | None, tuple[str, ...]]] = {
    "missing_columns": ("id,name,lat,lon\ntestland,Testland,50,20\n", 1, None,
                        ("missing column", "kind", "country_code", "aliases")),
    "duplicate_id": (ACTORS_HEADER + ACTOR_ROW + ACTOR_ROW.replace("Testland,", "Other,"), 3,
                     "id", ("duplicate id", "testland")),
    "lat_out_of_range": (ACTORS_HEADER + ACTOR_ROW.replace("50.5", "91"), 2, "lat",
                         ("out of range", "91")),
    "lon_out_of_range": (ACTORS_HEADER + ACTOR_ROW.replace("20.25", "-180.5"), 2, "lon",
                         ("out of range",)),
    "lon_not_a_number": (ACTORS_HEADER + ACTOR_ROW + ACTOR_ROW.replace("testland", "t2")
                         .replace("20.25", "east"), 3, "lon", ("not a number", "'east'")),
    "lat_nan": (ACTORS_HEADER + ACTOR_ROW.replace("50.5", "nan"), 2, "lat", ("out of range",)),
    "empty_id": (ACTORS_HEADER + ACTOR_ROW.replace("testland,", ",", 1), 2, "id",
                 ("empty id",)),
    "empty_file": ("", 1, None, ("empty file",)),
}


@pytest.mark.parametrize("case", sorted(BAD_ACTORS))
def test_actor_index_bad_file(tmp_path, case):
    content, line, column, words = BAD_ACTORS[case]
    p = _write(tmp_path, f"actors-{case}", content)
    with pytest.raises(DataFileError) as exc:
        ActorIndex(p)
    err = exc.value
    assert err.path == str(p) and err.line == line and err.column == column
    assert str(err).startswith(_where(p, line, column) + ": ")
    for w in words:
        assert w in str(err)


def test_actor_index_good_file(tmp_path):
    idx = ActorIndex(_write(tmp_path, "actors-good", ACTORS_HEADER + ACTOR_ROW))
    a = idx.actors["testland"]
    assert (a.name, a.country_code, a.lat, a.lon) == ("Testland", "TL", 50.5, 20.25)
    assert idx.lookup("Testlanders") == "testland"
    assert idx.lookup("Test Council") == "testland"


def test_actor_index_not_utf8(tmp_path):
    p = _write(tmp_path, "actors-latin1", (ACTORS_HEADER + ACTOR_ROW.replace("Testland,",
                                                                             "T\xfcstland,"))
               .encode("latin-1"))
    with pytest.raises(DataFileError) as exc:
        ActorIndex(p)
    assert str(exc.value).startswith(str(p)) and "UTF-8" in str(exc.value)


def test_actor_index_missing_file(tmp_path):
    p = tmp_path / "actors-typo.csv"
    with pytest.raises(DataFileError) as exc:
        ActorIndex(p)
    assert str(exc.value).startswith(str(p))


def test_actor_index_too_many_fields(tmp_path):
    p = _write(tmp_path, "actors-wide", ACTORS_HEADER + ACTOR_ROW.rstrip("\n") + ",x,y\n")
    with pytest.raises(DataFileError) as exc:
        ActorIndex(p)
    assert exc.value.line == 2


@pytest.mark.parametrize("body, line, column", [
    ("iso2,lat,lon\nRU,60,100\nCA,north,-95\n", 3, "lat"),
    ("iso2,lat,lon\nRU,60,100\nCA,60,-195\n", 3, "lon"),
    ("iso2,lat,lon\nRU,95,100\n", 2, "lat"),
])
def test_country_points_bad_numbers_name_file_line_column(tmp_path, body, line, column):
    from flashpoints.gazetteer import _country_points

    path = _write(tmp_path, "country_points", body)
    with pytest.raises(DataFileError) as err:
        _country_points(path)
    assert _where(path, line, column) in str(err.value)


def test_country_points_missing_column(tmp_path):
    from flashpoints.gazetteer import _country_points

    path = _write(tmp_path, "country_points", "iso2,lat\nRU,60\n")
    with pytest.raises(DataFileError) as err:
        _country_points(path)
    assert "lon" in str(err.value) and str(path) in str(err.value)


def test_given_names_bad_row_names_file_line_column(tmp_path):
    from flashpoints.mentions import _given_names

    path = _write(tmp_path, "given_names", "name,births\nMary,100\nmary,50\n")
    with pytest.raises(DataFileError) as err:
        _given_names(path)
    assert _where(path, 3, "name") in str(err.value)
    path = _write(tmp_path, "given_names2", "first,births\nMary,100\n")
    with pytest.raises(DataFileError) as err:
        _given_names(path)
    assert "name" in str(err.value) and str(path) in str(err.value)


def test_town_aliases_unknown_id_names_file_and_line(tmp_path):
    from flashpoints.gazetteer import _add_aliases, _Index

    idx = _Index()
    idx.add("gn-1", "Al Hudaydah", "city", 14.8, 42.95, "geonames", ["YE"], 1)
    tmp: dict[str, list[int]] = {}
    path = _write(tmp_path, "town_aliases", "id,aliases,note\ngn-1,Hodeidah,\ngn-2,Nowhere,\n")
    with pytest.raises(DataFileError) as err:
        _add_aliases(idx, tmp, path)
    assert str(path) in str(err.value) and "line 3" in str(err.value)
    assert "hodeidah" in tmp  # the good row went in
