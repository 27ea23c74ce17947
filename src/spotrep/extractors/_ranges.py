"""Character ranges kept by start, for overlap tests that look only near the range asked about."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class Ranges:
    """Character ranges (start, end) kept by start, so that testing a range against them looks
    only near it: an article may hold thousands of mentions, and each candidate is tested."""

    __slots__ = ("_longest", "_ranges")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self._ranges = sorted(ranges)
        self._longest = max((b - a for a, b in self._ranges), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._ranges, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether characters ``start:end`` overlap a kept range: ``a < end and start < b`` for
        some kept ``(a, b)``; for ``start == end``, whether ``start`` is strictly inside one."""
        # a range overlapping start:end ends after start, so starts after start - longest
        ranges = self._ranges
        for i in range(bisect_left(ranges, (start - self._longest,)), len(ranges)):
            a, b = ranges[i]
            if a >= end:
                return False
            if start < b:
                return True
        return False

    def holds(self, char: int) -> bool:
        """Whether character ``char`` lies in a kept range (``a <= char < b``)."""
        return self.overlaps(char, char + 1)
