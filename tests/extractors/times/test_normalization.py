"""The normalizer as a pure function: expression text + anchor + tense (+ reference) -> value."""

from __future__ import annotations

from datetime import date

import pytest

from spotrep.extractors.times.expressions import Normal, Tense, TimeLexicon, load_time_lexicon
from spotrep.extractors.times.normalization import normalize

SEED = date(2022, 8, 25)  # a Thursday: the seed article's publication date


@pytest.fixture(scope="module")
def lex() -> TimeLexicon:
    return load_time_lexicon()


def value(text: str, lex: TimeLexicon, tense: Tense = "past", anchor: date | None = SEED,
          reference: str | None = None) -> tuple[str, str | None] | None:
    found = normalize(text, anchor, tense, lex, reference)
    return None if found is None else (found.type, found.value)


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("today", "past", "2022-08-25"),
        ("yesterday", "past", "2022-08-24"),
        ("tomorrow", "future", "2022-08-26"),
        ("Tuesday", "past", "2022-08-23"),
        ("Tuesday's", "past", "2022-08-23"),
        ("Wednesday", "past", "2022-08-24"),
        ("Thursday", "past", "2022-08-25"),
        ("Tuesday", "future", "2022-08-30"),
        ("Tuesday", "present", "2022-08-30"),
        ("last Tuesday", "present", "2022-08-23"),
        ("last Thursday", "past", "2022-08-18"),
        ("next Tuesday", "past", "2022-08-30"),
        ("early Tuesday", "past", "2022-08-23"),
        ("15 August", "past", "2022-08-15"),
        ("Aug. 15", "past", "2022-08-15"),
        ("August 15th", "past", "2022-08-15"),
        ("August 15, 2022", "future", "2022-08-15"),
        ("Friday, Aug. 26", "past", "2022-08-26"),
        ("Monday, Oct. 26", "past", "2021-10-26"),
        ("Dec. 20", "past", "2021-12-20"),
        ("Dec. 20", "future", "2022-12-20"),
        ("Dec. 20", "none", "2022-12-20"),
        ("Tuesday", "none", "2022-08-23"),
        ("the week of March 6", "past", "2022-W09"),
        ("March 5, 1946", "past", "1946-03-05"),
    ],
)
def test_days(text: str, tense: Tense, expected: str, lex: TimeLexicon) -> None:
    assert value(text, lex, tense) == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("last week", "past", "2022-W33"),
        ("this week", "past", "2022-W34"),
        ("earlier this week", "past", "2022-W34"),
        ("next week", "future", "2022-W35"),
        ("last month", "past", "2022-07"),
        ("earlier this month", "past", "2022-08"),
        ("mid-August", "past", "2022-08"),
        ("early September", "future", "2022-09"),
        ("December", "past", "2021-12"),
        ("December", "future", "2022-12"),
        ("October", "present", "2022-10"),
        ("last June", "future", "2022-06"),
        ("July last year", "past", "2021-07"),
        ("August 2016", "past", "2016-08"),
        ("this year", "past", "2022"),
        ("last year", "past", "2021"),
        ("late last year", "past", "2021"),
        ("early next year", "future", "2023"),
        ("2016", "past", "2016"),
        ("fiscal 1989", "past", "1989"),
        ("mid-1996", "past", "1996"),
        ("the 1990s", "past", "199"),
        ("the late 1970s", "past", "197"),
        ("the 20th century", "past", "19"),
        ("this summer", "past", "2022-SU"),
        ("last winter", "past", "2021-WI"),
        ("spring 2016", "past", "2016-SP"),
        ("the weekend", "past", "2022-W33-WE"),
        ("nineteen ninety-six", "past", "1996"),
        ("January nineteen ninety-seven", "past", "1997-01"),
        ("the year two thousand", "future", "2000"),
        ("two thousand and one", "past", "2001"),
    ],
)
def test_weeks_months_years_seasons(
    text: str, tense: Tense, expected: str, lex: TimeLexicon
) -> None:
    assert value(text, lex, tense) == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "tense", "reference", "expected"),
    [
        ("the third quarter", "past", None, "2022-Q3"),
        ("third-quarter", "past", None, "2022-Q3"),
        ("the fourth quarter", "past", None, "2021-Q4"),
        ("the fourth quarter", "future", None, "2022-Q4"),
        ("the second quarter", "future", None, "2022-Q2"),
        ("the first quarter", "future", None, "2023-Q1"),
        ("the first quarter of 2020", "past", None, "2020-Q1"),
        ("the first half", "past", None, "2022-H1"),
        ("the latest quarter", "past", None, "2022-Q2"),
        ("the quarter", "past", "2022-Q1", "2022-Q1"),
        ("the current quarter", "past", "2022-Q2", "2022-Q3"),
        ("the 2021 quarter", "past", "2022-Q2", "2021-Q2"),
        ("the year-earlier quarter", "past", "2022-Q2", "2021-Q2"),
        ("the third quarter", "none", None, "2022-Q3"),
        ("the latest period", "past", "2022-Q2", "2022-Q2"),
        ("a year earlier", "past", "2022-Q2", "2021-Q2"),
        ("the year-ago period", "past", "2022-Q2", "2021-Q2"),
        ("a year ago", "past", None, "2021"),
        ("three days ago", "past", None, "2022-08-22"),
        ("two weeks ago", "past", None, "2022-W32"),
        ("six months ago", "past", None, "2022-02"),
        ("two days later", "past", "2022-08-15", "2022-08-17"),
        ("the following year", "past", "2016", "2017"),
        ("the day before last Tuesday", "past", None, "2022-08-22"),
    ],
)
def test_quarters_and_offsets(text: str, tense: Tense, reference: str | None, expected: str,
                              lex: TimeLexicon) -> None:
    assert value(text, lex, tense, reference=reference) == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the past 48 hours", "PT48H"),
        ("the past two months", "P2M"),
        ("the last five years", "P5Y"),
        ("decade-long", "P10Y"),
        ("10-year", "P10Y"),
        ("five-hour", "PT5H"),
        ("a week", "P1W"),
        ("nearly two years", "P2Y"),
        ("several years", "PXY"),
        ("a few days", "PXD"),
        ("a couple of years", "P2Y"),
        ("years", "PXY"),
        ("5 1/2 hours", "PT5H30M"),
        ("twenty four hours", "PT24H"),
        ("the nine months", "P9M"),
        ("two decades", "P20Y"),
        ("a hundred years", "P100Y"),
        ("two thousand years", "P2000Y"),
    ],
)
def test_durations(text: str, expected: str, lex: TimeLexicon) -> None:
    assert value(text, lex) == ("DURATION", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("current", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("recent", "PAST_REF"),
        ("former", "PAST_REF"),
        ("the past", "PAST_REF"),
        ("future", "FUTURE_REF"),
        ("the future", "FUTURE_REF"),
        ("the near future", "FUTURE_REF"),
        ("soon", "FUTURE_REF"),
        ("several years ago", "PAST_REF"),
    ],
)
def test_references(text: str, expected: str, lex: TimeLexicon) -> None:
    assert value(text, lex) == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every week", "P1W"),
        ("each year", "P1Y"),
        ("every two weeks", "P2W"),
        ("daily", "P1D"),
        ("annually", "P1Y"),
        ("hourly", "PT1H"),
        ("every Monday", "XXXX-WXX-1"),
        ("each July", "XXXX-07"),
        ("Tuesday nights", "XXXX-WXX-2TNI"),
    ],
)
def test_sets(text: str, expected: str, lex: TimeLexicon) -> None:
    assert value(text, lex) == ("SET", expected)


