"""The voice of a verb: whether it is passive (also a participle with no auxiliary), and the
"by" agent of a passive."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import first_child
from spotrep.extractors.events.actors.names import (
    AGENT_DEPS,
    DOBJ_DEPS,
    POBJ_DEPS,
    SUBJ_DEPS,
)


def passive_agent(verb: Token) -> Token | None:
    """The "by" agent of a passive, also when the parse hung it on "shot dead by police"."""
    for t in (verb, *(c for c in verb.children if c.dep_ in ("oprd", "acomp", "prt"))):
        found = first_child(first_child(t, AGENT_DEPS), POBJ_DEPS)
        if found is not None:
            return found
    return None


def is_passive(verb: Token) -> bool:
    return (
        any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        or passive_agent(verb) is not None
        or is_elided_passive(verb)
    )


def is_elided_passive(verb: Token) -> bool:
    """A participle with a subject and no auxiliary (an active past tense is VBD), alone,
    conjoined to a passive or after "with":
    "two were killed and five wounded", "with 20 people wounded" (five, 20 people are the
    victims, not who wounded them)."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if first_child(verb, SUBJ_DEPS) is None:
        return False
    if verb.dep_ in ("ROOT", "ccomp") and first_child(verb, DOBJ_DEPS) is None:
        return True  # a headline's reduced passive: "Civilians killed in US airstrike"
    if verb.dep_ == "pcomp":
        return verb.head.lower_ == "with"
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)
    head = verb.head
    return verb.dep_ == "conj" and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
