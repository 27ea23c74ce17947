"""The hand-built Doc helper: columns become annotation, a short column is an error."""

from __future__ import annotations

import pytest

from hand_docs import parsed_doc


def test_columns_become_the_parse() -> None:
    doc = parsed_doc(
        words=["Troops", "fired", "."], heads=[1, 1, 1], deps=["nsubj", "ROOT", "punct"],
        pos=["NOUN", "VERB", "PUNCT"], lemmas=["troop", "fire", "."], ents=["B-NORP", "O", "O"],
    )
    assert [t.head.i for t in doc] == [1, 1, 1]
    assert doc[0].lemma_ == "troop" and doc[1].dep_ == "ROOT"
    assert [(e.text, e.label_) for e in doc.ents] == [("Troops", "NORP")]


def test_words_alone_leave_the_parse_empty() -> None:
    doc = parsed_doc(words=["a", "b"], spaces=[True, False])
    assert doc.text == "a b" and not doc.has_annotation("DEP")


@pytest.mark.parametrize("column", ["heads", "deps", "pos", "lemmas"])
def test_a_column_of_the_wrong_length_is_named(column: str) -> None:
    values: dict[str, list[object]] = {
        "heads": [0], "deps": ["ROOT"], "pos": ["NOUN"], "lemmas": ["a"],
    }
    with pytest.raises(ValueError, match=f"{column}: 1 values for 2 words"):
        parsed_doc(words=["a", "b"], **{column: values[column]})  # type: ignore[arg-type]
