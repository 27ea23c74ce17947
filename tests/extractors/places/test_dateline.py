"""The dateline (``places.dateline``): its town and its whole extent, on our own sentences
tokenized by spaCy's blank English pipeline (no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from spotrep.extractors.places.dateline import (
    clipped,
    clipped_chars,
    dateline_at,
    dateline_of,
    datelines,
    find_datelines,
)

ENGLISH = spacy.blank("en")


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


def test_datelines_found_once_per_doc() -> None:
    doc = ENGLISH("Blast kills four\nQUETTA (GWS) - A bomb went off.\nGAO - Troops left.")
    found = datelines(doc)
    assert [doc[d.start : d.town_end].text for d in found] == ["QUETTA", "GAO"]
    assert datelines(doc) is found
