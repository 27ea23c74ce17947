"""``spotrep validate`` recognises every export and checks it against its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotrep import export
from spotrep._taxonomy import TAXONOMY
from spotrep.cli import main
from spotrep.store import Store
from spotrep.validation import check_file, validator


def _check(path: Path) -> tuple[str, int, list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        checked = check_file(str(path), iter(f)) if path.suffix != ".parquet" else check_file(
            str(path), iter(()))
    return checked.what, checked.records, [p.message for p in checked.problems]


@pytest.mark.parametrize(("fmt", "of", "what", "n"), [
    ("jsonl", "incidents", "incidents", 4),
    ("jsonl", "events", "events", 5),
    ("acled-csv", "incidents", "ACLED rows", 2),
    ("acled-csv", "events", "ACLED rows", 3),
    ("geojson", "incidents", "features", 4),
    ("geojson", "events", "features", 5),
    ("parquet", "incidents", "Parquet rows", 4),
    ("parquet", "events", "Parquet rows", 5),
])
def test_every_export_validates(store: Store, tmp_path: Path, fmt: export.Format, of: str,
                                what: str, n: int) -> None:
    out = tmp_path / f"out.{'csv' if fmt == 'acled-csv' else fmt}"
    export.write(fmt, getattr(export, of)(store), out)
    assert _check(out) == (what, n, [])


def test_results_validate(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    export.write("jsonl", store.results(), out)
    assert _check(out) == ("results", 5, [])


@pytest.mark.parametrize(("fmt", "breakage", "expected"), [
    ("jsonl", lambda t: t.replace('"corroboration": 2', '"corroboration": 0'),
     "corroboration: 0 is less than the minimum of 1"),
    ("acled-csv", lambda t: t.replace(",Air/drone strike,", ",Airstrike,"),
     "sub_event_type: 'Airstrike' is not one of"),
    ("geojson", lambda t: t.replace('"status": "reported"', '"status": "rumoured"', 1),
     "'rumoured' is not one of"),
])
def test_broken_exports_are_reported(store: Store, tmp_path: Path, fmt: export.Format,
                                     breakage: object, expected: str) -> None:
    out = tmp_path / f"out.{'csv' if fmt == 'acled-csv' else fmt}"
    export.write(fmt, export.incidents(store), out)
    out.write_text(breakage(out.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    _, _, problems = _check(out)
    assert any(expected in p for p in problems), problems


def test_validate_command_names_what_it_checked(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "incidents.parquet"
    with Store.open(db) as store:
        export.write("parquet", export.incidents(store), out)
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "4 Parquet rows, 0 problems"


def test_validate_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\n")
    assert main(["validate", str(bad)]) == 2


def test_schema_enums_follow_the_data() -> None:
    acled = validator("acled-row").schema["properties"]
    ours = [n.sub_event_type for n in TAXONOMY.values() if n.event_type != "Non-conflict"]
    assert acled["sub_event_type"]["enum"] == ours and len(ours) == 25
    regions = {c.region for c in export.acled.countries().values()}
    assert set(acled["region"]["enum"]) - {None} == regions
    assert acled["inter1"]["anyOf"][0]["enum"] == list(export.acled.inter_codes())
    row = validator("export-row").schema
    assert row["required"] == list(export.flat.FLAT_COLUMNS)
    assert json.dumps(validator("incident").schema)  # loads, with its references
