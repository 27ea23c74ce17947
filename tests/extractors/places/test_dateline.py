"""The dateline (``places.dateline``): its town and its whole extent, on our own sentences
tokenized by spaCy's blank English pipeline (no model); the component that stores them on the
Doc, there and in spotrep's pipeline (marked ``model``)."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from spotrep.extractors.places import dateline
from spotrep.extractors.places.dateline import (
    COMPONENT,
    SPANS_KEY,
    TOWNS_KEY,
    Dateline,
    clipped,
    clipped_chars,
    dateline_at,
    dateline_of,
    datelines,
    find_datelines,
)
from spotrep.pipeline import Pipeline, Prepared, prepare
from spotrep.records import Article, Result

ENGLISH = spacy.blank("en")
ANNOTATING = spacy.blank("en")
ANNOTATING.add_pipe(COMPONENT)


def extent(text: str) -> tuple[str, str] | None:
    """The first dateline's town and whole text, if ``text`` has one."""
    doc = ENGLISH(text)
    found = next(find_datelines(doc), None)
    if found is None:
        return None
    return doc[found.start : found.town_end].text, doc[found.start : found.end].text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # town, outlet, hyphen
        ("LAGOS (GWS) - Gunmen attacked a village.", ("LAGOS", "LAGOS (GWS) -")),
        # town, country, em dash
        ("GOMA, Congo — Rebels attacked an army post.", ("GOMA", "GOMA, Congo —")),
        # en dash, no space before the body
        ("KIDAL, Mali –Jihadists ambushed a convoy.", ("KIDAL", "KIDAL, Mali –")),
        # colon, nothing else
        ("PESHAWAR: A bomb wounded six.", ("PESHAWAR", "PESHAWAR:")),
        # state abbreviation, outlet, double hyphen
        ("SEVIERVILLE, Tenn. (AP) -- A fire closed a school.",
         ("SEVIERVILLE", "SEVIERVILLE, Tenn. (AP) --")),
        # a name of several words, an abbreviation with full stops
        ("ISLE OF PALMS, S.C. — A boat sank.", ("ISLE OF PALMS", "ISLE OF PALMS, S.C. —")),
        # a date before the outlet, a lower-case outlet
        ("BEIRUT, May 6 (Reuters) - Shelling resumed.", ("BEIRUT", "BEIRUT, May 6 (Reuters) -")),
        ("BAUCHI (dpa) - Herders clashed with farmers.", ("BAUCHI", "BAUCHI (dpa) -")),
        # wire copy's underscore
        ("\nWASHINGTON _ The economy grew.", ("WASHINGTON", "WASHINGTON _")),
        # outlet and no dash: the parenthesis closes it
        ("MOPTI (GWS) Soldiers patrolled the market.", ("MOPTI", "MOPTI (GWS)")),
        # after a headline line, after a headline's full stop
        ("Blast kills four\nQUETTA (GWS) - A bomb went off.", ("QUETTA", "QUETTA (GWS) -")),
        ("Blast kills four. QUETTA - A bomb went off.", ("QUETTA", "QUETTA -")),
        # a comma and no closing dash: only the town is sure
        ("SEVIERVILLE, Tenn. A fire closed a school.", ("SEVIERVILLE", "SEVIERVILLE")),
        # negative: title case is no dateline, nor acronyms in the body
        ("Peshawar: A bomb wounded six.", None),
        ("UN peacekeepers clashed with militiamen.", None),
        ("ISWAP fighters attacked a base.", None),
        ("Troops said ISWAP - the faction - attacked.", None),
        # a town of three letters
        ("GAO, Mali — Gunmen attacked a checkpoint.", ("GAO", "GAO, Mali —")),
        ("JOS (dpa) - Herders clashed with farmers.", ("JOS", "JOS (dpa) -")),
        # negative: no word of three letters ("UN", "AU"); a gloss is no outlet
        ("UN - Peacekeepers left the town.", None),
        ("AU: Troops will stay.", None),
        ("NATO (the alliance) said it would respond.", None),
        # an acronym before a colon has the shape: the gazetteer (places) and the known groups
        # (actors) tell it from a town
        ("ISWAP: fighters attacked a base.", ("ISWAP", "ISWAP:")),
        # Windows-1252's em dash read as Latin-1 closes it too
        ("TAMALE (GWS) \x97 A bridge fell.", ("TAMALE", "TAMALE (GWS) \x97")),
        # negative: a hyphen inside a word joins it, closing nothing
        ("KANO CAR-HIRE said profits rose.", None),
    ],
)
def test_dateline_extent(text: str, expected: tuple[str, str] | None) -> None:
    assert extent(text) == expected


@pytest.mark.parametrize(
    ("text", "word", "inside"),
    [
        ("LAGOS (GWS) - Gunmen attacked a village.", "LAGOS", True),
        ("LAGOS (GWS) - Gunmen attacked a village.", "GWS", True),
        ("LAGOS (GWS) - Gunmen attacked a village.", "-", True),
        ("LAGOS (GWS) - Gunmen attacked a village.", "Gunmen", False),
        ("GOMA, Congo — Rebels attacked an army post.", "Congo", True),
        ("GOMA, Congo — Rebels attacked an army post.", "Rebels", False),
        ("Gunmen attacked LAGOS (GWS) - a report says.", "LAGOS", False),
        ("Blast kills four\nQUETTA (GWS) - A bomb went off.", "QUETTA", True),
        ("Blast kills four\nQUETTA (GWS) - A bomb went off.", "Blast", False),
    ],
)
def test_token_in_dateline(text: str, word: str, inside: bool) -> None:
    doc = ENGLISH(text)
    token = next(t for t in doc if t.text == word)
    assert (dateline_of(token) is not None) is inside


