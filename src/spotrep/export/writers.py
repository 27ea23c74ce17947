"""Export writers: ACLED CSV, GeoJSON, JSON Lines and (Geo)Parquet, streamed row by row.

Each writer takes ``Item`` records (``export.source``) already chosen by ``export.views`` and a
binary or text stream; ``export`` opens the target (a path, or ``-`` for standard output) and
applies the views, so every format holds the same rows.
"""

from __future__ import annotations

import json
import struct
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from spotrep.export.acled import DEFAULT_OPTIONS, AcledOptions, acled_columns, acled_row
from spotrep.export.flat import FLAT_COLUMNS, flat_row
from spotrep.export.item import Item
from spotrep.export.safe_csv import SafeWriter
from spotrep.export.source import PAGE
from spotrep.export.views import DEFAULT_STATUSES, acled_only, with_statuses
from spotrep.merge import Incident
from spotrep.records import Result
from spotrep.store import StoredEvent

Format = Literal["acled-csv", "geojson", "jsonl", "parquet"]
FORMATS: tuple[Format, ...] = ("acled-csv", "geojson", "jsonl", "parquet")

GEOPARQUET_VERSION = "1.1.0"


def write_acled_csv(items: Iterable[Item], out: IO[str],
                    options: AcledOptions = DEFAULT_OPTIONS) -> int:
    """ACLED's columns in its order; only what ACLED codes (``views.acled_only``)."""
    writer = SafeWriter(out)
    writer.writerow(list(acled_columns(options.numeric_inter)))
    n = 0
    for item in acled_only(items):
        writer.writerow(list(acled_row(item, options).values()))
        n += 1
    return n


def feature(record: Item | Incident | StoredEvent) -> dict[str, Any]:
    """A GeoJSON Feature with flat, typed properties; a Point when the place is geocoded."""
    item = record if isinstance(record, Item) else Item(record, None, ())
    props = flat_row(item)
    lat, lon = props["latitude"], props["longitude"]
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": item.id, "geometry": geometry, "properties": props}


def write_geojson(items: Iterable[Item], out: IO[str]) -> int:
    """A FeatureCollection written one feature at a time."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for item in items:
        out.write((",\n" if n else "") + json.dumps(feature(item), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_jsonl(records: Iterable[Item | Result], out: IO[str]) -> int:
    """The full record of each incident, event or result, one JSON object a line."""
    n = 0
    for r in records:
        record = r.record.to_dict() if isinstance(r, Item) else r.to_dict()
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def point_wkb(lon: float, lat: float) -> bytes:
    """ISO WKB of a 2D point, little-endian (GeoParquet's geometry encoding)."""
    return struct.pack("<BIdd", 1, 1, lon, lat)


def _parquet_schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "bool": pa.bool_(), "date": pa.date32()}
    acled = {c: ("date" if c == "event_date" else t) for c, t in acled_columns().items()}
    extra = {c: t for c, t in FLAT_COLUMNS.items() if c not in acled}
    fields = [pa.field(c, types[t]) for c, t in {**acled, **extra}.items()]
    geo = {
        "version": GEOPARQUET_VERSION, "primary_column": "geometry",
        "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"]}},
    }
    schema = pa.schema([*fields, pa.field("record", pa.string()),
                        pa.field("geometry", pa.binary())])
    return schema.with_metadata({"geo": json.dumps(geo)})


def _parquet_row(item: Item) -> dict[str, Any]:
    row: dict[str, Any] = {**acled_row(item), **flat_row(item)}
    row["event_id_cnty"] = acled_row(item)["event_id_cnty"]
    for column in ("event_date", "date_start", "date_end"):
        value = row.get(column)
        row[column] = date.fromisoformat(value) if isinstance(value, str) else None
    row["event_date"] = row["date_start"]
    row["record"] = json.dumps(item.record.to_dict(), ensure_ascii=False)
    lat, lon = row["latitude"], row["longitude"]
    row["geometry"] = None if lat is None or lon is None else point_wkb(lon, lat)
    return row


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def write_parquet(items: Iterable[Item], out: IO[bytes]) -> int:
    """ACLED's columns (``event_date`` a date), the flat columns, ``record`` (the full JSON)
    and ``geometry``: a GeoParquet 1.1 file that geopandas, duckdb and QGIS read as points."""
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(items, PAGE):
            writer.write_table(pa.Table.from_pylist([_parquet_row(i) for i in batch],
                                                    schema=schema))
            n += len(batch)
    return n


@contextmanager
def opened(target: str | Path, binary: bool) -> Iterator[IO[Any]]:
    """``target`` opened for writing, or standard output for ``-`` (left open)."""
    if str(target) == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(target)
    with path.open("wb") if binary else path.open("w", encoding="utf-8", newline="") as f:
        yield f


def write(
    fmt: Format,
    records: Iterable[Item] | Iterable[Result],
    target: str | Path,
    statuses: frozenset[str] = DEFAULT_STATUSES,
    options: AcledOptions = DEFAULT_OPTIONS,
) -> int:
    """Write ``records`` to ``target`` (a path or ``-``) in ``fmt``; how many rows were written.

    Results (``--of results``) are written whole and only as JSON Lines; incidents and events
    keep the ``statuses`` asked for, with borrowed tolls dropped (``views``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    it = iter(records)
    first = next(it, None)
    if isinstance(first, Result):
        if fmt != "jsonl":
            raise ValueError("results are exported as jsonl only, not as rows of incidents")
        with opened(target, binary=False) as f:
            return write_jsonl(_chain(first, it), f)
    items = with_statuses(_chain(first, it), statuses)
    with opened(target, binary=fmt == "parquet") as f:
        if fmt == "acled-csv":
            return write_acled_csv(items, f, options)
        if fmt == "geojson":
            return write_geojson(items, f)
        if fmt == "jsonl":
            return write_jsonl(items, f)
        return write_parquet(items, f)


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if first is not None:
        yield first
        yield from rest
