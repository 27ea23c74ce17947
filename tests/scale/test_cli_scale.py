"""The scale-out options of extract and ingest, and ``spotrep load``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from generated import write_shards

from spotrep.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples" / "articles"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "x", "--scheduler", "tcp://127.0.0.1:1", "--engine", "local"],
         "need --engine dask"),
        (["extract", "x", "--engine", "dask", "--workers", "2", "--scheduler", "tcp://h:1"],
         "not both"),
        (["extract", "--engine", "local", "-i", "a.jsonl"], "FILE arguments only"),
        (["extract", "/nonexistent/shards", "--engine", "local"], "no such file"),
        (["load", "/nonexistent/run"], "not a spotrep run"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_ingest_refuses_urls_with_an_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "https://example.org/a", "--engine", "local"]) == 1
    assert "--engine reads files" in capsys.readouterr().err


@pytest.mark.model
def test_a_local_run_writes_what_extract_writes_and_loads_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_shards(tmp_path / "shards", 12, 6)
    inputs = [str(EXAMPLES), str(tmp_path / "shards")]
    plain, ran = tmp_path / "plain.jsonl", tmp_path / "run.jsonl"
    assert main(["extract", *inputs, "-o", str(plain), "-q"]) == 0
    run = tmp_path / "run"
    argv = ["extract", *inputs, "--engine", "local", "--run", str(run),
            "--partition-size", "5", "-o", str(ran), "-q"]
    assert main(argv) == 0
    assert ran.read_text() == plain.read_text()
    assert main(argv) == 0  # a rerun: every partition is done
    assert "8 already done" in capsys.readouterr().err
    db = str(tmp_path / "s.db")
    assert main(["load", str(run), "--db", db, "-q"]) == 0
    assert main(["load", str(run), "--db", db, "-q"]) == 0
    err = capsys.readouterr().err
    assert "28 new" in err and "8 loaded before" in err
    assert main(["events", "--db", db, "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert {e["article"]["id"] for e in events} >= {"gen-0000", "gen-0011"}
