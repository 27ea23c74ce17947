"""The merged incident record of the spec's "Merged incidents" section, and how to build it.

Spans are dropped from the merged fields: they index one article's text and would mislead in a
record built from several articles. Disagreements are kept, never averaged away, in ``conflicts``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spotrep._taxonomy import Coded
from spotrep.merge.reports import Report
from spotrep.records import Actor, Place, Toll, When

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class ReportRef:
    """Which article's which event reported the incident."""

    article_id: str
    event_id: str
    outlet: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "outlet": self.outlet,
            "published": self.published,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ReportRef:
        return cls(d["article_id"], d["event_id"], d["outlet"], d["published"])


@dataclass(frozen=True, slots=True)
class Conflict:
    """One field the reports disagree on; ``conservative`` is the lowest figure for tolls."""

    field: str
    values: tuple[tuple[Any, str, str | None], ...]
    conservative: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "field": self.field,
            "values": [{"value": v, "article_id": a, "outlet": o} for v, a, o in self.values],
        }
        if self.conservative is not None:
            out["conservative"] = self.conservative
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Conflict:
        values = tuple((v["value"], v["article_id"], v["outlet"]) for v in d["values"])
        return cls(d["field"], values, d.get("conservative"))


@dataclass(frozen=True, slots=True)
class Incident(Coded):
    id: str
    code: str
    actors: tuple[Actor, ...]
    when: When
    where: Place | None
    fatalities: Toll | None
    injuries: Toll | None
    reports: tuple[ReportRef, ...]
    conflicts: tuple[Conflict, ...] = ()

    @property
    def corroboration(self) -> int:
        """Distinct outlets; a report whose outlet is unknown counts as its own source."""
        return len({r.outlet or f"article:{r.article_id}" for r in self.reports})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actors": [a.to_dict() for a in self.actors],
            "when": self.when.to_dict(),
            "where": None if self.where is None else self.where.to_dict(),
            "fatalities": None if self.fatalities is None else self.fatalities.to_dict(),
            "injuries": None if self.injuries is None else self.injuries.to_dict(),
            "reports": [r.to_dict() for r in self.reports],
            "corroboration": self.corroboration,
            "conflicts": [c.to_dict() for c in self.conflicts],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Incident:
        return cls(
            id=d["id"],
            code=d["code"],
            actors=tuple(Actor.from_dict(a) for a in d["actors"]),
            when=When.from_dict(d["when"]),
            where=None if d["where"] is None else Place.from_dict(d["where"]),
            fatalities=Toll.from_dict(d["fatalities"]),
            injuries=Toll.from_dict(d["injuries"]),
            reports=tuple(ReportRef.from_dict(r) for r in d["reports"]),
            conflicts=tuple(Conflict.from_dict(c) for c in d["conflicts"]),
        )


def incident_id(founder: Report, salt: str = "") -> str:
    """A stable id from the report that opened the incident.

    The store salts it with the article's URL and text hash: the same text at two URLs, or two
    versions of one article, are different articles whose incidents must not share an id.
    """
    key = f"{founder.article_id}\x1f{founder.event.id}\x1f{salt}".encode()
    return "inc_" + hashlib.sha256(key).hexdigest()[:16]


def in_report_order(reports: Sequence[Report]) -> list[Report]:
    """Earliest published first, so that merged choices do not depend on arrival order."""
    return sorted(reports, key=lambda r: (r.published or "9999", r.article_id, r.event.id))


def merged_code(reports: Sequence[Report]) -> str:
    """The code most reports give; ties go to the earliest report."""
    counts = Counter(r.event.code for r in reports)
    best = max(counts.values())
    return next(r.event.code for r in reports if counts[r.event.code] == best)


def merged_when(reports: Sequence[Report]) -> When:
    """The most precise date any report gives (a date stated in the text beats a guessed one)."""

    def rank(r: Report) -> tuple[int, int, str]:
        w = r.event.when
        return (w.text is None, _DATE_RANK.get(w.precision or "", 4), w.start or "9999")

    w = min(reports, key=rank).event.when
    return dataclasses.replace(w, span=None)


