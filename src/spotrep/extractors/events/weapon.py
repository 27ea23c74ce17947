"""An event's weapon: the weapon word its coding found nearest a trigger."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from spotrep.extractors.events.mentions import EventMention
from spotrep.records import Mention as Named
from spotrep.records import Span


def event_weapon(group: Sequence[EventMention], doc: Doc, text: str) -> Named | None:
    for m in group:
        if m.coding.weapon is not None:
            words = doc[m.coding.weapon[0] : m.coding.weapon[1]]
            return Named(words.text, Span.of(text, words.start_char, words.end_char))
    return None
