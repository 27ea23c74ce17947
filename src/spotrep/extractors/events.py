"""Events: detection, coding to the taxonomy, status, actors, tolls, weapon, date and place.

Triggers and context cues are matched once per document (events_code); each trigger is coded
from its family's cue rules, given a status (events_status), and mentions of one event are
merged (events_merge). Actors, tolls and dates come from their own extractors: an event's actors
are its first mention's, a role that mention leaves empty taken from a later mention. A generic
event that did not happen may still be exemplified by dated ones that did ("attacks such as the
ones on 15 August"): those are read as a reported event.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType

from spacy.tokens import Doc, Token

from spotrep.extractors import actors, casualties
from spotrep.extractors import locations as place_rules
from spotrep.extractors import times as time_rules
from spotrep.extractors.events_code import code_trigger, find_cues, find_triggers, sentence_cues
from spotrep.extractors.events_dating import dating_times
from spotrep.extractors.events_lexicon import Lexicon, load_lexicon
from spotrep.extractors.events_merge import (
    Mention,
    cluster_mentions,
    folds_into,
    is_anaphoric,
    merged_code,
    quoted,
)
from spotrep.extractors.events_status import NEGATED, REPORTED, status_of
from spotrep.records import Actor, Event, Place, Role, Span, Time, Toll, When
from spotrep.records import Mention as Named

NON_REPORTED_FACTOR = 0.6
"""An event that did not (yet) happen ranks below one that did."""

SUBORDINATE_DEPS = frozenset({"relcl", "acl"})
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


@dataclass(frozen=True, slots=True)
class EventResources:
    """Trigger lexicons, coding rules and the actor dictionary, read once per process."""

    lexicon: Lexicon
    actors: actors.ActorResources


def load() -> EventResources:
    return EventResources(load_lexicon(), actors.load())


def find_events(
    doc: Doc,
    times: Sequence[Time],
    places: Sequence[Place],
    published: date | None,
    res: EventResources,
) -> tuple[Event, ...]:
    """Every event ``doc`` reports, merged within the article, ids ``e1``... in text order."""
    mentions = find_mentions(doc, res.lexicon)
    groups = cluster_mentions(mentions, res.lexicon.classes)
    text = doc.text  # built by joining every token: read once
    built = [build_event(group, doc, text, times, places, published, res) for group in groups]
    kept = [(e, g) for e, g in zip(built, groups, strict=True) if not is_background(e, text, times)]
    classes = res.lexicon.classes

    def rebuild(group: Sequence[Mention], code: str) -> Event:
        return build_event(group, doc, text, times, places, published, res, code=code)

    folded = fold_events(kept, rebuild, classes, text)
    events = [replace(e, id=f"e{i}") for i, (e, _) in enumerate(folded, 1)]
    return tuple(promote_embedding(events, [g for _, g in folded]))


def fold_events(
    pairs: Sequence[tuple[Event, Sequence[Mention]]],
    rebuild: Callable[[Sequence[Mention], str], Event],
    classes: Mapping[str, str],
    text: str,
) -> list[tuple[Event, Sequence[Mention]]]:
    """Events told again or following from an earlier one (events_merge.folds_into, judged
    against the earlier event as first built) joined into it, which keeps its code (a protest
    takes its most specific mention's, events_merge.merged_code); one marked as a further event
    ("another blast") stays. Each joined event is rebuilt once, at the end."""
    out: list[tuple[Event, list[Mention]]] = []
    joined: set[int] = set()
    codes: dict[int, str] = {}
    for event, group in pairs:
        host = None
        if not group[0].distinct:
            earlier = range(len(out) - 1, -1, -1)
            told = quoted(group[0], text)
            host = next((i for i in earlier if folds_into(out[i][0], event, classes, told)), None)
        if host is None:
            out.append((event, list(group)))
        else:
            out[host][1].extend(group)
            joined.add(host)
            codes[host] = merged_code(codes.get(host, out[host][0].code), event.code)
            # later events are judged against the code the host now has (violence folded
            # into a protest makes the host that protest)
            out[host] = (replace(out[host][0], code=codes[host]), out[host][1])
    for i in joined:
        first, merged = out[i]
        merged[1:] = sorted(merged[1:], key=lambda m: m.root.i)
        out[i] = (rebuild(merged, codes.get(i, first.code)), merged)
    return [(e, g) for e, g in out]


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
        and t.type in ("DATE", "TIME")
        and not (t.value or "").isdigit()
    )
    if any(finer):
        return False
    before = text[max(0, span.start - 12) : span.start].split()
    return bool(before) and before[-1].lower() in HISTORY_PREPOSITIONS


def find_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Every trigger that codes to an event that is not negated, in text order."""
    cues = find_cues(doc, lex)
    sentences = list(doc.sents)
    index = {s.start: i for i, s in enumerate(sentences)}
    out: list[Mention] = []
    triggers = find_triggers(doc, lex)
    roots = {t.root for t in triggers}
    for trigger in triggers:
        root = doc[trigger.root]
        sentence = root.sent
        if is_generic(root, index[sentence.start], lex.aspect):
            continue
        naming = is_naming(root, roots)  # told already: merged, whatever its determiner
        anaphoric = naming or is_anaphoric(root, lex.anaphoric)
        context = sentence_cues(sentence, cues)
        alone = code_trigger(trigger, doc, context, lex)
        if alone is None:
            continue
        coding = alone
        if anaphoric:  # "the strikes" is coded by its own words, not by its new sentence
            own = [c for c in context if root.left_edge.i <= c.start <= root.right_edge.i]
            coding = code_trigger(trigger, doc, own, lex) or alone
        status = status_of(root, lex.status)
        at = index[sentence.start]
        instance = dated_instance(root) if status != REPORTED else None
        if status != NEGATED:
            span = doc[trigger.start : trigger.end]
            distinct = not naming and any(c.lower_ in lex.distinct for c in root.children)
            out.append(
                Mention(span, root, sentence, at, coding, status, anaphoric, distinct, alone)
            )
        if instance is not None:
            span = doc[instance.i : instance.i + 1]
            out.append(Mention(span, instance, sentence, at, alone, REPORTED, False, False, alone))
    return out


PERFECT = frozenset({"has", "have", "had"})


def is_generic(root: Token, sent_index: int, aspect: Mapping[str, str]) -> bool:
    """A habit or a general statement rather than an event: a verb in the simple present
    outside the headline ("Moscow says it targets only military sites", "the army regularly
    shells the area") or in the present perfect progressive ("they have been targeting
    farms"), or one modified by a habit adverb that is not a simple past ("has repeatedly
    struck" is still reported); a present perfect of lasting state ("have long accused"); a
    present progressive in a relative clause ("Mali, where the government is fighting armed
    groups"). The words are in data/events/aspect.tsv."""
    if root.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if root.tag_ in ("VBZ", "VBP") and not aux:
        near = [*root.children, *root.head.children]  # "has repeatedly said it targets"
        return sent_index > 0 or any(aspect.get(c.lower_) == "habit" for c in near)
    if PERFECT & aux and _has_adverb(root, "durative", aspect):
        return True
    if root.tag_ != "VBG":
        return False
    if root.dep_ == "relcl" and any(aspect.get(a) == "present_be" for a in aux):
        return True
    return "been" in aux and bool({"has", "have"} & aux)


def _has_adverb(root: Token, kind: str, aspect: Mapping[str, str]) -> bool:
    return any(c.dep_ == "advmod" and aspect.get(c.lower_) == kind for c in root.children)


def is_naming(root: Token, roots: set[int]) -> bool:
    """A noun that only names an event already told ("the strike was another deliberate
    attack"): the predicate of a copula whose subject is itself an event word."""
    if root.dep_ != "attr" or root.pos_ != "NOUN":
        return False
    return any(c.dep_ == "nsubj" and c.i in roots for c in root.head.children)


INSTANCE_PREPS = frozenset({"as", "like", "including"})
INSTANCE_WORDS = frozenset({"one", "ones"})


def dated_instance(root: Token) -> Token | None:
    """The dated "one(s)" that exemplify an event that is not itself reported: "protect troops
    from attacks such as the ones on 15 August" denies no attack; the ones on 15 August
    happened."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in INSTANCE_PREPS:
            continue
        for obj in prep.children:
            dated = any(t.ent_type_ == "DATE" for t in obj.subtree)
            if obj.dep_ == "pobj" and obj.lower_ in INSTANCE_WORDS and dated:
                return obj
    return None


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character range of the paragraph (line) holding ``start:end``."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def event_when(
    group: Sequence[Mention], text: str, times: Sequence[Time], published: date | None
) -> When:
    """The date of the first mention's sentence; a later mention's own date ("Tuesday's
    strikes") fills in when the first gave none. A first mention inside a temporal adjunct
    ("two days after fighting left five dead", "after police fired tear gas") is not dated by
    the clause the adjunct modifies (the curfew "on Saturday"): a later mention's own date
    ("the clashes on Thursday") comes first."""
    head = group[0]
    sent = head.sentence
    para = paragraph_bounds(text, sent.start_char, sent.end_char)
    root = head.root
    phrase = _phrase(root)
    if in_temporal_adjunct(root):
        own = time_rules.event_when(times, *phrase, *phrase, published, anchor=root.idx)
        if own.span is not None:
            return own
        later = later_mention_when(group, times, published) or shifted_when(
            root, sent.start_char, sent.end_char, text, times, published
        )
        if later is not None:
            return later
    when = time_rules.event_when(
        times, sent.start_char, sent.end_char, *para, published, anchor=root.idx, phrase=phrase
    )
    if when.span is not None:
        return when
    return later_mention_when(group, times, published) or when


def later_mention_when(
    group: Sequence[Mention], times: Sequence[Time], published: date | None
) -> When | None:
    """The first date stated inside a later mention's own phrase, if any."""
    for m in group[1:]:
        lo, hi = _phrase(m.root)
        own = [t for t in times if lo <= t.span.start and t.span.end <= hi and t.start]
        if own:
            return time_rules.event_when(own, lo, hi, lo, hi, published, anchor=m.root.idx)
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
    root: Token, lo: int, hi: int, text: str, times: Sequence[Time], published: date | None
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
    a_lo, a_hi = _phrase(amount)
    duration = next((t for t in times if a_lo <= t.span.start and t.span.end <= a_hi
                     and t.type == "DURATION"), None)
    found = DURATION_DAYS.fullmatch(duration.value or "") if duration else None
    if duration is None or found is None:
        return None
    days = int(found[1]) * (7 if found[2] == "W" else 1)
    p_lo, p_hi = _phrase(root)
    outside = [t for t in times if not p_lo <= t.span.start < p_hi and t is not duration]
    base = time_rules.event_when(outside, lo, hi, lo, hi, published, anchor=marker.idx)
    if base.span is None or base.precision != "day" or base.start is None:
        return None
    day = (date.fromisoformat(base.start) + timedelta(days=sign * days)).isoformat()
    start, end = duration.span.start, marker.idx + len(marker)
    return When(text[start:end], day, day, "day", Span.of(text, start, end))


def _phrase(root: Token) -> tuple[int, int]:
    """Character range of a trigger's own phrase (its syntactic subtree)."""
    return root.left_edge.idx, root.right_edge.idx + len(root.right_edge)


def event_where(
    group: Sequence[Mention], doc: Doc, text: str, places: Sequence[Place]
) -> Place | None:
    """The place of the first mention's sentence nearest its trigger (else of its paragraph),
    unless a later mention that retells the event (not a mere "the attack", whose sentence is
    often about something else) names a town where the first named only a region."""
    found = [
        mention_place(m, doc, text, places) for m in group if m is group[0] or not m.anaphoric
    ]
    towns = [p for p in found if p is not None and p.precision == 1]
    return towns[0] if towns and (found[0] is None or found[0].precision != 1) else found[0]


def mention_place(m: Mention, doc: Doc, text: str, places: Sequence[Place]) -> Place | None:
    sent = m.sentence
    para = paragraph_bounds(text, sent.start_char, sent.end_char)
    return place_rules.event_place(
        places, sent.start_char, sent.end_char, *para, doc=doc, anchor=m.root.idx
    )


def event_tolls(group: Sequence[Mention]) -> tuple[Toll | None, Toll | None]:
    """Fatalities and injuries: the first sentence of the event that states each."""
    fatal: Toll | None = None
    injured: Toll | None = None
    seen: set[int] = set()
    for m in group:
        if m.sentence.start in seen:
            continue
        seen.add(m.sentence.start)
        adjuncts = other_adjuncts(m.root)
        tolls = casualties.find_tolls(m.sentence)
        f, i = (t if t and not within(t, adjuncts) else None for t in tolls)
        fatal = fatal or f
        injured = injured or i
    return fatal, injured


def other_adjuncts(root: Token) -> list[tuple[int, int]]:
    """Character ranges of the temporal adjuncts of ``root``'s sentence that do not hold it:
    "a curfew on Saturday, two days after fighting left five dead" gives the curfew no dead.
    One that follows the trigger runs to the end of the sentence, since the parse often hangs
    the adjunct's own verb ("left") on the main clause."""
    out: list[tuple[int, int]] = []
    sent = root.sent
    for word in sent:
        if word.lower_ not in TEMPORAL_ADJUNCTS:
            continue
        phrase = word if word.dep_ == "prep" else word.head if word.dep_ == "mark" else None
        if phrase is None or phrase.is_ancestor(root) or phrase.i == root.i:
            continue
        lo, hi = _phrase(phrase)
        out.append((word.idx, sent.end_char) if word.i > root.i else (lo, hi))
    return out


def within(toll: Toll, ranges: Sequence[tuple[int, int]]) -> bool:
    span = toll.span
    return span is not None and any(lo <= span.start and span.end <= hi for lo, hi in ranges)


def event_weapon(group: Sequence[Mention], doc: Doc, text: str) -> Named | None:
    for m in group:
        if m.coding.weapon is not None:
            words = doc[m.coding.weapon[0] : m.coding.weapon[1]]
            return Named(words.text, Span.of(text, words.start_char, words.end_char))
    return None


MAIN_ROLES: tuple[Role, Role] = ("actor1", "actor2")
ROLE_ORDER: tuple[Role, ...] = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
_ASSOCIATE_OF: dict[str, Role] = {"assoc_actor_1": "actor1", "assoc_actor_2": "actor2"}


def event_actors(
    group: Sequence[Mention], places: Sequence[Place], res: actors.ActorResources
) -> tuple[Actor, ...]:
    """The actors of the first mention; a role it leaves empty is taken, with its associates,
    from a later mention that names it ("Gunmen attacked the village. ... The attack on the
    police post ..." gives the attack its target; "X claimed responsibility for the attack" its
    perpetrator): first from the first mention's own sentence, then from a mention naming every
    missing side, then in text order. A later mention's toponym ("a rally at Dakar's
    Independence Square") tells where, not who."""
    found = list(actors.find_actors(group[0].root, res))
    missing = [r for r in MAIN_ROLES if not any(a.role == r for a in found)]
    if not missing:
        return tuple(found)
    later = [
        (m.sent_index, [a for a in actors.find_actors(m.root, res) if not _is_place(a, places)])
        for m in group[1:]
    ]
    # the first mention's own sentence tells of the same event most surely; after it, a mention
    # that names every missing side tells who did what to whom
    later.sort(
        key=lambda found: (
            found[0] != group[0].sent_index,
            not all(any(a.role == r for a in found[1]) for r in missing),
        )
    )
    for _, more in later:
        if not missing:
            break
        filled = [r for r in missing if any(a.role == r for a in more)]
        taken = {(a.role, a.name) for a in found}
        found += [
            a
            for a in more
            if _ASSOCIATE_OF.get(a.role, a.role) in filled and (a.role, a.name) not in taken
        ]
        missing = [r for r in missing if r not in filled]
    return tuple(sorted(found, key=lambda a: ROLE_ORDER.index(a.role)))


def _is_place(actor: Actor, places: Sequence[Place]) -> bool:
    """An actor of no known kind named by a toponym ("Dakar's Place de l'Obelisque")."""
    span = actor.span
    if span is None or actor.kind is not None:
        return False
    return any(p.span.start < span.end and span.start < p.span.end for p in places if p.span)


def evidence(group: Sequence[Mention], text: str) -> tuple[Span, ...]:
    sentences = sorted({(m.sentence.start_char, m.sentence.end_char) for m in group})
    return tuple(Span.of(text, s, e) for s, e in sentences)


def confidence(group: Sequence[Mention], code: str, lex: Lexicon) -> float:
    """How sure, and how central to the text: specific wording, main clause, early, repeated."""
    head = max(group, key=lambda m: m.coding.strength)
    first = group[0]
    score = 0.3 + 0.08 * head.coding.strength + lex.weights.get(code, 0.0)
    score += 0.04 if head.root.dep_ == "ROOT" or head.root.head.dep_ == "ROOT" else 0.0
    score += 0.05 if first.sent_index == 0 else -0.01 * min(first.sent_index, 10)
    score += 0.02 * min(len(group) - 1, 3)
    score -= SUBORDINATE_PENALTY if first.root.dep_ in SUBORDINATE_DEPS else 0.0
    if first.status != "reported":
        score *= NON_REPORTED_FACTOR
    return round(min(max(score, 0.01), 0.99), 3)


def build_event(
    group: Sequence[Mention],
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
    fatal, injured = event_tolls(group)
    lex = res.lexicon
    usable = dating_times(head.root, head.status == REPORTED, times, published, lex.status)
    return Event(
        id="",  # numbered once background events are dropped
        code=code,
        status=head.status,  # type: ignore[arg-type]
        trigger=Span.of(text, head.trigger.start_char, head.trigger.end_char),
        actors=event_actors(group, places, res.actors),
        when=event_when(group, text, usable, published),
        where=event_where(group, doc, text, places) if places else None,
        fatalities=fatal,
        injuries=injured,
        weapon=event_weapon(group, doc, text),
        evidence=evidence(group, text),
        confidence=confidence(group, code, res.lexicon),
    )


def promote_embedding(events: list[Event], groups: Sequence[Sequence[Mention]]) -> list[Event]:
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
