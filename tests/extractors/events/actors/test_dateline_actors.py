"""Actors never come from the dateline (``names.outside_dateline``, ``places.dateline``), on
reports written for these tests: the dateline's town, country and outlet are where and by whom
a report was filed, while an all-capital name in the body ("ISWAP fighters", "UN
peacekeepers") is an actor as ever. The dateline town places an event whose body names only
the country (precision 2)."""

from __future__ import annotations

import pytest

from spotrep.pipeline import Pipeline
from spotrep.records import Article, Event, Result

pytestmark = pytest.mark.model


def read(pipeline: Pipeline, text: str) -> list[Event]:
    (result,) = pipeline.run([Article(text=text, id="t", published="2024-05-06")])
    assert isinstance(result, Result)
    return [e for e in result.events if e.status == "reported"]


# text, the first event's actor1 text, the dateline's words no actor may hold
CASES = [
    pytest.param("LAGOS (GWS) - Gunmen attacked a village on Monday, killing four people.",
                 "Gunmen", ("LAGOS", "GWS"), id="outlet-hyphen"),
    pytest.param("PESHAWAR (GWS) - Militants killed two policemen in Pakistan on Friday.",
                 "Militants", ("PESHAWAR", "GWS"), id="town-parsed-as-subject"),
    pytest.param("KIDAL, Mali — Jihadists attacked a convoy in northern Mali on Sunday.",
                 "Jihadists", ("KIDAL", "Mali —"), id="country-em-dash"),
    pytest.param("BUNIA, Congo - UN peacekeepers clashed with militiamen on Monday.",
                 "UN peacekeepers", ("BUNIA", "Congo"), id="acronym-after-the-dateline"),
    pytest.param("MAIDUGURI, Nigeria: ISWAP fighters attacked a military base, killing ten "
                 "soldiers.", "ISWAP fighters", ("MAIDUGURI", "Nigeria"), id="colon-acronym"),
    pytest.param("QUETTA: Gunmen shot dead three labourers on Tuesday.",
                 "Gunmen", ("QUETTA",), id="colon-only"),
    pytest.param("BAMAKO, Mali, May 6 (GWS) - Soldiers clashed with jihadists near the border.",
                 "Soldiers", ("BAMAKO", "GWS"), id="date-and-outlet"),
    pytest.param("A village in mourning. JOS, Nigeria (GWS) - Herdsmen killed eight farmers on "
                 "Monday.", "Herdsmen", ("JOS", "GWS"), id="after-a-headline-apposition"),
    pytest.param("KANO (GWS)-Gunmen killed five traders at a market on Sunday.",
                 "Gunmen", ("KANO", "GWS"), id="dash-glued-to-the-outlet"),
    # negative: no dateline, the all-capital group names stay actors
    pytest.param("ISWAP fighters attacked a base near Monguno on Monday, killing two soldiers.",
                 "ISWAP fighters", (), id="no-dateline-acronym"),
    pytest.param("UN peacekeepers clashed with militiamen near Bunia on Monday.",
                 "UN peacekeepers", (), id="no-dateline-un"),
]


@pytest.mark.parametrize(("text", "actor1", "dateline"), CASES)
def test_no_actor_from_the_dateline(
    pipeline: Pipeline, text: str, actor1: str, dateline: tuple[str, ...]
) -> None:
    (event, *_) = read(pipeline, text)
    assert [a.text for a in event.actors if a.role == "actor1"] == [actor1]
    for actor in event.actors:
        assert actor.text is not None
        assert not any(word in actor.text for word in dateline), actor


@pytest.mark.parametrize(("text", "place", "feature", "precision"), [
    # a dateline town that is also a region's name is the town, placing a body that names only
    # the country, at precision 2
    pytest.param("KIDAL, Mali — Jihadists attacked a convoy in northern Mali on Sunday.",
                 "Kidal", "populated_place", 2, id="town-not-region"),
    pytest.param("KIDAL, Mali — A roadside bomb killed four peacekeepers on Sunday.",
                 "Kidal", "populated_place", 2, id="body-names-no-place"),
    # a town the body names wins over the dateline
    pytest.param("KIDAL, Mali — Jihadists attacked a convoy near Tessalit on Sunday.",
                 "Tessalit", "populated_place", 2, id="body-town-wins"),
    # "near" the town the body names is precision 2 (ACLED), the dateline of three letters
    # being no stated place
    pytest.param("GAO, Mali — Gunmen attacked a checkpoint near Gao on Saturday.",
                 "Gao", "populated_place", 2, id="near-the-dateline-town"),
    # the dateline's own country is no place its sentence states: its town places the event,
    # a capital's too
    pytest.param("HERAT, Afghanistan (GWS) - Gunmen shot dead a cleric on Friday.",
                 "Herāt", "populated_place", 2, id="dateline-country-is-no-stated-place"),
    pytest.param("KABUL, Afghanistan (GWS) - A suicide bomber killed six people at a mosque.",
                 "Kabul", "populated_place", 2, id="capital-places-an-unplaced-lede"),
    # a capital's dateline does not place an event told only by its country
    pytest.param("BAMAKO, Mali (GWS) - Jihadists attacked a convoy in Mali on Sunday.",
                 "Mali", "country", 3, id="capital-dateline-keeps-the-country"),
])
def test_dateline_town_places_the_event(
    pipeline: Pipeline, text: str, place: str, feature: str, precision: int
) -> None:
    (event, *_) = read(pipeline, text)
    assert event.where is not None
    assert (event.where.name, event.where.feature, event.where.precision) == (
        place, feature, precision
    )
