"""The one table printer of the command line: every command that prints a table uses it.

Columns are as wide as their widest cell up to a cap, or given fixed widths when rows stream
(``extract -f table``); a cell too long for its column ends in "…". The last column is never
cut, so a failure's reason or an actor list is printed whole.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

CAP = 40
"""The widest a column gets from its content."""


def fitted_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], cap: int = CAP
) -> list[int]:
    """Each column as wide as its widest cell (at most ``cap``); 0 (unbounded) for the last."""
    widths = [min(cap, max([len(h), *(len(r[i]) for r in rows)])) for i, h in enumerate(header)]
    if widths:
        widths[-1] = 0
    return widths


def line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One row: each cell padded (or cut with "…") to its width; width 0 leaves it whole."""
    return "  ".join(_cell(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


def print_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO | None = None
) -> None:
    """A header line and the rows, columns fitted to their content."""
    body = [tuple(r) for r in rows]
    widths = fitted_widths(header, body)
    stream = out or sys.stdout
    for row in (tuple(header), *body):
        stream.write(line(row, widths) + "\n")


def _cell(value: str, width: int) -> str:
    if not width:
        return value
    return (value[: width - 1] + "…" if len(value) > width else value).ljust(width)
