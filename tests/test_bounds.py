"""Bounded work: long runs and long sentences cut without changing the text; time budgets."""

from __future__ import annotations

import time
from itertools import pairwise
from typing import Any

import pytest
import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from spotrep.bounds import (
    MAX_RUN,
    MAX_SENTENCE_TOKENS,
    BudgetExceeded,
    Deadline,
    bounded_doc,
    start_sentences,
    time_budget,
)
from spotrep.pipeline import NO_DEADLINE, Pipeline, Prepared
from spotrep.records import Article, Failure, Result


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


@pytest.mark.parametrize(
    "text",
    [
        "Troops left the town on Monday.",
        "!" * 5_000,
        "a" * 10_000 + "  tail\n" + "b" * (MAX_RUN - 1) + " end",
        "see https://example.org/" + "x" * 300 + "   \n\nnext paragraph.",
        " leading and trailing  ",
        "\u2028\u0085" * 400 + "killed" * 50,
    ],
)
def test_bounded_doc_keeps_the_text_character_for_character(blank: Language, text: str) -> None:
    doc = bounded_doc(blank, text)
    assert doc.text == text
    assert all(len(t.text) <= max(MAX_RUN, 1) or t.is_space for t in doc)


def test_bounded_doc_cuts_sentences_that_never_end(blank: Language) -> None:
    doc = bounded_doc(blank, "killed " * 1_000)
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts and all(b - a <= MAX_SENTENCE_TOKENS for a, b in pairwise(starts))


def test_bounded_doc_leaves_ordinary_sentences_alone(blank: Language) -> None:
    doc = bounded_doc(blank, "Troops left the town. " * 200)
    assert not any(t.is_sent_start for t in doc[1:])


def test_time_budget_interrupts_and_then_disarms() -> None:
    with pytest.raises(BudgetExceeded), time_budget(0.05):
        time.sleep(2)
    with time_budget(1.0):
        time.sleep(0.01)
    time.sleep(1.1)  # no alarm left behind


class SlowOn(Pipeline):
    """A pipeline whose extraction sleeps on articles containing 'slow' and breaks on 'boom'."""

    def result(self, prepared: Prepared, doc: Doc, deadline: Deadline = NO_DEADLINE) -> Result:
        if "slow" in prepared.text:
            time.sleep(5)
        if "boom" in prepared.text:
            raise OverflowError("date value out of range")
        return Result(article=prepared.article, events=(), claims=(), places=(), times=(),
                      warnings=prepared.warnings)


def test_an_article_over_its_budget_fails_alone_and_the_run_goes_on(blank: Language) -> None:
    pipeline = SlowOn(nlp=blank, resources=Any, time_budget=0.2)  # type: ignore[arg-type]
    articles = [Article.create(t, id=t, published="2024-01-01")
                for t in ("one", "slow", "boom", "  ", "two")]
    start = time.monotonic()
    out = list(pipeline.run(articles, batch_size=2))
    assert time.monotonic() - start < 3
    assert [type(o).__name__ for o in out] == ["Result", "Failure", "Failure", "Failure", "Result"]
    assert [o.article_id for o in out if isinstance(o, Failure)] == ["slow", "boom", "  "]
    reasons = [o.reason for o in out if isinstance(o, Failure)]
    assert reasons[0].startswith("took longer than 0.2 s")
    assert "OverflowError" in reasons[1]


def test_an_article_of_too_many_tokens_is_cut_with_a_warning(blank: Language) -> None:
    from spotrep.pipeline import MAX_TOKENS

    pipeline = SlowOn(nlp=blank, resources=Any, time_budget=None)  # type: ignore[arg-type]
    text = "! " * (MAX_TOKENS + 100)
    (out,) = pipeline.run([Article.create(text, published="2024-01-01")])
    assert isinstance(out, Result)
    assert out.article.text == text
    assert any(f"({MAX_TOKENS} tokens) were read" in w for w in out.warnings)


@pytest.mark.parametrize(
    ("indices", "expected"),
    [
        ([], [True, None, None, None]),
        ([2], [True, None, True, None]),
        ([1, 3], [True, True, None, True]),
    ],
)
def test_start_sentences_marks_only_the_tokens_given(
    indices: list[int], expected: list[bool | None]
) -> None:
    doc = Doc(English().vocab, words=["Troops", "fired", "Later", "calm"])
    start_sentences(doc, indices)
    assert [t.is_sent_start for t in doc] == expected


def test_start_sentences_refuses_a_parsed_doc_as_spacy_does() -> None:
    doc = Doc(English().vocab, words=["Troops", "fired"], heads=[1, 1], deps=["nsubj", "ROOT"])
    with pytest.raises(ValueError, match="E043"):
        start_sentences(doc, [1])
