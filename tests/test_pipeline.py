from __future__ import annotations

import pytest

from spotrep.pipeline import MAX_CHARS, Prepared, link_claims, looks_english, prepare
from spotrep.records import Article, Claim, Event, Failure, Span, Speaker


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("The army said on Monday that it had retaken the town from the rebels.", True),
        ("Short text", True),
        ("Die Armee hat am Montag die Stadt von den Rebellen zurückerobert, sagte ein Sprecher.",
         False),
        ("L'armée a repris lundi la ville aux rebelles, a déclaré un porte-parole du ministère.",
         False),
        ("Вооружённые силы заявили в понедельник, что отбили город у повстанцев.", False),
    ],
)
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_prepare_refuses_empty_text(text: str) -> None:
    out = prepare(Article.create(text, id="x"))
    assert out == Failure("x", "empty text")


def test_prepare_truncates_long_text_with_a_warning() -> None:
    text = "The troops said that the town was quiet. " * 10
    out = prepare(Article.create(text, published="2024-01-01"), max_chars=50)
    assert isinstance(out, Prepared)
    assert out.text == text[:50]
    assert out.warnings == ("text truncated: only the first 50 of 410 characters were read",)


def test_prepare_warns_without_publication_date() -> None:
    out = prepare(Article.create("Troops arrived in the town."))
    assert isinstance(out, Prepared)
    assert out.warnings == ("no publication date given: relative dates are left unresolved",)


def test_prepare_marks_non_english_language_unknown() -> None:
    text = "Die Armee hat am Montag die Stadt von den Rebellen zurückerobert, sagte ein Sprecher."
    out = prepare(Article.create(text, published="2024-01-01"))
    assert isinstance(out, Prepared)
    assert out.article.language is None
    assert any("English" in w for w in out.warnings)


def test_prepare_keeps_input_notes_as_warnings() -> None:
    article = Article.create("Troops arrived.", notes=("unparseable publication date 'x'",))
    out = prepare(article)
    assert isinstance(out, Prepared)
    assert out.warnings[0] == "unparseable publication date 'x'"


def test_link_claims_fills_event_claims_from_claim_events() -> None:
    span = Span(0, 4, "said")
    events = (Event("e1", "ATTACK", "reported", None), Event("e2", "ARREST", "reported", None))
    claims = (
        Claim("c1", Speaker(None, None, "outlet"), span, "unattributed", events=("e2",)),
        Claim("c2", Speaker("he", "he", "person"), span, "indirect", events=("e2", "e1")),
    )
    linked = link_claims(events, claims)
    assert [e.claims for e in linked] == [("c2",), ("c1", "c2")]


def test_prepare_cuts_a_20_mb_text_to_the_limit() -> None:
    text = "The army said the rebels had withdrawn from the town. " * 380_000
    assert len(text) > 20_000_000
    out = prepare(Article.create(text, published="2024-01-01"))
    assert isinstance(out, Prepared)
    assert len(out.text) == MAX_CHARS
    assert out.warnings[0].startswith(f"text truncated: only the first {MAX_CHARS} of")
