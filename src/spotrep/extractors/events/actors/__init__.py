"""Event actors: the roles of an event, taken from its first mention and filled from later
ones (``event_actors``); per mention, ``roles.find_actors``; names and kinds, ``names``."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from spacy.tokens import Doc

from spotrep.extractors._syntax import NOUN_POS, TIME_ENTS
from spotrep.extractors.events.actors.names import ActorResources, is_facility, names_who
from spotrep.extractors.events.actors.roles import find_actors
from spotrep.extractors.events.grouping import ATTRIBUTION_CODES, Sides
from spotrep.extractors.events.mentions import EventMention
from spotrep.records import Actor, Event, Place, Role

MAIN_ROLES: tuple[Role, Role] = ("actor1", "actor2")

ROLE_ORDER: tuple[Role, ...] = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")

_ASSOCIATE_OF: dict[str, Role] = {"assoc_actor_1": "actor1", "assoc_actor_2": "actor2"}


@dataclass(frozen=True, slots=True)
class PlaceSpans:
    """Where an article's toponyms are, to ask whether a stretch of text overlaps one in
    O(log n) (scanning every place for every actor of every event was quadratic)."""

    starts: tuple[int, ...]
    """The toponyms' starts, ascending."""
    reach: tuple[int, ...]
    """``reach[k]``: the furthest end of the toponyms ``starts[:k + 1]`` begin."""

    @classmethod
    def of(cls, places: Iterable[Place]) -> PlaceSpans:
        spans = sorted((p.span.start, p.span.end) for p in places if p.span)
        return cls(tuple(s for s, _ in spans), tuple(accumulate((e for _, e in spans), max)))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a toponym overlaps ``start:end`` (starts before its end, ends after its
        start)."""
        before = bisect_left(self.starts, end)  # the toponyms starting before ``end``
        return before > 0 and self.reach[before - 1] > start


@dataclass(frozen=True, slots=True)
class ArticleActors:
    """What reading the actors of any event asks of the whole article, read once: each
    mention's actors (``roles.find_actors``, by trigger root index: a mention is read for every
    event built or rebuilt from it) and where the article's toponyms are."""

    by_root: Mapping[int, tuple[Actor, ...]]
    places: PlaceSpans

    @classmethod
    def of(
        cls, mentions: Iterable[EventMention], places: Iterable[Place], res: ActorResources,
        read: Mapping[int, tuple[Actor, ...]] | None = None,
    ) -> ArticleActors:
        """``read``: mentions' actors already read (by trigger root index)."""
        known = read or {}
        found = {
            m.root.i: known[m.root.i] if m.root.i in known else find_actors(m.root, res)
            for m in mentions
        }
        return cls(found, PlaceSpans.of(places))

    def of_mention(self, m: EventMention, res: ActorResources) -> tuple[Actor, ...]:
        """The mention's actors: read once for the article, or now if it was not read."""
        found = self.by_root.get(m.root.i)
        return find_actors(m.root, res) if found is None else found

    def is_place(self, actor: Actor) -> bool:
        """An actor of no known kind named by a toponym ("Dakar's Place de l'Obelisque")."""
        span = actor.span
        if span is None or actor.kind is not None:
            return False
        return self.places.overlaps(span.start, span.end)


def identified(actor: Actor, res: ActorResources) -> bool:
    """Whether the text names who the actor is (``names.names_who``)."""
    return names_who(actor.name, actor.kind, actor.country, res)


def mention_sides(found: Iterable[Actor], res: ActorResources) -> Sides:
    """The identified actors of one mention (``found``: its ``find_actors``), by name."""
    known = [a for a in found if identified(a, res)]
    return Sides(
        frozenset(a.name for a in known if a.role in _DOERS and a.name),
        frozenset(a.name for a in known if a.name),
    )


