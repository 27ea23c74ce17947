"""When two reports can be one incident: blocking windows and pairwise compatibility.

A report's date window and place radius widen with its precision, so a vague report can match
precise ones, but a vague date or place must be backed by stronger agreement (same code and a
shared actor, toll or kind of weapon) because the block alone says little.

``conflicting`` says when two reports must be two incidents whatever else agrees (look-alikes:
one town on different stated days, one day far apart, a protest and a riot by different
crowds), and ``same_report`` when two events of one article are pieces of one incident. An
article may tell several incidents: its events that are not pieces of one stay apart.
"""

from __future__ import annotations

import functools
import math
from datetime import date, timedelta
from types import MappingProxyType

from spotrep import data
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
    rows = data.records("merge", "compatible_codes.tsv")
    return MappingProxyType({frozenset((r["code_a"], r["code_b"])): r["condition"] for r in rows})


@functools.cache
def related_codes(code: str) -> frozenset[str]:
    """The codes an event of ``code`` may be compatible with: itself and its listed partners."""
    partners = (c for pair in compatible_code_pairs() if code in pair for c in pair)
    return frozenset((code, *partners))


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
    w = report.event.when
    return _window(w.text is None, w.start, w.end, w.precision, report.published)


@functools.lru_cache(maxsize=4096)
def _window(
    guessed_date: bool, start: str | None, end: str | None, precision: str | None,
    published: str | None,
) -> Window | None:
    # cached: merging asks for the window of each report many times over
    guessed = guessed_date and published is not None
    if start is None or guessed:
        if published is None:
            return None
        day = date.fromisoformat(published)
        return day - timedelta(days=UNDATED_LOOKBACK_DAYS), day
    slack = timedelta(days=DATE_SLACK_DAYS.get(precision, 2))
    first = date.fromisoformat(start)
    last = date.fromisoformat(end) if end else first
    return first - slack, last + slack


def windows_overlap(a: Window | None, b: Window | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def date_is_vague(report: Report) -> bool:
    """A month/year/unknown precision date, or one guessed from the publication date."""
    when = report.event.when
    return when.start is None or when.text is None or when.precision in VAGUE_DATE_PRECISIONS


EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


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
    return frozenset(line.casefold() for line in data.lines("merge", "generic_actors.txt"))


def is_generic(name: str) -> bool:
    """A name that identifies no one: listed, "Unidentified ...", or a listed name qualified
    by a country in brackets, as in ACLED's "Civilians (Russia)"."""
    key = name.casefold()
    base = key.split(" (", 1)[0].strip() if key.endswith(")") else key
    return key.startswith("unidentified") or key in generic_actor_names() or (
        base in generic_actor_names()
    )


def actor1_names(event: Event) -> frozenset[str]:
    """The specific (not generic) names of the event's actor1, casefolded."""
    return frozenset(
        a.name.casefold()
        for a in event.actors
        if a.role == "actor1" and a.name and not is_generic(a.name)
    )


_WEAPON_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "s")


def _stem(word: str) -> str:
    word = word.casefold()
    for suffix in _WEAPON_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def weapon_head(event: Event) -> str | None:
    """The last word of the weapon mention, casefolded and stemmed: "roadside bomb", "suicide
    bomber" and "bombing" all give "bomb", "shells" and "shelling" give "shell"."""
    words = event.weapon.text.split() if event.weapon else []
    return _stem(words[-1]) if words else None


@functools.cache
def weapon_kinds() -> MappingProxyType[tuple[str, ...], str]:
    """Stemmed words (one or two) naming a kind of weapon (``data/merge/weapon_kinds.tsv``)."""
    rows = data.records("merge", "weapon_kinds.tsv")
    return MappingProxyType(
        {tuple(_stem(w) for w in r["word"].split()): r["kind"] for r in rows}
    )


def weapon_kind(event: Event) -> str | None:
    """The kind of weapon the mention names ("Israeli jets", "air strike" -> "aircraft"), or
    its stemmed head word when no listed word names a kind."""
    if event.weapon is None:
        return None
    words = [_stem(w) for w in event.weapon.text.replace("-", " ").split()]
    kinds = weapon_kinds()
    for i in range(len(words) - 1, -1, -1):  # the head (last word) first
        for key in ((*words[i - 1 : i + 1],) if i else (), (words[i],)):
            if key in kinds:
                return kinds[key]
    return words[-1] if words else None


def actors_compatible(a: Event, b: Event) -> bool:
    """No contradicting named actor1: two named attackers must share a name."""
    na, nb = actor1_names(a), actor1_names(b)
    return not na or not nb or bool(na & nb)


def strong_agreement(a: Report, b: Report) -> bool:
    """Same code and one more shared specific: an actor1 name, the fatality count or the kind
    of weapon (``weapon_kind``).

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
    wa = weapon_kind(ea)
    return wa is not None and wa == weapon_kind(eb)


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports from different articles may be one incident."""
    if a.article == b.article:
        return False  # one article's distinct events are distinct incidents
    ea, eb = a.event, b.event
    # the cheap tests first: in a dense block most candidates are another day or place, and
    # the actor test builds name sets (the result is the same in any order)
    if not windows_overlap(date_window(a), date_window(b)):
        return False
    if not places_compatible(ea.where, eb.where):
        return False
    if not codes_compatible(ea, eb) or not actors_compatible(ea, eb):
        return False
    vague = (date_is_vague(a) or date_is_vague(b)) + (place_is_vague(a) or place_is_vague(b))
    if vague == 2:
        return False  # neither the date nor the place pins the incident down
    return vague == 0 or strong_agreement(a, b)


