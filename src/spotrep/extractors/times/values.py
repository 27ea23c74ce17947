"""TimeML value arithmetic: dates to values, values to the ISO dates they cover, shifts.

Pure functions of plain ``datetime.date`` values; nothing here knows about text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spotrep.records import Precision

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
"""First and last month of each TimeML season (northern hemisphere, meteorological)."""

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")

_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")

_HALF = re.compile(r"^(\d{4})-H([12])$")

_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")

_YEAR = re.compile(r"^(\d{4})$")

_DECADE = re.compile(r"^(\d{3})$")

_CENTURY = re.compile(r"^(\d{2})$")


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    """The ISO week holding ``d``, as ``2022-W33``."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) ``n`` months after ``year-month``."""
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_quarters(year: int, quarter: int, n: int) -> tuple[int, int]:
    k = year * 4 + quarter - 1 + n
    return k // 4, k % 4 + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _iso_week_start(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def coverage(value: str | None) -> tuple[str, str] | None:
    """The first and last ISO date a DATE/TIME value covers; None for refs and durations."""
    bounds = _bounds(value) if value else None
    return None if bounds is None else (bounds[0].isoformat(), bounds[1].isoformat())


def _bounds(value: str) -> tuple[date, date] | None:
    try:
        return _calendar_bounds(value)
    except ValueError:
        return None


def _calendar_bounds(value: str) -> tuple[date, date] | None:
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _WEEK.match(value):
        monday = _iso_week_start(int(m[1]), int(m[2]))
        return (monday + timedelta(5) if m[3] else monday), monday + timedelta(6)
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), _month_end(y, mo)
    if m := _QUARTER.match(value):
        y, first = int(m[1]), 3 * int(m[2]) - 2
        return date(y, first, 1), _month_end(y, first + 2)
    if m := _HALF.match(value):
        y, first = int(m[1]), 6 * int(m[2]) - 5
        return date(y, first, 1), _month_end(y, first + 5)
    if m := _SEASON.match(value):
        return _season_bounds(int(m[1]), m[2])
    if m := _YEAR.match(value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    if m := _DECADE.match(value):
        return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    if m := _CENTURY.match(value):
        return date(int(m[1]) * 100, 1, 1), date(int(m[1]) * 100 + 99, 12, 31)
    return None


def _season_bounds(year: int, season: str) -> tuple[date, date]:
    first, last = SEASON_MONTHS[season]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), _month_end(end_year, last)


def precision_of(value: str | None) -> Precision | None:
    """The ACLED-style precision a DATE value carries, or None: a quarter or season counts as
    ``month`` (ACLED's coarsest level below the year), a half year as ``year``."""
    if not value:
        return None
    table: tuple[tuple[re.Pattern[str], Precision], ...] = (
        (_DAY, "day"),
        (_WEEK, "week"),
        (_MONTH, "month"),
        (_YEAR, "year"),
        (_QUARTER, "month"),
        (_SEASON, "month"),
        (_HALF, "year"),
    )
    for pattern, name in table:
        if pattern.match(value):
            return name
    return None


def shift_value(value: str, n: int, unit: str) -> str | None:
    """``value`` moved by ``n`` units (Y, Q, M, W, D), keeping its own granularity when finer."""
    if (m := _QUARTER.match(value)) and unit in ("Y", "Q"):
        y, q = add_quarters(int(m[1]), int(m[2]), n * (4 if unit == "Y" else 1))
        return f"{y}-Q{q}"
    if (m := _MONTH.match(value)) and unit in ("Y", "M"):
        return month_value(*add_months(int(m[1]), int(m[2]), n * (12 if unit == "Y" else 1)))
    if (m := _YEAR.match(value)) and unit == "Y":
        return str(int(m[1]) + n)
    bounds = _bounds(value)
    return None if bounds is None else shift_date(bounds[0], n, unit)


def shift_date(anchor: date, n: int, unit: str) -> str | None:
    """The value ``n`` units from ``anchor``, at the granularity of the unit."""
    if unit == "D":
        return day_value(anchor + timedelta(days=n))
    if unit == "W":
        return week_value(anchor + timedelta(weeks=n))
    if unit == "M":
        return month_value(*add_months(anchor.year, anchor.month, n))
    if unit == "Q":
        y, q = add_quarters(anchor.year, quarter_of(anchor), n)
        return f"{y}-Q{q}"
    if unit == "Y":
        return str(anchor.year + n)
    if unit == "DE":
        return str(anchor.year + 10 * n)
    if unit == "CE":
        return str(anchor.year + 100 * n)
    if unit in ("H", "TM"):
        return day_value(anchor)
    return None
