"""Devices and causes: who used a device named where an actor was expected, and the actor of
the event victims died in."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors.events.actors.names import ActorResources, prep_object
from spotrep.extractors.events.actors.roles.noun_agents import noun_agent
from spotrep.extractors.events.actors.roles.voice import passive_agent


def instrument_user(instrument: Token) -> Token | None:
    """Who used a device that a participle says was placed, fired or thrown by someone ("a
    bomb planted by the rebels", "a missile fired by the army"); else no one."""
    for c in instrument.rights:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return passive_agent(c)
    return None


def cause_agent(verb: Token, res: ActorResources) -> Token | None:
    """ "killed in IS attacks" -> IS: the actor of the event the victims died in; "killed at
    the hands of X" -> X."""
    hands = prep_object(verb, frozenset({"at"}))
    if hands is not None and hands.lower_ == "hands":
        return prep_object(hands, frozenset({"of"}))
    cause = prep_object(verb, res.words.victim_preps)
    if cause is None or cause.lemma_.lower() not in res.words.event_nouns:
        return None
    return noun_agent(cause, res)
