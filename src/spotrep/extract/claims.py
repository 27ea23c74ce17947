"""Claims: who said what, through whom, and which events each attribution reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from spotrep.records import Claim, Event


@dataclass(frozen=True, slots=True)
class ClaimResources:
    """Cue lexicon and speaker lexicons, read once per process."""


def load() -> ClaimResources:
    return ClaimResources()


def find_claims(doc: Doc, events: Sequence[Event], res: ClaimResources) -> tuple[Claim, ...]:
    """Every attribution in ``doc``; not built yet, so none."""
    return ()
