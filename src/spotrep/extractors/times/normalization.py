"""Normalize one time expression to a TimeML type and value.

``normalize`` is a pure function of the expression's text, the anchor (the publication date),
the tense of the clause it sits in and the lexicon: no model, no document. Relative expressions
resolve against the anchor; anaphoric ones ("a year earlier", "that day") against ``reference``,
the value of the previous dated expression in the text. Without an anchor, relative expressions
get value None (absolute dates still resolve).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from spotrep.extractors.times.calendars import NamedDays, day_by_rule
from spotrep.extractors.times.expressions import (
    YEAR_UNITS,
    Context,
    Normal,
    Tense,
    TimeLexicon,
    duration_value,
    first_number,
    first_unit,
    tokens,
    unit_after,
)
from spotrep.extractors.times.values import (
    SEASON_MONTHS,
    add_quarters,
    day_value,
    month_value,
    quarter_of,
    shift_date,
    shift_value,
    week_value,
)


def normalize(
    text: str,
    anchor: date | None,
    tense: Tense,
    lex: TimeLexicon,
    reference: str | None = None,
    named_days: NamedDays | None = None,
    countries: tuple[str, ...] = (),
) -> Normal | None:
    """The TimeML type and value of ``text``, or None when it is not a time expression.

    ``named_days`` and ``countries`` date the named days whose date depends on the country
    ("Independence Day") or moves every year ("Eid al-Fitr")."""
    ctx = Context(tokens(text, lex), anchor, tense, lex, reference, named_days, countries)
    if not ctx.words:
        return None
    for rule in _RULES:
        found = rule(ctx)
        if found is not None:
            return found
    return None


def _set(ctx: Context) -> Normal | None:
    adverb = ctx.first("set_adverb")
    if adverb is not None:
        return Normal("SET", adverb)
    if not ctx.cat("set_cue"):
        return None
    weekday = ctx.first("weekday")
    if weekday is not None:
        return Normal("SET", f"XXXX-WXX-{weekday}")
    month = ctx.first("month")
    if month is not None:
        return Normal("SET", f"XXXX-{int(month):02d}")
    unit = first_unit(ctx)
    if unit is None:
        return None
    number = first_number(ctx)
    count = number[1] if number is not None and number[0] < unit[0] else "1"
    return Normal("SET", duration_value(count, unit[1]))


def _plural_weekday(ctx: Context) -> Normal | None:
    weekday = ctx.first("weekday_plural")
    plural_part = any(w.endswith("s") and ctx.lex.has(w, "part_of_day") for w in ctx.words)
    if weekday is None and plural_part:
        weekday = ctx.first("weekday")
    if weekday is None:
        return None
    part = ctx.first("part_of_day")
    return Normal("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))


def _ref(ctx: Context) -> Normal | None:
    content = [w for w in ctx.words if not ctx.lex.has(w, "filler")]
    if len(content) == 1 and ctx.lex.has(content[0], "ref"):
        return Normal("DATE", ctx.lex.get(content[0], "ref"))
    if content and content[-1] in ("future", "term") and len(content) <= 2:
        return Normal("DATE", "FUTURE_REF")
    return None


def _clock(ctx: Context) -> tuple[int, int] | None:
    """(hour, minute) of ``10:35 a.m.``, ``4 p.m.``, ``noon``."""
    words = ctx.words
    for i, w in enumerate(words):
        part = ctx.lex.get(w, "part_of_day")
        if part is not None and part.startswith("T"):
            return int(part[1:3]), int(part[4:6])
        nxt = words[i + 1] if i + 1 < len(words) else ""
        meridiem = ctx.lex.get(nxt, "meridiem")
        if nxt == "in":
            meridiem = _day_half(words[i + 2 : i + 4], ctx.lex) or meridiem
        has_clock = ":" in w or (w.isdigit() and len(w) <= 2)
        if has_clock and (meridiem is not None or ":" in w or nxt == "o'clock"):
            hour, _, minute = w.partition(":")
            h = int(hour) % 12 + int(meridiem) if meridiem is not None else int(hour)
            if h < 24 and int(minute or 0) < 60:
                return h, int(minute or 0)
    return None


def _day_half(words: Sequence[str], lex: TimeLexicon) -> str | None:
    """``in the morning`` -> a.m., ``in the evening`` -> p.m. (offset added to the hour)."""
    part = next((lex.get(w, "part_of_day") for w in words if lex.has(w, "part_of_day")), None)
    if part is None:
        return None
    return "0" if part == "MO" else "12"


def _time(ctx: Context) -> Normal | None:
    clock = _clock(ctx)
    part = ctx.first("part_of_day")
    if clock is None and (part is None or part.startswith("T")):
        return None
    if clock is None and ctx.words in (("night",), ("nights",)):
        return None
    day = _day_of(ctx)
    if day is None:
        return Normal("TIME", None)
    if part == "NI" and ctx.first("shift") == "-1" and ctx.anchor is not None:
        day = day_value(ctx.anchor - timedelta(days=1))
    suffix = f"T{clock[0]:02d}:{clock[1]:02d}" if clock else f"T{part}"
    return Normal("TIME", day + suffix)


def _day_of(ctx: Context) -> str | None:
    """The day a clock time or part of day falls on: named in the expression, else the
    reference day, else the anchor."""
    day = _calendar_day(ctx)
    if day is not None:
        return day
    if ctx.reference and re.match(r"^\d{4}-\d{2}-\d{2}", ctx.reference):
        return ctx.reference[:10]
    return None if ctx.anchor is None else day_value(ctx.anchor)


def names_a_day(text: str, lex: TimeLexicon) -> bool:
    """Whether ``text`` names its own day (a weekday, a date, ``today``, a holiday)."""
    words = tokens(text, lex)
    kinds = ("weekday", "month", "deictic_day")
    named = any(lex.has(w, k) for w in words for k in kinds)
    return named or any(name in " ".join(words) for name, _ in lex.holidays)


def _calendar_day(ctx: Context) -> str | None:
    for rule in (_deictic_day, _explicit_date, _weekday):
        found = rule(ctx)
        if found is not None and found.value is not None and len(found.value) == 10:
            return found.value
    return None


def _offset(ctx: Context) -> Normal | None:
    """``three years ago``, ``a year earlier``, ``the year-ago quarter``, ``two days later``,
    ``the day before last Tuesday``: a count of units before a direction word."""
    cues = ctx.cat("offset_cue")
    if not cues:
        return None
    at, sign_s = cues[-1]
    units = [(i, u) for i, u in ctx.cat("unit") if i < at and u != "WE"]
    if not units:
        return None
    number = first_number(ctx)
    count = number[1] if number is not None and number[0] < at else "1"
    if not count.isdigit():
        return Normal("DATE", "PAST_REF" if int(sign_s) < 0 else "FUTURE_REF")
    n, unit, cue = int(count) * int(sign_s), units[-1][1], ctx.words[at]
    rest = replace(ctx, words=ctx.words[at + 1 :])
    day = _calendar_day(rest) if cue in ("before", "after") else None
    if day is not None:
        return Normal("DATE", shift_value(day, n, unit), relative=True)
    return Normal("DATE", _offset_value(ctx, n, unit, cue), relative=True)


def _offset_value(ctx: Context, n: int, unit: str, cue: str) -> str | None:
    ref = ctx.reference
    # year-on-year comparisons keep the period in focus: "a year ago" after "the third quarter"
    if ref and unit == "Y" and re.match(r"^\d{4}-(Q|H)\d$", ref):
        return shift_value(ref, n, unit)
    if cue not in ("ago", "hence") and ref is not None and shift_value(ref, 0, unit) is not None:
        return shift_value(ref, n, unit)
    if ctx.anchor is None:
        return None
    if unit in YEAR_UNITS:
        return str(ctx.anchor.year + n * YEAR_UNITS[unit])
    return shift_date(ctx.anchor, n, unit)


def _duration(ctx: Context) -> Normal | None:
    number = first_number(ctx)
    unit = unit_after(ctx, number[0]) if number is not None else first_unit(ctx)
    if unit is None:
        return None
    word = ctx.words[unit[0]]
    if number is not None:
        count = number[1]
    elif word.endswith("s"):
        count = "X"
    elif "long" in ctx.words[unit[0] :]:
        count = "1"
    else:
        return None
    half = "half" in ctx.words[unit[0] :] or "1/2" in ctx.words
    if half and count.isdigit() and unit[1] in ("H", "Y", "M", "D"):
        return Normal("DURATION", _half_duration(int(count), unit[1]))
    return Normal("DURATION", duration_value(count, unit[1]))


def as_period(text: str, lex: TimeLexicon) -> Normal | None:
    """``the year`` / ``the six months`` / ``the quarter`` as the length of a period that ends
    on a named date ("the year ended March 31"): a DURATION, one unit unless counted."""
    ctx = Context(tokens(text, lex), None, "past", lex, None)
    if ctx.cat("ordinal"):
        return None  # a named period ("the third quarter ended Sept. 30") is a DATE
    counted = _duration(ctx)
    if counted is not None:
        return counted
    unit = first_unit(ctx)
    return None if unit is None else Normal("DURATION", duration_value("1", unit[1]))


def _half_duration(count: int, unit: str) -> str:
    smaller = {"H": ("PT", "H", 30, "M"), "Y": ("P", "Y", 6, "M"), "M": ("P", "M", 15, "D")}
    if unit not in smaller:
        return f"P{count}{unit}"
    prefix, big, n, small = smaller[unit]
    return f"{prefix}{count}{big}{n}{small}"


def _deictic_day(ctx: Context) -> Normal | None:
    offset = ctx.first("deictic_day")
    if offset is None:
        return None
    if ctx.anchor is None:
        return Normal("DATE", None)
    return Normal("DATE", day_value(ctx.anchor + timedelta(days=int(offset))))


def _year_of(ctx: Context) -> int | None:
    for w in ctx.words:
        if len(w) == 4 and w.isdigit() and 1000 <= int(w) <= 2199:
            return int(w)
    return _spoken_year(ctx)


def _spoken_year(ctx: Context) -> int | None:
    """``nineteen ninety-six`` -> 1996, ``two thousand one`` -> 2001 (broadcast transcripts)."""
    values = [ctx.lex.get(w, "number") for w in ctx.words]
    nums = [int(v) if v and v.isdigit() else None for v in values]
    for i, n in enumerate(nums[:-1]):
        nxt = nums[i + 1]
        decade = nxt is not None and nxt >= 20 and nxt % 10 == 0
        if n is not None and 10 <= n <= 20 and decade and not unit_after(ctx, i):
            ones = nums[i + 2] if i + 2 < len(nums) else None
            return n * 100 + (nxt or 0) + (ones if ones is not None and ones < 10 else 0)
        if n == 2 and ctx.words[i + 1] == "thousand" and not unit_after(ctx, i):
            rest = [m for m in nums[i + 2 : i + 4] if m is not None and m < 10]
            return 2000 + (rest[0] if rest else 0)
    return None


def _day_number(ctx: Context, month_pos: int) -> int | None:
    """The day of month next to the month name (``15 August``, ``Aug. 15``, ``August 15th``)."""
    for j in (month_pos + 1, month_pos - 1):
        if 0 <= j < len(ctx.words):
            digits = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?$", ctx.words[j])
            if digits and 1 <= int(digits[1]) <= 31:
                return int(digits[1])
    return None


def _period_shift(tense: Tense, gap: int) -> int:
    """-1, 0 or +1 year for a quarter or season ``gap`` periods from the anchor's: a past
    clause cannot speak of a later one this year, nor a future clause of an earlier one."""
    if tense == "past" and gap > 0:
        return -1
    if tense == "future" and gap < 0:
        return 1
    return 0


def _explicit_date(ctx: Context) -> Normal | None:
    months = ctx.cat("month")
    if not months:
        return None
    pos, month_s = months[0]
    month = int(month_s)
    day = _day_number(ctx, pos)
    year = _year_of(ctx)
    if year is None:
        year = _month_year(ctx, month, day)
    if year is None:
        return Normal("DATE", None)
    if day is None:
        return Normal("DATE", month_value(year, month))
    try:
        found = date(year, month, day)
    except ValueError:
        return Normal("DATE", month_value(year, month))
    return Normal("DATE", week_value(found) if "week" in ctx.words else day_value(found))


def _month_year(ctx: Context, month: int, day: int | None) -> int | None:
    """The year of a month (and day) named without one.

    "this March" is this year's, "July last year" last year's, "last June" / "next June" the
    nearest one strictly before / after the anchor. Otherwise the occurrence nearest the
    anchor, moved a year back (forward) when the clause is past (future) and that occurrence
    lies more than a month on the wrong side of the anchor.
    """
    anchor = ctx.anchor
    if anchor is None:
        return None
    shift = ctx.first("shift")
    if shift in ("-1", "+1") and "year" in ctx.words:
        return anchor.year + int(shift)
    if shift == "0":
        return anchor.year
    key, now = (month, day or 0), (anchor.month, anchor.day if day else 0)
    if shift == "-1":
        return anchor.year if key < now else anchor.year - 1
    if shift == "+1":
        return anchor.year if key > now else anchor.year + 1
    year = _nearest_year(anchor, month)
    gap = (date(year, month, min(day or 15, 28)) - anchor).days
    if ctx.tense == "past" and gap > 31:
        return year - 1
    if ctx.tense == "future" and gap < -31:
        return year + 1
    return year


def _nearest_year(anchor: date, month: int) -> int:
    """The year putting ``month`` within six months of the anchor (present tense: no
    direction to go by)."""
    gap = month - anchor.month
    if gap > 6:
        return anchor.year - 1
    if gap < -6:
        return anchor.year + 1
    return anchor.year


def _weekday(ctx: Context) -> Normal | None:
    weekday = ctx.first("weekday")
    if weekday is None:
        return None
    if ctx.anchor is None:
        return Normal("DATE", None)
    shift = ctx.first("shift")
    strict = shift in ("-1", "+1")
    direction = ctx.direction()
    if ctx.tense == "present" and shift is None:
        direction = 1
    gap = (int(weekday) - ctx.anchor.isoweekday()) * direction % 7
    if gap == 0 and strict:
        gap = 7
    return Normal("DATE", day_value(ctx.anchor + timedelta(days=gap * direction)))


def _quarter(ctx: Context) -> Normal | None:
    if _reporting_period(ctx):
        return _relative_quarter(ctx)
    if "quarter" not in ctx.words and "half" not in ctx.words:
        return None
    kind = "Q" if "quarter" in ctx.words else "H"
    ordinal = ctx.first("ordinal") if kind == "Q" else ctx.first("half_ordinal")
    if kind == "H" and ordinal is None:
        return None
    year = _year_of(ctx)
    if year is None and ctx.words.count("year") and ctx.first("shift") in ("-1", "+1"):
        year = None if ctx.anchor is None else ctx.anchor.year + int(ctx.first("shift") or 0)
    if ordinal is None:
        return _relative_quarter(ctx)
    if year is None:
        if ctx.anchor is None:
            return Normal("DATE", None)
        current = quarter_of(ctx.anchor) if kind == "Q" else (ctx.anchor.month - 1) // 6 + 1
        gap = int(ordinal) - current
        # results of a quarter are reported in the next one: "will report for the third
        # quarter" in October is this year's third quarter
        year = ctx.anchor.year + _period_shift(ctx.tense, gap if gap < -1 or gap > 0 else 0)
    return Normal("DATE", f"{year}-{kind}{ordinal}")


def _reporting_period(ctx: Context) -> bool:
    """``the latest period``, ``the same period``: financial reports speak of the quarter."""
    return "period" in ctx.words and any(
        w in ctx.words for w in ("latest", "same", "comparable", "current")
    )


def _relative_quarter(ctx: Context) -> Normal | None:
    """``the quarter``, ``the latest quarter``, ``the 1988 quarter``: the quarter the text
    has just named, else the last completed one (what financial news reports on);
    ``the current quarter`` is the anchor's."""
    shift = ctx.first("shift")
    ref = ctx.reference if ctx.reference and re.match(r"^\d{4}-Q\d$", ctx.reference) else None
    year = _year_of(ctx)
    if ref is not None and year is not None:
        return Normal("DATE", f"{year}-{ref[5:]}")
    if ref is not None and shift != "0":
        step = int(shift) if shift in ("-1", "+1") else 0
        return Normal("DATE", shift_value(ref, step, "Q"))
    if ctx.anchor is None:
        return Normal("DATE", None)
    n = {"0": 0, "+1": 1}.get(shift or "", -1)
    y, q = add_quarters(ctx.anchor.year, quarter_of(ctx.anchor), n)
    return Normal("DATE", f"{y}-Q{q}")


