"""From a role's token to the nouns that name actors: relative pronouns resolved, non-actors
dropped ("actor_head"), and the helpers and conjuncts named beside it ("associated_actors")."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import NOUN_POS, PLACE_ENTS, first_child
from spotrep.extractors.events.actors.coreference import is_actor_pronoun
from spotrep.extractors.events.actors.names import (
    AGENT_DEPS,
    POBJ_DEPS,
    ActorResources,
    normalize_actor,
    phrase,
    prep_object,
)


def actor_head(token: Token, res: ActorResources) -> Token | None:
    """A noun that can head an actor: relative pronouns resolved, "they" looked up, other
    pronouns and reflexives dropped."""
    words = res.words
    if token.lower_ in words.relative_pronouns:
        clause = token.head
        if clause.dep_ != "relcl" or clause.head.pos_ not in NOUN_POS:
            return None
        if _ends_address(clause.head):
            return None  # "at a market in Mosul, Iraq which killed nine": not Iraq
        return clause.head
    quantity = token.ent_type_ == "CARDINAL" or token.lemma_.lower() in words.quantity_nouns
    of = prep_object(token, frozenset({"of"})) if quantity else None
    if of is not None:
        return actor_head(of, res)
    if (
        (token.ent_type_ in words.non_actor_entities and token.pos_ != "NUM")
        or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
        or token.lemma_.lower() in words.event_nouns
        or token.lemma_.lower() in words.non_actor_nouns
    ):
        return None
    if token.pos_ == "ADJ" and token.dep_ in ("amod", "compound"):
        return token
    if token.lower_ == "those" and any(c.dep_ in ("amod", "acl", "relcl") for c in token.children):
        return token
    if is_actor_pronoun(token, res):
        return token  # named from its antecedent by ``pronoun_actor``
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$", "WP", "EX"):
        return None
    if token.pos_ not in NOUN_POS and token.pos_ != "NUM":
        return None
    return token


def _ends_address(noun: Token) -> bool:
    """The last part of an address ("Mosul, Iraq"): a toponym in apposition,
    after which a relative clause is about what happened there."""
    return noun.ent_type_ in PLACE_ENTS and noun.dep_ == "appos"


def associated_actors(head: Token, res: ActorResources) -> list[Token]:
    """ "X, backed by Y", "X and their allies Y", and conjuncts after the first."""
    words = res.words
    found: list[Token] = []
    for c in head.children:
        if c.dep_ in ("acl", "amod") and c.lemma_.lower() in words.association_verbs:
            helper = first_child(first_child(c, AGENT_DEPS), POBJ_DEPS) or prep_object(
                c, frozenset({"with", "to", "by"})
            )
            if helper is not None:
                found.append(helper)
    for conj in head.conjuncts:
        if conj.i < head.i:
            continue
        allies = conj.lemma_.lower() in words.association_nouns
        ally = first_child(conj, frozenset({"appos"})) if allies else None
        # a list of things ("screws, balls and batteries") is not a list of actors
        if allies or normalize_actor(phrase(conj, res), res)[1] is not None:
            found.append(ally or conj)
    return found
