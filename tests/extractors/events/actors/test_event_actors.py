"""An event's actors from its mentions (``event_actors``), on reports written for these tests."""

from __future__ import annotations

import pytest

from spotrep.extractors import events, times
from spotrep.pipeline import Pipeline, load_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return load_pipeline()


def _actors(pipeline: Pipeline, text: str, trigger: str) -> list[tuple[str, str]]:
    """The actors of the event whose trigger is ``trigger``."""
    doc = pipeline.nlp(text)
    found = times.find_times(doc, None, pipeline.resources.times)
    evs = events.find_events(doc, found, (), None, pipeline.resources.events)
    event = next(e for e in evs if e.trigger is not None and e.trigger.text == trigger)
    return [(a.role, a.text) for a in event.actors]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "actors"),
    [
        # told first by its victims, the attack takes its perpetrator from the mention that
        # names the attack itself, not from what the killing is pinned on
        (
            "Russia's bombing killed scores of civilians in the town. The Kremlin launched its "
            "air strikes on the town to help the government.",
            "killed",
            [("actor1", "The Kremlin"), ("actor2", "scores of civilians")],
        ),
        # the killing names its agent and no later mention names another: kept
        (
            "Rebels killed five soldiers on the road. The attack happened at dawn.",
            "killed",
            [("actor1", "Rebels"), ("actor2", "five soldiers")],
        ),
        # no agent of the killing: the later mention's is taken
        (
            "A car bomb killed six people near the market. Militants detonated the bomb by "
            "remote control.",
            "killed",
            [("actor1", "Militants"), ("actor2", "six people")],
        ),
    ],
)
def test_event_actors(
    pipeline: Pipeline, text: str, trigger: str, actors: list[tuple[str, str]]
) -> None:
    assert _actors(pipeline, text, trigger) == actors
