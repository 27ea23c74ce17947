"""Predicate frames (``data/events/frames.tsv``): which argument of a predicate plays which
role. ``Frames.arguments`` says, for a predicate that is itself the event ("detonated a bomb at
the gate", "the bomb exploded"), what its subject, object and prepositional objects are;
``Frames.attributions`` says, for a predicate that takes an event noun ("was charged with the
bombing"), under which prepositions the noun makes the predicate's patient that event's
actor1."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, cast

from spotrep.extractors.events.actors import tables

FrameRole = Literal["actor1", "actor2", "instrument", "place"]

_ROLES = frozenset({"actor1", "actor2", "instrument", "place"})

_ARGUMENTS = frozenset({"subject", "object", "possessor"})

ANY_ACTOR = "-"
"""The lemma of frame rows for any noun that names an actor ("the gunmen behind the attack")."""

PERPETRATOR = "perpetrator"
"""The frame class of nouns that name who did the event under their preposition ("the
suspect in the bombing", "the mastermind of the attack")."""


@dataclass(frozen=True, slots=True)
class Frame:
    """The roles of one predicate's arguments: ``subject``, ``object``, ``possessor`` and
    ``prep:P`` keys."""

    roles: Mapping[str, FrameRole]

    @property
    def subject(self) -> FrameRole | None:
        """The role of the subject when the predicate has no object ("the bomb exploded",
        "five died"), when the frame says it."""
        return self.roles.get("subject")

    @property
    def possessor(self) -> FrameRole | None:
        """The role of an event noun's possessor, when the frame says it."""
        return self.roles.get("possessor")

    @property
    def patient(self) -> FrameRole | None:
        """The role of the direct object (the passive subject), when the frame says it."""
        return self.roles.get("object")

    def preps(self, role: FrameRole) -> frozenset[str]:
        """The prepositions whose object plays ``role``."""
        return frozenset(
            arg.removeprefix("prep:")
            for arg, r in self.roles.items()
            if r == role and arg.startswith("prep:")
        )


@dataclass(frozen=True, slots=True)
class Frames:
    arguments: Mapping[str, Frame]

    def subject_role(self, lemma: str) -> FrameRole | None:
        """The role the frame of ``lemma`` gives its subject without an object, if any."""
        frame = self.arguments.get(lemma)
        return None if frame is None else frame.subject

    attributions: Mapping[str, frozenset[str]]

    perpetrators: frozenset[str]
    """Nouns naming who did the event their ``event:`` preposition governs."""


def load_frames() -> Frames:
    """The frames table, checked: an unknown role or argument raises ``DataError`` naming the
    line."""
    arguments: dict[str, dict[str, FrameRole]] = {}
    attributions: dict[str, set[str]] = {}
    perpetrators: set[str] = set()
    for row in tables.rows("events", "frames.tsv", (4,)):
        lemma, cls, argument, _ = row.fields
        if cls == PERPETRATOR:
            perpetrators.add(lemma)
        role = cast(FrameRole, row.choice(3, _ROLES))
        if argument.startswith("event:") and role == "actor1":
            attributions.setdefault(lemma, set()).add(argument.removeprefix("event:"))
        elif argument in _ARGUMENTS or argument.startswith("prep:"):
            arguments.setdefault(lemma, {})[argument] = role
        else:
            raise row.error(f"unknown argument {argument!r}")
    return Frames(
        arguments=MappingProxyType({k: Frame(MappingProxyType(v)) for k, v in arguments.items()}),
        attributions=MappingProxyType({k: frozenset(v) for k, v in attributions.items()}),
        perpetrators=frozenset(perpetrators),
    )
