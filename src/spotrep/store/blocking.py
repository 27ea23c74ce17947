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
  block of incidents placed nowhere ``UNPLACED_CAP``;
- of those, only the incidents some report of the article could join are read (``Near``): for
  a precisely placed report, those whose *reach* (the box around their members' points, each
  widened by that point's radius, ``rules.place_radius_km``) meets the report's box (two
  precise places are compatible only within the larger radius, so each lies in the other's
  box); for a report placed vaguely or nowhere, those with a member of its code (it needs
  strong agreement, which needs one code). An incident with a member placed vaguely reaches
  everywhere. The incidents left out could not have been joined: merging gives the same
  incidents, only the caps decide (as before) which of many candidates are compared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spotrep.merge import Report, date_window
from spotrep.merge.rules import EARTH_RADIUS_KM, Window, date_is_vague, place_radius_km
from spotrep.records import Place

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


Box = tuple[float, float, float, float]
"""South, north, west and east edges in degrees (never across the 180th meridian)."""

BOX_MARGIN_DEG = 1e-6
"""Added on every side of a box (about 0.1 m): floating-point rounding never leaves a point
within the radius outside it."""


def place_box(place: Place | None) -> Box | None:
    """The box holding every point within the place's radius (``rules.place_radius_km``), or
    None when the place has no radius (a region, no coordinates) or the box would hold a pole
    or cross the 180th meridian (the place may then be compared with anything)."""
    radius = place_radius_km(place)
    if radius is None:
        return None
    assert place is not None and place.lat is not None and place.lon is not None
    angle = radius / EARTH_RADIUS_KM  # radians
    dlat = math.degrees(angle)
    if abs(place.lat) + dlat >= 90.0:
        return None
    # the farthest longitude a point within the angle reaches (the circle's tangent points)
    dlon = math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(place.lat))))
    west, east = place.lon - dlon - BOX_MARGIN_DEG, place.lon + dlon + BOX_MARGIN_DEG
    if west < -180.0 or east > 180.0:
        return None
    return (place.lat - dlat - BOX_MARGIN_DEG, place.lat + dlat + BOX_MARGIN_DEG, west, east)


def incident_reach(reports: Sequence[Report]) -> Box | None:
    """The box around the boxes of an incident's members' places, or None (it may be joined
    from anywhere) when a member has no box (``place_box``)."""
    boxes = [place_box(r.event.where) for r in reports]
    if not boxes or any(b is None for b in boxes):
        return None
    return _around([b for b in boxes if b is not None])


@dataclass(frozen=True, slots=True)
class Near:
    """What an incident of an article's blocks must have for a report of the article to join
    it: a reach meeting one of ``boxes`` (the precisely placed reports'), or a member of one
    of ``codes`` (the reports placed vaguely or not at all, which need one code and more to
    join: ``rules.strong_agreement``)."""

    boxes: tuple[Box, ...] = ()
    codes: tuple[str, ...] = ()


def article_near(reports: Sequence[Report]) -> Near | None:
    """What the incidents an article's reports could join have (``Near``), or None (any
    incident of its blocks may be joined) when a precisely placed report has no box.

    Dated reports only: an undated one joins nothing, and neither does one vague in both its
    date and its place (``rules.compatible``)."""
    boxes: set[Box] = set()
    codes: set[str] = set()
    for r in reports:
        if date_window(r) is None:
            continue
        if place_radius_km(r.event.where) is None:
            if not date_is_vague(r):
                codes.add(r.event.code)
            continue
        box = place_box(r.event.where)
        if box is None:
            return None
        boxes.add(box)
    return Near(tuple(sorted(boxes)), tuple(sorted(codes)))


def member_codes(reports: Sequence[Report]) -> str:
    """The codes of an incident's members, each between spaces (`` A B ``): an SQL ``LIKE``
    finds one."""
    return f" {' '.join(sorted({r.event.code for r in reports}))} "


def _around(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), max(b[1] for b in boxes),
            min(b[2] for b in boxes), max(b[3] for b in boxes))
