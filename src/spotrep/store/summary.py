"""Summaries of incidents or events: counts and fatality sums by week, month, place, code or actor.

Each group sums the conservative toll (ACLED's lowest reported figure), and beside it the sums
of the lowest and highest figures the reports give, so a disputed toll shows as a range rather
than disappearing into one number. A record with several actors counts under each of them, so
``--by actor`` groups overlap; the total is always over the records themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from spotrep.merge import Incident
from spotrep.records import Actor, Place, Toll, When
from spotrep.store.filters import country_name
from spotrep.store.stored import StoredEvent

By = Literal["week", "month", "country", "admin1", "code", "actor"]
GROUPINGS: tuple[str, ...] = get_args(By)
UNKNOWN = "(unknown)"


@dataclass(frozen=True, slots=True)
class Group:
    """One line of a summary: the records of ``key`` and their tolls."""

    key: str
    records: int
    fatalities: int
    fatalities_min: int
    fatalities_max: int
    disputed: int
    """Records whose reports give different fatality figures."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "records": self.records,
            "fatalities": self.fatalities,
            "fatalities_min": self.fatalities_min,
            "fatalities_max": self.fatalities_max,
            "disputed": self.disputed,
        }


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a summary reads of one incident or event."""

    when: When
    where: Place | None
    code_name: str
    actors: tuple[Actor, ...]
    fatalities: Toll | None
    disputed: bool


def _of_incident(inc: Incident) -> _Facts:
    disputed = any(c.field == "fatalities" for c in inc.conflicts)
    return _Facts(inc.when, inc.where, inc.sub_event_type, inc.actors, inc.fatalities, disputed)


def _of_event(se: StoredEvent) -> _Facts:
    e = se.event  # one report: a range it gives ("5 to 10") is not a dispute between reports
    return _Facts(e.when, e.where, e.sub_event_type, e.actors, e.fatalities, False)


def _week(f: _Facts) -> list[str]:
    if not f.when.start:
        return [UNKNOWN]
    year, week, _ = date.fromisoformat(f.when.start).isocalendar()
    return [f"{year}-W{week:02d}"]


def _admin1(f: _Facts) -> list[str]:
    w = f.where
    if w is None or not w.admin1:
        return [UNKNOWN]
    return [f"{w.admin1} ({country_name(w.country)})" if w.country else w.admin1]


def _actor_names(f: _Facts) -> list[str]:
    names = dict.fromkeys(a.name or a.text for a in f.actors)
    return list(names) or [UNKNOWN]


KEYS: dict[str, Callable[[_Facts], list[str]]] = {
    "week": _week,
    "month": lambda f: [f.when.start[:7]] if f.when.start else [UNKNOWN],
    "country": lambda f: [country_name(f.where.country)]
    if f.where is not None and f.where.country else [UNKNOWN],
    "admin1": _admin1,
    "code": lambda f: [f.code_name],
    "actor": _actor_names,
}
"""How each grouping names a record's group(s)."""


def summarize(records: Iterable[Incident | StoredEvent], by: str) -> tuple[list[Group], Group]:
    """The groups (in key order; ``(unknown)`` last) and the total over all records."""
    if by not in KEYS:
        raise ValueError(f"--by must be one of {', '.join(GROUPINGS)}, got {by!r}")
    key_of = KEYS[by]
    facts = [_of_incident(r) if isinstance(r, Incident) else _of_event(r) for r in records]
    members: dict[str, list[_Facts]] = {}
    for f in facts:
        for key in key_of(f):
            members.setdefault(key, []).append(f)
    order = sorted(members, key=lambda k: (k == UNKNOWN, k.casefold()))
    return [_group(k, members[k]) for k in order], _group("total", facts)


def _bounds(toll: Toll | None) -> tuple[int, int]:
    if toll is None or toll.count is None:
        return 0, 0
    low = toll.min if toll.min is not None else toll.count
    high = toll.max if toll.max is not None else toll.count
    return min(low, toll.count), max(high, toll.count)


def _group(key: str, facts: Sequence[_Facts]) -> Group:
    counts = [f.fatalities.count if f.fatalities and f.fatalities.count else 0 for f in facts]
    bounds = [_bounds(f.fatalities) for f in facts]
    return Group(key, len(facts), sum(counts), sum(b[0] for b in bounds),
                 sum(b[1] for b in bounds), sum(f.disputed for f in facts))
