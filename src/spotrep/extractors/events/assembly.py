"""One ``Event`` from the mentions of one event: each field from its own module."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from spotrep.extractors.events.actors import event_actors
from spotrep.extractors.events.mentions import EventMention
from spotrep.extractors.events.ranking import confidence
from spotrep.extractors.events.resources import EventResources
from spotrep.extractors.events.status import REPORTED
from spotrep.extractors.events.tolls import event_tolls
from spotrep.extractors.events.weapon import event_weapon
from spotrep.extractors.events.when import dating_times, event_when
from spotrep.extractors.events.where import event_where
from spotrep.records import Event, Place, Span, Time


def evidence(group: Sequence[EventMention], text: str) -> tuple[Span, ...]:
    sentences = sorted({(m.sentence.start_char, m.sentence.end_char) for m in group})
    return tuple(Span.of(text, s, e) for s, e in sentences)


def build_event(
    group: Sequence[EventMention],
    doc: Doc,
    text: str,
    times: Sequence[Time],
    places: Sequence[Place],
    published: date | None,
    res: EventResources,
    code: str | None = None,
) -> Event:
    """The event told by ``group``; its code, unless given, is its most specific mention's."""
    if code is None:
        voters = [m for m in group if not m.anaphoric] or list(group)
        code = max(voters, key=lambda m: m.coding.strength).coding.code
    head = group[0]
    fatal, injured = event_tolls(group, res.casualties)
    lex = res.lexicon
    usable = dating_times(head.root, head.status == REPORTED, times, published, lex.status)
    return Event(
        id="",  # numbered once background events are dropped
        code=code,
        status=head.status,  # type: ignore[arg-type]
        trigger=Span.of(text, head.trigger.start_char, head.trigger.end_char),
        actors=event_actors(group, places, res.actors),
        when=event_when(group, text, usable, published, res.placement.speech),
        where=event_where(group, doc, text, places, res.placement) if places else None,
        fatalities=fatal,
        injuries=injured,
        weapon=event_weapon(group, doc, text),
        evidence=evidence(group, text),
        confidence=confidence(group, code, res.lexicon),
    )
