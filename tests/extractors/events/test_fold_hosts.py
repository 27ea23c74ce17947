"""``FoldHosts``: the earlier events a later one may fold into, by day, latest first."""

from __future__ import annotations

import pytest

from spotrep.extractors.events.folding import FoldHosts
from spotrep.records import Event, Span, When

TEXT = "On Monday a strike hit Sumy. " * 4


def _event(
    day: str | None, status: str = "reported", own_date: bool = True, code: str = "AIR_STRIKE"
) -> Event:
    """An event told in the sentence at 0:29, dated by "Monday" (5:11) when ``own_date``, else
    by a date of another sentence (40:46)."""
    span = Span.of(TEXT, 3, 9) if own_date else Span.of(TEXT, 32, 38)
    return Event(id="", code=code, status=status,  # type: ignore[arg-type]
                 trigger=None, when=When("Monday", day, day, "day", span),
                 evidence=(Span.of(TEXT, 0, 29),))


EARLIER = [
    _event("2024-03-04"),
    _event("2024-03-05"),
    _event("2024-03-04", status="planned"),  # never a host
    _event("2024-03-04", own_date=False),
    _event(None),
]


@pytest.fixture
def hosts() -> FoldHosts:
    index = FoldHosts()
    for i, e in enumerate(EARLIER):
        index.add(i, e)
    return index


@pytest.mark.parametrize(("later", "expected"), [
    (_event("2024-03-04"), [3, 0]),  # its own day only
    (_event("2024-03-05"), [1]),
    (_event("2024-03-06"), []),
    (_event(None), [4]),
    (_event("2024-03-06", own_date=False), [4, 3, 1, 0]),  # undated in its own words: any day
    (_event("2024-03-04", status="planned"), []),  # only reported events fold
    (_event("2024-03-06", code="ATTRIB"), [4, 3, 1, 0]),  # a claim: any day's
])
def test_latest_first(hosts: FoldHosts, later: Event, expected: list[int]) -> None:
    assert list(hosts.latest_first(later)) == expected
