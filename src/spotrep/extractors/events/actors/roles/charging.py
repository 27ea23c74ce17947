"""Attackers named by legal and blaming language rather than as the subject of the event:
"accused Iran of bombing", "convicted of murdering", "the suspect in the bombing", "the gunmen
behind the attack" (the frames' ``event:`` rows)."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import NOUN_POS, first_child
from spotrep.extractors.events.actors.frames import ANY_ACTOR
from spotrep.extractors.events.actors.names import (
    DOBJ_DEPS,
    SUBJ_DEPS,
    SUBJPASS_DEPS,
    ActorResources,
    RoleWords,
    normalize_actor,
    phrase,
    prep_object,
)


def accused_actor(verb: Token, words: RoleWords) -> Token | None:
    """ "accused Iran of bombing X" -> Iran."""
    prep = verb.head
    if verb.dep_ not in ("pcomp", "pobj") or prep.lower_ != "of":
        return None
    owner = prep.head  # the accusing verb, or its object when the parse hangs "of" there
    if owner.lemma_.lower() in words.blame_verbs:
        return first_child(owner, DOBJ_DEPS)
    if owner.dep_ == "dobj" and owner.head.lemma_.lower() in words.blame_verbs:
        return owner
    return None


def charged_doer(verb: Token, res: ActorResources) -> Token | None:
    """Who a charging predicate says did what its gerund tells: "convicted of murdering",
    "charged two men with attacking" (``frames.attributions``, as for event nouns)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep":
        return None
    predicate = prep.head
    attributes = res.frames.attributions
    if predicate.dep_ == "dobj" and prep.lower_ in attributes.get(
        predicate.head.lemma_.lower(), ()
    ):
        return predicate  # the parse hangs "of" on the object: "suspect the rebels of staging"
    if prep.lower_ not in attributes.get(predicate.lemma_.lower(), ()):
        return None
    return charged_party(predicate, res)


def names_actor_behind(prep: Token, res: ActorResources) -> bool:
    """ "the gunmen behind the attack": a noun phrase naming an actor, with the event under
    "behind" (the frames' rows for ``ANY_ACTOR``); "the motive behind the attack" names
    none."""
    noun = prep.head
    if prep.dep_ != "prep" or noun.pos_ not in NOUN_POS:
        return False
    if prep.lower_ not in res.frames.attributions.get(ANY_ACTOR, ()):
        return False
    return noun.ent_type_ in ("PERSON", "ORG", "NORP") or (
        normalize_actor(phrase(noun, res), res)[1] is not None
    )


def charged_party(predicate: Token, res: ActorResources) -> Token | None:
    """Who a charging predicate is about: "X was charged", "convicted X", "found X guilty",
    "X, who was found guilty", "X is behind the attack", "the man accused of", "the suspect
    in", "the gunmen behind"."""
    if predicate.pos_ in NOUN_POS:
        # "the suspect in the bombing", "the perpetrator of the attack"; not "charges over"
        return predicate if predicate.lemma_.lower() in res.frames.perpetrators else None
    if (
        predicate.dep_ == "acl"
        and predicate.head.pos_ in NOUN_POS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in predicate.children)
    ):
        return predicate.head  # "the man accused of the attack"
    if predicate.pos_ == "ADJ" or predicate.lemma_.lower() == "be":
        subj = first_child(predicate, SUBJ_DEPS)
        if subj is not None:
            return subj
        holder = predicate.head
        return (
            first_child(holder, SUBJPASS_DEPS)
            or first_child(holder, DOBJ_DEPS)
            or (first_child(holder, SUBJ_DEPS) if holder.lemma_.lower() == "be" else None)
        )
    return first_child(predicate, SUBJPASS_DEPS) or first_child(predicate, DOBJ_DEPS)


def blamed_actor(noun: Token, words: RoleWords) -> Token | None:
    """ "blamed the attack on X", "the attack was blamed on X" -> X (the parse may hang "on X"
    on the verb or the noun)."""
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.lemma_.lower() not in words.blame_verbs:
        return None
    on = frozenset({"on"})
    return prep_object(noun.head, on) or prep_object(noun, on)
