"""An event's date (``event_when``): which time expressions of a sentence may date it
(``dating_times``), the nearest of them (``nearest_when``), a later mention's own date, or a day
counted from another ("two days after").

A date belongs to the clause whose verb it modifies. Two kinds never date an event told
elsewhere in the sentence: a date after publication for an event reported as having happened
("would appear in court on Thursday" is no date of the arrests); a date on another clause that
is planned or hypothetical ("they would march again next week"). A date on a verb of telling
("announced on Tuesday that its aircraft had carried out airstrikes") dates the report: a later
mention's own date, or the first date the body gives before it tells another event
(``story_when``), comes first; failing those it is kept, as it is often the only date the
report gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from spotrep.extractors._syntax import NOUN_POS, TIME_ENTS, VERB_POS, subtree_range
from spotrep.extractors.events.mentions import EventMention, paragraph_bounds
from spotrep.extractors.events.positions import Positions
from spotrep.extractors.events.status import REPORTED, status_of
from spotrep.extractors.times.values import precision_of
from spotrep.records import Span, Time, When


def nearest_when(
    times: Sequence[Time],
    sentence_start: int,
    sentence_end: int,
    paragraph_start: int,
    paragraph_end: int,
    published: date | None,
    anchor: int | None = None,
    phrase: tuple[int, int] | None = None,
) -> When:
    """The date of an event whose trigger sits at ``anchor`` in the given sentence.

    The DATE/TIME expression of the event's own sentence wins (the one nearest the trigger,
    before or after it); else the nearest in its paragraph. Within the sentence, one inside
    ``phrase`` (the character range of the trigger's own phrase: its syntactic subtree) comes
    first, so the clause that governs the trigger does not lend it its date ("families buried on
    Friday relatives killed when a bomber struck on Tuesday" is Tuesday's attack). Durations,
    sets and references (``PRESENT_REF``) do not date an event. Failing those, the event is
    dated to the publication date with precision ``week``, following ACLED's practice: a report
    that gives no date only tells us the event happened shortly before publication, which
    justifies ACLED time precision 2 (within the week), not 1 (the day); ``start`` = ``end`` =
    the publication date and ``text``/``span`` are None. Without a publication date either, the
    When is empty. A found date carries the precision of its value: ``day``, ``week``, ``month``
    (also for quarters and seasons, ACLED's coarsest level below the year) or ``year``.
    """
    def nearest(lo: int, hi: int, point: int) -> Time | None:
        return _nearest_date(times, lo, hi, point)

    return _nearest_or_published(
        nearest, (sentence_start, sentence_end), (paragraph_start, paragraph_end), published,
        anchor, phrase,
    )


NearestDate = Callable[[int, int, int], "Time | None"]
"""The dating time inside ``lo:hi`` nearest ``point``: ``(lo, hi, point) -> Time | None``."""


def _nearest_or_published(
    nearest: NearestDate,
    sentence: tuple[int, int],
    paragraph: tuple[int, int],
    published: date | None,
    anchor: int | None,
    phrase: tuple[int, int] | None,
) -> When:
    """``nearest_when`` with the times asked for range by range (the paragraph only when the
    sentence gives no date)."""
    point = anchor if anchor is not None else sentence[0]
    ranges = [sentence, paragraph]
    if phrase is not None:
        ranges.insert(0, (max(phrase[0], sentence[0]), min(phrase[1], sentence[1])))
    for lo, hi in ranges:
        best = nearest(lo, hi, point)
        if best is not None:
            return When(best.text, best.start, best.end, precision_of(best.value), best.span)
    if published is None:
        return When()
    day = published.isoformat()
    return When(text=None, start=day, end=day, precision="week", span=None)


def _nearest_date(times: Sequence[Time], lo: int, hi: int, point: int) -> Time | None:
    inside = [t for t in times if lo <= t.span.start and t.span.end <= hi and _dates_event(t)]
    if not inside:
        return None
    return min(inside, key=lambda t: _distance(t, point))


def _distance(t: Time, point: int) -> int:
    return min(abs(t.span.start - point), abs(t.span.end - point))


def _dates_event(t: Time) -> bool:
    return t.type in TIME_ENTS and t.start is not None



def verb_at_or_above(token: Token) -> Token | None:
    """The verb whose clause ``token`` belongs to: the nearest verb at or above it."""
    node = token
    while node.pos_ not in VERB_POS:
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


NAMING_DEPS = frozenset({"nummod", "compound", "amod"})


def names_another_thing(doc: Doc, t: Time, root: Token) -> bool:
    """A bare year that modifies a noun other than the trigger names that thing ("punishing
    Moscow for its interference in the 2020 US election"): it dates no event told beside it."""
    if not (t.value or "").isdigit():
        return False
    token = time_token(doc, t)
    if token is None or token.dep_ not in NAMING_DEPS:
        return False
    return token.head.pos_ in NOUN_POS and token.head.i != root.i


@dataclass(frozen=True, slots=True)
class ArticleTimes:
    """An article's times by where they start, with the verb each belongs to and that verb's
    status, read once per article: every event asks about the times of its own sentence,
    paragraph and phrases, and asking each about every time of a long article was quadratic."""

    positions: Positions[Time]
    heads: tuple[Token | None, ...]
    """The clause head (``verb_at_or_above``) of each of ``positions.items``."""
    statuses: Mapping[int, str]
    """The status (``status_of``) of each clause head, by token index."""
    longest: int
    """The length of the longest time expression (characters)."""

    @classmethod
    def of(
        cls, doc: Doc, times: Sequence[Time], status: Mapping[tuple[str, str], str]
    ) -> ArticleTimes:
        tokens = [time_token(doc, t) for t in times]
        heads = tuple(None if token is None else verb_at_or_above(token) for token in tokens)
        statuses = {v.i: status_of(v, status) for v in heads if v is not None}
        longest = max((t.span.end - t.span.start for t in times), default=0)
        return cls(Positions.of(times, lambda t: t.span.start), heads, statuses, longest)


def dating_times(
    root: Token,
    reported: bool,
    times: ArticleTimes,
    lo: int,
    hi: int,
    published: date | None,
) -> list[Time]:
    """The times starting in ``lo:hi`` that may date the event whose trigger is ``root``, in the
    order they were found."""
    out: list[Time] = []
    for i in times.positions.indices_in(lo, hi):
        t = times.positions.items[i]
        if reported and after_publication(t, published):
            continue
        if names_another_thing(root.doc, t, root):
            continue
        verb = times.heads[i]
        if verb is not None and _dates_other_clause(verb, root, times.statuses):
            continue
        out.append(t)
    return out


def _dates_other_clause(verb: Token, root: Token, statuses: Mapping[int, str]) -> bool:
    """``dates_other_clause`` with the status of each verb read once per article."""
    if verb.i == root.i or verb.is_ancestor(root) or root.is_ancestor(verb):
        return False
    return statuses[verb.i] != REPORTED


@dataclass(frozen=True, slots=True)
class EventTimes:
    """The times that may date one event (``dating_times`` for its first mention's trigger),
    asked for by position."""

    times: ArticleTimes
    root: Token
    reported: bool
    published: date | None

    def starting_in(self, lo: int, hi: int) -> list[Time]:
        """Those starting at ``lo`` to ``hi``, both included (a superset of those inside
        ``lo:hi``: each caller keeps its own test)."""
        return dating_times(self.root, self.reported, self.times, lo, hi + 1, self.published)

    def nearest_date(self, lo: int, hi: int, point: int) -> Time | None:
        """``_nearest_date`` of these times, reading only those near ``point``: a window
        around it grows until the nearest time inside is nearer than anything outside (no
        time ends more than ``longest`` after its start), so that each event of a long
        paragraph judges a few times, not all."""
        reach = _WINDOW
        while True:
            wlo, whi = max(lo, point - reach - self.times.longest), min(hi, point + reach)
            best = _nearest_date(self.starting_in(wlo, whi), lo, hi, point)
            if (best is not None and _distance(best, point) <= reach) or (wlo, whi) == (lo, hi):
                return best
            reach *= 4


_WINDOW = 400
"""Characters either side of an event's trigger first searched for its date in the
paragraph: a few sentences."""


def own_day(
    root: Token, times: Sequence[Time], speech: frozenset[str], relative: frozenset[str]
) -> str | None:
    """The day a mention's own words date it to, or None: the nearest day-precision date of
    its sentence that belongs to its clause: on the trigger or a verb conjoined to it ("were
    killed and six wounded today"), inside its phrase with no other verb between ("Monday's
    attack"), on a clause governing it that is not a verb of telling, or in a clause with no
    verb at all ("On Monday, a bomb on a motorcycle killed three", as parsed). A date counted
    from another event ("hours later", "the next day": a word of ``relative``) is no own day.
    Two mentions with different own days tell two events (``grouping.cluster_mentions``)."""
    sentence = root.sent
    own = []
    for t in times:
        if not sentence.start_char <= t.span.start < sentence.end_char:
            continue
        token = time_token(root.doc, t)
        if token is None or not _dates_event(t) or t.start != t.end:
            continue
        if any(w in relative for w in t.text.lower().split()):
            continue
        if _dates_own_clause(root, token, speech):
            own.append(t)
    if not own:
        return None
    return min(own, key=lambda t: abs(t.span.start - root.idx)).start


def _dates_own_clause(root: Token, token: Token, speech: frozenset[str]) -> bool:
    verb = verb_at_or_above(token)
    if verb is None or verb.i == root.i:
        return True  # no clause, or the trigger's own
    if root.is_ancestor(token) and not root.is_ancestor(verb):
        return True  # the trigger's own phrase
    if verb.dep_ == "conj" and verb.head.i == root.i:
        return True  # a verb conjoined to the trigger
    return verb.is_ancestor(root) and verb.lemma_ not in speech  # a governing clause


def event_when(
    group: Sequence[EventMention], text: str, times: EventTimes, published: date | None,
    speech: frozenset[str] = frozenset(), told: frozenset[int] = frozenset(),
) -> When:
    """The date of the first mention's sentence; a later mention's own date ("Tuesday's
    strikes") fills in when the first gave none. A first mention inside a temporal adjunct
    ("two days after fighting left five dead", "after police fired tear gas") is not dated by
    the clause the adjunct modifies (the curfew "on Saturday"): a later mention's own date
    ("the clashes on Thursday") comes first. An adjunct after its clause runs to the end of the
    sentence (``trailing_adjunct_when``), since the parse often hangs its date on the clause
    it modifies ("The raid came three weeks after bandits killed 11 people ... on October 29,
    officials said")."""
    head = group[0]
    sent = head.sentence
    para = paragraph_bounds(text, sent.start_char, sent.end_char)
    root = head.root
    phrase = subtree_range(root)
    if in_temporal_adjunct(root):
        own = nearest_when(times.starting_in(*phrase), *phrase, *phrase, published,
                           anchor=root.idx)
        if own.span is not None:
            return own
        trailing = trailing_adjunct_when(root, times, speech)
        if trailing is not None:
            return trailing
        later = later_mention_when(group, times, published) or shifted_when(
            root, sent.start_char, sent.end_char, text, times, published
        )
        if later is not None:
            return later
    when = _nearest_or_published(
        times.nearest_date, (sent.start_char, sent.end_char), para, published, root.idx, phrase
    )
    if when.span is not None and not dates_telling(when, root, speech):
        return when
    later = later_mention_when(group, times, published)
    if later is not None or when.span is None:
        return later or when
    return story_when(group, text, times, told, when, speech) or when


def dates_telling(when: When, root: Token, speech: frozenset[str]) -> bool:
    """Whether ``when`` modifies a verb of telling other than the trigger ("bandits abducted
    dozens of villagers, police said on Monday"): it dates the report, and the event happened
    on that day or before."""
    if when.span is None:
        return False
    span = root.doc.char_span(when.span.start, when.span.end, alignment_mode="expand")
    if span is None or root.is_ancestor(span.root):
        return False  # the trigger's own phrase ("referring to a mortar attack last week")
    verb = verb_at_or_above(span.root)
    return verb is not None and verb.i != root.i and verb.lemma_.lower() in speech


def story_when(
    group: Sequence[EventMention], text: str, times: EventTimes, told: frozenset[int],
    telling: When, speech: frozenset[str],
) -> When | None:
    """The first date of the sentences after a lead dated only by its telling, up to the next
    sentence that tells an event (``told``: the start of each), in the lead's paragraph and the
    next: wire reports put the event's own date in the body ("..., police said on Monday. The
    gunmen, who arrived at around 11 p.m. on Saturday, fired into the air"). A date after the
    telling, or itself on a verb of telling, is not the event's."""
    head = group[0]
    _, para_end = paragraph_bounds(text, head.sentence.start_char, head.sentence.end_char)
    _, next_end = paragraph_bounds(text, min(para_end + 1, len(text)), min(para_end + 1, len(text)))
    doc, at = head.root.doc, head.sentence.end
    while at < len(doc):
        sent = doc[at].sent
        at = sent.end
        if sent.start_char in told or sent.start_char >= next_end:
            return None
        found = _sentence_date(sent, head.root, times, telling, speech)
        if found is not None:
            return found
    return None


def _sentence_date(
    sent: SpacySpan, root: Token, times: EventTimes, telling: When, speech: frozenset[str]
) -> When | None:
    """The first date of ``sent`` not after ``telling`` and on no verb of telling."""
    for t in times.starting_in(sent.start_char, sent.end_char):
        if not (sent.start_char <= t.span.start and t.span.end <= sent.end_char):
            continue
        if not _dates_event(t) or (telling.start and (t.start or "") > telling.start):
            continue
        when = When(t.text, t.start, t.end, precision_of(t.value), t.span)
        if not dates_telling(when, root, speech):
            return when
    return None


def trailing_adjunct_when(
    root: Token, times: EventTimes, speech: frozenset[str]
) -> When | None:
    """The first calendar day stated between the marker of a temporal adjunct that follows
    its clause and the end of the sentence, on no verb of telling: the adjunct's own date."""
    marker = root.head if root.dep_ in ("pobj", "pcomp") else next(
        (c for c in root.children if c.dep_ == "mark"), root
    )
    governor = marker.head if marker.i == root.head.i else root.head
    if marker.i < governor.i:
        return None  # the adjunct opens its clause: its date is inside it, if anywhere
    sent = root.sent
    for t in times.starting_in(marker.idx, sent.end_char):
        if not (marker.idx <= t.span.start < sent.end_char) or not _dates_event(t):
            continue
        if precision_of(t.value) != "day":
            continue
        token = time_token(root.doc, t)
        verb = None if token is None else verb_at_or_above(token)
        if verb is not None and verb.lemma_.lower() in speech:
            continue
        return When(t.text, t.start, t.end, "day", t.span)
    return None


def later_mention_when(
    group: Sequence[EventMention], times: EventTimes, published: date | None
) -> When | None:
    """The first date stated inside a later mention's own phrase, if any."""
    for m in group[1:]:
        lo, hi = subtree_range(m.root)
        own = [t for t in times.starting_in(lo, hi)
               if lo <= t.span.start and t.span.end <= hi and t.start]
        if own:
            return nearest_when(own, lo, hi, lo, hi, published, anchor=m.root.idx)
    return None

TEMPORAL_ADJUNCTS = frozenset({"after", "before", "since"})
"""Words that open a phrase dating one event from another ("two days after the clashes")."""


def in_temporal_adjunct(root: Token) -> bool:
    """Whether the trigger heads the object or clause of "after", "before" or "since"."""
    if root.dep_ in ("pobj", "pcomp") and root.head.lower_ in TEMPORAL_ADJUNCTS:
        return True
    return any(c.dep_ == "mark" and c.lower_ in TEMPORAL_ADJUNCTS for c in root.children)

SHIFT_SIGN = MappingProxyType({"after": -1, "before": 1})
"""Which way "N days after/before X" moves from the clause's date to X's."""

DURATION_DAYS = re.compile(r"P(\d+)([DW])")


def shifted_when(
    root: Token, lo: int, hi: int, text: str, times: EventTimes, published: date | None
) -> When | None:
    """The day of an event told as "N days after/before" it in a clause with a stated day:
    "a curfew on Saturday, two days after fighting" dates the fighting Thursday."""
    marker = root.head if root.dep_ in ("pobj", "pcomp") else next(
        (c for c in root.children if c.dep_ == "mark"), root
    )
    sign = SHIFT_SIGN.get(marker.lower_)
    amount = next((c for c in (*marker.children, *root.children) if c.dep_ == "npadvmod"), None)
    if sign is None or amount is None:
        return None
    a_lo, a_hi = subtree_range(amount)
    duration = next((t for t in times.starting_in(a_lo, a_hi)
                     if a_lo <= t.span.start and t.span.end <= a_hi and t.type == "DURATION"),
                    None)
    found = DURATION_DAYS.fullmatch(duration.value or "") if duration else None
    if duration is None or found is None:
        return None
    days = int(found[1]) * (7 if found[2] == "W" else 1)
    p_lo, p_hi = subtree_range(root)
    outside = [t for t in times.starting_in(lo, hi)
               if not p_lo <= t.span.start < p_hi and t is not duration]
    base = nearest_when(outside, lo, hi, lo, hi, published, anchor=marker.idx)
    if base.span is None or base.precision != "day" or base.start is None:
        return None
    day = (date.fromisoformat(base.start) + timedelta(days=sign * days)).isoformat()
    start, end = duration.span.start, marker.idx + len(marker)
    return When(text[start:end], day, day, "day", Span.of(text, start, end))
