from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spotrep.cli import main
from spotrep.validation import problems

ARTICLE = (
    "---\noutlet: Example Wire\npublished: 2024-05-07\n---\n"
    "Gunmen attacked a village near Gao on Monday, killing three people, officials said.\n"
)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract"], "no input"),
        (["extract", "a.txt", "--published", "yesterday"], "--published"),
        (["extract", "a.txt", "--output", "/proc/forbidden/x.jsonl"], "cannot write"),
        (["eval", "times", "/nonexistent/gold.jsonl", "--results", "x"], "cannot read"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--format", "xml", "a.txt"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.model
def test_extract_writes_results_and_reports_failures(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "r1", "text": "Police detained two men in Kano."}) + "\n"
                    + json.dumps({"id": "r2"}) + "\n")
    out = tmp_path / "out" / "results.jsonl"
    code = main(["extract", str(good), str(bad), "--input", str(rows), "-o", str(out), "-q",
                 "--outlet", "Fallback"])
    assert code == 1
    err = capsys.readouterr().err
    assert "failed bad.txt:" in err and "binary file" in err
    assert "failed r2:" in err and "no 'text'" in err
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["article"]["outlet"] for r in results] == ["Example Wire", "Fallback"]
    assert results[1]["article"]["id"] == "r1"
    assert all(problems(r) == [] for r in results)


@pytest.mark.model
def test_extract_json_and_table_formats(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    assert main(["extract", str(path), "-f", "json", "-q"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and data[0]["schema"] == "spotrep/1"
    assert main(["extract", str(path), "-f", "table", "-q"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:3] == ["article", "event", "code"]
    assert "claims" in table


@pytest.mark.model
def test_extract_in_worker_processes_keeps_order(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    texts = [f"Soldiers patrolled district {i} of the town on Monday." for i in range(5)]
    rows.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)))
    out = tmp_path / "out.jsonl"
    assert main(["extract", "-i", str(rows), "-o", str(out), "-j", "2", "-q"]) == 0
    ids = [json.loads(line)["article"]["id"] for line in out.read_text().splitlines()]
    assert ids == [f"a{i}" for i in range(5)]


def test_eval_scores_existing_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "t", "text": "x", "published": None, "timexes": [
        {"start": 0, "end": 6, "type": "DATE", "value": "2022-08-23", "text": "Monday"}]}) + "\n")
    res = tmp_path / "res.jsonl"
    res.write_text(json.dumps({"article": {"id": "t"}, "times": [
        {"span": {"start": 0, "end": 6, "text": "Monday"}, "value": "2022-08-23"}]}) + "\n")
    assert main(["eval", "times", str(gold), "--results", str(res), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert (metrics["relaxed_f1"], metrics["value_f1"]) == (1.0, 1.0)


def test_validate_reports_schema_problems(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    res = tmp_path / "res.jsonl"
    res.write_text(json.dumps({"schema": "spotrep/1"}) + "\n")
    assert main(["validate", str(res)]) == 1
    captured = capsys.readouterr()
    assert "is a required property" in captured.err
    assert "1 results" in captured.out


@pytest.mark.model
def test_info_names_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["spacy_model_name"] == "en_core_web_md"
    assert Path(data["spacy_model"]).is_dir()
    assert data["schema"] == "spotrep/1"


def test_store_commands_do_not_import_the_model() -> None:
    """Querying the store must not pay for importing spaCy; the API imports it on first use."""
    code = (
        "import sys, spotrep, spotrep.cli; assert 'spacy' not in sys.modules; "
        "spotrep.extract; assert 'spacy' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
