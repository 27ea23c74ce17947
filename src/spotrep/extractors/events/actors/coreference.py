"""Who a pronoun in an actor's place stands for (``pronoun_actor``): the nearest earlier named
actor of the document that agrees with it (number, person or thing). The actor is that
antecedent's phrase, text and span, since a pronoun names nobody and the antecedent is where the
text says who it is; an unresolved pronoun keeps its own span and no name and no kind rather
than a guessed one. A definite description ("the group") is a phrase of its own: it keeps its
span and takes the nearest earlier named group's name (``description_actor``)."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import DEFINITE_DETS, NOUN_POS, PLURAL_TAGS
from spotrep.extractors.events.actors.names import (
    ActorResources,
    actor_at,
    forces_of,
    longest_known,
    normalize_actor,
    outside_dateline,
    phrase,
)
from spotrep.records import Actor, Role

# arguments of other verbs sit this far back at most (RAMS windows are five sentences)
COREFERENCE_TOKENS = 200

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})

_GROUP_ENTS = frozenset({"ORG", "NORP"})

_NEUTER_ENTS = frozenset({"ORG", "NORP", "GPE"})


def is_actor_pronoun(token: Token, res: ActorResources) -> bool:
    """A personal or possessive pronoun that can stand for an actor."""
    return token.tag_ in ("PRP", "PRP$") and token.lower_ in res.pronouns


def _agrees(candidate: Token, agreement: str, res: ActorResources) -> bool:
    # "KIDAL, Mali — ... it": the town a report was filed from stands for no actor
    return _agreeing(candidate, agreement, res) and outside_dateline(candidate, res) is candidate


def _agreeing(candidate: Token, agreement: str, res: ActorResources) -> bool:
    if candidate.pos_ not in NOUN_POS or candidate.dep_ not in _ARGUMENT_DEPS:
        return False
    words = phrase(candidate, res)
    known = normalize_actor(words, res)[1] is not None
    if agreement == "plural":
        # a named armed group is referred back to as "they" whatever its tag ("the Houthis")
        group = longest_known(list(words), res.groups) is not None
        return known and (
            candidate.tag_ in PLURAL_TAGS or candidate.ent_type_ in _GROUP_ENTS or group
        )
    if agreement == "neuter":
        if candidate.tag_ in PLURAL_TAGS:
            return False
        if candidate.ent_type_ in _NEUTER_ENTS or (known and not candidate.ent_type_):
            return True
        # a named armed group is "it" whatever the tagger took it for ("Al-Shabaab" a person)
        return known and longest_known(list(words), res.groups) is not None
    if agreement == "person":
        return candidate.ent_type_ == "PERSON" or (
            known and candidate.tag_ == "NN" and not candidate.ent_type_
        )
    return False


def antecedent(pronoun: Token, res: ActorResources) -> Token | None:
    """The earlier noun that agrees with ``pronoun``: for a subject, the nearest agreeing
    subject of its own or the two sentences before (a subject carries on the topic: "The group
    took the town. Its allies fled. It is also fighting ISIS"), followed through an earlier
    subject pronoun of the same agreement ("The senator ... He knew ... he opted"), else the
    nearest agreeing noun; None for the speaker's "we"."""
    agreement = res.pronouns.get(pronoun.lower_)
    if agreement is None or agreement == "speaker":
        return None
    doc = pronoun.doc
    bound = _clause_subject(pronoun, res)
    subject = pronoun.dep_ in _SUBJECT_DEPS
    topic_from = _sentence_start_before(pronoun, TOPIC_SENTENCES) if subject else None
    nearest: Token | None = None
    for t in reversed(doc[max(0, pronoun.i - COREFERENCE_TOKENS) : pronoun.i]):
        if topic_from is None or t.i < topic_from:
            if nearest is not None:
                return nearest
            topic_from = None
        if topic_from is not None and _continues_topic(t, agreement, res):
            carried = antecedent(t, res)
            if carried is not None:
                return carried
            continue  # "It's no wonder that...": no topic carried on
        if t.i == bound or not _agrees(t, agreement, res):
            continue
        if topic_from is None or t.dep_ in _SUBJECT_DEPS:
            return t
        nearest = nearest or t
    return nearest


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

TOPIC_SENTENCES = 2
"""Sentences back a subject pronoun looks for the topic (the subject it carries on) first."""


def _continues_topic(token: Token, agreement: str, res: ActorResources) -> bool:
    """An earlier subject pronoun of the same agreement: the topic carried on, so the pronoun
    stands for what that one stands for."""
    return (
        token.dep_ in _SUBJECT_DEPS
        and is_actor_pronoun(token, res)
        and res.pronouns.get(token.lower_) == agreement
    )


def _sentence_start_before(token: Token, sentences: int) -> int:
    """Where the sentence ``sentences`` before ``token``'s own starts (the text's first at
    most)."""
    start = token.sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start


def _clause_subject(pronoun: Token, res: ActorResources) -> int | None:
    """The token the subject of an object pronoun's clause stands for: a plain pronoun is not
    bound in its own clause, so "Russia will not stop bombing it" is not about Russia."""
    if pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return None  # a subject is not bound by itself, a possessive may be ("X and its allies")
    for verb in pronoun.ancestors:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            if verb.dep_ in ("xcomp", "conj", "pcomp", "prep", "pobj", "dobj"):
                continue
            return None
        if subj.lower_ in res.words.relative_pronouns and verb.dep_ == "relcl":
            return verb.head.i
        if is_actor_pronoun(subj, res):
            found = antecedent(subj, res)
            return None if found is None else found.i
        return subj.i
    return None


def pronoun_actor(role: Role, pronoun: Token, res: ActorResources) -> Actor:
    """The actor a pronoun stands for: its antecedent's phrase, or the bare pronoun unnamed."""
    own = actor_at(role, pronoun, res)
    found = antecedent(pronoun, res)
    if found is None:
        return Actor(role, own.text, None, None, None, own.span)
    if is_group_description(found, res):
        return description_actor(role, found, res)  # "The group said it...": the group named
    return actor_at(role, found, res)


def is_group_description(head: Token, res: ActorResources) -> bool:
    """ "the group", "the attackers": a definite description of an armed group, unnamed."""
    if head.lemma_.lower() not in res.descriptions or head.ent_type_:
        return False
    lefts = list(head.lefts)
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in lefts)
    return definite and not any(c.dep_ in ("compound", "amod", "poss") for c in lefts)


