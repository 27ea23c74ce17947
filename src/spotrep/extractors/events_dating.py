"""Which time expressions of a sentence may date an event (the choice among them is times.py's).

A date belongs to the clause whose verb it modifies. Two kinds never date an event told
elsewhere in the sentence: a date after publication for an event reported as having happened
("would appear in court on Thursday" is no date of the arrests); a date on another clause that
is planned or hypothetical ("they would march again next week"). A date on a verb of telling
("announced on Tuesday that its aircraft had carried out airstrikes") is kept: it is often the
only date the report gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from spacy.tokens import Doc, Token

from spotrep.extractors.events_status import REPORTED, status_of
from spotrep.records import Time

CLAUSE_POS = frozenset({"VERB", "AUX"})


def clause_head(token: Token) -> Token | None:
    """The verb whose clause ``token`` belongs to: the nearest verb at or above it."""
    node = token
    while node.pos_ not in CLAUSE_POS:
        if node.head.i == node.i:
            return None
        node = node.head
    return node


def time_token(doc: Doc, t: Time) -> Token | None:
    span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    return None if span is None else span.root


def after_publication(t: Time, published: date | None) -> bool:
    return published is not None and t.start is not None and t.start > published.isoformat()


def dates_other_clause(verb: Token, root: Token, status: Mapping[tuple[str, str], str]) -> bool:
    """Whether a date on ``verb`` is of another clause than the event at ``root``: one that
    does not govern it and is planned or hypothetical."""
    if verb.i == root.i:
        return False
    if verb.is_ancestor(root) or root.is_ancestor(verb):
        return False  # a governing clause, or the event's own phrase ("the clashes on Thursday")
    return status_of(verb, status) != REPORTED


def dating_times(
    root: Token,
    reported: bool,
    times: Sequence[Time],
    published: date | None,
    status: Mapping[tuple[str, str], str],
) -> list[Time]:
    """The times that may date the event whose trigger is ``root``."""
    out: list[Time] = []
    for t in times:
        if reported and after_publication(t, published):
            continue
        token = time_token(root.doc, t)
        verb = None if token is None else clause_head(token)
        if verb is not None and dates_other_clause(verb, root, status):
            continue
        out.append(t)
    return out
