"""Every filter of ``Filters`` on the store's events and incidents (SQLite, and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from store_records import KYIV, build_event, build_result

from spotrep.records import Claim, Place, Result, Span, Speaker
from spotrep.store import Filters, Store

LVIV = ("Lviv", 49.8397, 24.0297, "UA", "Lviv Oblast")
ALEPPO = ("Aleppo", 36.2021, 37.1343, "SY", "Aleppo")
FIJI = ("Suva", -18.1416, 178.4419, "FJ", "Central")


def _claim(speaker: str, event_id: str) -> Claim:
    return Claim("c1", Speaker(speaker, speaker, "official"), Span(0, 4, "Text"), "direct",
                 events=(event_id,))


def _vague(result: Result) -> Result:
    """The article's first event placed only at region precision and dated to a month."""
    e = result.events[0]
    assert e.where is not None
    where: Place = replace(e.where, precision=3)
    when = replace(e.when, precision="month", start="2024-03-01", end="2024-03-31")
    return replace(result, events=(replace(e, where=where, when=when), *result.events[1:]))


@pytest.fixture
def filled(store: Store) -> Store:
    """Two outlets on a Kharkiv strike (3 and 5 killed), a Kyiv arrest, a denied Lviv clash,
    a vague Aleppo strike quoted from a governor, a strike in Fiji near the 180th meridian."""
    a1 = build_result("a1", (build_event(fatalities=3, actor1="Russian forces"),), outlet="Alpha")
    b1 = build_result("b1", (build_event(fatalities=5, actor1="Russian forces"),),
                      outlet="Bravo News", text="Drones struck Kharkiv overnight.")
    c1 = build_result("c1", (build_event(code="ARREST", place=KYIV, day="2024-03-12"),),
                      outlet="Charlie")
    d1 = build_result("d1", (build_event(code="ARMED_CLASH", place=LVIV, status="denied",
                                         fatalities=2),), outlet="Delta")
    e1 = _vague(build_result("e1", (build_event(place=ALEPPO, fatalities=1),), outlet="Echo"))
    e1 = replace(e1, events=(replace(e1.events[0], claims=("c1",)),),
                 claims=(_claim("Governor Hussein Diab", "e1"),))
    f1 = build_result("f1", (build_event(place=FIJI, day="2024-02-01"),), outlet="Foxtrot")
    for r in (a1, b1, c1, d1, e1, f1):
        store.add_result(r)
    return store


EVENTS = [
    (Filters(), ["f1", "e1", "a1", "b1", "d1", "c1"]),
    (Filters(since=date(2024, 3, 6)), ["e1", "c1"]),
    (Filters(until=date(2024, 2, 28)), ["f1"]),
    (Filters(country="Syria"), ["e1"]),
    (Filters(admin1="kharkiv oblast"), ["a1", "b1"]),
    (Filters(admin1="Kharkiv"), []),  # the whole name, not a part of it
    (Filters(code=("Arrests", "Battles")), ["d1", "c1"]),
    (Filters(actor="russian"), ["a1", "b1"]),
    (Filters(actor="forces", outlet="alpha"), ["a1"]),
    (Filters(speaker="governor"), ["e1"]),
    (Filters(speaker="president"), []),
    (Filters(outlet="news"), ["b1"]),
    (Filters(status=("denied",)), ["d1"]),
    (Filters(status=("reported",), country="UA"), ["a1", "b1", "c1"]),
    (Filters(min_fatalities=3), ["a1", "b1"]),
    (Filters(min_fatalities=0), ["e1", "a1", "b1", "d1"]),
    (Filters(precision=1, country="SY"), []),
    (Filters(precision=3, country="SY"), ["e1"]),
    (Filters(date_precision="day"), ["f1", "a1", "b1", "d1", "c1"]),
    (Filters(min_corroboration=2), ["a1", "b1"]),
    (Filters(has_conflicts=True), ["a1", "b1"]),
    (Filters(bbox=(22.0, 44.0, 40.0, 53.0)), ["a1", "b1", "d1", "c1"]),
    (Filters(bbox=(170.0, -30.0, -170.0, 0.0)), ["f1"]),
    (Filters(near=(-18.0, -179.9), km=300), ["f1"]),  # a circle across the 180th meridian
    (Filters(near=(50.45, 30.52), km=20), ["c1"]),
    (Filters(text="drones"), ["b1"]),
    (Filters(text="100%"), []),  # LIKE wildcards are literal
    (Filters(limit=2), ["f1", "e1"]),
    (Filters(actor="russian", limit=1), ["a1"]),
]


@pytest.mark.parametrize(("filters", "expected"), EVENTS)
def test_event_filters(filled: Store, filters: Filters, expected: list[str]) -> None:
    assert [e.article_id for e in filled.events(filters)] == expected


def _reporters(store: Store, filters: Filters) -> list[list[str]]:
    return [sorted(r.article_id for r in i.reports) for i in store.incidents(filters)]


INCIDENTS = [
    (Filters(), [["f1"], ["e1"], ["a1", "b1"], ["c1"]]),  # denied events join no incident
    (Filters(status=("denied",)), []),
    (Filters(outlet="bravo"), [["a1", "b1"]]),
    (Filters(text="drones"), [["a1", "b1"]]),
    (Filters(speaker="diab"), [["e1"]]),
    (Filters(actor="russian forces"), [["a1", "b1"]]),
    (Filters(admin1="Aleppo"), [["e1"]]),
    (Filters(precision=2), [["f1"], ["a1", "b1"], ["c1"]]),
    (Filters(date_precision="week"), [["f1"], ["a1", "b1"], ["c1"]]),
    (Filters(min_corroboration=2), [["a1", "b1"]]),
    (Filters(has_conflicts=True), [["a1", "b1"]]),
    (Filters(min_fatalities=1), [["e1"], ["a1", "b1"]]),
    (Filters(code=("ARREST",), country="UA"), [["c1"]]),
    (Filters(near=(50.0, 36.2), km=5), [["a1", "b1"]]),
    (Filters(bbox=(170.0, -30.0, -170.0, 0.0)), [["f1"]]),
    (Filters(outlet="alpha", min_fatalities=5), []),  # the merged (conservative) toll is 3
    (Filters(limit=1, outlet="o"), [["f1"]]),
    (Filters(limit=1, outlet="o", country="UA"), [["a1", "b1"]]),
]


@pytest.mark.parametrize(("filters", "expected"), INCIDENTS)
def test_incident_filters(filled: Store, filters: Filters, expected: list[list[str]]) -> None:
    assert _reporters(filled, filters) == expected
