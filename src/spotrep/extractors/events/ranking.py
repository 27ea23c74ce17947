"""How sure and how central an event is (``confidence``); history dropped (``is_background``);
claims outranking what they are about (``promote_embedding``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Token

from spotrep.extractors._syntax import NOUN_CLAUSE_DEPS, TIME_ENTS
from spotrep.extractors.events.lexicon import EventLexicon
from spotrep.extractors.events.mentions import EventMention
from spotrep.records import Event, Span, Time, When

NON_REPORTED_FACTOR = 0.6
"""An event that did not (yet) happen ranks below one that did."""

SUBORDINATE_PENALTY = 0.05
"""An event told in a relative clause ("the regions that had been taken over by...") is
background to the one the clause hangs on."""

EMBEDDING_CODES = frozenset({"ATTRIB", "DIPLO"})
"""Codes whose trigger, when it governs another event ("claimed responsibility for the bombing
that killed..."), makes that text mainly about the claim or the diplomacy."""

EMBEDDING_STRENGTH = 3.0
"""Only an explicit claim or blame outranks what it is about, not a mere accusation."""

DECADE = re.compile(r"(the )?\d{3}0s$", re.IGNORECASE)

HISTORY_PREPOSITIONS = frozenset({"in", "since", "during", "until", "the", "of"})
"""Words before a bare year that place an event in the past ("in 2011", "since the 1990s")."""


def is_background(event: Event, text: str, times: Sequence[Time]) -> bool:
    """Dated only to a year or decade in its own sentence ("in 1995 they seized...", "in the
    1990s"): history, not news. A caption's trailing ", 2016" is not such a date, nor is a year
    in a sentence that also gives a day ("on Thursday ... the 2020 elections")."""
    span = event.when.span
    if span is None or not (event.when.precision == "year" or DECADE.match(span.text)):
        return False
    sentence = event.evidence[0]
    finer = (
        t
        for t in times
        if sentence.start <= t.span.start < sentence.end
        and t.type in TIME_ENTS
        and not (t.value or "").isdigit()
    )
    if any(finer):
        return False
    before = text[max(0, span.start - 12) : span.start].split()
    return bool(before) and before[-1].lower() in HISTORY_PREPOSITIONS


HISTORY_DAYS = 365
"""An event its own words date to more than this before publication is history told as
context ("a lull in fighting since a truce in April 2022"), not news: an event-data coder codes
it from the reports of its own time, so it is not coded again from a later one's aside."""

YEAR_PREPOSITIONS = frozenset({"in", "since", "during"})

YEAR = re.compile(r"(1[89]|20)\d\d$")


def history_when(event: Event, roots: Sequence[Token], published: date | None) -> When | None:
    """The date of an event told as history, or None for news: its own sentence dates it more
    than ``HISTORY_DAYS`` before publication (that date), or its own phrase holds an earlier
    year ("which seized power in 2022", "a 2021 bombing": that year, however it was read, a
    bare year being often no time expression; ``roots`` are the triggers of its mentions, the
    first one's phrase read for "in 2022"). With no publication date, only a year naming the
    event ("the 2017 attack") makes it history. A year elsewhere in the sentence does not."""
    span = event.when.span
    own = span is not None and any(s.start <= span.start < s.end for s in event.evidence[:1])
    end = event.when.end
    old = published is not None and end is not None and (
        date.fromisoformat(end) < published - timedelta(days=HISTORY_DAYS))
    if own and old:
        return event.when
    modifiers = [t for root in roots for t in _own_years(root)[0]]
    objects = _own_years(roots[0])[1] if roots else []
    years = modifiers if published is None else [
        t for t in (*modifiers, *objects) if int(t.text) < published.year]
    if not years:
        return None
    year = years[0]
    text = year.text
    where = Span(year.idx, year.idx + len(year.text), text)
    return When(text, f"{text}-01-01", f"{text}-12-31", "year", where)


def _own_years(root: Token) -> tuple[list[Token], list[Token]]:
    """Years in the trigger's own phrase: modifiers of a noun trigger ("a 2021 bombing"), and
    objects of "in", "since" or "during" on it ("seized power in 2022")."""
    modifiers = [c for c in root.children
                 if c.dep_ in ("nummod", "compound", "amod", "npadvmod") and YEAR.match(c.text)]
    objects = [g for prep in root.children
               if prep.dep_ == "prep" and prep.lower_ in YEAR_PREPOSITIONS
               for g in prep.children if g.dep_ == "pobj" and YEAR.match(g.text)]
    return modifiers, objects


def confidence(group: Sequence[EventMention], code: str, lex: EventLexicon) -> float:
    """How sure, and how central to the text: specific wording, main clause, early, repeated."""
    head = max(group, key=lambda m: m.coding.strength)
    first = group[0]
    score = 0.3 + 0.08 * head.coding.strength + lex.weights.get(code, 0.0)
    score += 0.04 if head.root.dep_ == "ROOT" or head.root.head.dep_ == "ROOT" else 0.0
    score += 0.05 if first.sent_index == 0 else -0.01 * min(first.sent_index, 10)
    score += 0.02 * min(len(group) - 1, 3)
    score -= SUBORDINATE_PENALTY if first.root.dep_ in NOUN_CLAUSE_DEPS else 0.0
    if first.status != "reported":
        score *= NON_REPORTED_FACTOR
    return round(min(max(score, 0.01), 0.99), 3)


def promote_embedding(events: list[Event], groups: Sequence[Sequence[EventMention]]) -> list[Event]:
    """A claim or diplomatic event that governs another event's trigger outranks it."""
    out = list(events)
    for i, (event, group) in enumerate(zip(events, groups, strict=True)):
        if event.code not in EMBEDDING_CODES or group[0].coding.strength < EMBEDDING_STRENGTH:
            continue
        root = group[0].root
        inner = [
            events[j].confidence
            for j, other in enumerate(groups)
            if j != i and any(root.is_ancestor(m.root) for m in other)
        ]
        if inner and max(inner) >= event.confidence:
            out[i] = _with_confidence(event, min(max(inner) + 0.01, 0.99))
    return out


def _with_confidence(event: Event, value: float) -> Event:
    return replace(event, confidence=round(value, 3))
