"""Who an event noun says acted, from its own phrase: a possessor or modifier naming an actor
("Russia's bombing", "US airstrikes") or a "by" phrase; and, by the frames' ``possessor`` rows,
possessors that suffered the event instead ("the journalist's murder")."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import TIME_ENTS
from spotrep.extractors.events.actors.coreference import is_actor_pronoun
from spotrep.extractors.events.actors.names import ActorResources, longest_known, prep_object


def possessor_actor(noun: Token, res: ActorResources) -> Token | None:
    """An event noun's possessor that names an actor: "Russia's bombing", "its air strikes"."""
    for c in noun.lefts:
        named = c.pos_ != "PRON" or is_actor_pronoun(c, res)
        if c.dep_ == "poss" and c.ent_type_ not in TIME_ENTS and named:
            return c
    return None


def possessor_suffers(noun: Token, res: ActorResources) -> bool:
    """ "the journalist's murder": the frame says the possessor is who suffered it, unless an
    "of" phrase names the victim ("Boko Haram's abduction of 200 girls": the possessor acts)."""
    frame = res.frames.arguments.get(noun.lemma_.lower())
    if frame is None or frame.possessor != "actor2":
        return False
    return prep_object(noun, frozenset({"of"})) is None


def modifier_actor(noun: Token, res: ActorResources) -> Token | None:
    """A possessor or modifier of an event noun that names an actor ("US airstrikes", "a police
    raid")."""
    if not possessor_suffers(noun, res):
        owner = possessor_actor(noun, res)
        if owner is not None:
            return owner
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ not in TIME_ENTS:
            span = c.doc[c.left_edge.i : c.i + 1]
            if longest_known(list(span), res.groups) or longest_known(list(span), res.countries):
                return c
            if c.dep_ == "compound" and c.lemma_.lower() in res.words.force_modifiers:
                return c  # "a police raid", "an army operation" (not "a drone attack")
    return None


def noun_agent(noun: Token, res: ActorResources) -> Token | None:
    """The actor an event noun's own phrase names: a modifier or possessor, else "by X"."""
    by = prep_object(noun, frozenset({"by"}))
    return modifier_actor(noun, res) or by
