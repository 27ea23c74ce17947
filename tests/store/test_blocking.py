"""Merge blocking: each report's own window and country, vague dates kept narrow."""

from __future__ import annotations

from datetime import date

import pytest

from spotrep.merge import Report
from spotrep.records import Event, Place, When
from spotrep.store.blocking import VAGUE_BLOCK_DAYS, block_keys, block_window, incident_window


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
