"""Merge blocking: which stored incidents a new report is compared with.

The merge rules decide whether a report joins an incident; blocking only keeps the number of
incidents they are asked about bounded whatever the size of the store and the density of the
news. Each report is blocked on its own date window and its own country:

- a vague date ("this month", "this year", a date guessed from the publication date) opens
  no wide window: its block is the last ``VAGUE_BLOCK_DAYS`` days of its window (up to the
  day it was published), so one report dated "this year" is not compared with every incident
  of the year. Such a report is still a candidate: it can join the incident it finds there,
  and precise reports find its incident by that incident's other members;
- an incident's stored window (what a block matches) is its precisely dated members' windows
  when it has any, else its members' narrowed blocks: a vague member does not widen it;
- a report placed nowhere is blocked in the countries its article's other reports and places
  name, and among the incidents placed nowhere; never in every country;
- each country's block holds at most ``BLOCK_CAP`` incidents, the latest ending first, and the
  block of incidents placed nowhere ``UNPLACED_CAP``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from spotrep.merge import Report, date_window
from spotrep.merge.rules import Window, date_is_vague

VAGUE_BLOCK_DAYS = 3
"""Days a vaguely dated report's block spans, ending at its publication (or window end)."""

BLOCK_CAP = 60
"""Incidents per country that one report is compared with (the latest ending first). Comparing
a report with an incident costs about 40 us in the merge rules; at the density of a
GDELT day (thousands of incidents a day in a busy country) an uncapped block is seconds."""

UNPLACED_CAP = 20
"""Incidents placed nowhere that one report is compared with."""

BlockKey = tuple[str | None, str, str]
"""A country (None: incidents placed nowhere) and a window's first and last ISO dates."""


def block_window(report: Report) -> Window | None:
    """The dates a report's block spans: its date window, narrowed when the date is vague."""
    window = date_window(report)
    if window is None or not date_is_vague(report):
        return window
    lo, hi = window
    if report.published is not None:
        hi = max(lo, min(hi, date.fromisoformat(report.published)))
    return max(lo, hi - timedelta(days=VAGUE_BLOCK_DAYS)), hi


def incident_window(reports: Sequence[Report]) -> Window | None:
    """The window an incident is found by: its precise members', else its members' blocks."""
    precise = [w for r in reports if not date_is_vague(r) and (w := date_window(r))]
    windows = precise or [w for r in reports if (w := block_window(r)) is not None]
    if not windows:
        return None
    return min(w[0] for w in windows), max(w[1] for w in windows)


def block_keys(reports: Sequence[Report], article_countries: Iterable[str]) -> list[BlockKey]:
    """The distinct (country, window) blocks of one article's reports, in a stable order.

    ``article_countries``: the countries the article's places name, for its unplaced reports.
    """
    placed = {r.event.where.country for r in reports if r.event.where and r.event.where.country}
    fallback = sorted(placed | set(article_countries))
    keys: set[BlockKey] = set()
    for r in reports:
        window = block_window(r)
        if window is None:
            continue
        lo, hi = window[0].isoformat(), window[1].isoformat()
        country = r.event.where.country if r.event.where else None
        for c in [country] if country else fallback:
            keys.add((c, lo, hi))
        keys.add((None, lo, hi))  # incidents placed nowhere may be anyone's
    return sorted(keys, key=lambda k: (k[0] or "", k[1], k[2]))
