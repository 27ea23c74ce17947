"""The one table printer: fitted columns, cut cells end in "…", the last column whole."""

from __future__ import annotations

import io

import pytest

from spotrep.cli._table import fitted_widths, line, print_table


@pytest.mark.parametrize(("cells", "widths", "expected"), [
    (("ab", "c"), (4, 0), "ab    c"),
    (("abcdef", "c"), (4, 0), "abc…  c"),
    (("a\nb", "x  y\tz"), (3, 0), "a b  x y z"),
    (("a", ""), (2, 2), "a"),
])
def test_line(cells: tuple[str, ...], widths: tuple[int, ...], expected: str) -> None:
    assert line(cells, widths) == expected


def test_columns_fit_their_content_up_to_the_cap() -> None:
    rows = [("x" * 60, "y", "a long last cell " * 5)]
    assert fitted_widths(("h1", "header2", "last"), rows) == [40, 7, 0]
    out = io.StringIO()
    print_table(("h1", "header2", "last"), rows, out)
    header, row = out.getvalue().splitlines()
    assert row.startswith("x" * 39 + "…") and row.endswith("a long last cell")
    assert header.split() == ["h1", "header2", "last"]
