"""The progress bar's total: the articles the inputs hold, or unknown."""

from __future__ import annotations

from pathlib import Path

from spotrep.cli._progress import expected_articles


def test_files_folders_and_jsonl_lines_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("one")
    (folder / "sub" / "b.html").write_text("<p>two</p>")
    (folder / "README.md").write_text("not an article")
    (folder / "notes.csv").write_text("not read")
    (folder / "c.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}')
    assert expected_articles([str(folder)]) == 5
    assert expected_articles([str(folder / "a.txt"), str(folder / "c.jsonl")]) == 4
    assert expected_articles([]) == 0


def test_a_url_or_stdin_makes_the_total_unknown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    assert expected_articles([str(tmp_path / "a.txt"), "https://example.org/feed"]) is None
    assert expected_articles(["-"]) is None


def test_a_missing_file_counts_as_its_one_failure(tmp_path: Path) -> None:
    assert expected_articles([str(tmp_path / "nope.jsonl"), str(tmp_path / "x.txt")]) == 2
