"""A verb's own arguments by the general rules: who does what it says (its subject, the agent
of a passive, or a subject inherited from the clause it depends on) and whom it is done to."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import NOUN_POS, VERB_POS, first_child
from spotrep.extractors.events.actors.names import (
    DOBJ_DEPS,
    SUBJ_DEPS,
    SUBJPASS_DEPS,
    RoleWords,
    prep_object,
)
from spotrep.extractors.events.actors.roles.voice import (
    is_elided_passive,
    is_passive,
    passive_agent,
)


def verb_doer(verb: Token, words: RoleWords) -> Token | None:
    """Who does what ``verb`` says: its subject, the agent of a passive, or inherited."""
    if is_passive(verb):
        return passive_agent(verb)
    subj = first_child(verb, SUBJ_DEPS)
    if subj is not None:
        return subj
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "advcl" and head.lemma_.lower() in words.speech_verbs:
        return None  # "the spokesman said, referring to an attack targeting X": he tells of it
    if verb.dep_ == "xcomp" and head.pos_ in VERB_POS and is_passive(head):
        # "X is believed to have carried out", "X was ordered to fire": the passive's subject
        return first_child(head, SUBJPASS_DEPS) or passive_agent(head)
    controller = first_child(head, DOBJ_DEPS) if verb.dep_ == "xcomp" else None
    if controller is not None and controller.lemma_.lower() in words.instrument_nouns:
        controller = None  # "used knives to stab": the subject stabs, with the knives
    if controller is not None and controller.i < verb.i:
        return controller  # object control: "ordered troops to attack", "urged Iran to strike"
    if verb.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in VERB_POS:
        return verb_doer(head, words)
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and head.pos_ in NOUN_POS:
        # "took the town with these tactics, shelling and starving people": a participle the
        # parse joined to a noun is the clause's, and its subject acts
        clause = next((a for a in head.ancestors if a.pos_ in VERB_POS), None)
        return None if clause is None else verb_doer(clause, words)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return head
    if verb.dep_ in ("acl", "xcomp") and head.pos_ in NOUN_POS:
        return first_child(head, frozenset({"poss"}))
    return None


def verb_patient(verb: Token, words: RoleWords) -> Token | None:
    """Whom ``verb`` is done to: the passive's subject, else the object, else the object of a
    target preposition, else the object of a verb it is joined to."""
    passive = first_child(verb, SUBJPASS_DEPS)
    if passive is not None:
        return passive
    if is_elided_passive(verb):
        return first_child(verb, SUBJ_DEPS)
    if passive_agent(verb) is not None:
        return first_child(verb, SUBJ_DEPS) or _modified_noun(verb)
    obj = first_child(verb, DOBJ_DEPS)
    if obj is not None and obj.lemma_.lower() not in words.event_nouns:
        return obj
    if verb.lemma_.lower() in words.reciprocal_verbs:
        return prep_object(verb, words.reciprocal_preps)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return prep_object(verb, words.target_preps) or _shared_object(verb, words)


def _modified_noun(participle: Token) -> Token | None:
    """The noun a passive participle with an agent modifies, also when the parse takes it for
    an apposition: "the gunman, shot dead by police, ..." -> the gunman."""
    if participle.dep_ in ("acl", "appos") and participle.head.pos_ in NOUN_POS:
        return participle.head
    return None


def _shared_object(verb: Token, words: RoleWords) -> Token | None:
    """ "to invade and conquer the country": verbs joined without an object of their own take
    the object of the next verb that has no subject of its own."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in VERB_POS or first_child(conj, SUBJ_DEPS):
            continue
        obj = first_child(conj, DOBJ_DEPS)
        if obj is not None and obj.lemma_.lower() not in words.event_nouns:
            return obj
    return None
