"""Export writers: ACLED CSV, GeoJSON, JSON Lines and Parquet, over incidents or events."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

from spotrep.export.acled import Row, acled_columns, csv_value, event_row, incident_row
from spotrep.merge import Incident
from spotrep.records import Place, Result
from spotrep.store import StoredEvent

Format = Literal["acled-csv", "geojson", "jsonl", "parquet"]
FORMATS: tuple[Format, ...] = ("acled-csv", "geojson", "jsonl", "parquet")

Record = Incident | StoredEvent | Result


class HasDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def acled_rows(records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    for r in records:
        if isinstance(r, Result):
            raise ValueError("ACLED rows are written for incidents or events, not results")
        rows.append(incident_row(r) if isinstance(r, Incident) else event_row(r))
    return rows


def write_acled_csv(records: Iterable[Record], path: Path) -> int:
    rows = acled_rows(records)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(acled_columns())
        writer.writerows([csv_value(v) for v in row.values()] for row in rows)
    return len(rows)


def _place(record: Record) -> Place | None:
    if isinstance(record, Incident):
        return record.where
    if isinstance(record, StoredEvent):
        return record.event.where
    raise ValueError("GeoJSON features are written for incidents or events, not results")


def feature(record: Record) -> dict[str, Any]:
    """A GeoJSON Feature: the record as properties, a Point when the place is geocoded."""
    place = _place(record)
    geometry = None
    if place is not None and place.lat is not None and place.lon is not None:
        geometry = {"type": "Point", "coordinates": [place.lon, place.lat]}
    assert not isinstance(record, Result)
    fid = record.id if isinstance(record, Incident) else f"{record.article_id}/{record.event.id}"
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": record.to_dict()}


def write_geojson(records: Iterable[Record], path: Path) -> int:
    features = [feature(r) for r in records]
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(features)


def write_jsonl(records: Iterable[HasDict], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_parquet(records: Iterable[Record], path: Path) -> int:
    """The ACLED columns, typed, plus ``record``: the full JSON record of each row."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    materialized: Sequence[Record] = list(records)
    rows = acled_rows(materialized)
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    fields = [pa.field(c, types[t]) for c, t in acled_columns().items()]
    schema = pa.schema([*fields, pa.field("record", pa.string())])
    for row, record in zip(rows, materialized, strict=True):
        row["record"] = json.dumps(record.to_dict(), ensure_ascii=False)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


def write(fmt: Format, records: Iterable[Record], path: Path) -> int:
    """Write ``records`` to ``path`` in ``fmt``; how many records were written."""
    if fmt == "acled-csv":
        return write_acled_csv(records, path)
    if fmt == "geojson":
        return write_geojson(records, path)
    if fmt == "jsonl":
        return write_jsonl(records, path)
    if fmt == "parquet":
        return write_parquet(records, path)
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
