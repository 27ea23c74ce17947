"""Where an article's items (times, places) start, for questions about a stretch of text
(``Positions``): built once per article, so that each event reads only the items of its own
sentence, paragraph or phrase instead of every item of the article."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Positions(Generic[T]):
    """Items with their start offsets, sorted by start (ties in the items' order).

    Answers keep the items' order: callers pick the first of equals (``min``), and an answer
    in another order would pick another."""

    items: tuple[T, ...]
    starts: tuple[int, ...]
    """The items' starts, ascending."""
    order: tuple[int, ...]
    """``order[k]``: the index in ``items`` of the item whose start is ``starts[k]``."""

    @classmethod
    def of(cls, items: Sequence[T], start: Callable[[T], int]) -> Positions[T]:
        at = [start(item) for item in items]
        order = sorted(range(len(items)), key=lambda i: (at[i], i))
        return cls(tuple(items), tuple(at[i] for i in order), tuple(order))

    def indices_in(self, lo: int, hi: int) -> list[int]:
        """Indices (in ``items``, ascending) of the items starting at ``lo`` or after and
        before ``hi``."""
        if lo >= hi:
            return []
        a, b = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return sorted(self.order[a:b])

    def starting_in(self, lo: int, hi: int) -> list[T]:
        """The items starting at ``lo`` or after and before ``hi``, in their order."""
        return [self.items[i] for i in self.indices_in(lo, hi)]

    def nearest(self, lo: int, hi: int, point: int) -> tuple[int, int] | None:
        """``(distance, index)`` of the item starting in ``lo:hi`` whose start is nearest
        ``point`` (the first in ``items`` of equally near ones), None if none starts there."""
        a, b = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        if a >= b:
            return None
        at = bisect_left(self.starts, point, a, b)
        near = [abs(self.starts[k] - point) for k in (at - 1, at) if a <= k < b]
        distance = min(near)
        best = len(self.items)
        for value in {point - distance, point + distance}:
            first = bisect_left(self.starts, value, a, b)
            last = bisect_right(self.starts, value, a, b)
            best = min([best, *self.order[first:last]])
        return distance, best
