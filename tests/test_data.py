from __future__ import annotations

from collections.abc import Callable

import pytest

from spotrep import data
from spotrep._taxonomy import CODES, TAXONOMY
from spotrep.errors import DataError


def test_lines_skip_comments_and_blanks() -> None:
    words = data.lines("english_function_words.txt")
    assert "the" in words
    assert not any(w.startswith("#") or not w for w in words)


def test_records_read_the_header() -> None:
    rows = data.records("taxonomy.tsv")
    assert rows[0] == {"code": "ARMED_CLASH", "event_type": "Battles",
                       "sub_event_type": "Armed clash"}


def test_taxonomy_has_the_30_codes_of_the_contract() -> None:
    assert len(CODES) == 30
    assert TAXONOMY["ATTRIB"] == ("Non-conflict", "Attribution of responsibility")
    assert len({t for t, _ in TAXONOMY.values()}) == 7


def test_missing_data_file_is_a_data_error() -> None:
    with pytest.raises(DataError, match=r"spotrep/data/no/such\.tsv: cannot be read"):
        data.text("no", "such.tsv")


@pytest.mark.parametrize(
    ("content", "read", "message"),
    [
        ("a\tb\n# c\n1\t2\t3\n", lambda: data.records("x.tsv"), r"x\.tsv, line 3: 3 fields"),
        ("", lambda: data.records("x.tsv"), r"x\.tsv: no header line"),
        ("kind\tword\nonly\n", lambda: list(data.rows("x.tsv", width=2)), r"x\.tsv, line 2"),
    ],
)
def test_malformed_data_file_names_file_and_line(
    monkeypatch: pytest.MonkeyPatch, content: str, read: Callable[[], object], message: str
) -> None:
    monkeypatch.setattr(data, "text", lambda *path: content)
    with pytest.raises(DataError, match=message):
        read()


def test_well_formed_rows_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "text", lambda *path: "a\tb\n1\n")
    assert data.records("x.tsv") == ({"a": "1", "b": ""},)
