"""What the store's queries return besides incidents: events with their article, failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spotrep.records import Event


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
