"""The one CSV writer of the project: cells that a spreadsheet would run as a formula are
neutralised as OWASP recommends ("CSV Injection"): a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading ``'``. Nothing is stripped: a leading tab is
kept behind the quote, so ``\\t=1+2`` never becomes the live ``=1+2``.

Numbers are written by the caller as ``int``/``float`` and never prefixed ("-3.5" stays a
number for pandas and R); only text cells are neutralised. Every CSV spotrep writes (exports,
the web explorer's downloads) goes through ``SafeWriter``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

Cell = str | int | float | bool | None


class _Writable(Protocol):
    def write(self, s: str, /) -> Any: ...


def neutralise(text: str) -> str:
    """``text`` safe to open in a spreadsheet: a ``'`` before a formula start, else unchanged."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Cell) -> str:
    """One CSV cell: empty for None, numbers as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return neutralise(str(value))


class SafeWriter:
    """``csv.writer`` over ``f`` whose every text cell is neutralised (header included)."""

    def __init__(self, f: _Writable) -> None:
        self._writer = csv.writer(f)

    def writerow(self, row: Sequence[Cell]) -> None:
        self._writer.writerow([cell(v) for v in row])

    def writerows(self, rows: Iterable[Sequence[Cell]]) -> None:
        for row in rows:
            self.writerow(row)
