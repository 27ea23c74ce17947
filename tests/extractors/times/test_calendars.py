"""Named days by country and moving holidays: text + anchor + tense + countries -> value."""

from __future__ import annotations

from datetime import date

import pytest

from spotrep.extractors.times.calendars import NamedDays, load_named_days
from spotrep.extractors.times.expressions import Tense, TimeLexicon, load_time_lexicon
from spotrep.extractors.times.normalization import normalize
from spotrep.pipeline import Pipeline, article_countries
from spotrep.records import Article, Place, Result


@pytest.fixture(scope="module")
def lex() -> TimeLexicon:
    return load_time_lexicon()


@pytest.fixture(scope="module")
def named() -> NamedDays:
    return load_named_days()


@pytest.mark.parametrize(("text", "anchor", "tense", "countries", "expected"), [
    # the country decides the day
    ("Independence Day", date(2024, 8, 30), "past", ("UA",), "2024-08-24"),
    ("Independence Day", date(2024, 7, 10), "past", ("US",), "2024-07-04"),
    ("Independence Day", date(2024, 8, 20), "past", ("PK",), "2024-08-14"),
    ("Independence Day", date(2024, 11, 20), "past", ("PL",), "2024-11-11"),
    ("independence day", date(2023, 4, 20), "past", ("SY",), "2023-04-17"),
    ("Independence Day", date(2024, 8, 30), "past", ("GB", "UA"), "2024-08-24"),  # GB has none
    ("Victory Day", date(2024, 5, 12), "past", ("RU",), "2024-05-09"),
    ("Victory Day", date(2024, 5, 12), "past", ("UA",), "2024-05-08"),
    ("Christmas", date(2024, 1, 9), "past", ("RU",), "2024-01-07"),
    ("Christmas", date(2023, 12, 27), "past", ("UA",), "2023-12-25"),
    ("Thanksgiving", date(2024, 10, 20), "past", ("CA",), "2024-10-14"),
    ("Labor Day", date(2024, 5, 3), "past", ("UA",), "2024-05-01"),
    # moving religious holidays, with or without the article's country
    ("Easter", date(2024, 4, 5), "past", (), "2024-03-31"),
    ("Easter", date(2025, 4, 25), "past", (), "2025-04-20"),
    ("Easter", date(2024, 5, 8), "past", ("UA",), "2024-05-05"),  # Orthodox in Ukraine
    ("Orthodox Easter", date(2024, 5, 8), "past", (), "2024-05-05"),
    ("Good Friday", date(2024, 4, 2), "past", ("NG",), "2024-03-29"),
    ("Eid al-Fitr", date(2024, 4, 15), "past", (), "2024-04-10"),
    ("Eid al-Fitr", date(2024, 4, 15), "past", ("PK",), "2024-04-10"),  # its first day
    ("Eid al-Adha", date(2023, 7, 2), "past", (), "2023-06-28"),
    ("Yom Kippur", date(2024, 10, 15), "past", (), "2024-10-12"),
    ("Diwali", date(2024, 11, 3), "past", (), "2024-10-31"),
    # the year: given, or the occurrence the words and tense point to
    ("Easter 2023", date(2024, 6, 1), "past", (), "2023-04-09"),
    ("last Easter", date(2024, 3, 31), "past", (), "2023-04-09"),
    ("next Easter", date(2024, 4, 5), "future", (), "2025-04-20"),
    ("Eid al-Fitr", date(2024, 3, 1), "future", (), "2024-04-10"),
    ("Eid al-Fitr", date(2024, 6, 1), "past", (), "2024-04-10"),
    # the week of a named day
    ("Easter week", date(2024, 4, 5), "past", (), "2024-W13"),
    ("Christmas week", date(2024, 12, 30), "past", (), "2024-W52"),
    # no country calendar has it: the lexicon's rule, as before
    ("Independence Day", date(2024, 7, 10), "past", (), "2024-07-04"),
    ("Christmas Day", date(2022, 12, 28), "past", (), "2022-12-25"),
    ("Thanksgiving", date(2024, 12, 2), "past", ("XK",), "2024-11-28"),
])
def test_named_days(lex: TimeLexicon, named: NamedDays, text: str, anchor: date, tense: Tense,
                    countries: tuple[str, ...], expected: str) -> None:
    found = normalize(text, anchor, tense, lex, None, named, countries)
    assert found is not None and (found.type, found.value) == ("DATE", expected)


@pytest.mark.parametrize(("text", "countries"), [
    ("Easter", ()),  # no anchor, no year: unresolved, not guessed
    ("Eid al-Fitr", ("UA",)),
])
def test_an_undatable_named_day_has_no_value(
    lex: TimeLexicon, named: NamedDays, text: str, countries: tuple[str, ...]
) -> None:
    found = normalize(text, None, "past", lex, None, named, countries)
    assert found is not None and found.value is None


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("Shelling hit Kharkiv on Independence Day, Ukrainian officials said.",
     [("Independence Day", "2024-08-24")]),
    ("Police in Lahore arrested 20 people during Eid al-Fitr prayers, officials said.",
     [("Eid al-Fitr", "2024-04-10")]),
    ("Protesters gathered in Independence Square in Kyiv.", []),
    ("A ship sank off Easter Island, Chilean officials said.", []),
])
def test_named_days_in_articles(pipeline: Pipeline, text: str,
                                expected: list[tuple[str, str]]) -> None:
    """Through the pipeline: the article's places name the countries whose calendars count."""
    published = "2024-08-30" if "Kharkiv" in text else "2024-04-15"
    (result,) = pipeline.run([Article.create(text, published=published)])
    assert isinstance(result, Result)
    assert [(t.text, t.value) for t in result.times] == expected


def test_article_countries_are_its_places_then_its_outlet() -> None:
    def place(cc: str) -> Place:
        return Place(cc, None, cc, None, "populated_place", cc, None, 0.0, 0.0, 1)

    places = [place("UA"), place("RU"), place("UA")]
    assert article_countries(places, "GB") == ("UA", "RU", "GB")
    assert article_countries([], "PK") == ("PK",)
    assert article_countries([], None) == ()
