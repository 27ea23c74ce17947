"""Quotation pairing: straight and curly double marks; single marks are never quotations."""

from __future__ import annotations

import pytest

from spotrep.extractors.claims.quotes import quote_spans


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ['"we will win"']),
        ("He said “we will win” today.", ["“we will win”"]),
        ('"One. Two," she said, "three."', ['"One. Two,"', '"three."']),
        ("“One.\n\n“Two,” he said.", ["“One.", "“Two,”"]),
        ('"Unclosed at the end of the line\nNext line.', ['"Unclosed at the end of the line']),
        ("the militias' supposed links, a \"mere excuse\"", ['"mere excuse"']),
        ("The US's 'counterterrorism' pretext", []),
        ("He is 6'2\" tall and strong.", []),
        ("He said ''we will win'' today.", ["''we will win''"]),
        ("No quotation here.", []),
        ('Empty "" marks', []),
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected
