"""pandas, geopandas and duckdb read every export with no warning (warnings are errors here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotrep import export
from spotrep.store import Store


@pytest.fixture
def files(store: Store, tmp_path: Path) -> dict[str, Path]:
    out = {"acled-csv": tmp_path / "a.csv", "geojson": tmp_path / "a.geojson",
           "parquet": tmp_path / "a.parquet", "jsonl": tmp_path / "a.jsonl"}
    for fmt, path in out.items():
        export.write(fmt, export.incidents(store), path)  # type: ignore[arg-type]
    return out


def test_pandas_reads_the_acled_csv_typed(files: dict[str, Path]) -> None:
    import pandas as pd

    df = pd.read_csv(files["acled-csv"], parse_dates=["event_date"], date_format="%Y-%m-%d")
    assert str(df["fatalities"].dtype) == "int64" and str(df["year"].dtype) == "int64"
    assert str(df["event_date"].dtype).startswith("datetime64")
    assert df["fatalities"].sum() == 3 and list(df["country"]) == ["Ukraine", "Senegal"]


def test_pandas_reads_jsonl_and_parquet(files: dict[str, Path]) -> None:
    import pandas as pd

    assert len(pd.read_json(files["jsonl"], lines=True)) == 4
    df = pd.read_parquet(files["parquet"])
    assert str(df["fatalities"].dtype) == "int64" and len(df) == 4


def test_geopandas_reads_geojson_and_geoparquet(files: dict[str, Path]) -> None:
    import geopandas as gpd

    parquet = gpd.read_parquet(files["parquet"])
    assert parquet.geometry.name == "geometry" and str(parquet.crs) == "OGC:CRS84"
    strike = parquet[parquet["code"] == "AIR_STRIKE"].iloc[0]
    assert (strike.geometry.x, strike.geometry.y) == (36.2304, 49.9935)
    geojson = gpd.read_file(files["geojson"])
    assert set(geojson["code"]) == set(parquet["code"])
    assert str(geojson["fatalities"].dtype).startswith("int")
    assert str(geojson["date_start"].dtype).startswith("datetime64")


def test_duckdb_reads_csv_parquet_and_geojson(files: dict[str, Path]) -> None:
    import duckdb

    con = duckdb.connect()
    csv_sum = con.execute(f"SELECT sum(fatalities), typeof(any_value(event_date)) "
                          f"FROM read_csv('{files['acled-csv']}')").fetchone()
    assert csv_sum == (3, "DATE")
    parquet = con.execute(f"SELECT count(*), typeof(any_value(event_date)), "
                          f"typeof(any_value(geometry)) FROM '{files['parquet']}'").fetchone()
    assert parquet is not None and parquet[:2] == (4, "DATE")
    features = con.execute(f"SELECT count(*), sum(fatalities) "
                           f"FROM read_json('{files['geojson']}')").fetchone()
    assert features == (4, 13)  # the flood's 10 too: GeoJSON holds every code
