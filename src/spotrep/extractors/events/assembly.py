"""One ``Event`` from the mentions of one event: each field from its own module."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from spacy.tokens import Doc

from spotrep.extractors.events.actors import ArticleActors, event_actors
from spotrep.extractors.events.grouping import GENERIC_CODES
from spotrep.extractors.events.mentions import EventMention
from spotrep.extractors.events.ranking import confidence
from spotrep.extractors.events.resources import EventResources
from spotrep.extractors.events.status import DENIED, REPORTED
from spotrep.extractors.events.tolls import event_tolls
from spotrep.extractors.events.weapon import event_weapon
from spotrep.extractors.events.when import ArticleTimes, EventTimes, event_when
from spotrep.extractors.events.where import ArticlePlaces, event_where
from spotrep.records import Actor, Event, Span, Toll


def evidence(group: Sequence[EventMention], text: str) -> tuple[Span, ...]:
    sentences = sorted({(m.sentence.start_char, m.sentence.end_char) for m in group})
    return tuple(Span.of(text, s, e) for s, e in sentences)


MAX_MENTIONS = 30
"""Mentions of one event read to build it at most (text order): news retells an event a few
times (9 at most in the bundled and merge-test articles); a page repeating one sentence
thousands of times made each field's work grow with the square of the text."""


TAKEN_BY_STATE = "GOV_REGAINS_TERIT"

TAKEN_BY_OTHERS = "NON_STATE_ACTOR_OVERTAKES_TER"


STATE_FORCES = "State forces"


def _doer_kinds(actors: Sequence[Actor]) -> set[str]:
    """The ACLED kinds of who did it (``actor1``), those known: what both the territory and the
    captor codes turn on."""
    return {a.kind for a in actors if a.role == "actor1" and a.kind is not None}


def territory_code(code: str, actors: Sequence[Actor]) -> str:
    """Who took the territory decides its code, as ACLED defines the two: state forces regain
    it, anyone else overtakes it ("the army units took control of the village")."""
    if code not in (TAKEN_BY_STATE, TAKEN_BY_OTHERS):
        return code
    kinds = _doer_kinds(actors)
    if kinds == {STATE_FORCES}:
        return TAKEN_BY_STATE
    if kinds and STATE_FORCES not in kinds:
        return TAKEN_BY_OTHERS
    return code


INTERVENTION = "PROTEST_WITH_INTER"

EXCESSIVE_FORCE = "FORCE_AGAINST_PROTEST"


def protest_code(code: str, fatalities: Toll | None) -> str:
    """A protest whose intervention killed is one of excessive force, as ACLED draws the line
    (an intervention disperses or arrests with no lethal or serious injuries reported):
    "police fired tear gas and live rounds at the marchers, killing two"."""
    return EXCESSIVE_FORCE if code == INTERVENTION and _killed(fatalities) else code


ABDUCTION = "ABDUCT_DISSAP"

ATTACK = "ATTACK"


def abduction_code(code: str, fatalities: Toll | None) -> str:
    """An abduction in which people were killed is an attack, as ACLED draws the line (an
    abduction is coded so only without reports of further violence): "gunmen killed nine
    fishermen and abducted four others"."""
    return ATTACK if code == ABDUCTION and _killed(fatalities) else code


ARREST = "ARREST"


def captor_code(code: str, actors: Sequence[Actor], taken: bool) -> str:
    """People taken by anyone but state forces are abducted, not arrested, as ACLED draws the
    line (an arrest is a detention by state forces): "rebels captured the governor"; ``taken``:
    the arrest was read from whom a word of taking took (senses.tsv), not from "arrested"."""
    if code != ARREST or not taken:
        return code
    kinds = _doer_kinds(actors)
    return ABDUCTION if kinds and STATE_FORCES not in kinds else code


def _killed(fatalities: Toll | None) -> bool:
    """Whether the toll tells of anyone killed (a count above zero)."""
    return fatalities is not None and (fatalities.count or 0) > 0


def status_of_group(group: Sequence[EventMention]) -> str:
    """The first mention's status, unless another mention denies the event: a party's denial
    makes it disputed, whoever reported it."""
    return DENIED if any(m.status == DENIED for m in group) else group[0].status


def group_code(group: Sequence[EventMention], classes: Mapping[str, str]) -> str:
    """The code of the group's most specific mention: the strongest of those its own words
    code (not referring back), unless that code says only that there was violence
    (``GENERIC_CODES``) and another mention of the event, even a referring one, gives a code
    of the same class that says more ("the bombing was an attack which killed 13": a
    bombing)."""
    voters = [m for m in group if not m.anaphoric] or list(group)
    best = max(voters, key=lambda m: m.coding.strength).coding
    if best.code not in GENERIC_CODES:
        return best.code
    specific = [m for m in group if m.coding.code not in GENERIC_CODES
                and classes.get(m.coding.code) == classes.get(best.code)]
    return max(specific, key=lambda m: m.coding.strength).coding.code if specific else best.code


def build_event(
    group: Sequence[EventMention],
    doc: Doc,
    text: str,
    times: ArticleTimes,
    places: ArticlePlaces,
    published: date | None,
    res: EventResources,
    actors_read: ArticleActors,
    code: str | None = None,
    told: frozenset[int] = frozenset(),
) -> Event:
    """The event told by ``group``; its code, unless given, is its most specific mention's
    (``actors_read``: its mentions' actors, read once for the article)."""
    group = group[:MAX_MENTIONS]
    if code is None:
        code = group_code(group, res.lexicon.classes)
    head = group[0]
    fatal, injured = event_tolls(group, res.casualties)
    usable = EventTimes(times, head.root, head.status == REPORTED, published)
    actors = event_actors(group, actors_read, res.actors)
    taken = any(m.coding.by_sense and m.coding.code == ARREST for m in group)
    code = captor_code(territory_code(code, actors), actors, taken)
    code = abduction_code(protest_code(code, fatal), fatal)
    return Event(
        id="",  # numbered once background events are dropped
        code=code,
        status=status_of_group(group),  # type: ignore[arg-type]
        trigger=Span.of(text, head.trigger.start_char, head.trigger.end_char),
        actors=actors,
        when=event_when(group, text, usable, published, res.placement.speech, told),
        where=event_where(group, text, places) if places.places else None,
        fatalities=fatal,
        injuries=injured,
        weapon=event_weapon(group, doc, text),
        evidence=evidence(group, text),
        confidence=confidence(group, code, res.lexicon),
    )
