"""A Report: one event as one article tells it, with the article metadata merging needs."""

from __future__ import annotations

from dataclasses import dataclass
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


def reports_of(result: Result, article_key: str = "") -> tuple[Report, ...]:
    """The mergeable reports of one result: only events with status ``reported`` merge."""
    a = result.article
    return tuple(
        Report(e, a.id, a.outlet, a.published, article_key)
        for e in result.events
        if e.status == "reported"
    )
