"""Every bundled example article goes through the whole pipeline into a valid result."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotrep.bounds import bounded_doc
from spotrep.extractors.places.dateline import SPANS_KEY, TOWNS_KEY
from spotrep.ingest.files import read_sources
from spotrep.pipeline import Pipeline, Prepared, prepare
from spotrep.records import Article, Result
from spotrep.validation import problems, span_problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def example_articles() -> list[Article]:
    found = list(read_sources([EXAMPLES]))
    assert all(isinstance(a, Article) for a in found), found
    return [a for a in found if isinstance(a, Article)]


def test_examples_carry_outlet_and_date() -> None:
    articles = example_articles()
    assert len(articles) >= 12
    assert all(a.outlet and a.published for a in articles)
    assert len({a.outlet for a in articles}) >= 3


@pytest.fixture(scope="module")
def results(pipeline: Pipeline) -> list[tuple[Article, Result]]:
    articles = example_articles()
    outputs = list(pipeline.run(articles))
    assert all(isinstance(o, Result) for o in outputs), outputs
    return [(a, o) for a, o in zip(articles, outputs, strict=True) if isinstance(o, Result)]


@pytest.mark.model
def test_every_result_validates_against_the_schema(
    results: list[tuple[Article, Result]],
) -> None:
    for article, result in results:
        assert problems(result.to_dict()) == [], article.id


@pytest.mark.model
def test_every_span_matches_the_article_text(results: list[tuple[Article, Result]]) -> None:
    for article, result in results:
        assert span_problems(result, article.text) == [], article.id


@pytest.mark.model
def test_event_and_claim_links_agree(results: list[tuple[Article, Result]]) -> None:
    for _, result in results:
        by_claim = {(c.id, e) for c in result.claims for e in c.events}
        by_event = {(c, e.id) for e in result.events for c in e.claims}
        assert by_claim == by_event
        ids = {e.id for e in result.events}
        assert all(e in ids for _, e in by_claim)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "\u201cQuote never closed, the source said.",
        "'''\"\"\" ... !!! ???",
        "A" * 5000,
        "Line one\n\n\n\nLine two\r\nLine three\tend",
        "Missiles \u2014 dozens \u2014 fell on \u0110akovica and Zaporizhzhia\u2019s suburbs.",
        "12 34 56 2022-08-25 15/08/2022 100%",
    ],
)
def test_odd_texts_give_valid_results(pipeline: Pipeline, text: str) -> None:
    (result,) = pipeline.run([Article.create(text, published="2022-08-25")])
    assert isinstance(result, Result)
    assert problems(result.to_dict()) == []
    assert span_problems(result, text) == []


@pytest.mark.model
def test_stored_datelines_give_the_results_of_datelines_found_afresh(
    pipeline: Pipeline, results: list[tuple[Article, Result]]
) -> None:
    held = 0
    for article, result in results:
        prepared = prepare(article)
        assert isinstance(prepared, Prepared)
        doc = pipeline.nlp(bounded_doc(pipeline.nlp, prepared.text))
        held += len(doc.spans[SPANS_KEY])
        assert pipeline.result(prepared, doc) == result, article.id
        del doc.spans[SPANS_KEY], doc.spans[TOWNS_KEY]  # as on a Doc the component never saw
        assert pipeline.result(prepared, doc) == result, article.id
    assert held  # some examples open with a dateline
