"""The event resources (trigger lexicon, actor dictionary, casualty words, placement words),
loaded once by ``load``."""

from __future__ import annotations

from dataclasses import dataclass

from spotrep.extractors.events.actors.names import ActorResources
from spotrep.extractors.events.actors.names import load as load_actors
from spotrep.extractors.events.casualty_words import CasualtyResources
from spotrep.extractors.events.casualty_words import load as load_casualties
from spotrep.extractors.events.lexicon import EventLexicon, load_lexicon
from spotrep.extractors.events.where import PlacementWords, load_placement
from spotrep.extractors.places.cues import Cues


@dataclass(frozen=True, slots=True)
class EventResources:
    """Trigger lexicons, coding rules, the actor dictionary, the casualty words and the words
    that place an event, read once per process."""

    lexicon: EventLexicon
    actors: ActorResources
    casualties: CasualtyResources
    placement: PlacementWords


def load(place_cues: Cues, speech_verbs: frozenset[str]) -> EventResources:
    """The event resources; ``place_cues`` and ``speech_verbs`` are read by the places and claims
    stages (``places.read_cues``, ``claims.speech_verbs``) and shared, not read again."""
    return EventResources(
        load_lexicon(), load_actors(), load_casualties(), load_placement(place_cues, speech_verbs)
    )
