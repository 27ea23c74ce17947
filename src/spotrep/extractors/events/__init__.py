"""Events: triggers coded to the taxonomy, one mention per trigger, mentions grouped into the
article's events, then each field decided in its own module.

``lexicon`` (the trigger and cue data) -> ``triggers`` (matching and coding) -> ``status`` ->
``mentions`` (an ``EventMention`` per trigger told as an event) -> ``grouping`` (mentions of one
event) -> ``build`` (one ``Event``: ``when``, ``where``, ``tolls``, ``actors/``, ``weapon``) ->
``folding`` (later events folded into earlier ones) -> ``ranking`` (confidence; history
dropped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from spotrep.extractors._syntax import subtree_range
from spotrep.extractors.events.actors import ArticleActors, mention_sides, with_told_targets
from spotrep.extractors.events.actors.roles import find_actors
from spotrep.extractors.events.assembly import MAX_MENTIONS, build_event
from spotrep.extractors.events.folding import fold_events
from spotrep.extractors.events.grouping import Sides, cluster_mentions
from spotrep.extractors.events.mentions import EventMention, find_mentions
from spotrep.extractors.events.ranking import history_when, is_background, promote_embedding
from spotrep.extractors.events.resources import EventResources, load
from spotrep.extractors.events.status import REPORTED
from spotrep.extractors.events.tolls import later_tolls
from spotrep.extractors.events.when import ArticleTimes, dating_times, own_day
from spotrep.extractors.events.where import ArticlePlaces
from spotrep.records import Actor, Event, Place, Time

__all__ = ["EventResources", "find_events", "load"]


def mention_day(
    m: EventMention, times: ArticleTimes, published: date | None, res: EventResources,
    relative: frozenset[str],
) -> str | None:
    """The day the mention's own words date it to (``when.own_day``). A mention that refers
    back to an event ("the attack") has only its phrase's date: the clause governing it tells
    another act ("claimed responsibility for the attack in a statement on Monday": Monday is
    the claim's day)."""
    sent = m.sentence
    lo, hi = subtree_range(m.root) if m.anaphoric else (sent.start_char, sent.end_char)
    usable = dating_times(m.root, m.status == REPORTED, times, lo, hi, published)
    return own_day(m.root, usable, res.placement.speech, relative) if usable else None


def _is_history(event: Event, group: Sequence[EventMention], published: date | None) -> bool:
    return history_when(event, [m.root for m in group], published) is not None


def find_events(
    doc: Doc,
    times: Sequence[Time],
    places: Sequence[Place],
    published: date | None,
    res: EventResources,
) -> tuple[Event, ...]:
    """Every event ``doc`` reports, merged within the article, ids ``e1``... in text order."""
    mentions = find_mentions(doc, res.lexicon)
    relative = frozenset(w for w, kind in res.lexicon.aspect.items() if kind == "relative_time")
    # where each time and place is, and what events ask of each, read once for the article
    dated = ArticleTimes.of(doc, times, res.lexicon.status)
    placed = ArticlePlaces.of(places, doc, res.placement)
    days = {m.root.i: mention_day(m, dated, published, res, relative) for m in mentions}
    phases = frozenset(w for w, kind in res.lexicon.aspect.items() if kind == "phase")
    # each mention's own actors, read once: grouping asks who each names, building who each
    # event's mentions name (a folded event's mentions are read again when its host is rebuilt)
    found: dict[int, tuple[Actor, ...]] = {}
    named: dict[int, Sides] = {}

    def sides(m: EventMention) -> Sides:
        key = m.root.i
        if key not in named:
            if key not in found:
                found[key] = find_actors(m.root, res.actors)
            named[key] = mention_sides(found[key], res.actors)
        return named[key]

    groups = cluster_mentions(mentions, res.lexicon.classes, days, phases, sides)
    text = doc.text  # built by joining every token: read once
    # every mention an event is built from (the first MAX_MENTIONS of its group)
    read = [m for group in groups for m in group[:MAX_MENTIONS]]
    actors = ArticleActors.of(read, places, res.actors, found)
    told = frozenset(m.sentence.start_char for m in mentions)
    built = [
        build_event(group, doc, text, dated, placed, published, res, actors, told=told)
        for group in groups
    ]
    kept = [(e, g) for e, g in zip(built, groups, strict=True) if not is_background(e, text, times)]
    classes = res.lexicon.classes

    def rebuild(group: Sequence[EventMention], code: str) -> Event:
        return build_event(
            group, doc, text, dated, placed, published, res, actors, code=code, told=told
        )

    # history is context, not news: it goes with what folded into it ("a 2021 bombing ... in
    # which 11 people were killed"); a background incident of the past year stays an event
    folded = [
        (e, g) for e, g in fold_events(kept, rebuild, classes, text)
        if not _is_history(e, g, published)
    ]
    # whom later mentions say the incident hit, once folding no longer asks who each names
    folded = [(with_told_targets(e, g, actors, res.actors), g) for e, g in folded]
    tolled = later_tolls([e for e, _ in folded], doc, text, res.casualties)
    events = [replace(e, id=f"e{i}") for i, e in enumerate(tolled, 1)]
    return tuple(promote_embedding(events, [g for _, g in folded]))