@pytest.mark.parametrize(
    ("text", "tense", "reference", "expected"),
    [
        ("overnight", "past", None, "2022-08-25TNI"),
        ("tonight", "future", None, "2022-08-25TNI"),
        ("last night", "past", None, "2022-08-24TNI"),
        ("this morning", "past", None, "2022-08-25TMO"),
        ("dawn", "past", None, "2022-08-25TMO"),
        ("Tuesday night", "past", None, "2022-08-23TNI"),
        ("the night of 15 August", "past", None, "2022-08-15TNI"),
        ("10:35 a.m.", "past", None, "2022-08-25T10:35"),
        ("10:35 a.m.", "past", "2022-08-23", "2022-08-23T10:35"),
        ("9 p.m. Tuesday", "past", None, "2022-08-23T21:00"),
        ("4 in the morning", "past", None, "2022-08-25T04:00"),
        ("noon", "past", None, "2022-08-25T12:00"),
        ("midnight Friday", "past", None, "2022-08-19T24:00"),
    ],
)
def test_times_of_day(text: str, tense: Tense, reference: str | None, expected: str,
                      lex: TimeLexicon) -> None:
    assert value(text, lex, tense, reference=reference) == ("TIME", expected)


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Christmas", "past", "2021-12-25"),
        ("Christmas Eve", "future", "2022-12-24"),
        ("Thanksgiving", "future", "2022-11-24"),
        ("Memorial Day", "past", "2022-05-30"),
    ],
)
def test_named_days(text: str, tense: Tense, expected: str, lex: TimeLexicon) -> None:
    assert value(text, lex, tense) == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday", ("DATE", None)),
        ("last week", ("DATE", None)),
        ("15 August", ("DATE", None)),
        ("three days ago", ("DATE", None)),
        ("the third quarter", ("DATE", None)),
        ("overnight", ("TIME", None)),
        ("August 15, 2022", ("DATE", "2022-08-15")),
        ("2016", ("DATE", "2016")),
        ("spring 2016", ("DATE", "2016-SP")),
        ("now", ("DATE", "PRESENT_REF")),
        ("the past two months", ("DURATION", "P2M")),
        ("every week", ("SET", "P1W")),
    ],
)
def test_without_publication_date_only_absolute_values_resolve(
    text: str, expected: tuple[str, str | None], lex: TimeLexicon
) -> None:
    assert value(text, lex, anchor=None) == expected


@pytest.mark.parametrize("text", ["", "the", "Smith", "of the", "percent"])
def test_non_times_give_none(text: str, lex: TimeLexicon) -> None:
    assert normalize(text, SEED, "past", lex) is None


def test_relative_values_are_marked_relative(lex: TimeLexicon) -> None:
    assert normalize("a year earlier", SEED, "past", lex) == Normal("DATE", "2021", relative=True)
    found = normalize("2016", SEED, "past", lex)
    assert found is not None and not found.relative
