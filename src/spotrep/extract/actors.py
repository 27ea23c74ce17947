"""Event actors: who acts, on whom, and their normalized name, ACLED kind and country."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from spotrep.records import Actor


@dataclass(frozen=True, slots=True)
class ActorResources:
    """The actor dictionary (state forces, armed groups, generic descriptions), read once."""


def load() -> ActorResources:
    return ActorResources()


def find_actors(trigger: Token, res: ActorResources) -> tuple[Actor, ...]:
    """The actors of the event named by ``trigger``, roles read from its sentence's parse.

    Not built yet, so none.
    """
    return ()
