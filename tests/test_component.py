"""The spaCy component: ``nlp.add_pipe("spotrep")`` in a pipeline built here, as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from spotrep.errors import ModelError
from spotrep.extractors.places.dateline import SPANS_KEY
from spotrep.nlp import model_location
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Result

TEXT = "Gunmen killed three villagers in Kidal on Monday, the army said."


@pytest.fixture(scope="module")
def users_nlp() -> Language:
    nlp = spacy.load(model_location())
    nlp.add_pipe("spotrep")
    return nlp


@pytest.mark.model
def test_component_sets_the_result_spotrep_itself_gives(
    users_nlp: Language, pipeline: Pipeline
) -> None:
    assert users_nlp.pipe_names[-1] == "spotrep"
    article = Article.create(TEXT, published="2024-05-07", outlet="Example Wire")
    doc = users_nlp.make_doc(TEXT)
    doc._.spotrep_article = article
    result = users_nlp(doc)._.spotrep
    assert isinstance(result, Result) and result.events
    (expected,) = pipeline.run([article])
    assert result == expected
    assert result.events[0].when.start == "2024-05-06"


@pytest.mark.model
def test_component_stores_the_datelines_its_result_reads(
    users_nlp: Language, pipeline: Pipeline
) -> None:
    text = "KIDAL, Mali (GWS) - Gunmen killed three villagers on Monday, the army said."
    article = Article.create(text, published="2024-05-07")
    doc = users_nlp.make_doc(text)
    doc._.spotrep_article = article
    doc = users_nlp(doc)
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["KIDAL, Mali (GWS) -"]
    (expected,) = pipeline.run([article])
    assert doc._.spotrep == expected


@pytest.mark.model
def test_without_an_article_the_doc_text_is_the_article(users_nlp: Language) -> None:
    result = users_nlp(TEXT)._.spotrep
    assert isinstance(result, Result)
    assert result.article == Article.create(TEXT)
    assert "no publication date given: relative dates are left unresolved" in result.warnings


@pytest.mark.model
def test_an_empty_text_has_no_result(users_nlp: Language) -> None:
    assert users_nlp(" ")._.spotrep is None


def test_component_before_the_parser_says_what_it_needs() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("spotrep")
    with pytest.raises(ModelError, match="needs a parser and an entity recognizer"):
        nlp("Troops fired.")


@pytest.mark.model
def test_the_readme_component_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```py\n(.*?)```", readme, flags=re.DOTALL)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "2022-08-23" in printed, printed
