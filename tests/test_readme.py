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
    (code,) = _blocks("python")
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.split()
    assert printed[-2:] == ["Result", "Failure"]
    assert "ART_MISS_ATTACK" in printed or "REM_EXPLOS" in printed, printed