def _season(ctx: Context) -> Normal | None:
    season = ctx.first("season")
    if season is None:
        return None
    year = _year_of(ctx)
    if year is None:
        if ctx.anchor is None:
            return Normal("DATE", None)
        year = ctx.anchor.year + _season_shift(ctx, SEASON_MONTHS[season][0])
    return Normal("DATE", f"{year}-{season}")


def _season_shift(ctx: Context, first_month: int) -> int:
    """Years from the anchor's year to the season's: "last summer" is the latest summer
    begun before the anchor's own season, "next summer" the first after it; with neither
    word the tense picks the side."""
    anchor = ctx.anchor or date.min
    gap = first_month - anchor.month
    shift = ctx.first("shift")
    if shift == "0":
        return 0
    if shift in ("-1", "+1"):
        tense: Tense = "past" if shift == "-1" else "future"
        return _period_shift(tense, gap) - (1 if shift == "-1" and -3 < gap <= 0 else 0)
    return _period_shift(ctx.tense, gap)


def _year_or_decade(ctx: Context) -> Normal | None:
    for w in ctx.words:
        if re.match(r"^\d{3}0s$", w):
            return Normal("DATE", w[:3])
        if re.match(r"^'\d0s$", w):
            century = "19" if ctx.anchor is None or ctx.anchor.year < 2000 else "20"
            return Normal("DATE", century + w[1])
    if "century" in ctx.words:
        return _century(ctx)
    year = _year_of(ctx)
    return None if year is None else Normal("DATE", str(year))


