"""The roles that the verb governing an event noun gives it: "X launched attacks", "came under
fire from X", "charged with the bombing", "militants killed twelve in an attack"."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import first_child
from spotrep.extractors.events.actors.names import (
    DOBJ_DEPS,
    SUBJ_DEPS,
    SUBJPASS_DEPS,
    XCOMP_DEPS,
    ActorResources,
    RoleWords,
    prep_object,
)
from spotrep.extractors.events.actors.roles.charging import (
    charged_doer,
    charged_party,
    names_actor_behind,
)
from spotrep.extractors.events.actors.roles.clauses import verb_doer, verb_patient
from spotrep.extractors.events.actors.roles.verbs import frame_patient
from spotrep.extractors.events.actors.roles.voice import is_passive, passive_agent


def series_head(noun: Token, words: RoleWords) -> Token:
    """ "a series of attacks" -> series: the phrase that the sentence's verb governs."""
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in words.series_nouns
    ):
        noun = noun.head.head
    return noun


def token_lemmas(token: Token) -> tuple[str, str]:
    """The token's lemma and, for an inflected verb, the lemma with its silent "e" restored:
    the lemmatizer reads "waging" as "wag", "staging" as "stag"."""
    lemma = token.lemma_.lower()
    if token.tag_ in ("VBG", "VBD", "VBN") and token.lower_.startswith(lemma):
        return lemma, lemma + "e"
    return lemma, lemma


def is_support(token: Token, words: RoleWords) -> bool:
    """A verb that says who carries out the event its object names ("waged attacks")."""
    return any(lemma in words.support_verbs for lemma in token_lemmas(token))


def governed_roles(noun: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    """Roles the verb governing an event noun gives: "X launched attacks", "came under fire"."""
    words = res.words
    noun = series_head(noun, words)
    head = noun.head
    lemma = head.lemma_.lower()
    if noun.dep_ in ("dobj", "nsubjpass") and is_support(head, words):
        agent = verb_doer(head, words) or charged_doer(head, res)  # "suspected of staging"
        return agent, prep_object(head, words.target_preps)
    raised = first_child(head, XCOMP_DEPS) if noun.dep_ in ("nsubj", "nsubjpass") else None
    if raised is not None and is_support(raised, words) and is_passive(raised):
        # "the attack is believed / appears to have been carried out by X"
        return passive_agent(raised), prep_object(raised, words.target_preps)
    if noun.dep_ == "nsubj" and lemma in words.impact_verbs:
        return None, frame_patient(head, res)
    if noun.dep_ != "pobj" or head.head is head:
        return None, None
    prep, verb = head.lower_, head.head
    vlemma = verb.lemma_.lower()
    if names_actor_behind(head, res):
        return verb, None
    if prep in res.frames.attributions.get(vlemma, ()):
        return charged_party(verb, res), None
    if prep == "for" and vlemma in words.responsibility_nouns:
        return verb_doer(verb.head, words), None
    if prep == "for" and vlemma in words.blame_verbs:
        return first_child(verb, DOBJ_DEPS), None
    if prep == "for" and vlemma in words.perpetrator_adjectives:
        return (verb.head if verb.dep_ == "amod" else verb_doer(verb.head, words)), None
    if prep == "in" and vlemma in words.participation_verbs:
        return first_child(verb, SUBJPASS_DEPS) or verb_doer(verb, words), None
    if prep == "by" and head.dep_ == "agent":
        return None, first_child(verb, SUBJPASS_DEPS)
    if prep in words.under_preps:
        # "the convoy came under attack from militants": who attacked it, by "from"
        source = frozenset({"from"})
        return prep_object(noun, source) or prep_object(verb, source), first_child(verb, SUBJ_DEPS)
    if prep in words.victim_preps and res.frames.subject_role(vlemma) == "actor2":
        return None, first_child(verb, SUBJ_DEPS)
    if prep in words.victim_preps and vlemma in words.victim_verbs:
        # "militants killed twelve villagers in an attack": who killed in it did it
        killer = verb_doer(verb, words)
        if killer is not None and killer.lemma_.lower() in words.instrument_nouns:
            killer = None
        return killer, verb_patient(verb, words)
    return None, None
