"""Exports: ACLED CSV columns and values, GeoJSON, JSON Lines, Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from spotrep.export import FORMATS, write
from spotrep.export.acled import acled_columns, disorder_type, interaction
from spotrep.records import Result
from spotrep.store import Store

CODEBOOK = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_acled_csv_of_incidents(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    assert write("acled-csv", store.incidents(), out) == 2
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(CODEBOOK)
    strike, rally = read_csv(out)
    assert strike["event_date"] == "2024-03-05" and strike["year"] == "2024"
    assert strike["time_precision"] == "1"
    assert strike["disorder_type"] == "Political violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["actor1"] == "Military Forces of Russia" and strike["inter1"] == "1"
    assert strike["actor2"] == "Civilians (Ukraine)" and strike["inter2"] == "7"
    assert strike["interaction"] == "17"
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["country"], strike["admin1"]) == ("804", "Ukraine",
                                                                    "Kharkiv Oblast")
    assert strike["location"] == "Kharkiv" and strike["geo_precision"] == "1"
    assert float(strike["latitude"]) == pytest.approx(49.9935)
    assert strike["fatalities"] == "3"  # the conservative figure of 3 vs 5
    assert strike["source"] == "Outlet A; Outlet B"
    assert strike["region"] == strike["tags"] == strike["admin2"] == ""  # unknown stays empty
    assert rally["time_precision"] == "2" and rally["disorder_type"] == "Demonstrations"
    assert rally["interaction"] == "60" and rally["fatalities"] == ""


def test_acled_csv_of_events_has_notes(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert write("acled-csv", store.events(), out) == 3
    rows = read_csv(out)
    assert rows[0]["event_id_cnty"] == "a1/e1"
    assert rows[0]["notes"] == "A strike on Kharkiv killed 3."
    assert rows[1]["fatalities"] == "5"


def test_geojson_of_incidents(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    write("geojson", store.incidents(), out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [36.2304, 49.9935]}
    assert first["properties"]["corroboration"] == 2
    assert first["properties"]["conflicts"][0]["field"] == "fatalities"


def test_jsonl_of_results_round_trips(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    assert write("jsonl", store.results(), out) == 4
    back = [Result.from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert [r.article.id for r in back] == ["a1", "b1", "c1", "d1"]


def test_parquet_has_typed_acled_columns(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    out = tmp_path / "incidents.parquet"
    assert write("parquet", store.incidents(), out) == 2
    table = pq.read_table(out)
    assert table.column_names == [*CODEBOOK, "record"]
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    rows = table.to_pylist()
    assert rows[0]["fatalities"] == 3 and rows[1]["fatalities"] is None
    assert json.loads(rows[0]["record"])["corroboration"] == 2


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "parquet"])
def test_results_are_refused_where_rows_are_incidents_or_events(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    with pytest.raises(ValueError, match="not results"):
        write(fmt, store.results(), tmp_path / "x")  # type: ignore[arg-type]


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write("xlsx", [], tmp_path / "x")  # type: ignore[arg-type]


def test_column_table_is_the_codebook() -> None:
    assert list(acled_columns()) == CODEBOOK
    assert set(FORMATS) == {"acled-csv", "geojson", "jsonl", "parquet"}


@pytest.mark.parametrize(("code", "expected"), [
    ("ARMED_CLASH", "Political violence"),
    ("PEACE_PROTEST", "Demonstrations"),
    ("VIOL_DEMONSTR", "Demonstrations"),
    ("FORCE_AGAINST_PROTEST", "Political violence; Demonstrations"),
    ("ARREST", "Strategic developments"),
    ("NATURAL_DISASTER", None),
])
def test_disorder_type(code: str, expected: str | None) -> None:
    assert disorder_type(code) == expected


@pytest.mark.parametrize(("i1", "i2", "expected"), [
    (1, 7, 17), (7, 1, 17), (6, None, 60), (None, 3, None), (2, 2, 22),
])
def test_interaction(i1: int | None, i2: int | None, expected: int | None) -> None:
    assert interaction(i1, i2) == expected
