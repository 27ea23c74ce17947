"""The README's examples run, and the commands it lists exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spotrep.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_readme_lists_only_real_commands(capsys: pytest.CaptureFixture[str]) -> None:
    listed = {m for block in _blocks("") for m in re.findall(r"^spotrep (\w+)", block, re.M)}
    listed |= {"incidents"}  # "spotrep events | incidents"
    with pytest.raises(SystemExit):
        main(["--help"])
    offered = capsys.readouterr().out
    assert listed and all(re.search(rf"\b{c}\b", offered) for c in listed), listed


@pytest.mark.model
def test_the_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = _blocks("python")[0]
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.split()
    assert printed[-2:] == ["Result", "Failure"]
    assert "ART_MISS_ATTACK" in printed or "REM_EXPLOS" in printed, printed


def test_the_store_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The store example, on a store of hand-built results where ``make demo`` puts its own."""
    from spotrep.records import Article, Event, Place, Result, Toll, When
    from spotrep.store import Store

    (code,) = [b for b in _blocks("python") if "Store.open" in b]
    monkeypatch.chdir(tmp_path)
    where = Place("Dhiban", None, "Dhiban", None, "populated_place", "SY", "Deir ez-Zor",
                  35.01, 40.51, 1)
    with Store.open("out/demo.db", create=True) as store:
        for n, outlet in enumerate(("A", "B")):
            event = Event("e1", "ARMED_CLASH", "reported", None,
                          when=When("Thursday", "2024-08-22", "2024-08-22", "day"),
                          where=where, fatalities=Toll(4 + n))
            article = Article("Clashes in Dhiban.", f"a{n}", "2024-08-23", outlet)
            store.add_result(Result(article, (event,)))
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Armed clash 4" in out and "Syria" in out
