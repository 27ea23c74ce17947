"""The actors' data tables: a malformed row is a DataError naming the file and the line."""

from __future__ import annotations

import pytest

from spotrep import data
from spotrep.errors import DataError
from spotrep.extractors.events.actors import names
from spotrep.extractors.events.actors.frames import load_frames


def _replace(monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    real = data.text

    def fake(*path: str) -> str:
        return text if path[-1] == name else real(*path)

    monkeypatch.setattr(data, "text", fake)


def test_shipped_tables_load() -> None:
    res = names.load()
    assert res.groups.get("ISIS") is not None
    assert res.forces["police"] == "police"
    assert res.pronouns["they"] == "plural"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("groups.tsv", "# c\nAl-Shabaab\tRebel group\tSOM\n", "groups.tsv, line 2: 3 fields"),
        ("groups.tsv", "X\tRebels\t\tX|Y\n", "groups.tsv, line 1: 'Rebels' is not one of"),
        ("groups.tsv", "X\tRebel group\tSomalia\tX\n", "line 1: 'Somalia' is not an ISO"),
        ("groups.tsv", "X\tRebel group\t\tX||Y\n", "groups.tsv, line 1: an empty alias"),
        ("countries.tsv", "\n\nsom\tSomalia\tSomali\n", "countries.tsv, line 3: 'som'"),
        ("generic.tsv", "gunman\tUnidentified Armed Group\n", "generic.tsv, line 1: 2 fields"),
        ("forces.tsv", "army\tnavy\n", "forces.tsv, line 1: 'navy' is not one of"),
        ("forces.tsv", "army\tmilitary\tno\n", "forces.tsv, line 1: 'no' is not one of"),
        ("pronouns.tsv", "they\tmany\n", "pronouns.tsv, line 1: 'many' is not one of"),
        ("facilities.tsv", "market\tCivilians\n", "facilities.tsv, line 1: 2 fields"),
        ("descriptions.tsv", "\tgroup\n", "descriptions.tsv, line 1: 2 fields"),
        ("roles.json", '{"support_verbs": [\n', "roles.json, line 2: not JSON"),
        ("roles.json", '{"support_verbs": "carry"}', "roles.json: 'support_verbs' is not a list"),
    ],
)
def test_malformed_row_names_file_and_line(
    monkeypatch: pytest.MonkeyPatch, name: str, text: str, message: str
) -> None:
    _replace(monkeypatch, name, text)
    with pytest.raises(DataError, match=message.replace("(", r"\(")):
        names.load()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("throw\tthrow\tobject\tweapon\n", "frames.tsv, line 1: 'weapon' is not one of"),
        ("# c\nthrow\tthrow\tsubjekt\tactor1\n", "frames.tsv, line 2: unknown argument"),
        ("throw\tthrow\tobject\n", "frames.tsv, line 1: 3 fields, expected 4"),
    ],
)
def test_malformed_frame_names_line(
    monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    _replace(monkeypatch, "frames.tsv", text)
    with pytest.raises(DataError, match=message):
        load_frames()
