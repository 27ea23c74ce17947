"""The roles of an event-noun trigger: who its own phrase names (possessor, modifier, "by",
blamed, both sides, clauses on it), then what the verb governing it adds."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import first_child
from spotrep.extractors.events.actors.coreference import is_actor_pronoun
from spotrep.extractors.events.actors.names import (
    AGENT_DEPS,
    POBJ_DEPS,
    SUBJ_DEPS,
    ActorResources,
    RoleWords,
    prep_object,
)
from spotrep.extractors.events.actors.roles.charging import blamed_actor
from spotrep.extractors.events.actors.roles.governing import governed_roles, is_support
from spotrep.extractors.events.actors.roles.noun_agents import (
    noun_agent,
    possessor_actor,
    possessor_suffers,
)
from spotrep.extractors.events.actors.roles.reciprocal import between_sides, other_side
from spotrep.extractors.events.actors.roles.targets import (
    clause_target,
    facility_modifier,
    following_target,
)
from spotrep.extractors.events.actors.roles.voice import is_passive


def clause_agent(clause: Token, words: RoleWords) -> Token | None:
    """Who a support verb's clause on an event noun names: "the attack carried out by X",
    "the strikes (that) X carried out" (its subject, when not the relative pronoun)."""
    agent = first_child(first_child(clause, AGENT_DEPS), POBJ_DEPS)
    if agent is not None or is_passive(clause):
        return agent
    subj = first_child(clause, SUBJ_DEPS)
    return None if subj is None or subj.lower_ in words.relative_pronouns else subj


def noun_roles(noun: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    """The heads of actor1 and actor2 of the event ``noun`` names."""
    words = res.words
    blamed = blamed_actor(noun, words)
    if blamed is not None:
        target = prep_object(noun, words.noun_target_preps)
        return blamed, None if target is None or target.i == blamed.i else target
    side1, side2 = between_sides(noun)
    if side1 is not None and side2 is not None:
        return side1, side2
    actor1 = noun_agent(noun, res)
    actor2 = (
        prep_object(noun, words.noun_target_preps)
        or clause_target(noun, res)
        or other_side(noun, words)
    )
    if actor2 is None and possessor_suffers(noun, res):
        actor2 = possessor_actor(noun, res)
    like = prep_object(noun, frozenset({"as", "like"}))
    if like is not None and actor2 is None:
        actor2 = prep_object(like, words.noun_target_preps)
        actor1 = actor1 or prep_object(like, frozenset({"by"}))
    if actor2 is None:
        actor2 = following_target(noun, res) or facility_modifier(noun, res)
    if actor1 is None and actor2 is not None:
        actor1 = prep_object(actor2, frozenset({"by"}))
    for c in noun.rights:
        if c.dep_ in ("acl", "relcl") and is_support(c, words):
            actor1 = actor1 or clause_agent(c, words)
    governed1, governed2 = governed_roles(noun, res)
    if actor1 is not None and governed1 is not None and is_actor_pronoun(actor1, res):
        actor1 = governed1  # "the army resumed its offensive": the army, named
    return actor1 or governed1, actor2 or governed2
