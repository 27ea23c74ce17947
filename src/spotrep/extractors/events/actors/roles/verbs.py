"""The roles of a verb trigger: the frame applied to its arguments ("detonated a bomb at the
gate", "five died"), both sides of a fight, otherwise the general subject and patient."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import first_child
from spotrep.extractors.events.actors.names import (
    DOBJ_DEPS,
    SUBJ_DEPS,
    ActorResources,
    prep_object,
)
from spotrep.extractors.events.actors.roles.charging import accused_actor, charged_doer
from spotrep.extractors.events.actors.roles.clauses import verb_doer, verb_patient
from spotrep.extractors.events.actors.roles.instruments import cause_agent, instrument_user
from spotrep.extractors.events.actors.roles.noun_agents import noun_agent
from spotrep.extractors.events.actors.roles.reciprocal import between_sides, reciprocal_sides


def verb_roles(verb: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    """The heads of actor1 and actor2 of the event ``verb`` names."""
    words = res.words
    lemma = verb.lemma_.lower()
    subject_role = res.frames.subject_role(lemma)
    if subject_role is not None and first_child(verb, DOBJ_DEPS) is None:
        # "five died": the victims; "a bomb exploded": the device, no one named as acting
        return None, first_child(verb, SUBJ_DEPS) if subject_role == "actor2" else None
    side1, side2 = between_sides(verb) if lemma in words.reciprocal_verbs else (None, None)
    if side1 is not None and side2 is not None:
        return side1, side2  # "fighting between the army and the rebels", not "took X between"
    actor1 = verb_doer(verb, words) or accused_actor(verb, words) or charged_doer(verb, res)
    if actor1 is not None and actor1.lemma_.lower() in words.instrument_nouns:
        # "struck by tear gas canisters": what struck, not who; "a bomb planted by X": X
        actor1 = instrument_user(actor1) or (
            noun_agent(actor1, res) if actor1.lemma_.lower() in words.event_nouns else None
        )
    elif actor1 is not None and actor1.lemma_.lower() in words.event_nouns:
        actor1 = noun_agent(actor1, res)
    if actor1 is None and lemma in words.victim_verbs:
        actor1 = cause_agent(verb, res)
    if actor1 is not None and actor1.lemma_.lower() in words.instrument_nouns:
        actor1 = instrument_user(actor1)
    frame = res.frames.arguments.get(lemma)
    if frame is not None and frame.patient is not None and frame.patient != "actor2":
        # "detonated his belt at the gate": the device and the place, not the target
        return actor1, prep_object(verb, frame.preps("actor2"))
    patient = frame_patient(verb, res)
    if lemma in words.reciprocal_verbs and actor1 is not None:
        return reciprocal_sides(actor1, patient)
    return actor1, patient


def frame_patient(verb: Token, res: ActorResources) -> Token | None:
    """The patient by the general rules, else under a preposition the verb's frame names
    ("set fire to a church", "tore through a market")."""
    patient = verb_patient(verb, res.words)
    frame = res.frames.arguments.get(verb.lemma_.lower())
    if patient is None and frame is not None:
        return prep_object(verb, frame.preps("actor2"))
    return patient
