"""An event's actors across its mentions (``actors.event_actors``), on reports written for
these tests: an attribution folded into an attack does not make who blames the attacker, and
members of a group referred back to take that group's name."""

from __future__ import annotations

import pytest

from spotrep.extractors import events
from spotrep.pipeline import Pipeline
from spotrep.records import Event

BOKO_HARAM = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"


def _read(pipeline: Pipeline, text: str) -> tuple[Event, ...]:
    return events.find_events(pipeline.nlp(text), (), (), None, pipeline.resources.events)


def _sides(event: Event, role: str) -> list[tuple[str, str | None]]:
    return [(a.text, a.name) for a in event.actors if a.role == role]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # who blames is not who attacked; the attack's own noun says whom it is blamed on
        ("The attack on the convoy was the third this month. Police blamed Boko Haram for "
         "the ambush.", [("Boko Haram", BOKO_HARAM)]),
        # an attack naming its own attacker keeps it
        ("Gunmen killed ten soldiers on the road. Authorities blamed the ADF.",
         [("Gunmen", "Unidentified Armed Group")]),
        # an attack naming no attacker is not given the blamer
        ("Ten soldiers were killed on the road. Authorities blamed the ADF.", []),
    ],
)
def test_who_blames_is_not_the_attacker(
    pipeline: Pipeline, text: str, actor1: list[tuple[str, str | None]]
) -> None:
    found = _read(pipeline, text)
    assert _sides(found[0], "actor1") == actor1


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "actor1"),
    [
        ("The Taliban said they had captured the district. The group's fighters then attacked "
         "a police post.", "attacked", [("The group's fighters", "Taliban")]),
        ("Al-Shabaab has held the town for a year. Its fighters attacked a police post.",
         "attacked", [("Its fighters", "Al Shabaab")]),
        # a possessive standing for a description is the group that description names
        ("The Islamic State has held the town since May. The group said its fighters "
         "attacked a police post.", "attacked", [("its fighters", "Islamic State")]),
        # a possessor that names no group leaves the description's own name
        ("Villagers said their fighters attacked a police post.", "attacked",
         [("their fighters", "Unidentified Armed Group")]),
    ],
)
def test_members_of_a_group_referred_back_take_its_name(
    pipeline: Pipeline, text: str, trigger: str, actor1: list[tuple[str, str | None]]
) -> None:
    event = next(e for e in _read(pipeline, text) if e.trigger and e.trigger.text == trigger)
    assert _sides(event, "actor1") == actor1