def event_actors(
    group: Sequence[EventMention], article: ArticleActors, res: ActorResources
) -> tuple[Actor, ...]:
    """The actors of the first mention; a role it leaves empty is taken, with its associates,
    from a later mention that names it ("Gunmen attacked the village. ... The attack on the
    police post ..." gives the attack its target; "X claimed responsibility for the attack" its
    perpetrator): first from the first mention's own sentence, then from a mention naming every
    missing side, then in text order. A later mention's toponym ("a rally at Dakar's
    Independence Square") tells where, not who."""
    found = named_by_claim(list(article.of_mention(group[0], res)), group, article, res)
    found += facility_targets(group, found, article, res)
    missing = [r for r in MAIN_ROLES if not any(a.role == r for a in found)]
    if not missing:
        return _in_role_order(found)
    attack = group[0].coding.code not in ATTRIBUTION_CODES
    later = [
        (m.sent_index, [a for a in _told_roles(m, attack, article, res)
                         if not article.is_place(a)])
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
    return _in_role_order(found)


def named_by_claim(
    found: list[Actor], group: Sequence[EventMention], article: ArticleActors,
    res: ActorResources,
) -> list[Actor]:
    """The first mention's actors, its unidentified non-state doer named by a group that
    claimed the deed ("Gunmen stormed a hotel ... Al-Shabaab claimed responsibility for the
    attack": the gunmen's text and span, Al-Shabaab's name, kind and country), as ACLED codes a
    claim; a blame or accusation is an allegation and names no one."""
    doers = [a for a in found if a.role == "actor1"]
    if not doers or any(identified(a, res) or a.kind == "State forces" for a in doers):
        return found
    claimant = next(
        (a for m in group[1:] if is_claim(m, res) for a in article.of_mention(m, res)
         if a.role == "actor1" and identified(a, res)),
        None,
    )
    if claimant is None:
        return found
    first = doers[0]
    named = replace(first, name=claimant.name, kind=claimant.kind, country=claimant.country)
    return [named if a is first else a for a in found]


def is_claim(m: EventMention, res: ActorResources) -> bool:
    """A claim of responsibility or credit ("claimed responsibility for", "took credit for"),
    not a blame or accusation."""
    if m.coding.code not in ATTRIBUTION_CODES or m.root.lemma_.lower() in res.words.blame_verbs:
        return False
    return any(t.lemma_.lower() in res.words.responsibility_nouns for t in m.trigger)


def _told_roles(
    m: EventMention, attack: bool, article: ArticleActors, res: ActorResources
) -> list[Actor]:
    """A later mention's actors; none from an attribution folded into an attack ("Police
    blamed X"): who blames did not attack, and whom it blames is an allegation (the attack's
    own noun, "blamed X for the ambush", reads it there)."""
    if attack and m.coding.code in ATTRIBUTION_CODES:
        return []
    return list(article.of_mention(m, res))


def _in_role_order(found: Sequence[Actor]) -> tuple[Actor, ...]:
    return tuple(sorted(found, key=lambda a: ROLE_ORDER.index(a.role)))


def facility_targets(
    group: Sequence[EventMention],
    found: Sequence[Actor],
    article: ArticleActors,
    res: ActorResources,
) -> list[Actor]:
    """Facilities a later mention names as what was hit ("The blast injured five.
    ... The explosion targeted a bakery"): the target is kept beside the victims, not dropped."""
    seen = {a.span for a in found if a.role == "actor2"}
    out: list[Actor] = []
    for m in group[1:]:
        for a in article.of_mention(m, res):
            if a.role != "actor2" or a.span in seen or article.is_place(a):
                continue
            if is_facility(a, m.root.doc, res):
                seen.add(a.span)
                out.append(a)
    return out


def with_told_targets(
    event: Event, group: Sequence[EventMention], article: ArticleActors, res: ActorResources
) -> Event:
    """``event`` (built and folded from ``group``) with the targets its later mentions name
    beside the first mention's (``told_targets``). Read after folding: which events fold
    depends on who they name, and the first mention's sides decide that."""
    if event.event_type == "Battles":
        return event  # a battle's actor2 is the other side: who else died there is its toll
    more = told_targets(group, event.actors, article, res)
    return replace(event, actors=_in_role_order([*event.actors, *more])) if more else event


def told_targets(
    group: Sequence[EventMention],
    found: Sequence[Actor],
    article: ArticleActors,
    res: ActorResources,
) -> list[Actor]:
    """Whom later mentions of one incident say it hit, beside whom the first says ("Gunmen
    stormed a hotel. ... The attack killed four guests": the hotel and the guests): only from
    a mention naming no doer of its own (one that names a doer may tell of another deed:
    "soldiers killed two of the gunmen during the attack"), none who died in a fight (its toll),
    never a doer of the event itself ("the rebels' own commander"), a bare pronoun or a
    toponym (where, not whom)."""
    doers = _words(found, "actor1")
    seen = {a.span for a in found}
    attack = group[0].coding.code not in ATTRIBUTION_CODES
    out: list[Actor] = []
    for m in group[1:]:
        told = _told_roles(m, attack, article, res)
        if any(a.role in _DOERS for a in told) or _killed_in_fight(m, res):
            continue
        for a in told:
            if a.role != "actor2" or a.span in seen or article.is_place(a):
                continue
            if _words([a], "actor2") & doers or not _names_someone(a, m.root.doc):
                continue
            seen.add(a.span)
            out.append(a)
    return out


def _words(actors: Iterable[Actor], role: Role) -> set[str]:
    """The words naming ``role``'s actors (their names and texts), function words left out."""
    return {
        w
        for a in actors
        if a.role == role
        for n in (a.name, a.text)
        if n
        for w in (_bare(word) for word in n.lower().split())
        if w not in _FUNCTION_WORDS
    }


def _bare(word: str) -> str:
    """A word without its possessive ending: "rebels'" and "group's" name the rebels, the
    group."""
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


_DOERS = frozenset({"actor1", "assoc_actor_1"})

_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "its", "their", "of", "and", "in"}
)


def _names_someone(actor: Actor, doc: Doc) -> bool:
    """Whether the actor's phrase is headed by a noun: a bare count ("four", "23": the toll
    told again), a pronoun left unresolved ("those") or a time ("about 9 am") names no one."""
    span = None if actor.span is None else doc.char_span(
        actor.span.start, actor.span.end, alignment_mode="expand"
    )
    if span is None:
        return False
    root = span.root
    timed = any(t.ent_type_ in TIME_ENTS for t in span)
    return root.pos_ in NOUN_POS and not root.like_num and not timed


def _killed_in_fight(m: EventMention, res: ActorResources) -> bool:
    """ "a shopkeeper was killed in a fight between soldiers and rebels", "killed in the
    clashes": who dies in a fight is its toll, not one of its sides."""
    words = res.words
    root = m.root
    if root.lemma_.lower() in words.reciprocal_verbs and root.dep_ == "pobj":
        prep = root.head
        return prep.lower_ in words.victim_preps and prep.head.lemma_.lower() in words.victim_verbs
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in words.victim_preps:
            continue
        if any(o.lemma_.lower() in words.reciprocal_verbs for o in prep.children):
            return True
    return False
