"""Merge blocking: each report's own window and country, vague dates kept narrow."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

from spotrep.merge import Report
from spotrep.merge.rules import EARTH_RADIUS_KM, haversine_km, place_radius_km
from spotrep.records import Event, Place, When
from spotrep.store.blocking import (
    VAGUE_BLOCK_DAYS,
    Near,
    article_near,
    block_keys,
    block_window,
    incident_reach,
    incident_window,
    member_codes,
    place_box,
)


def _report(
    start: str | None, precision: str | None, country: str | None = "UA",
    end: str | None = None, text: str | None = "on Tuesday", published: str = "2024-06-10",
) -> Report:
    where = None if country is None else Place(
        "X", None, "X", None, "populated_place", country, None, 50.0, 36.0, 1)
    event = Event(id="e1", code="AIR_STRIKE", status="reported", trigger=None, actors=(),
                  when=When(text, start, end or start, precision, None),  # type: ignore[arg-type]
                  where=where)
    return Report(event, "a1", "Outlet", published)


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2024-06-08", None, "day", ("2024-06-07", "2024-06-09")),  # its own window
        ("2024-01-01", "2024-12-31", "year", ("2024-06-07", "2024-06-10")),  # "this year"
        ("2024-06-01", "2024-06-30", "month", ("2024-06-07", "2024-06-10")),  # "this month"
        ("2024-03-01", "2024-03-31", "month", ("2024-03-28", "2024-03-31")),  # "in March"
    ],
)
def test_block_window(start: str, end: str | None, precision: str,
                      expected: tuple[str, str]) -> None:
    window = block_window(_report(start, precision, end=end))
    assert window is not None
    assert (window[0].isoformat(), window[1].isoformat()) == expected
    assert (window[1] - window[0]).days <= max(VAGUE_BLOCK_DAYS, 3)


def test_a_vague_member_does_not_widen_its_incident() -> None:
    precise = _report("2024-06-08", "day")
    vague = _report("2024-01-01", "year", end="2024-12-31")
    assert incident_window([precise, vague]) == (date(2024, 6, 7), date(2024, 6, 9))
    assert incident_window([vague]) == (date(2024, 6, 7), date(2024, 6, 10))


def test_unplaced_reports_block_in_the_articles_countries_never_all() -> None:
    placed = _report("2024-06-08", "day", country="UA")
    unplaced = _report("2024-06-08", "day", country=None)
    keys = block_keys([placed, unplaced], ["PL"])
    assert {k[0] for k in keys} == {"UA", "PL", None}
    assert {k[0] for k in block_keys([unplaced], [])} == {None}  # only the unplaced ones


def test_an_undated_report_without_publication_date_has_no_block() -> None:
    r = Report(_report(None, None, text=None).event, "a1", None, None)
    assert block_keys([r], []) == []


def _place(lat: float | None, lon: float | None, precision: int = 1,
           feature: str = "populated_place") -> Place:
    return Place("X", None, "X", None, feature, "UA", None, lat, lon, precision)


def _destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) on the great circle of ``bearing`` (degrees)."""
    d, b = km / EARTH_RADIUS_KM, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


@pytest.mark.parametrize(("lat", "lon", "precision"), [
    (50.0, 36.0, 1), (0.0, 0.0, 2), (-33.9, 18.4, 1), (69.6, 18.9, 2), (88.0, 10.0, 1),
    (12.0, 179.0, 1), (12.0, 179.9, 1), (89.9, 0.0, 2),
])
def test_a_place_box_holds_every_point_within_its_radius(
    lat: float, lon: float, precision: int
) -> None:
    place = _place(lat, lon, precision)
    box = place_box(place)
    radius = place_radius_km(place)
    assert radius is not None
    if box is None:  # a pole in it, or the 180th meridian across it
        assert abs(lat) + math.degrees(radius / EARTH_RADIUS_KM) >= 90 or abs(lon) > 179
        return
    south, north, west, east = box
    for bearing in range(0, 360, 5):
        for km in (radius, radius * 0.999, radius / 2):
            p_lat, p_lon = _destination(lat, lon, km, bearing)
            assert haversine_km(lat, lon, p_lat, p_lon) <= radius + 1e-6
            assert south <= p_lat <= north and west <= p_lon <= east, (bearing, km)
    # and not much more: a point twice the radius north or east is outside
    assert _destination(lat, lon, 2 * radius, 0)[0] > north
    assert _destination(lat, lon, 2 * radius, 90)[1] > east


@pytest.mark.parametrize("place", [
    None, _place(None, None), _place(50.0, 36.0, feature="admin1"), _place(50.0, 36.0, 3),
])
def test_a_place_without_a_radius_has_no_box(place: Place | None) -> None:
    assert place_box(place) is None


def _at(place: Place | None, start: str | None = "2024-06-08") -> Report:
    event = Event(id="e1", code="AIR_STRIKE", status="reported", trigger=None, actors=(),
                  when=When("on Tuesday" if start else None, start, start, "day", None),
                  where=place)
    return Report(event, "a1", "Outlet", "2024-06-10" if start else None)


def test_an_incident_reaches_around_all_its_members_or_anywhere() -> None:
    a, b = _place(50.0, 36.0), _place(50.5, 36.5)
    reach = incident_reach([_at(a), _at(b)])
    box_a, box_b = place_box(a), place_box(b)
    assert reach is not None and box_a is not None and box_b is not None
    assert reach == (box_a[0], box_b[1], box_a[2], box_b[3])
    assert incident_reach([_at(a), _at(None)]) is None  # an unplaced member: anywhere
    assert incident_reach([_at(a), _at(_place(50.0, 36.0, feature="admin1"))]) is None


def test_an_article_needs_incidents_its_reports_could_join() -> None:
    a, b = _place(50.0, 36.0), _place(50.5, 36.5)
    box_a, box_b = place_box(a), place_box(b)
    assert box_a is not None and box_b is not None
    assert article_near([_at(a), _at(b), _at(a)]) == Near(tuple(sorted({box_a, box_b})))
    # placed nowhere or only in a region: an incident with a member of its code
    region = _place(50.0, 36.0, feature="admin1")
    assert article_near([_at(a), _at(None), _at(region)]) == Near((box_a,), ("AIR_STRIKE",))
    # undated, or vague in both date and place: it joins nothing and asks for nothing
    vague = dataclasses.replace(_at(None), event=dataclasses.replace(
        _at(None).event, when=When("this year", "2024-01-01", "2024-12-31", "year", None)))
    assert article_near([_at(a), _at(None, start=None), vague]) == Near((box_a,))
    assert article_near([vague]) == Near()
    # a precise place whose box holds a pole: any incident of the block
    assert article_near([_at(a), _at(_place(89.9, 0.0))]) is None


def test_member_codes_are_found_by_like() -> None:
    assert member_codes([_at(None), _at(_place(50.0, 36.0))]) == " AIR_STRIKE "