def merged_where(reports: Sequence[Report]) -> Place | None:
    """The most precise geocoded place; among equals the name most reports give."""
    places = [r.event.where for r in reports if r.event.where is not None]
    if not places:
        return None
    names = Counter(p.name for p in places)

    def rank(p: Place) -> tuple[bool, int, int]:
        return (p.lat is None, p.precision or 3, -names[p.name])

    return dataclasses.replace(min(places, key=rank), span=None, text=None)


def merged_actors(reports: Sequence[Report]) -> tuple[Actor, ...]:
    """Every actor any report names, once per role and name."""
    seen: dict[tuple[str, str], Actor] = {}
    for r in reports:
        for a in r.event.actors:
            key = (a.role, (a.name or a.text).casefold())
            if key not in seen:
                seen[key] = dataclasses.replace(a, span=None)
    return tuple(seen.values())


def merged_toll(tolls: Sequence[Toll | None]) -> Toll | None:
    """ACLED's conservative figure: the lowest count reported, with the full reported range."""
    counts = [t.count for t in tolls if t is not None and t.count is not None]
    if not counts:
        return None
    lows = [t.min if t.min is not None else t.count for t in tolls if t is not None]
    highs = [t.max if t.max is not None else t.count for t in tolls if t is not None]
    low = min(v for v in lows if v is not None)
    high = max(v for v in highs if v is not None)
    return Toll(count=min(counts), min=min(low, min(counts)), max=max(high, max(counts)))


def _toll_count(t: Toll | None) -> int | None:
    return None if t is None else t.count


def _when_value(w: When) -> str | None:
    if w.start is None or w.text is None:
        return None  # a date guessed from the publication date is not a reported date
    return w.start if w.end in (None, w.start) else f"{w.start}/{w.end}"


def _actor1_value(r: Report) -> str | None:
    names = sorted({a.name for a in r.event.actors if a.role == "actor1" and a.name})
    return "; ".join(names) or None


FIELDS: tuple[tuple[str, Callable[[Report], Hashable]], ...] = (
    ("code", lambda r: r.event.code),
    ("when", lambda r: _when_value(r.event.when)),
    ("where", lambda r: r.event.where.name if r.event.where else None),
    ("actor1", _actor1_value),
    ("fatalities", lambda r: _toll_count(r.event.fatalities)),
    ("injuries", lambda r: _toll_count(r.event.injuries)),
)
"""The fields compared across reports, with how to read each from one report."""


def conflicts(reports: Sequence[Report]) -> tuple[Conflict, ...]:
    """Each field on which the reports that state it disagree, with who said what."""
    out: list[Conflict] = []
    for name, read in FIELDS:
        values = [(read(r), r.article_id, r.outlet) for r in reports]
        stated = tuple(v for v in values if v[0] is not None)
        if len({v[0] for v in stated}) < 2:
            continue
        low = min(int(str(v[0])) for v in stated) if name in ("fatalities", "injuries") else None
        out.append(Conflict(name, stated, low if name == "fatalities" else None))
    return tuple(out)


def merge_incident(id: str, reports: Sequence[Report]) -> Incident:
    """The incident record for ``reports`` (at least one), in a deterministic order."""
    if not reports:
        raise ValueError("an incident needs at least one report")
    ordered = in_report_order(reports)
    return Incident(
        id=id,
        code=merged_code(ordered),
        actors=merged_actors(ordered),
        when=merged_when(ordered),
        where=merged_where(ordered),
        fatalities=merged_toll([r.event.fatalities for r in ordered]),
        injuries=merged_toll([r.event.injuries for r in ordered]),
        reports=tuple(
            ReportRef(r.article_id, r.event.id, r.outlet, r.published) for r in ordered
        ),
        conflicts=conflicts(ordered),
    )
