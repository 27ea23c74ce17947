"""What the store's queries return besides incidents: events with their article, failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spotrep.merge import Incident
from spotrep.records import Claim, Event


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with the article it came from and the incident it was merged into."""

    event: Event
    article_id: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    incident_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": {
                "id": self.article_id,
                "url": self.url,
                "outlet": self.outlet,
                "published": self.published,
                "title": self.title,
            },
            "incident_id": self.incident_id,
            "event": self.event.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class StoredFailure:
    source: str | None
    article_id: str
    reason: str
    time: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "article_id": self.article_id,
            "reason": self.reason,
            "time": self.time,
        }


@dataclass(frozen=True, slots=True)
class ReportDetail:
    """One report of an incident: the event as its article tells it, and the claims about it."""

    stored: StoredEvent
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.stored.to_dict(), "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    """An incident in full: the merged record and each report behind it."""

    incident: Incident
    reports: tuple[ReportDetail, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"incident": self.incident.to_dict(),
                "reports": [r.to_dict() for r in self.reports]}


@dataclass(frozen=True, slots=True)
class StoredRun:
    """One ingest run: when it began, what it was given, how many stored articles it added."""

    id: str
    started_at: str
    sources: tuple[str, ...]
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "started_at": self.started_at, "sources": list(self.sources),
                "articles": self.articles}
