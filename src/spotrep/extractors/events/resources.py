"""The event resources (trigger lexicon, actor dictionary), loaded once by ``load``."""

from __future__ import annotations

from dataclasses import dataclass

from spotrep.extractors.events.actors.names import ActorResources
from spotrep.extractors.events.actors.names import load as load_actors
from spotrep.extractors.events.lexicon import EventLexicon, load_lexicon


@dataclass(frozen=True, slots=True)
class EventResources:
    """Trigger lexicons, coding rules and the actor dictionary, read once per process."""

    lexicon: EventLexicon
    actors: ActorResources


def load() -> EventResources:
    return EventResources(load_lexicon(), load_actors())
