"""Both sides of a fight: "between X and Y", "X and Y clashed", "fought each other",
"clashes with the rebels"."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors.events.actors.names import RoleWords, prep_object

_RECIPROCALS = (frozenset({"each", "other"}), frozenset({"one", "another"}))


def between_sides(noun: Token) -> tuple[Token | None, Token | None]:
    """ "a battle between troops and terrorists": both sides."""
    side = prep_object(noun, frozenset({"between"}))
    if side is None:
        return None, None
    other = next((c for c in side.conjuncts if c.i > side.i), None)
    return side, other


def reciprocal_sides(subject: Token, patient: Token | None) -> tuple[Token, Token | None]:
    """The two sides of a fight its subject tells: "troops and rebels clashed" (the
    conjuncts), "rival militias fought each other" (the subject on both sides)."""
    if patient is None:
        return subject, next((c for c in subject.conjuncts if c.i > subject.i), None)
    near = {patient.lower_, *(c.lower_ for c in patient.children)}
    if patient.i > 0:
        near.add(patient.doc[patient.i - 1].lower_)
    return subject, subject if any(pair <= near for pair in _RECIPROCALS) else patient


def other_side(noun: Token, words: RoleWords) -> Token | None:
    """ "clashes with the rebels", "a battle against IS": the side a reciprocal event is
    fought with."""
    if noun.lemma_.lower() not in words.reciprocal_verbs:
        return None
    return prep_object(noun, words.reciprocal_preps)
