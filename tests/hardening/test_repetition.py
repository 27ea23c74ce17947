"""Ordinary-looking text that broke extraction: numbers a float reads but no count is
("1e400", "nan", "infinity"), and one sentence repeated thousands of times (each retelling of
the one event used to be asked for its place among every place of the article)."""

from __future__ import annotations

import pytest

from spotrep.extractors.events import where
from spotrep.extractors.events.casualty_words import load
from spotrep.extractors.events.figures import number_value
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Result

RES = load()


@pytest.mark.parametrize(("words", "expected"), [
    (["1e400"], None), (["nan"], None), (["infinity"], None), (["-inf"], None),
    (["1e308", "billion"], None),  # finite words, an infinite product
    (["1,200"], 1200), (["two", "dozen"], 24), (["1e3"], 1000),
])
def test_number_value_is_a_finite_count_or_none(words: list[str], expected: int | None) -> None:
    assert number_value(words, RES) == expected


@pytest.mark.model
@pytest.mark.parametrize("word", ["1e400", "nan", "infinity"])
def test_a_toll_no_integer_holds_is_no_internal_error(pipeline: Pipeline, word: str) -> None:
    text = f"On March 5 a missile strike in Kharkiv killed {word} people, officials said."
    (out,) = pipeline.run([Article.create(text, published="2024-03-06")])
    assert isinstance(out, Result)
    toll = out.events[0].fatalities
    assert toll is None or toll.count is None  # at most "people": plural, no count


@pytest.mark.model
def test_a_repeated_sentence_asks_for_its_place_a_bounded_number_of_times(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = where.mention_place

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(where, "mention_place", counted)
    article = Article.create("A strike hit Kharkiv. " * 400 + "\nA strike hit Kharkiv region.",
                             published="2024-03-06")
    (out,) = pipeline.run([article])
    assert isinstance(out, Result) and out.events
    assert out.events[0].where is not None and out.events[0].where.name == "Kharkiv"
    # built once, perhaps rebuilt when folded: never once per retelling
    assert len(calls) <= where.MAX_RETELLINGS * 2 * len(out.events)
