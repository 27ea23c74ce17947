"""TimeML value arithmetic: the dates a value covers, its precision, shifts."""

from __future__ import annotations

from datetime import date

import pytest

from spotrep.extractors.times.values import (
    coverage,
    precision_of,
    shift_date,
    shift_value,
    week_value,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-23", ("2022-08-23", "2022-08-23")),
        ("2022-08-23TNI", ("2022-08-23", "2022-08-23")),
        ("2022-08-23T14:00", ("2022-08-23", "2022-08-23")),
        ("2022-W33", ("2022-08-15", "2022-08-21")),
        ("2022-W33-WE", ("2022-08-20", "2022-08-21")),
        ("2022-08", ("2022-08-01", "2022-08-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022-Q1", ("2022-01-01", "2022-03-31")),
        ("2022-H2", ("2022-07-01", "2022-12-31")),
        ("2022-SU", ("2022-06-01", "2022-08-31")),
        ("2021-WI", ("2021-12-01", "2022-02-28")),
        ("2022", ("2022-01-01", "2022-12-31")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("PRESENT_REF", None),
        ("PAST_REF", None),
        ("P1W", None),
        ("XXXX-WXX-1", None),
        ("2022-13", None),
        (None, None),
    ],
)
def test_coverage(value: str | None, expected: tuple[str, str] | None) -> None:
    assert coverage(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-23", "day"),
        ("2022-08-23TNI", "day"),
        ("2022-W33", "week"),
        ("2022-08", "month"),
        ("2022-Q3", "month"),
        ("2022", "year"),
        ("PRESENT_REF", None),
        ("P1W", None),
        (None, None),
    ],
)
def test_precision(value: str | None, expected: str | None) -> None:
    assert precision_of(value) == expected


@pytest.mark.parametrize(
    ("value", "n", "unit", "expected"),
    [
        ("2022-Q1", -1, "Y", "2021-Q1"),
        ("2022-Q1", -1, "Q", "2021-Q4"),
        ("2022-01", -1, "M", "2021-12"),
        ("2022", 1, "Y", "2023"),
        ("2022-08-15", 2, "D", "2022-08-17"),
        ("PRESENT_REF", 1, "D", None),
    ],
)
def test_shift_value(value: str, n: int, unit: str, expected: str | None) -> None:
    assert shift_value(value, n, unit) == expected


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [(-1, "W", "2022-W33"), (-3, "D", "2022-08-22"), (-8, "M", "2021-12"), (1, "Q", "2022-Q4")],
)
def test_shift_date(n: int, unit: str, expected: str) -> None:
    assert shift_date(date(2022, 8, 25), n, unit) == expected


def test_week_value_pads_and_uses_the_iso_year() -> None:
    assert week_value(date(2021, 1, 3)) == "2020-W53"
    assert week_value(date(2022, 2, 14)) == "2022-W07"
