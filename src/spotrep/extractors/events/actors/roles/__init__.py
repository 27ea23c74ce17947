"""Who acts on whom around one trigger (``find_actors``): the trigger's roles from its parse
(``verbs`` for a verb, with the frames applied; ``nouns`` and ``governing`` for an event noun;
``charging`` for legal and blaming language; ``targets`` and ``instruments`` for facilities and
devices), then each role's head resolved to named actors (``heads``, ``coreference``)."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import VERB_POS
from spotrep.extractors.events.actors.coreference import (
    description_actor,
    is_actor_pronoun,
    is_group_description,
    members_actor,
    pronoun_actor,
)
from spotrep.extractors.events.actors.names import (
    ASSOCIATE_ROLE,
    ActorResources,
    actor_at,
    outside_dateline,
)
from spotrep.extractors.events.actors.roles.heads import actor_head, associated_actors
from spotrep.extractors.events.actors.roles.nouns import noun_roles
from spotrep.extractors.events.actors.roles.targets import purpose_target, target_occupant
from spotrep.extractors.events.actors.roles.verbs import verb_roles
from spotrep.records import Actor, Role


def trigger_roles(trigger: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    """The tokens heading actor1 and actor2 of the event ``trigger`` names; a target its
    parse leaves unnamed may be told by a purpose ("an assault to neutralize the gunmen")."""
    actor1, actor2 = _parsed_roles(trigger, res)
    return actor1, actor2 or purpose_target(trigger, res)


def _parsed_roles(trigger: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    if trigger.pos_ in VERB_POS or trigger.tag_.startswith("VB"):
        return verb_roles(trigger, res)
    actor1, actor2 = noun_roles(trigger, res)
    head = trigger.head
    if trigger.dep_ == "compound" and head.lemma_.lower() in res.words.event_nouns:
        # "this coup attempt", "a bomb attack": the noun it modifies carries the arguments
        head1, head2 = noun_roles(head, res)
        return actor1 or head1, actor2 or head2
    return actor1, actor2


def find_actors(trigger: Token, res: ActorResources) -> tuple[Actor, ...]:
    """The actors of the event named by ``trigger``, roles read from its sentence's parse."""
    actor1, actor2 = (outside_dateline(t, res) for t in trigger_roles(trigger, res))
    if actor2 is not None:
        actor2 = target_occupant(actor2, res)
    out: list[Actor] = []
    seen: set[tuple[str, int]] = set()
    taken = {t.i for t in (actor1, actor2) if t is not None}
    pairs: tuple[tuple[Role, Token | None], ...] = (("actor1", actor1), ("actor2", actor2))
    for role, token in pairs:
        head = None if token is None else actor_head(token, res)
        if head is None or head.i == trigger.i:
            continue
        helpers = [a for a in associated_actors(head, res) if a.i not in taken]
        for r, h in ((role, head), *((ASSOCIATE_ROLE[role], a) for a in helpers)):
            resolved = outside_dateline(actor_head(h, res), res)
            if resolved is None:
                continue
            if is_actor_pronoun(resolved, res):
                actor = pronoun_actor(r, resolved, res)
            elif is_group_description(resolved, res):
                actor = description_actor(r, resolved, res)
            else:
                # "its fighters attacked": named by the group; a victim's "its" is left
                # unresolved ("a strike that killed two of its fighters" is not the striker's)
                acting = r in ("actor1", "assoc_actor_1")
                named = members_actor(r, resolved, res) if acting else None
                actor = named or actor_at(r, resolved, res)
            key = (actor.role, resolved.i)
            if key not in seen:
                seen.add(key)
                out.append(actor)
    return tuple(out)
