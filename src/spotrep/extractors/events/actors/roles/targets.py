"""Targets an event noun's phrase names beyond its "on"/"against" object: a clause on it
("aimed at civilians"), a participle after it, a facility as its compound ("a market
bombing"), and who a targeted place stands for ("a base where US troops are housed")."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import NOUN_POS, first_child
from spotrep.extractors.events.actors.names import (
    AGENT_DEPS,
    DOBJ_DEPS,
    POBJ_DEPS,
    SUBJ_DEPS,
    SUBJPASS_DEPS,
    ActorResources,
    is_facility_word,
    prep_object,
)


def following_target(noun: Token, res: ActorResources) -> Token | None:
    """ "a rocket attack last week targeting X" where the parse hung "targeting" elsewhere."""
    doc = noun.doc
    for t in doc[noun.i + 1 : min(noun.i + 6, noun.sent.end)]:
        if t.is_punct:
            return None
        if t.tag_ == "VBG" and t.lemma_.lower() in res.words.impact_verbs:
            return first_child(t, DOBJ_DEPS)
    return None


def clause_target(noun: Token, res: ActorResources) -> Token | None:
    """The target a relative or participial clause on the noun names ("aimed at civilians")."""
    words = res.words
    for c in noun.rights:
        if c.dep_ not in ("acl", "relcl"):
            continue
        for t in c.subtree:
            if t.lemma_.lower() in words.impact_verbs and t.pos_ == "VERB":
                target = first_child(t, DOBJ_DEPS) or prep_object(t, words.target_preps)
                if target is not None:
                    return target
    return None


PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl"})

_CLAUSE_LINKS = frozenset({"dobj", "pobj", "prep"})


def purpose_target(trigger: Token, res: ActorResources) -> Token | None:
    """Whom an infinitive of purpose on the attack, or on the clause that tells it, says it
    was aimed at: "launched an assault to neutralize the gunmen", "took part in the assault
    to neutralize the terrorists", "shelled the hills to dislodge the rebels" (only a verb of
    harming someone: "raided the house to search it" names no target)."""
    for holder in (trigger, _telling_verb(trigger)):
        if holder is None:
            continue
        for c in holder.children:
            if c.dep_ in PURPOSE_DEPS and c.lemma_.lower() in res.words.intent_verbs \
                    and _is_infinitive(c):
                target = first_child(c, DOBJ_DEPS)
                if target is not None:
                    return target
    return None


def _telling_verb(noun: Token) -> Token | None:
    """The verb whose object (or prepositional object) the event noun is: "launched an
    assault", "took part in the assault"."""
    t = noun
    while t.dep_ in _CLAUSE_LINKS and t.head is not t:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children if c.i < verb.i
    )


def facility_modifier(noun: Token, res: ActorResources) -> Token | None:
    """ "the hospital attacks", "a market bombing": a facility named as the event noun's
    compound is what was hit (an actor named there acts: "Taliban attacks")."""
    for c in noun.lefts:
        if c.dep_ == "compound" and c.pos_ in NOUN_POS and is_facility_word(c, res):
            return c
    return None


def target_occupant(target: Token, res: ActorResources) -> Token:
    """Who a targeted place stands for: "a facility where US forces are housed" -> US forces,
    "infrastructure used by X" -> X."""
    words = res.words
    clauses = [c for t in (target, *target.conjuncts) for c in t.rights]
    for c in clauses:
        if c.dep_ not in ("acl", "relcl") or c.lemma_.lower() not in words.proxy_use_verbs:
            continue
        by = first_child(first_child(c, AGENT_DEPS), POBJ_DEPS)
        subj = first_child(c, SUBJPASS_DEPS) or first_child(c, SUBJ_DEPS)
        occupant = by or (
            subj if subj is not None and subj.lower_ not in words.relative_pronouns else None
        )
        if occupant is not None:
            return occupant
    return target