LOOKALIKE_DAYS = 3
"""Two reports placed at one spot with stated dates this many days apart are two incidents."""

NEXT_DAY = 1
"""Two reports of one code at one spot stating consecutive days and different death tolls are two
incidents, unless one of them dates its event by the night (``night_words``), which reporters
give to either day. A piece of a report dated wrongly by a day usually states no toll."""

LOOKALIKE_KM = 150.0
"""Two reports of one day placed this far apart are two incidents."""


def stated_day(report: Report) -> date | None:
    """The day the text states for the event (not one guessed from the publication date)."""
    when = report.event.when
    if when.text is None or when.precision != "day" or when.start is None:
        return None
    if when.end not in (None, when.start):
        return None
    return date.fromisoformat(when.start)


@functools.cache
def night_words() -> frozenset[str]:
    """Words of a date phrase that put the event at night (``data/merge/night_words.txt``)."""
    return frozenset(line.casefold() for line in data.lines("merge", "night_words.txt"))


def dated_by_night(report: Report) -> bool:
    """Whether the report's date phrase tells the time as night ("last night", "overnight")."""
    words = (report.event.when.text or "").casefold().replace("-", " ").split()
    return any(w in night_words() for w in words)


def _days_apart_conflict(a: Report, b: Report, days: int) -> bool:
    """Stated days this far apart at one spot: ``LOOKALIKE_DAYS`` or more for any codes; from
    ``NEXT_DAY`` for one code with two different death tolls, when neither report dates its
    event by the night."""
    if days >= LOOKALIKE_DAYS:
        return True
    if days < NEXT_DAY or a.event.code != b.event.code or dated_by_night(a) or dated_by_night(b):
        return False
    fa, fb = a.event.fatalities, b.event.fatalities
    return fa is not None and fb is not None and None not in (fa.count, fb.count) and (
        fa.count != fb.count
    )


def _precise_points(a: Report, b: Report) -> tuple[Place, Place] | None:
    pa, pb = a.event.where, b.event.where
    if place_radius_km(pa) is None or place_radius_km(pb) is None:
        return None
    assert pa is not None and pb is not None
    return pa, pb


def conflicting(a: Report, b: Report) -> bool:
    """Whether two reports from different articles must be different incidents.

    Contradicting named attackers; one place with stated days ``LOOKALIKE_DAYS`` or more
    apart, or consecutive stated days for one code and two tolls (``_days_apart_conflict``); one
    stated day with places ``LOOKALIKE_KM`` or more apart or in different
    countries; a protest-family and a riot-family code (listed as needing the same crowd)
    without a shared crowd.
    """
    ea, eb = a.event, b.event
    if codes_compatible(ea, eb) and not actors_compatible(ea, eb):
        return True  # (actors of events of unrelated codes describe different acts)
    if compatible_code_pairs().get(frozenset((ea.code, eb.code))) == "same_actor" and not (
        actor1_names(ea) & actor1_names(eb)
    ):
        return True
    points = _precise_points(a, b)
    da, db = stated_day(a), stated_day(b)
    if points is not None:
        pa, pb = points
        if pa.country and pb.country and pa.country != pb.country:
            return True
        assert pa.lat is not None and pa.lon is not None and pb.lat is not None
        assert pb.lon is not None
        km = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
        if da is not None and db is not None:
            if da == db and km >= LOOKALIKE_KM:
                return True
            radius = max(place_radius_km(pa) or 0.0, place_radius_km(pb) or 0.0)
            if km <= radius and _days_apart_conflict(a, b, abs((da - db).days)):
                return True
    return False


ARMED_VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                                  "Violence against civilians"})
"""Event types whose events one attack or battle often gives several of (fighting, shelling,
killings of civilians): an article's events of these types on one day at one place are one."""


def same_report(a: Report, b: Report) -> bool:
    """Whether two events of one article may be pieces of one incident.

    The extractor may split one incident into several events; an article may also tell two
    incidents, which stay apart (``cluster.join_article`` lets an incident take one unit of an
    article at most).
    Events whose codes may describe one incident, with no contradicting attacker, overlapping
    dates (not two different days the text states for them) and compatible places are taken
    as such pieces, and so are events of armed violence
    (``ARMED_VIOLENCE_TYPES``) of any codes stated for one day at one precise place.
    """
    ea, eb = a.event, b.event
    if not actors_compatible(ea, eb):
        return False
    if not codes_compatible(ea, eb):
        # other codes of armed violence are pieces only when stated for one day at one precise
        # place (the fighting and the explosions heard in one town that morning)
        if {ea.event_type, eb.event_type} - ARMED_VIOLENCE_TYPES:
            return False
        day = stated_day(a)
        points = _precise_points(a, b)
        return day is not None and day == stated_day(b) and points is not None and (
            places_compatible(*points)
        )
    da, db = stated_day(a), stated_day(b)
    if da is not None and db is not None and da != db:
        return False  # the article states two days: it tells two incidents
    wa, wb = date_window(a), date_window(b)
    if wa is not None and wb is not None and not windows_overlap(wa, wb):
        return False
    return places_compatible(ea.where, eb.where)


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
