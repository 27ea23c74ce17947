"""Events: detection, coding to the taxonomy, status, actors, tolls, weapon, date and place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from spotrep.records import Event, Place, Time


@dataclass(frozen=True, slots=True)
class EventResources:
    """Trigger lexicons, actor dictionary and casualty patterns, read once per process."""


def load() -> EventResources:
    return EventResources()


def find_events(
    doc: Doc,
    times: Sequence[Time],
    places: Sequence[Place],
    published: date | None,
    res: EventResources,
) -> tuple[Event, ...]:
    """Every event ``doc`` reports; not built yet, so none."""
    return ()
