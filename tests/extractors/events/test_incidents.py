"""Whole articles read into incidents (issue 12): each incident with the fields its own
sentences state, two incidents of one article kept apart, reactions and general statements no
events of their own.

Every text here is written for these tests (fictional incidents, real towns).
"""

from __future__ import annotations

import pytest

from spotrep.pipeline import Pipeline
from spotrep.records import Article, Event, Result

pytestmark = pytest.mark.model


def read(pipeline: Pipeline, text: str, published: str) -> list[Event]:
    (result,) = pipeline.run([Article(text=text, id="t", published=published)])
    assert isinstance(result, Result)
    return [e for e in result.events if e.status == "reported"]


def _deaths(e: Event) -> int | None:
    return None if e.fatalities is None else e.fatalities.count


def _injured(e: Event) -> int | None:
    return None if e.injuries is None else e.injuries.count


# text, published, (code, day, deaths, injured) of an event that must be read
FOUND = [
    pytest.param(
        "Two policemen were killed today when a bomb exploded beside a bus stand in the city, "
        "police said.\n\nOn Monday, a bomb planted on a motorcycle killed three shoppers near a "
        "vegetable market.",
        "2024-10-08", ("REM_EXPLOS", "2024-10-07", 3, None), id="earlier-bomb-own-day",
    ),
    pytest.param(
        "Two policemen were killed today when a bomb exploded beside a bus stand in the city, "
        "police said.\n\nOn Monday, a bomb planted on a motorcycle killed three shoppers near a "
        "vegetable market.",
        "2024-10-08", ("REM_EXPLOS", "2024-10-08", 2, None), id="todays-bomb-keeps-its-toll",
    ),
    pytest.param(
        "Rebels killed at least 15 civilians in a night raid on a village in the east of the "
        "country on Thursday, officials said.\n\nThe attackers set fire to several homes before "
        "leaving.\n\nOn Friday, volunteers recovered six more bodies in the fields, bringing the "
        "toll to 21.",
        "2024-06-08", ("ATTACK", "2024-06-06", 21, None), id="revised-toll",
    ),
    pytest.param(
        "A car bomb exploded outside a police station in the city on Tuesday, killing five "
        "officers, police said.\n\nDoctors at the main hospital said they had received 14 "
        "wounded people.",
        "2024-06-05", ("REM_EXPLOS", "2024-06-04", 5, 14), id="injuries-in-a-later-sentence",
    ),
    pytest.param(
        "A suicide bomber killed nine people at a checkpoint outside the city on Friday, police "
        "said.\n\nThe president condemned the attack as a cowardly act.",
        "2024-06-08", ("SUIC_BOMB", "2024-06-07", 9, None), id="condemned-attack",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), FOUND)
def test_incident_fields_from_their_own_sentences(
    pipeline: Pipeline, text: str, published: str, expected: tuple[str, str, int, int | None]
) -> None:
    got = [(e.code, e.when.start, _deaths(e), _injured(e)) for e in read(pipeline, text, published)]
    assert expected in got


# text, published, a code that must not be read as a reported event
ABSENT = [
    pytest.param(
        "A suicide bomber killed nine people at a checkpoint outside the city on Friday, police "
        "said.\n\nThe president condemned the attack as a cowardly act.",
        "2024-06-08", "DIPLO", id="a-reaction-is-no-event",
    ),
    pytest.param(
        "Gunmen killed four farmers in an attack on a village near the town on Sunday, officials "
        "said.\n\nArmed gangs have killed thousands of people in the region over the past decade, "
        "raiding villages and stealing cattle.",
        "2024-06-03", "ORG_CRIME", id="participle-of-a-general-statement",
    ),
]


@pytest.mark.parametrize(("text", "published", "code"), ABSENT)
def test_reactions_and_general_statements_are_no_events(
    pipeline: Pipeline, text: str, published: str, code: str
) -> None:
    assert code not in {e.code for e in read(pipeline, text, published)}


def test_no_toll_from_a_general_statement(pipeline: Pipeline) -> None:
    text = ("Gunmen killed four farmers in an attack on a village near the town on Sunday, "
            "officials said.\n\nArmed gangs have killed thousands of people in the region over "
            "the past decade, raiding villages and stealing cattle.")
    assert sorted(_deaths(e) for e in read(pipeline, text, "2024-06-03")) == [4]


def test_a_condemnation_without_an_event_stays_diplomatic(pipeline: Pipeline) -> None:
    text = "The foreign ministry on Monday condemned the new sanctions as unlawful."
    assert "DIPLO" in {e.code for e in read(pipeline, text, "2024-06-04")}


@pytest.mark.parametrize(("text", "place", "precision"), [
    pytest.param(
        "BENI, Democratic Republic of Congo (Test Wire) - Rebels killed 12 villagers in an "
        "attack in North Kivu province on Sunday, officials said.",
        "Beni", 2, id="dateline-town-in-the-named-province",
    ),
    pytest.param(
        "BENI, Democratic Republic of Congo (Test Wire) - Rebels killed 12 villagers in an "
        "attack near Butembo on Sunday, officials said.",
        "Butembo", 2, id="a-town-named-in-the-body-wins",
    ),
])
def test_dateline_town_when_the_body_names_only_a_region(
    pipeline: Pipeline, text: str, place: str, precision: int
) -> None:
    (attack, *_) = read(pipeline, text, "2024-06-03")
    assert attack.where is not None
    assert (attack.where.name, attack.where.precision) == (place, precision)
