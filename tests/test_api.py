"""The package's two front doors: ``flashpoints.extract_places`` and ``flashpoints.geocode``."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from shapely.geometry.base import BaseGeometry

import flashpoints
from flashpoints.article import from_text
from flashpoints.table import PLACE_COLUMNS, UNRESOLVED_COLUMNS, PlacesTable

TEXT = ("Poland sent 10,000 soldiers to the Polish-Belarusian border on Monday, while "
        "Russian warships sailed from Sevastopol into the Sea of Azov. Residents of Lemberg "
        "Heights said the convoy passed through Kuźnica before dawn.")


@pytest.fixture(scope="module")
def table() -> PlacesTable:
    return flashpoints.extract_places(TEXT)


def test_extract_places_is_a_pandas_table_with_shapes(table):
    assert isinstance(table, pd.DataFrame) and isinstance(table, PlacesTable)
    assert list(table.columns) == PLACE_COLUMNS
    assert all(isinstance(g, BaseGeometry) for g in table.geometry)
    kinds = dict(zip(table.name, table.kind))
    assert kinds["Sea of Azov"] == "sea"
    assert kinds["Kuźnica"] == "city"
    border = table[table.kind == "border"].iloc[0]
    assert border.geometry.geom_type in ("LineString", "MultiLineString")
    assert set(border.country_codes) == {"PL", "BY"}


def test_extract_places_reports_what_it_cannot_place(table):
    assert list(table.unresolved.columns) == UNRESOLVED_COLUMNS
    # a slice of the table is a table of its own and keeps the unresolved mentions
    part = table[table.kind == "city"]
    assert isinstance(part, PlacesTable) and part.unresolved is table.unresolved


def test_extract_places_geojson_has_place_records(table, tmp_path):
    out = tmp_path / "places.geojson"
    text = table.to_geojson(out, per_line=True)
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc == json.loads(text)
    assert len(fc["features"]) == len(table)
    assert {f["properties"]["record"] for f in fc["features"]} == {"place"}
    sea = next(f for f in fc["features"] if f["properties"]["name"] == "Sea of Azov")
    assert sea["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_extract_places_takes_an_article():
    art = from_text("NATO jets flew over Estonia.", published="2021-11-15")
    t = flashpoints.extract_places(art)
    assert "Estonia" in set(t.name)


@pytest.mark.parametrize("name, kind, iso", [
    ("Kyiv", "city", "UA"), ("Kiev", "city", "UA"), ("Sea of Azov", "sea", None),
    ("Crimea", "region", None), ("Polish-Belarusian border", "border", None),
    ("Wales", "admin1", "GB"),
])
def test_geocode_a_bare_name(name, kind, iso):
    p = flashpoints.geocode(name)
    assert p is not None and p.kind == kind
    if iso:
        assert p.country_codes[0] == iso


@pytest.mark.parametrize("name", ["", "   ", "Qwxzv Plorth", "the border"])
def test_geocode_unknown_is_none(name):
    assert flashpoints.geocode(name) is None


def test_unknown_places_are_reported_not_dropped():
    t = flashpoints.extract_places(
        "Russian troops were seen near Zzyzxgrad on Monday, and shelling hit the village "
        "of Plorthivka. Officials in Brussels said nothing about NATO.")
    got = dict(zip(t.unresolved.text, t.unresolved.reason))
    assert got == {"Zzyzxgrad": "not in the gazetteer", "Plorthivka": "not in the gazetteer"}
    assert "Brussels" in set(t.name)
    # without such a word before it, an unknown capitalised word is no place
    t = flashpoints.extract_places("Zzyzxgrad said on Monday that NATO met Plorthivka.")
    assert t.unresolved.empty
