from __future__ import annotations

from spotrep import data
from spotrep._taxonomy import CODES, TAXONOMY


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