def test_no_dateline_at_a_word_inside_a_sentence() -> None:
    doc = ENGLISH("Police in KANO - the state capital - made arrests.")
    assert all(dateline_at(doc, t.i) is None for t in doc)


def words_of(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # a span from the dateline into the body starts after the dateline
        ("LAGOS (GWS) - Gunmen attacked a village.", "LAGOS (GWS) - Gunmen", "Gunmen"),
        ("GOMA, Congo — Rebels attacked an army post.", "Congo — Rebels", "Rebels"),
        ("Blast kills four\nQUETTA (GWS) - Police said so.", "QUETTA (GWS) - Police", "Police"),
        # negative: the town alone, a span of the body, a dateline that is only the town
        ("LAGOS (GWS) - Gunmen attacked a village.", "LAGOS", "LAGOS"),
        ("LAGOS (GWS) - Gunmen attacked a village.", "Gunmen attacked", "Gunmen attacked"),
        ("SEVIERVILLE, Tenn. A fire closed a school.", "SEVIERVILLE, Tenn. A fire",
         "SEVIERVILLE, Tenn. A fire"),
        ("CENTCOM, the command, said so.", "CENTCOM, the command", "CENTCOM, the command"),
    ],
)
def test_clipped(text: str, phrase: str, expected: str) -> None:
    doc = ENGLISH(text)
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None
    assert words_of(doc, *clipped(doc, span.start, span.end)) == expected
    chars = clipped_chars(doc, start, start + len(phrase))
    assert doc.text[chars[0] : chars[1]] == expected


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("LAGOS (GWS) - Gunmen attacked.", True),
        ("KIDAL, Mali — Jihadists attacked.", True),
        ("MAIDUGURI, Nigeria: Gunmen attacked.", True),
        ("MOPTI (GWS) Soldiers patrolled.", True),
        # negative: a bare colon also opens a transcript's turn; a comma alone says nothing
        ("PESHAWAR: A bomb wounded six.", False),
        ("SEVIERVILLE, Tenn. A fire closed a school.", False),
    ],
)
def test_marked(text: str, marked: bool) -> None:
    doc = ENGLISH(text)
    (found,) = datelines(doc)
    assert found.marked(doc) is marked


TWO_DATELINES = "Blast kills four\nQUETTA (GWS) - A bomb went off.\nGAO - Troops left."


def no_finding(doc: Doc, text: str | None = None) -> Iterator[Dateline]:
    raise AssertionError("datelines found afresh on a Doc that holds them")


@pytest.mark.parametrize(
    ("text", "whole", "towns"),
    [
        (TWO_DATELINES, ["QUETTA (GWS) -", "GAO -"], ["QUETTA", "GAO"]),
        # only the town is sure: the dateline is the town
        ("SEVIERVILLE, Tenn. A fire closed a school.", ["SEVIERVILLE"], ["SEVIERVILLE"]),
        # negative: no dateline, two empty groups (the Doc was read)
        ("Gunmen attacked a village.", [], []),
    ],
)
def test_component_stores_the_datelines(text: str, whole: list[str], towns: list[str]) -> None:
    doc = ANNOTATING(text)
    assert [s.text for s in doc.spans[SPANS_KEY]] == whole
    assert [s.text for s in doc.spans[TOWNS_KEY]] == towns
    assert datelines(doc) == tuple(find_datelines(ENGLISH(text)))


def test_datelines_read_what_the_component_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    with_two, with_none = ANNOTATING(TWO_DATELINES), ANNOTATING("Gunmen attacked a village.")
    monkeypatch.setattr(dateline, "find_datelines", no_finding)
    assert [with_two[d.start : d.town_end].text for d in datelines(with_two)] == ["QUETTA", "GAO"]
    assert datelines(with_none) == ()


def test_a_doc_the_component_did_not_run_on_is_read_and_left_as_it_was() -> None:
    doc = ENGLISH(TWO_DATELINES)
    found = datelines(doc)
    assert [doc[d.start : d.town_end].text for d in found] == ["QUETTA", "GAO"]
    assert datelines(doc) == found
    assert not doc.spans and not doc.user_data


def test_stored_datelines_go_with_the_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [ANNOTATING(TWO_DATELINES), ANNOTATING("Gunmen attacked a village.")]
    expected = [datelines(d) for d in docs]
    monkeypatch.setattr(dateline, "find_datelines", no_finding)
    binned = list(DocBin(docs=docs).from_bytes(DocBin(docs=docs).to_bytes())
                  .get_docs(ANNOTATING.vocab))
    pickled = [pickle.loads(pickle.dumps(d)) for d in docs]
    assert [datelines(d) for d in binned] == expected
    assert [datelines(d) for d in pickled] == expected


@pytest.mark.model
def test_the_pipeline_stores_the_datelines_after_the_parser(pipeline: Pipeline) -> None:
    names = pipeline.nlp.pipe_names
    assert names.index(COMPONENT) > names.index("parser")
    doc = pipeline.nlp("GOMA, Congo — Rebels attacked an army post.")
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["GOMA, Congo —"]
    assert [s.text for s in doc.spans[TOWNS_KEY]] == ["GOMA"]


@pytest.mark.model
def test_the_extractors_read_the_stored_datelines(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ("LAGOS (GWS) - Gunmen killed three villagers in Kaduna on Monday, police "
            "said. \"They came at night,\" a witness told reporters.")
    prepared = prepare(Article.create(text, published="2024-05-07"))
    assert isinstance(prepared, Prepared)
    doc = pipeline.nlp(text)
    monkeypatch.setattr(dateline, "find_datelines", no_finding)
    result = pipeline.result(prepared, doc)
    assert isinstance(result, Result) and result.events and result.claims
