"""When two reports can be one incident: blocking windows and pairwise compatibility.

A report's date window and place radius widen with its precision, so a vague report can match
precise ones, but a vague date or place must be backed by stronger agreement (same code and a
shared actor, toll or place name) because the block alone says little.
"""

from __future__ import annotations

import csv
import functools
import math
from datetime import date, timedelta
from importlib import resources
from types import MappingProxyType

from spotrep.merge.reports import Report
from spotrep.records import Event, Place

DATE_SLACK_DAYS: MappingProxyType[str | None, int] = MappingProxyType(
    {"day": 1, "week": 1, "month": 0, "year": 0, None: 2}
)
"""Days added on both sides of a report's date range: reporters disagree by a day or so."""

UNDATED_LOOKBACK_DAYS = 2
"""A date taken from the publication date may be that day or up to two days before it."""

PLACE_RADIUS_KM: MappingProxyType[int, float] = MappingProxyType({1: 25.0, 2: 50.0})
"""How far apart two geocodes of one incident can be, by ACLED geo precision (3: region only)."""

VAGUE_DATE_PRECISIONS = frozenset({"month", "year", None})

Window = tuple[date, date]


@functools.cache
def compatible_code_pairs() -> MappingProxyType[frozenset[str], str]:
    """Pairs of different codes that may describe one incident, with the condition they need."""
    text = (
        resources.files("spotrep.data")
        .joinpath("merge/compatible_codes.tsv")
        .read_text(encoding="utf-8")
    )
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return MappingProxyType({frozenset((r["code_a"], r["code_b"])): r["condition"] for r in rows})


def codes_compatible(a: Event, b: Event) -> bool:
    """Same code, or a listed pair whose condition holds (the weapon is unclear, same crowd)."""
    if a.code == b.code:
        return True
    condition = compatible_code_pairs().get(frozenset((a.code, b.code)))
    if condition == "always":
        return True
    if condition == "same_actor":
        # a protest and a riot in one city on one day are often two events: the crowd
        # must be the same for them to be one
        return bool(actor1_names(a) & actor1_names(b))
    return condition == "weapon_unclear" and (a.weapon is None or b.weapon is None)


def date_window(report: Report) -> Window | None:
    """The dates the report's event may fall on, widened by its precision; None if undated."""
    when = report.event.when
    guessed = when.text is None and report.published is not None
    if when.start is None or guessed:
        if report.published is None:
            return None
        published = date.fromisoformat(report.published)
        return published - timedelta(days=UNDATED_LOOKBACK_DAYS), published
    slack = timedelta(days=DATE_SLACK_DAYS.get(when.precision, 2))
    start = date.fromisoformat(when.start)
    end = date.fromisoformat(when.end) if when.end else start
    return start - slack, end + slack


def windows_overlap(a: Window | None, b: Window | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def date_is_vague(report: Report) -> bool:
    """A month/year/unknown precision date, or one guessed from the publication date."""
    when = report.event.when
    return when.start is None or when.text is None or when.precision in VAGUE_DATE_PRECISIONS


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


REGION_FEATURES = frozenset({"country", "admin1", "region"})


def place_radius_km(place: Place | None) -> float | None:
    """The radius a geocode stands for, or None when it only names a region or country."""
    if place is None or place.lat is None or place.lon is None:
        return None
    if place.feature in REGION_FEATURES:
        return None  # a province's centroid says nothing about where in it
    return PLACE_RADIUS_KM.get(place.precision or 2)


def place_is_vague(report: Report) -> bool:
    return place_radius_km(report.event.where) is None


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Within the larger of the two radii; region-level places must share country and admin1."""
    if a is not None and b is not None:
        if a.country and b.country and a.country != b.country:
            return False
        ra, rb = place_radius_km(a), place_radius_km(b)
        if ra is not None and rb is not None:
            assert a.lat is not None and a.lon is not None and b.lat is not None
            assert b.lon is not None
            return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max(ra, rb)
        # one names only a region: the point must lie in it, which admin1 approximates
        return not (a.admin1 and b.admin1 and a.admin1 != b.admin1)
    return True


@functools.cache
def generic_actor_names() -> frozenset[str]:
    """Names that identify no one in particular (``data/merge/generic_actors.txt``)."""
    text = (
        resources.files("spotrep.data")
        .joinpath("merge/generic_actors.txt")
        .read_text(encoding="utf-8")
    )
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def is_generic(name: str) -> bool:
    key = name.casefold()
    return key.startswith("unidentified") or key in generic_actor_names()


def actor1_names(event: Event) -> frozenset[str]:
    """The specific (not generic) names of the event's actor1, casefolded."""
    return frozenset(
        a.name.casefold()
        for a in event.actors
        if a.role == "actor1" and a.name and not is_generic(a.name)
    )


def weapon_head(event: Event) -> str | None:
    """The last word of the weapon mention ("roadside bomb" -> "bomb"), casefolded."""
    words = event.weapon.text.split() if event.weapon else []
    return words[-1].casefold() if words else None


def actors_compatible(a: Event, b: Event) -> bool:
    """No contradicting named actor1: two named attackers must share a name."""
    na, nb = actor1_names(a), actor1_names(b)
    return not na or not nb or bool(na & nb)


def strong_agreement(a: Report, b: Report) -> bool:
    """Same code and one more shared specific: an actor1 name, the fatality count or the weapon.

    The place name does not count: it is what the block already matched on.
    """
    ea, eb = a.event, b.event
    if ea.code != eb.code:
        return False
    if actor1_names(ea) & actor1_names(eb):
        return True
    fa = ea.fatalities.count if ea.fatalities else None
    fb = eb.fatalities.count if eb.fatalities else None
    if fa is not None and fa == fb:
        return True
    wa = weapon_head(ea)
    return wa is not None and wa == weapon_head(eb)


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports from different articles may be one incident."""
    if a.article == b.article:
        return False  # one article's distinct events are distinct incidents
    ea, eb = a.event, b.event
    if not codes_compatible(ea, eb) or not actors_compatible(ea, eb):
        return False
    if not windows_overlap(date_window(a), date_window(b)):
        return False
    if not places_compatible(ea.where, eb.where):
        return False
    vague = (date_is_vague(a) or date_is_vague(b)) + (place_is_vague(a) or place_is_vague(b))
    if vague == 2:
        return False  # neither the date nor the place pins the incident down
    return vague == 0 or strong_agreement(a, b)


def affinity(a: Report, b: Report) -> float:
    """How alike two compatible reports are (higher is closer), to pick among candidates."""
    score = 1.0 if a.event.code == b.event.code else 0.5
    wa, wb = date_window(a), date_window(b)
    if wa is not None and wb is not None:
        gap = abs((wa[0] - wb[0]).days) + abs((wa[1] - wb[1]).days)
        score += 1.0 / (1.0 + gap)
    pa, pb = a.event.where, b.event.where
    if pa and pb and None not in (pa.lat, pa.lon, pb.lat, pb.lon):
        assert pa.lat is not None and pa.lon is not None and pb.lat is not None
        assert pb.lon is not None
        score += 1.0 / (1.0 + haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) / 10.0)
    return score
