"""``PlaceSpans``: whether a stretch of text overlaps a toponym, by bisection, as a scan of
every place would say."""

from __future__ import annotations

from itertools import product

import pytest

from spotrep.extractors.events.actors import PlaceSpans
from spotrep.records import Place, Span


def _place(start: int | None, end: int | None) -> Place:
    span = None if start is None or end is None else Span(start, end, "x" * (end - start))
    return Place("x", span, "X", None, "populated_place", None, None, None, None, None)


# toponyms at 10:15, 12:30 (inside-out: a later start ending further), 40:42; one with no span
PLACES = [_place(40, 42), _place(10, 15), _place(None, None), _place(12, 30)]
INDEX = PlaceSpans.of(PLACES)


@pytest.mark.parametrize(("start", "end", "expected"), [
    (0, 10, False),  # ends where the first begins
    (0, 11, True),
    (14, 16, True),
    (15, 20, True),  # past the first, inside the second
    (30, 40, False),  # between them, touching both
    (29, 31, True),
    (41, 41, True),  # empty, inside a toponym
    (42, 50, False),
    (100, 120, False),
])
def test_overlaps(start: int, end: int, expected: bool) -> None:
    assert INDEX.overlaps(start, end) is expected


def test_no_places_overlap_nothing() -> None:
    assert not PlaceSpans.of([]).overlaps(0, 100)
    assert not PlaceSpans.of([_place(None, None)]).overlaps(0, 100)


def test_agrees_with_a_scan_of_every_place() -> None:
    spans = [p.span for p in PLACES if p.span]
    for start, end in product(range(0, 50), repeat=2):
        scanned = any(s.start < end and start < s.end for s in spans)
        assert INDEX.overlaps(start, end) is scanned, (start, end)
