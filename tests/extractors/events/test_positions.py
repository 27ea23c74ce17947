"""``Positions``: items by start offset, answers in the items' own order."""

from __future__ import annotations

import pytest

from spotrep.extractors.events.positions import Positions

# starts of items 0..5; items 1 and 4 start together
STARTS = [30, 10, 50, 0, 10, 70]
INDEX = Positions.of(list(range(len(STARTS))), lambda i: STARTS[i])


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    (0, 100, [0, 1, 2, 3, 4, 5]),
    (10, 11, [1, 4]),
    (10, 30, [1, 4]),  # hi excluded
    (11, 30, []),
    (40, 40, []),
    (60, 20, []),  # empty range
    (71, 200, []),
])
def test_starting_in_keeps_the_items_order(lo: int, hi: int, expected: list[int]) -> None:
    assert INDEX.starting_in(lo, hi) == expected


@pytest.mark.parametrize(("lo", "hi", "point", "expected"), [
    (0, 100, 12, (2, 1)),  # two items at 10: the first of them
    (0, 100, 20, (10, 0)),  # 10 and 30 equally near: item 0 comes before 1 and 4
    (0, 100, 1000, (930, 5)),
    (0, 100, -5, (5, 3)),
    (20, 60, 12, (18, 0)),  # nearer ones lie outside the range
    (31, 49, 40, None),
    (50, 50, 50, None),
])
def test_nearest_is_the_first_of_equally_near(
    lo: int, hi: int, point: int, expected: tuple[int, int] | None
) -> None:
    assert INDEX.nearest(lo, hi, point) == expected


def test_no_items() -> None:
    empty: Positions[int] = Positions.of([], lambda i: i)
    assert empty.starting_in(0, 10) == [] and empty.nearest(0, 10, 5) is None