def described_group(head: Token, res: ActorResources) -> Token | None:
    """The nearest earlier phrase that names an armed group of the dictionary."""
    doc = head.doc
    for t in reversed(doc[max(0, head.i - COREFERENCE_TOKENS) : head.left_edge.i]):
        if t.pos_ not in NOUN_POS or t.dep_ in ("compound", "amod"):
            continue
        if longest_known(list(phrase(t, res)), res.groups) is not None:
            return t
    return None


def description_actor(role: Role, head: Token, res: ActorResources) -> Actor:
    """ "the group" after "Al-Shabaab claimed...": its own text and span, the group's name."""
    own = actor_at(role, head, res)
    found = described_group(head, res)
    if found is None:
        return own
    name, kind, country = normalize_actor(phrase(found, res), res)
    return Actor(role, own.text, name, kind, country, own.span)


def members_actor(role: Role, head: Token, res: ActorResources) -> Actor | None:
    """ "the group's fighters", "its gunmen": members of an armed group the possessor refers
    back to keep their own text and span and take that group's name, kind and country; None
    when the head is no description of armed men or the possessor names no one. A force's
    possessive pronoun gives its country ("The Israeli military said its aircraft struck": the
    forces of Israel). Read for who acts only (``roles.find_actors``)."""
    owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
    if owner is None or head.ent_type_:
        return None
    if head.lemma_.lower() not in res.descriptions:
        return _owners_forces(role, head, owner, res)
    named = antecedent(owner, res) if is_actor_pronoun(owner, res) else owner
    if named is not None and is_group_description(named, res):
        named = described_group(named, res)  # "its fighters" after "the group said"
    elif named is owner:
        return None
    if named is None:
        return None
    name, kind, country = normalize_actor(phrase(named, res), res)
    if kind is None or kind == "Civilians":
        return None  # "villagers said their fighters...": no armed group named
    own = actor_at(role, head, res)
    return Actor(role, own.text, name, kind, country, own.span)


def _owners_forces(role: Role, head: Token, owner: Token, res: ActorResources) -> Actor | None:
    """A force noun whose possessive pronoun stands for a country's forces or the country."""
    if not is_actor_pronoun(owner, res):
        return None  # "Israel's aircraft": the phrase names its country itself
    named = antecedent(owner, res)
    known = None if named is None else forces_of(head, phrase(named, res), res)
    if known is None:
        return None
    own = actor_at(role, head, res)
    return Actor(role, own.text, known.name, known.kind, known.country, own.span)
