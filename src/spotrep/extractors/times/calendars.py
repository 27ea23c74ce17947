"""Named days by country: "Independence Day" in a Ukrainian report is 24 August, Eid al-Fitr
moves every year. The dates come from the ``holidays`` package, the country from the article.

``data/times/holidays.tsv`` says, for each phrase (spelled as ``tokens`` gives it: "eid al
fitr"), which words a calendar entry's name must
hold ("independence day" is Poland's "National Independence Day") and which country's
calendar to read when the article's own countries do not have the day (Eid al-Fitr: Iraq's;
empty: the lexicon's fixed rule, such as 07-04, is used instead). Every category of a country's
calendar is read (Ukraine keeps its named days under martial law as working days), entries
that only move a day off ("(observed)", "Day off") are not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

import holidays

from spotrep import data

_GENERIC = frozenset({"day", "holiday", "sunday", "national", "(pascha)", "gregorian"})
"""Words a calendar name may hold beyond the phrase's without naming another day."""


@dataclass(frozen=True, slots=True)
class NamedDay:
    """A phrase's key words in calendar names, and the calendar to fall back on."""

    words: tuple[str, ...]
    default_country: str | None


@dataclass(frozen=True, slots=True)
class NamedDays:
    """phrase -> how to find its day in a country's calendar (``data/times/holidays.tsv``)."""

    days: Mapping[str, NamedDay]

    def days_of(
        self, phrase: str, years: Sequence[int], countries: Sequence[str]
    ) -> tuple[date, ...]:
        """The days ``phrase`` names in ``years``, in order: from the first of ``countries``
        whose calendar has it, else from the phrase's default calendar; () if neither has."""
        named = self.days.get(phrase)
        if named is None:
            return ()
        tried = [*countries, *([named.default_country] if named.default_country else [])]
        for cc in dict.fromkeys(tried):
            found = sorted(d for year in years for d in _in_calendar(cc, year, named.words))
            if found:
                return tuple(found)
        return ()


def load_named_days() -> NamedDays:
    days: dict[str, NamedDay] = {}
    for row in data.records("times", "holidays.tsv"):
        days[row["phrase"]] = NamedDay(tuple(row["name"].split()), row["country"] or None)
    return NamedDays(MappingProxyType(days))


def _in_calendar(cc: str, year: int, words: tuple[str, ...]) -> list[date]:
    """The days of ``year`` whose names in ``cc``'s calendar best match ``words``: Christmas
    Day rather than Christmas Eve, both of Ukraine's Christmas Days in 2021, the first day of
    a holiday of several."""
    try:
        calendar = holidays.country_holidays(cc)
    except NotImplementedError:  # a country the package has no calendar for
        return []
    language = "en_US" if "en_US" in calendar.supported_languages else None
    entries = holidays.country_holidays(cc, years=year, language=language,
                                        categories=calendar.supported_categories)
    ranked: list[tuple[int, date]] = []
    for day, names in entries.items():
        for name in names.split("; "):  # one date may carry several names
            extra = _extra_words(name, words)
            if extra is not None:
                ranked.append((extra, day))
    best = min((rank for rank, _ in ranked), default=None)
    days = {day for rank, day in ranked if rank == best}
    # a holiday of several days (Eid al-Fitr's three in Pakistan) is named by its first
    return sorted(d for d in days if d - timedelta(days=1) not in days)


def _extra_words(name: str, words: tuple[str, ...]) -> int | None:
    """How many words beyond ``words`` (and generic ones) ``name`` holds; None if it lacks
    one of ``words`` or only moves a day off."""
    lowered = name.lower()
    if "observed" in lowered or lowered.startswith("day off"):
        return None
    have = lowered.split()
    if not all(w in have for w in words):
        return None
    return sum(1 for w in have if w not in words and w not in _GENERIC)


def day_by_rule(year: int, rule: str) -> date:
    """The day a lexicon rule names in ``year``: ``12-25`` fixed, ``11-4-4`` the fourth
    Thursday of November (ISO weekday 4), ``5-1--1`` the last Monday of May."""
    month_s, _, rest = rule.partition("-")
    month = int(month_s)
    if rest.count("-") == 0:
        return date(year, month, int(rest))
    weekday_s, _, nth_s = rest.partition("-")
    weekday, nth = int(weekday_s), int(nth_s)
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
