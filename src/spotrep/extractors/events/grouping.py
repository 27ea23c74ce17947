"""Grouping the mentions of one event within an article (``cluster_mentions``; the events
then formed fold into earlier ones in ``folding``).

Three ways a mention refers to an event already read: it hangs off that event's trigger in the
same sentence ("pounded the village, killing six"); it is a definite or possessive noun ("the
attack", "Tuesday's strikes") naming an earlier event of the same code, or of the same class
when it says nothing more specific; or it repeats the code of the event just reported within a
couple of sentences. Only reported mentions merge: a planned or denied event stays its own,
except the aim of an event told in its own sentence ("tried to plant a bomb to target the
police": the targeting is the planting's aim, not a second event).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from spotrep.extractors._syntax import TIME_ENTS
from spotrep.extractors.events.mentions import EventMention
from spotrep.extractors.events.status import DENIED, PLANNED, REPORTED, purpose
from spotrep.extractors.events.triggers import Coding
from spotrep.extractors.events.when import in_temporal_adjunct

DESCRIBING_DEPS = frozenset({"relcl", "acl", "appos"})

REPEAT_WINDOW = 2
"""Sentences within which a repeated code is read as the same event told again."""

VAGUE_WINDOW = 4
"""Sentences within which such a word still reads as a consequence of the event just told."""

VAGUE_STRENGTH = 0.0
"""Trigger words this unspecific ("killed", "wounded") add to an event more than they make one."""

ATTACK_CLASSES = frozenset({"conflict"})

ATTRIBUTION_CODES = frozenset({"ATTRIB"})
"""Codes of a claim or blame: told after an attack of its day, it says who did that attack."""

GENERIC_CODES = frozenset({"ATTACK", "ARMED_CLASH"})
"""Codes a mention gets when its words tell no more than that there was violence: a later one
("the enemy deliberately targeted ...") retells an earlier, more specific event of its day."""


@dataclass(frozen=True, slots=True)
class Sides:
    """The identified actors a mention names (known groups, a country's forces): who acts, and
    everyone it names on either side."""

    doers: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()

    def __or__(self, other: Sides) -> Sides:
        return Sides(self.doers | other.doers, self.named | other.named)


NO_SIDES = Sides()

SIDES_MENTIONS = 10
"""The mentions of an event whose actors say who took part in it (a long chronology's event
may have hundreds; its first ones name its sides)."""


def other_incident(a: Sides, b: Sides) -> bool:
    """Whether two mentions name doers who take no part in each other's deed: two incidents
    ("Russian jets struck the village. ... US and French warplanes bombed the town"), where sides
    that swap tell one fight ("the army attacked the rebels ... the rebels hit back")."""
    return bool(a.doers and b.doers) and not a.doers & b.named and not b.doers & a.named


@dataclass(slots=True)
class Cluster:
    """The mentions of one event, built up while reading the article (local to one call)."""

    mentions: list[EventMention] = field(default_factory=list)
    index: int = 0
    """Its place among the article's clusters (the order they were opened in)."""
    _voter: EventMention | None = None
    _any: EventMention | None = None

    def __post_init__(self) -> None:
        mentions, self.mentions = self.mentions, []
        for m in mentions:
            self.add(m)

    def add(self, m: EventMention) -> None:
        """Add a mention, keeping the strongest voters as they come (``code`` stays O(1): a
        cluster of thousands of mentions was asked its code once per mention)."""
        self.mentions.append(m)
        if not m.anaphoric and (self._voter is None
                                or m.coding.strength > self._voter.coding.strength):
            self._voter = m
        if self._any is None or m.coding.strength > self._any.coding.strength:
            self._any = m

    @property
    def head(self) -> EventMention:
        return self.mentions[0]

    @property
    def last_sentence(self) -> int:
        return self.mentions[-1].sent_index

    @property
    def code(self) -> str:
        """The code of the strongest mention that is not anaphoric (of any, if all are)."""
        best = self._voter or self._any
        assert best is not None
        return best.coding.code


def hangs_below(
    head: Token, token: Token, barriers: frozenset[str], own_dep: bool = True
) -> bool:
    """Whether ``token`` depends on ``head`` (is below it, not it) through no dependency in
    ``barriers``; ``own_dep=False`` leaves ``token``'s own dependency unchecked."""
    node = token
    while node.i != head.i:
        if node.head.i == node.i or ((own_dep or node.i != token.i) and node.dep_ in barriers):
            return False
        node = node.head
    return head.i != token.i


def tells_same_event(head: Token, token: Token) -> bool:
    """Whether ``token`` depends on ``head`` as part of telling the same event ("pounded the
    village, killing six"), not through a relative clause or apposition that describes one of
    its participants ("a group whose members are engaged in kidnapping"), or in the complement
    of a copula whose subject it is, which says what that event was ("the second explosion was
    a suicide bomber who detonated his belt")."""
    return hangs_below(head, token, DESCRIBING_DEPS) or told_as_its_identity(head, token)


def told_as_its_identity(subject: Token, token: Token) -> bool:
    """Whether ``token`` is within the complement of the copula ``subject`` is the subject of:
    "X was Y" equates the two, so a deed told in Y (even in a relative clause) is X."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and (c == token or c.is_ancestor(token)) for c in verb.children)


def compatible(a: Coding, b: Coding, classes: Mapping[str, str]) -> bool:
    if classes.get(a.code) != classes.get(b.code):
        return False
    return a.code == b.code or not a.refined or not b.refined


def _linked(
    m: EventMention, sentence: Sequence[tuple[EventMention, Cluster]], classes: Mapping[str, str],
    phases: frozenset[str] = frozenset(),
) -> Cluster | None:
    """The latest-opened cluster with a reported mention of ``m``'s sentence that tells the same
    event (``sentence``: the sentence's mentions so far, each with its cluster): ``m`` below it,
    of a compatible code, or saying no more than its toll; the toll told first ("two people
    were killed when a gas cylinder exploded"); ``m`` the setting of an attack ("a bomber
    killed 11 people at a rally"); ``m`` told in a clause of the event's course ("the assault
    began when fighters opened fire"; ``phases``: such verbs)."""
    def same_event(other: EventMention) -> bool:
        if tells_same_event(other.root, m.root):
            return (compatible(other.coding, m.coding, classes)
                    or (other.vague and not in_temporal_adjunct(m.root))
                    or (m.vague and (classes.get(other.coding.code) == classes.get(m.coding.code)
                                     or classes.get(other.coding.code) in ATTACK_CLASSES))
                    or setting_of(other, m, classes) or fought_for(other, m, classes))
        return (m.vague and tells_its_toll(other.root, m.root)) or in_course_of(
            other.root, m.root, phases)

    return _latest_reported(sentence, same_event)


PROTEST_CLASS = "protest"


def setting_of(attack: EventMention, m: EventMention, classes: Mapping[str, str]) -> bool:
    """Whether the protest ``m`` is where or when the attack took place ("killed 11 people at a
    rally", "during a march"): told as a prepositional object below it."""
    return (classes.get(attack.coding.code) in ATTACK_CLASSES
            and classes.get(m.coding.code) == PROTEST_CLASS and m.root.dep_ == "pobj")


TERRITORY_CLASS = "territory"


def fought_for(taking: EventMention, m: EventMention, classes: Mapping[str, str]) -> bool:
    """Whether the fight ``m`` is how the territory ``taking`` tells changed hands ("seized
    the town after heavy fighting with the army"): violence that says no more than that there
    was fighting, told as a prepositional object below it."""
    return (classes.get(taking.coding.code) == TERRITORY_CLASS
            and m.coding.code in GENERIC_CODES and m.root.dep_ == "pobj")


def in_course_of(event: Token, token: Token, phases: frozenset[str]) -> bool:
    """Whether ``token`` is told below a verb of ``event``'s course whose subject it is ("the
    assault began shortly after midnight when fighters opened fire")."""
    verb = event.head
    if event.dep_ != "nsubj" or verb.lemma_.lower() not in phases:
        return False
    node = token
    while node.i != verb.i:  # a clause on a time ("after midnight, when ...") tells the course
        if node.head.i == node.i or (node.dep_ in DESCRIBING_DEPS
                                     and node.head.ent_type_ not in TIME_ENTS):
            return False
        node = node.head
    return True


def tells_its_toll(event: Token, verb: Token) -> bool:
    """Whether ``verb``, a word saying no more than that people were hurt, has the event
    noun ``event`` as its subject: "a drone strike by the army killed 20 people"."""
    return event.dep_ in ("nsubj", "nsubjpass") and event.head.i == verb.i


def _latest_reported(
    sentence: Sequence[tuple[EventMention, Cluster]], accepts: Callable[[EventMention], bool]
) -> Cluster | None:
    """The latest-opened cluster of a reported mention of ``sentence`` that ``accepts``."""
    return max(
        (cluster for other, cluster in sentence
         if other.status == REPORTED and accepts(other)),
        key=lambda c: c.index, default=None,
    )


AIM_BARRIERS = frozenset({"relcl", "appos", "nsubj", "nsubjpass"})
"""Dependencies through which a to-infinitive describes a participant, not the deed's aim."""


def aims_at(head: Token, token: Token) -> bool:
    """Whether the to-infinitive ``token`` states the aim of ``head``'s deed: it hangs below
    ``head``, directly or through a noun of its object or adjunct (the parser often hangs a
    purpose clause on the nearest noun: "planted a bomb on the road to target the police"), but
    not through a relative clause or a subject ("the group that wants to attack")."""
    return hangs_below(head, token, AIM_BARRIERS, own_dep=False)


def _aimed(
    m: EventMention, sentence: Sequence[tuple[EventMention, Cluster]], classes: Mapping[str, str]
) -> Cluster | None:
    """The event of ``m``'s sentence whose aim the planned mention ``m`` states, if of its
    class ("tried to plant a bomb to target the police")."""
    return _latest_reported(sentence, lambda other: (
        aims_at(other.root, m.root)
        and classes.get(other.coding.code) == classes.get(m.coding.code)
    ))


def _antecedent(
    m: EventMention, clusters: Sequence[Cluster], classes: Mapping[str, str]
) -> Cluster | None:
    """The event an anaphoric mention names: the latest reported one of its code, else of its
    trigger word's family, else (its words saying nothing more specific, or it only names an
    event told: "condemned what it called a cowardly terrorist attack") the latest of its
    class."""
    reported = [c for c in clusters if c.head.status == "reported"]
    if m.naming:
        told = [c for c in reported if classes.get(c.code) == classes.get(m.coding.code)]
        return told[-1] if told else None
    same = [c for c in reported if c.code == m.coding.code]
    if same:
        return same[-1]
    # "An explosion at a fireworks factory killed eight. ... the blast was caused by friction":
    # the event a word of its family named, whatever its context made of it
    kin = [c for c in reported if m.family and c.head.family == m.family]
    if kin:
        return kin[-1]
    if m.coding.refined:
        return None
    similar = [c for c in reported if classes.get(c.code) == classes.get(m.coding.code)]
    return similar[-1] if similar else None


YIELDING_CODES = frozenset({"NON_VIOL_TERRIT_TRANSFER"})
"""A withdrawal told just after a change of hands is that change seen from the side that left
("Rebels took control of the town ... The army said its soldiers had made a tactical
withdrawal"), not a handover of its own."""


def _repeated(
    m: EventMention, clusters: Sequence[Cluster], classes: Mapping[str, str]
) -> Cluster | None:
    """The event just reported, if ``m`` repeats its code, is a bare consequence of it ("three
    soldiers were killed" after a bombing) or the withdrawal that let territory change hands."""
    # a claim or blame between two mentions speaks of the event told, it does not end it
    # ("Gunmen stormed a hotel ... X claimed the attack, saying its fighters had targeted ...")
    last = next((c for c in reversed(clusters) if c.code not in ATTRIBUTION_CODES), None)
    if last is None:
        return None
    gap = m.sent_index - last.last_sentence
    if last.head.status != "reported":
        return None
    if last.code == m.coding.code and gap <= REPEAT_WINDOW:
        return last
    same_class = classes.get(last.code) == classes.get(m.coding.code)
    if m.coding.code in YIELDING_CODES and same_class and gap <= REPEAT_WINDOW:
        return last
    vague = not m.coding.refined and m.coding.strength <= VAGUE_STRENGTH
    return last if vague and same_class and gap <= VAGUE_WINDOW else None


def _recent_of_class(
    m: EventMention, clusters: Sequence[Cluster], classes: Mapping[str, str]
) -> Cluster | None:
    """The latest reported event of ``m``'s class, if told at most ``REPEAT_WINDOW`` sentences
    before: the one a mention retells by naming its doers ("Gunmen stormed a camp ... The
    attackers opened fire on residents as they slept") or disputes ("residents said an aircraft
    had bombed a gathering ... The air force denied carrying out any strike that day")."""
    kind = classes.get(m.coding.code)
    latest = next((c for c in reversed(clusters)
                   if c.head.status == REPORTED and classes.get(c.code) == kind), None)
    if latest is None or m.sent_index - latest.last_sentence > REPEAT_WINDOW:
        return None
    return latest


def cluster_mentions(
    mentions: Sequence[EventMention],
    classes: Mapping[str, str],
    days: Mapping[int, str | None] | None = None,
    phases: frozenset[str] = frozenset(),
    sides: Callable[[EventMention], Sides] | None = None,
) -> list[list[EventMention]]:
    """Mentions grouped into events, in order of each event's first mention. ``days`` holds
    the day each mention's own words date it to (``when.own_day``, by trigger root index): a
    mention told again or named ("the attack") joins no event its own day contradicts, so two
    incidents told one after the other ("... today. On Monday, a bomb ...") stay apart.
    ``sides`` gives the actors a mention names: it joins no event whose doers take no part in
    its own deed, nor one taking no part in its doers' (``other_incident``)."""
    own = days or {}
    named = sides or (lambda m: NO_SIDES)

    def fits(m: EventMention, c: Cluster | None) -> Cluster | None:
        if c is None:
            return None
        mine, theirs = own.get(m.root.i), own.get(c.head.root.i)
        if mine is not None and theirs is not None and mine != theirs:
            return None
        acting = named(m)
        if not acting.doers:
            return c  # names no one identified: who its event's doers are decides nothing
        told = NO_SIDES
        for other in c.mentions[:SIDES_MENTIONS]:
            told |= named(other)
        return None if other_incident(acting, told) else c

    clusters: list[Cluster] = []
    sentence: list[tuple[EventMention, Cluster]] = []  # the current sentence's mentions so far
    for m in mentions:
        if sentence and sentence[-1][0].sent_index != m.sent_index:
            sentence = []
        target = None
        if m.status == "reported":
            target = _linked(m, sentence, classes, phases)
            if target is None and m.anaphoric and not m.distinct:
                target = fits(m, _antecedent(m, clusters, classes))
            if target is None and not m.distinct:
                target = fits(m, _repeated(m, clusters, classes))
            if target is None and m.by_doers and not m.distinct:
                target = fits(m, _recent_of_class(m, clusters, classes))
        elif m.status == PLANNED and purpose(m.root):
            target = _aimed(m, sentence, classes)
        elif m.status == DENIED and not m.distinct:
            target = fits(m, _recent_of_class(m, clusters, classes))
        if target is None:
            target = Cluster([replace(m, coding=m.alone, anaphoric=False)], len(clusters))
            clusters.append(target)
            sentence.append((target.mentions[0], target))
        else:
            target.add(m)
            sentence.append((m, target))
    return [c.mentions for c in clusters]
