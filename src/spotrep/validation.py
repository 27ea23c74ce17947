"""Checks against the contract: results, incidents, stored events and every export against
their JSON Schemas (``schema/``), and spans against the text.

``check_file`` tells what a file holds (results, incidents or events as JSON Lines, an ACLED
CSV, a GeoJSON export, a GeoParquet export) and checks each record or row against its schema.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from spotrep.records import Result, spans_of

SCHEMAS = {
    "result": "record.schema.json",
    "incident": "incident.schema.json",
    "event": "stored_event.schema.json",
    "acled-row": "acled_row.schema.json",
    "export-row": "export_row.schema.json",
    "geojson": "geojson.schema.json",
}
"""What a record is -> the schema file that describes it."""


def _schema(name: str) -> Any:
    return json.loads(resources.files("spotrep.schema").joinpath(name).read_text("utf-8"))


@functools.cache
def _registry() -> Registry:
    return Registry().with_resources(
        (name, Resource.from_contents(_schema(name))) for name in SCHEMAS.values()
    )


@functools.cache
def validator(kind: str = "result") -> Draft202012Validator:
    """The validator of one kind of record (``SCHEMAS``), built once per process."""
    return Draft202012Validator(_schema(SCHEMAS[kind]), registry=_registry())


def problems(record: Mapping[str, Any], kind: str = "result") -> list[str]:
    """Where a record breaks its JSON Schema (empty when it validates)."""
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}"
        for err in validator(kind).iter_errors(record)
    ]


def span_problems(result: Result, text: str) -> list[str]:
    """Spans whose ``text`` is not the article text at their offsets."""
    return [
        f"span {s.start}:{s.end} says {s.text!r} but the text there is {text[s.start:s.end]!r}"
        for s in spans_of(result)
        if not (0 <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text
    ]


# ---- files -----------------------------------------------------------------------------------


class Problem(NamedTuple):
    where: str
    message: str


class Checked(NamedTuple):
    """What a file holds (``results``, ``incidents``, ``events``, ``acled rows``, ...), how many,
    and the problems found, each with the line, row or feature it is in."""

    what: str
    records: int
    problems: list[Problem]


def kind_of(record: Mapping[str, Any]) -> str:
    """Which schema a JSON record follows, read from its keys."""
    if "reports" in record and "corroboration" in record:
        return "incident"
    if "event" in record and "incident_id" in record:
        return "event"
    return "result"


def check_lines(lines: Iterable[str], name: str) -> Checked:
    """JSON Lines of results, incidents or events (each line checked by its own kind)."""
    kinds: dict[str, int] = {}
    found: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            found.append(Problem(f"{name}:{number}", f"not JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            found.append(Problem(f"{name}:{number}", "not a JSON object"))
            continue
        kind = kind_of(record)
        kinds[kind] = kinds.get(kind, 0) + 1
        found += [Problem(f"{name}:{number}", p) for p in problems(record, kind)]
    what = "/".join(f"{k}s" for k in kinds) or "results"
    return Checked(what, sum(kinds.values()), found)


def _typed_cell(value: str, kind: str) -> Any:
    """A CSV cell as the codebook types it: empty is null, numbers are numbers."""
    if value == "":
        return None
    try:
        if kind == "int" or (kind == "label" and value.isdigit()):
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        pass
    return value


def check_acled_csv(lines: Iterable[str], name: str) -> Checked:
    from spotrep import data

    types = {r["column"]: r["type"] for r in data.records("export", "acled_columns.tsv")}
    found: list[Problem] = []
    n = 0
    for n, row in enumerate(csv.DictReader(lines), start=1):
        record = {k: _typed_cell(v or "", types.get(k, "str")) for k, v in row.items()}
        found += [Problem(f"{name}: row {n}", p) for p in problems(record, "acled-row")]
    return Checked("ACLED rows", n, found)


def check_geojson(text: str, name: str) -> Checked:
    doc = json.loads(text)
    found = [Problem(name, p) for p in problems(doc, "geojson")]
    return Checked("features", len(doc.get("features") or []), found)


def _jsonable(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def check_parquet(path: Path) -> Checked:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    from spotrep import data

    acled = [r["column"] for r in data.records("export", "acled_columns.tsv")]
    parquet = pq.ParquetFile(path)
    found: list[Problem] = []
    if b"geo" not in (parquet.schema_arrow.metadata or {}):
        found.append(Problem(str(path), "no GeoParquet 'geo' metadata"))
    n = 0
    for batch in parquet.iter_batches(batch_size=1000):
        for row in batch.to_pylist():
            n += 1
            record = _jsonable(row)
            where = f"{path}: row {n}"
            if record.get("acled"):  # the ACLED columns follow the codebook on ACLED rows
                found += [Problem(where, p)
                          for p in problems({k: record.get(k) for k in acled}, "acled-row")]
            found += [Problem(where, p) for p in problems(record, "export-row")]
    return Checked("Parquet rows", n, found)


def check_file(path: str, lines: Iterator[str]) -> Checked:
    """Check a file by what it holds (``lines`` are its text lines; ``-`` for stdin)."""
    suffix = Path(path).suffix.lower()
    if path != "-" and is_parquet(Path(path)):
        return check_parquet(Path(path))
    first = next(lines, "")
    rest = _chain(first, lines)
    if first.startswith("event_id_cnty,"):
        return check_acled_csv(rest, path)
    if suffix in (".geojson", ".json") or first.lstrip().startswith('{"type": "Feature'):
        return check_geojson("".join(rest), path)
    return check_lines(rest, path)


def is_parquet(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"PAR1"


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
