"""One exported record: an incident or a stored event, with what the store knows besides it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spotrep.merge import Incident
from spotrep.store import StoredEvent


@dataclass(frozen=True, slots=True)
class Item:
    """One exported record with its ingest time (Unix seconds) and its articles' URLs;
    ``note`` says what the export changed in it (a toll counted with another record)."""

    record: Incident | StoredEvent
    timestamp: int | None
    urls: tuple[str | None, ...]
    note: str | None = None

    @property
    def id(self) -> str:
        r = self.record
        return r.id if isinstance(r, Incident) else f"{r.article_id}/{r.event.id}"


def unix_time(iso: str | None) -> int | None:
    return None if not iso else int(datetime.fromisoformat(iso).timestamp())
