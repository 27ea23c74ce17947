"""Folding an article's events into earlier ones (``fold_events``): an event told again or
following from an earlier one (a fire the attackers set, a claim of the attack, a protest's
violence, the launch of what was shot down) joins it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from spotrep.extractors.events.grouping import ATTACK_CLASSES, ATTRIBUTION_CODES, GENERIC_CODES
from spotrep.extractors.events.mentions import EventMention
from spotrep.extractors.events.status import REPORTED
from spotrep.extractors.events.triggers import subject_heads
from spotrep.records import Event

CONSEQUENCE_CODES = frozenset({"PROPERTY_DISTRUCT", "MAN_MADE_DISASTER"})
"""Codes a fire, blaze or damage is read as: after an attack, its consequence, not an event."""



def same_day(a: Event, b: Event) -> bool:
    """Whether ``b`` may have happened when ``a`` did: the same start, or ``b`` undated in its
    own words (its date is only the publication's, or one lent by its paragraph)."""
    return not own_dated(b) or a.when.start == b.when.start


def own_placed(event: Event) -> bool:
    """Whether the event's place is named in a sentence telling it."""
    span = event.where.span if event.where else None
    return span is not None and any(s.start <= span.start < s.end for s in event.evidence)


def own_dated(event: Event) -> bool:
    """Whether the event's date is stated in a sentence telling it."""
    span = event.when.span
    return span is not None and any(s.start <= span.start < s.end for s in event.evidence)


def same_place(a: Event, b: Event) -> bool:
    """Whether ``b`` may have happened where ``a`` did: the same place, or ``b`` placed by no
    words of its own sentences (its place is lent by its paragraph or the dateline)."""
    if a.where is None or b.where is None or not own_placed(b):
        return True
    if a.where.geonameid is not None and a.where.geonameid == b.where.geonameid:
        return True
    return a.where.name == b.where.name


def weapon_word(event: Event) -> str | None:
    """The event's weapon as compared across mentions ("Rockets" and "a rocket" alike)."""
    return None if event.weapon is None else event.weapon.text.lower().rstrip("s")


def same_weapon(a: Event, b: Event) -> bool:
    x, y = weapon_word(a), weapon_word(b)
    if x is None or y is None:
        return True
    return x in y or y in x


def _words(event: Event, role: str) -> set[str]:
    return {w.lower() for a in event.actors if a.role == role for w in (a.name or "").split()}


def same_side(a: Event, b: Event, role: str) -> bool:
    """Whether ``b`` names no one in ``role`` or shares a word with ``a``'s ("the depot" after
    "a fuel storage depot") or with the sentence first telling ``a``; an earlier event naming no
    one there takes any."""
    x, y = _words(a, role), _words(b, role)
    if not x or not y or x & y:
        return True
    told = a.evidence[0].text.lower().split() if a.evidence else []
    return all(w in told for w in y)  # "the depot" named, if not as the target, by ``a``

QUOTES = ('"', "\u201c", "\u201d")


def quoted(m: EventMention, text: str) -> bool:
    """Whether the trigger stands inside a quotation opened earlier in its paragraph (a quote
    often holds several sentences: '"We were peaceful. They attacked us first," said ...');
    ``text`` is the article's (``Doc.text`` is rebuilt on every access)."""
    start = text.rfind("\n", 0, m.trigger.start_char) + 1
    before = text[start : m.trigger.start_char]
    return sum(before.count(q) for q in QUOTES) % 2 == 1

PROTEST_RANK = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR")
"""Protest codes from least to most specific: mentions of one protest (same place and day)
are one event, coded by its most specific mention (tear gas makes a peaceful march one with
intervention; protesters' violence a violent demonstration)."""


LAUNCH_FAMILIES = frozenset({"launch"})
"""Trigger families that tell a weapon sent off, not that it struck ("launched a drone")."""


def only_launched(group: Sequence[EventMention]) -> bool:
    """Whether every mention of an event tells only that a weapon was launched."""
    return all(m.family in LAUNCH_FAMILIES for m in group)


INTERCEPTION_CODES = frozenset({"DISR_WEAP"})
"""Codes of a weapon stopped before it struck (ACLED's disrupted weapons use)."""


def intercepted(strike: Event, interception: Event) -> bool:
    """Whether ``strike`` is the launch of the weapon ``interception`` stopped, told before or
    after it ("air defences shot down a drone ... The drone had been launched by the rebels"):
    one incident, coded as what happened to the weapon."""
    if interception.code not in INTERCEPTION_CODES or strike.code in INTERCEPTION_CODES:
        return False
    weapon = weapon_word(strike)  # what was stopped, however the interception tells it
    return weapon is not None and any(weapon in told.text.lower() for told in interception.evidence)


def merged_code(a: str, b: str) -> str:
    """The code of event ``a`` once ``b`` is folded into it: its own, unless both are protest
    codes and ``b``'s is the more specific, ``a`` is generic violence folded into the
    protest ``b`` (the protest's violence), or ``b`` stopped the weapon ``a`` launched."""
    if a in PROTEST_RANK and b in PROTEST_RANK and PROTEST_RANK.index(b) > PROTEST_RANK.index(a):
        return b
    if a in GENERIC_CODES and b in PROTEST_RANK:
        return b
    if b in INTERCEPTION_CODES:
        return b  # the strike launched what was shot down
    return a


def names(claim: Event, event: Event) -> bool:
    """Whether ``claim`` is told in a sentence that names ``event`` (a mention of it joined
    it there): "An al Qaeda affiliate claimed responsibility for the attack"."""
    return bool(claim.evidence) and claim.evidence[0] in event.evidence


def told_together(a: Event, b: Event) -> bool:
    """Whether two events are first told in one sentence ("fourteen were injured when police
    broke up a protest"): only then is violence told before a protest that protest's."""
    return bool(a.evidence and b.evidence) and a.evidence[0] == b.evidence[0]


def protest_violence(protest: Event, violence: Event, in_quote: bool) -> bool:
    """Whether generic violence ("fourteen people were injured", a marcher's "they attacked
    us") of a protest's place is that protest's: it names no perpetrator of its own, or is told
    in a quote."""
    if protest.code not in PROTEST_RANK or violence.code not in GENERIC_CODES:
        return False
    if not same_place(protest, violence):
        return False
    return in_quote or not _words(violence, "actor1")


def folds_into(
    a: Event, b: Event, classes: Mapping[str, str], in_quote: bool = False,
    told_agent: bool = False, launched: tuple[bool, bool] = (False, False),
) -> bool:
    """Whether the later event ``b`` is told again or follows from the earlier ``a`` (both
    reported): a consequence of an attack (a fire, damage) on its day; a protest of the same
    place and day, and its generic violence (protest_violence, told before or after it);
    a mention of the same code, of the same class, day, place, weapon and
    target; generic violence of that class with no perpetrator of its own ("nine people were
    wounded") or in a quote (``in_quote``: "the enemy deliberately targeted fuel
    infrastructure"). A consequence whose perpetrator is only referred back to (``told_agent``:
    "they", "the attackers": "The attackers also burned granaries") is the attack's; so is an
    attribution of an attack told ("Authorities blamed the ADF"), and the launch of a weapon
    an interception stopped (``launched``: whether ``a``, ``b`` tell only that a weapon was
    launched, not that it struck; ``intercepted``)."""
    if a.status != "reported" or b.status != "reported":
        return False
    if classes.get(a.code) in ATTACK_CLASSES and b.code in ATTRIBUTION_CODES and names(b, a):
        return True  # a claim told a day later ("claimed responsibility for the attack")
    if not same_day(a, b):
        return False
    if (launched[0] and intercepted(a, b)) or (launched[1] and intercepted(b, a)):
        return True
    if protest_violence(a, b, in_quote) or (told_together(a, b) and protest_violence(b, a, False)):
        return True
    if classes.get(a.code) in ATTACK_CLASSES and b.code in CONSEQUENCE_CODES:
        return told_agent or not any(x.role == "actor1" for x in b.actors)
    if classes.get(a.code) in ATTACK_CLASSES and b.code in ATTRIBUTION_CODES:
        return True
    if classes.get(a.code) != classes.get(b.code) or not same_place(a, b):
        return False
    if a.code in PROTEST_RANK and b.code in PROTEST_RANK:
        return True  # one protest of a place and day, however its policing is told
    if b.code in GENERIC_CODES and (in_quote or not _words(b, "actor1")):
        return True
    return a.code == b.code and same_weapon(a, b) and same_side(a, b, "actor2")


REFERRING_PRONOUNS = frozenset({"they", "he", "she", "them"})


def refers_back(root: Token) -> bool:
    """Whether who acts is only referred back to: a personal pronoun or a definite noun
    phrase with no name ("they", "the attackers", "the gunmen")."""
    subjects = subject_heads(root)
    if not subjects:
        return False
    for head in subjects:
        if head.lower_ in REFERRING_PRONOUNS:
            continue
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        named = any(t.pos_ == "PROPN" for t in head.subtree)
        if not definite or named or head.pos_ != "NOUN":
            return False
    return True


@dataclass(slots=True)
class FoldHosts:
    """The events an event may fold into (``folds_into`` takes only reported ones of its own
    day, or of any day when its own words date it to none), by day, so that an event of a long
    chronology is judged against the events of its day only, not against every earlier one
    (local to one ``fold_events`` call; folding changes a host's code, never its status or
    day)."""

    reported: list[int] = field(default_factory=list)
    """Indices of the reported events, ascending."""
    by_day: dict[str | None, list[int]] = field(default_factory=dict)
    """The same, by ``when.start``."""

    def add(self, index: int, event: Event) -> None:
        if event.status == REPORTED:
            self.reported.append(index)
            self.by_day.setdefault(event.when.start, []).append(index)

    def latest_first(self, event: Event) -> Iterator[int]:
        """The indices of the events ``event`` may fold into, latest first. An attribution is
        judged against every reported event (a claim may name an attack of another day: few
        sentences claim or blame, so this costs little)."""
        if event.status != REPORTED:
            return iter(())
        if own_dated(event) and event.code not in ATTRIBUTION_CODES:
            return reversed(self.by_day.get(event.when.start, []))
        return reversed(self.reported)


def fold_events(
    pairs: Sequence[tuple[Event, Sequence[EventMention]]],
    rebuild: Callable[[Sequence[EventMention], str], Event],
    classes: Mapping[str, str],
    text: str,
) -> list[tuple[Event, Sequence[EventMention]]]:
    """Events told again or following from an earlier one (``folds_into``, judged
    against the earlier event as first built) joined into it, which keeps its code (a protest
    takes its most specific mention's, ``merged_code``); one marked as a further event
    ("another blast") stays. Each joined event is rebuilt once, at the end."""
    out: list[tuple[Event, list[EventMention]]] = []
    joined: set[int] = set()
    codes: dict[int, str] = {}
    hosts = FoldHosts()
    for event, group in pairs:
        host = None
        if not group[0].distinct:
            told = quoted(group[0], text)
            agent = refers_back(group[0].root)
            mine = only_launched(group)
            host = next(
                (i for i in hosts.latest_first(event)
                 if folds_into(out[i][0], event, classes, told, agent,
                               (only_launched(out[i][1]), mine))),
                None,
            )
        if host is None:
            hosts.add(len(out), event)
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
