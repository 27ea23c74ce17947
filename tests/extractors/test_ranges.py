"""Ranges: overlap tests by start answer as a scan of every range would."""

from __future__ import annotations

import pytest

from spotrep.extractors._ranges import Ranges

TAKEN = [(0, 5), (10, 30), (12, 14), (40, 41)]


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (3, 4, True),  # inside a range
        (4, 10, True),  # across the end of one
        (5, 10, False),  # between two: ends are exclusive
        (31, 40, False),
        (25, 26, True),  # inside the long range, past the short one that starts later
        (14, 15, True),
        (41, 90, False),
        (-3, 0, False),
        (-3, 1, True),
        (3, 3, True),  # an empty range: strictly inside one
        (10, 10, False),  # not strictly inside: at a start
        (30, 30, False),
    ],
)
def test_ranges_overlap_as_a_scan_of_all_would(start: int, end: int, overlaps: bool) -> None:
    ranges = Ranges(TAKEN[:2])
    for a, b in TAKEN[2:]:
        ranges.add(a, b)
    assert ranges.overlaps(start, end) is overlaps
    assert overlaps == any(a < end and start < b for a, b in TAKEN)
    assert ranges.holds(start) is any(a <= start < b for a, b in TAKEN)
