from __future__ import annotations

import ctypes
import platform

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from spotrep.nlp import keep_freed_memory, mark_paragraph_starts, split_glued_closings
from spotrep.pipeline import Pipeline


def test_paragraph_starts_are_marked_after_line_breaks() -> None:
    words = ["Clashes", "in", "Gao", "\n", "Troops", "fired", "\n\n", "Later", "calm"]
    spaces = [True, True, False, False, True, False, False, True, False]
    doc = mark_paragraph_starts(Doc(English().vocab, words=words, spaces=spaces))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Clashes", "Troops", "Later"]


def test_no_break_no_mark() -> None:
    doc = mark_paragraph_starts(Doc(English().vocab, words=["Troops", "fired", "."]))
    assert [t.is_sent_start for t in doc] == [True, None, None]


@pytest.mark.model
def test_model_splits_a_headline_from_its_body(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Rebels seize border town\nRebels seized the town of Kidal on Monday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Rebels seize border town",
        "Rebels seized the town of Kidal on Monday.",
    ]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # an outlet's parenthesis glued to the dash or colon and the body's first word
        ("KANO (GWS)-Gunmen struck", ["KANO", "(", "GWS", ")", "-", "Gunmen", "struck"]),
        ("GAO (GWS)--Troops left", ["GAO", "(", "GWS", ")", "--", "Troops", "left"]),
        ("AGADEZ (GWS)—Rebels fled", ["AGADEZ", "(", "GWS", ")", "—", "Rebels", "fled"]),
        ("JOS (GWS)_Herders met", ["JOS", "(", "GWS", ")", "_", "Herders", "met"]),
        # negative: hyphens inside words, a spaced parenthesis, a time stay as they were
        ("a Kano-based group", ["a", "Kano", "-", "based", "group"]),
        ("the talks (in Kano) - as planned", ["the", "talks", "(", "in", "Kano", ")", "-",
                                              "as", "planned"]),
        ("at 5:30 p.m.", ["at", "5:30", "p.m."]),
    ],
)
def test_glued_closings_split(text: str, tokens: list[str]) -> None:
    nlp = English()
    split_glued_closings(nlp)
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_freed_memory_is_kept_on_glibc() -> None:
    assert keep_freed_memory()


class _NoMallopt:
    """A C library without mallopt (not glibc)."""

    def __init__(self, _name: object) -> None:
        pass


class _NoLibrary:
    """A C library that cannot be opened."""

    def __init__(self, _name: object) -> None:
        raise OSError("no such library")


@pytest.mark.parametrize("cdll", [_NoMallopt, _NoLibrary])
def test_no_mallopt_changes_nothing(monkeypatch: pytest.MonkeyPatch, cdll: type) -> None:
    monkeypatch.setattr(ctypes, "CDLL", cdll)
    assert not keep_freed_memory()
