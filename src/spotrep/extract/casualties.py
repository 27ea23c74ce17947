"""Fatalities and injuries: numbers, bounds, vague quantifiers and negation."""

from __future__ import annotations

from spacy.tokens import Span

from spotrep.records import Toll


def find_tolls(sentence: Span) -> tuple[Toll | None, Toll | None]:
    """(fatalities, injuries) stated in ``sentence``; None where it says nothing.

    Not built yet, so neither.
    """
    return None, None
