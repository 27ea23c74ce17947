"""A Report: one event as one article tells it, with the article metadata merging needs."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from spotrep.records import Event, Result


@dataclass(frozen=True, slots=True)
class Report:
    """One event of one article; ``published`` is the article's ISO date or None.

    ``article_key`` tells stored articles apart when they share an id (one text at two URLs);
    it defaults to the article id.
    """

    event: Event
    article_id: str
    outlet: str | None = None
    published: str | None = None
    article_key: str = ""
    signature: Hashable = field(init=False, compare=False, repr=False)
    """What the merge rules read of the report besides its article (see ``signature``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature", signature(self.event, self.published))

    @property
    def article(self) -> str:
        """Which article this report comes from (its events never merge with each other)."""
        return self.article_key or self.article_id

    def to_dict(self) -> dict[str, Any]:
        """The report as the spec's incident ``reports`` entry."""
        return {
            "article_id": self.article_id,
            "event_id": self.event.id,
            "outlet": self.outlet,
            "published": self.published,
        }


def signature(event: Event, published: str | None) -> Hashable:
    """Every field of a report the merge rules read, except its article.

    Two reports with one signature (copies of a wire story in several outlets) compare alike
    with any third report of another article, so a large incident is compared once per
    distinct signature. A rule that reads a new field must add it here.
    """
    w, p = event.when, event.where
    place = None if p is None else (
        p.name, p.text, p.feature, p.country, p.admin1, p.lat, p.lon, p.precision,
        None if p.span is None else p.span.start,
    )
    return (
        event.code, w.text, w.start, w.end, w.precision, place,
        tuple(sorted((a.role, a.name or "", a.text) for a in event.actors)),
        None if event.fatalities is None else event.fatalities.count,
        None if event.injuries is None else event.injuries.count,
        None if event.weapon is None else event.weapon.text,
        published,
    )


def reports_of(result: Result, article_key: str = "") -> tuple[Report, ...]:
    """The mergeable reports of one result: only events with status ``reported`` merge."""
    a = result.article
    return tuple(
        Report(e, a.id, a.outlet, a.published, article_key)
        for e in result.events
        if e.status == "reported"
    )
