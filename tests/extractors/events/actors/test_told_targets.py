"""Whom later mentions of one incident say it hit (``actors.told_targets``), on reports written
for these tests: kept beside the first mention's target, unless the later mention has another
doer, names the doers themselves or leaves a bare pronoun, or the event is a battle."""

from __future__ import annotations

import pytest

from spotrep.extractors import events
from spotrep.pipeline import Pipeline


def _targets(pipeline: Pipeline, text: str) -> list[str]:
    found = events.find_events(pipeline.nlp(text), (), (), None, pipeline.resources.events)
    return [a.text for a in found[0].actors if a.role == "actor2"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # the hotel stormed and the guests the same attack killed
        ("Gunmen stormed a hotel in the capital on Friday. The attack killed four guests.",
         ["a hotel", "four guests"]),
        # a battle's actor2 is the other side: the soldiers killed are its toll
        ("Militants ambushed an army convoy near the border on Monday. The attack killed four "
         "soldiers.", ["an army convoy"]),
        ("Gunmen raided a school in the district on Friday. The raid killed a teacher.",
         ["a school", "a teacher"]),
        # one of the doers' own men is not whom they hit
        ("Rebels shelled the market on Monday. The shelling killed seven traders and wounded "
         "the rebels' own commander.", ["the market", "seven traders"]),
        # a later mention with another doer tells of another deed
        ("Gunmen attacked a police station in the town on Sunday. Soldiers killed two of the "
         "gunmen during the attack.", ["a police station"]),
        # a pronoun left unresolved names no one
        ("Gunmen attacked a police station in the town on Sunday. The attack killed them.",
         ["a police station"]),
        # who dies in a fight is its toll, not one of its sides
        ("Soldiers and rebels clashed in the town on Monday. A shopkeeper was killed in the "
         "fighting.", ["rebels"]),
        ("Gunmen and guards exchanged fire at the gate on Monday. A driver was killed in the "
         "clashes.", ["guards"]),
        # one mention: nothing added
        ("Militants ambushed an army convoy near the border on Monday.", ["an army convoy"]),
    ],
)
def test_later_mentions_add_whom_the_incident_hit(
    pipeline: Pipeline, text: str, targets: list[str]
) -> None:
    assert _targets(pipeline, text) == targets