def _century(ctx: Context) -> Normal | None:
    ordinal = next((w for w in ctx.words if re.match(r"^\d{1,2}(st|nd|rd|th)$", w)), None)
    if ordinal is not None:
        return Normal("DATE", f"{int(ordinal[:-2]) - 1:02d}")
    if ctx.anchor is None or first_number(ctx) is not None:
        return None
    shift = int(ctx.first("shift") or "0") if ctx.first("shift") in ("-1", "+1") else 0
    return Normal("DATE", f"{ctx.anchor.year // 100 + shift:02d}")


def _relative_unit(ctx: Context) -> Normal | None:
    """``last week``, ``this month``, ``next year``, ``the weekend``, ``earlier this month``."""
    units = ctx.cat("unit")
    if not units:
        return None
    unit = units[-1][1]
    shift = ctx.first("shift")
    if shift is None and ctx.words[0] not in ("the", "that", "this"):
        return None
    if ctx.anchor is None:
        return Normal("DATE", None)
    n = 0 if shift in (None, "0", "last_completed") else int(shift)
    if unit == "WE":
        return Normal("DATE", _weekend(ctx, n))
    ref = ctx.reference
    if unit == "Y" and ref and _anaphoric_next(ctx) and re.match(r"^\d{4}", ref):
        return Normal("DATE", str(int(ref[:4]) + 1))
    if unit == "D" and shift is None and ref and len(ref) >= 10:
        return Normal("DATE", ref[:10])
    if unit == "DE":
        return Normal("DATE", str(ctx.anchor.year // 10 + n))
    value = shift_date(ctx.anchor, n, unit)
    return None if value is None else Normal("DATE", value)


def _anaphoric_next(ctx: Context) -> bool:
    """``the following year``, ``the next year`` count from the text's time, ``next year``
    from the publication date."""
    return "following" in ctx.words or ctx.words[:2] == ("the", "next")


def _weekend(ctx: Context, n: int) -> str:
    anchor = ctx.anchor or date.min
    if n == 0 and ctx.tense in ("past", "none") and anchor.isoweekday() < 6:
        n = -1
    return week_value(anchor + timedelta(weeks=n)) + "-WE"


def _holiday(ctx: Context) -> Normal | None:
    """Named days: from the calendars of the article's countries where they have the day
    ("independence day" in Ukraine is 08-24), else by the lexicon's rule: fixed (``christmas``
    12-25), the n-th weekday of a month (``thanksgiving`` 11-4-4, the fourth Thursday of
    November; -1 is the last), or ``calendar`` for a day that moves (``easter``), which
    ``data/times/holidays.tsv`` gives a default calendar for."""
    joined = " ".join(ctx.words)
    name, rule = next(((n, r) for n, r in ctx.lex.holidays if n in joined), (None, None))
    if name is None or rule is None:
        return None
    day = _calendar_holiday(ctx, name)
    if day is None and rule != "calendar":
        month = int(rule.split("-")[0])
        year = _year_of(ctx) or _month_year(ctx, month, 15)
        day = None if year is None else day_by_rule(year, rule)
    if day is None:
        return Normal("DATE", None)
    # "Easter week", "Christmas week": the week that holds the day
    after = joined.split(name, 1)[1].split()
    return Normal("DATE", week_value(day) if after[:1] == ["week"] else day_value(day))


def _calendar_holiday(ctx: Context, name: str) -> date | None:
    """The day ``name`` falls on in a country calendar: in the year the expression gives, else
    the occurrence around the anchor its words and tense point to (``_occurrence``)."""
    named, anchor = ctx.named_days, ctx.anchor
    if named is None:
        return None
    year = _year_of(ctx)
    if year is not None:
        days = named.days_of(name, [year], ctx.countries)
        return days[0] if days else None
    if anchor is None:
        return None
    days = named.days_of(name, [anchor.year - 1, anchor.year, anchor.year + 1], ctx.countries)
    return _occurrence(ctx, anchor, days) if days else None


def _occurrence(ctx: Context, anchor: date, days: Sequence[date]) -> date | None:
    """As ``_month_year`` picks a year: "this Easter" is this year's, "last" / "next" the
    nearest one strictly before / after the anchor; otherwise the nearest, moved to the one
    before (after) when the clause is past (future) and it lies more than a month on the
    wrong side of the anchor."""
    shift = ctx.first("shift")
    before = [d for d in days if d < anchor]
    after = [d for d in days if d > anchor]
    if shift == "0":
        return next((d for d in days if d.year == anchor.year), None)
    if shift == "-1":
        return before[-1] if before else None
    if shift == "+1":
        return after[0] if after else None
    nearest = min(days, key=lambda d: (abs((d - anchor).days), d))
    month = timedelta(days=31)
    if ctx.tense == "past" and nearest > anchor + month and before:
        return before[-1]
    if ctx.tense == "future" and nearest < anchor - month and after:
        return after[0]
    return nearest


_RULES: tuple[Callable[[Context], Normal | None], ...] = (
    _set,
    _plural_weekday,
    _time,
    _offset,
    _quarter,
    _explicit_date,
    _weekday,
    _deictic_day,
    _season,
    _holiday,
    _year_or_decade,
    _duration,
    _relative_unit,
    _ref,
)
