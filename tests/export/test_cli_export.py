"""``spotrep export``: standard output, --status, --inter, one clear line for a mistake."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from spotrep.cli import main


def test_export_to_standard_output(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", db, "--format", "acled-csv", "-o", "-"]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [r["sub_event_type"] for r in rows] == ["Air/drone strike", "Peaceful protest"]
    assert "2 incidents written to standard output" in captured.err


def test_status_chooses_the_events(db: str, tmp_path: Path) -> None:
    out = tmp_path / "planned.geojson"
    assert main(["export", "--db", db, "--format", "geojson", "--of", "events",
                 "--status", "planned", "-o", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["status"] for f in features] == ["planned"]


def test_acled_csv_refuses_other_statuses(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", db, "--format", "acled-csv", "--of", "events",
                 "--status", "planned", "-o", "-"]) == 1
    assert "reported events only" in capsys.readouterr().err


def test_numeric_inter(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", db, "--format", "acled-csv", "--inter", "numeric",
                 "-o", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["interaction"] == "17"
