"""Time expressions, normalized to TimeML values against the publication date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from spotrep.records import Time


@dataclass(frozen=True, slots=True)
class TimeResources:
    """Lexicons and patterns for time expressions, read once per process."""


def load() -> TimeResources:
    return TimeResources()


def find_times(doc: Doc, published: date | None, res: TimeResources) -> tuple[Time, ...]:
    """Every time expression in ``doc``; not built yet, so none."""
    return ()
