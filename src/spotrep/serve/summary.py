"""``/api/summary``: events and fatalities per group (day, week, month, country, code, ...)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

from spotrep._taxonomy import TAXONOMY
from spotrep.store import StoredEvent
from spotrep.store.columns import DICTIONARY_COLUMNS, EventColumns

By = Literal["day", "week", "month", "country", "admin1", "code", "event_type", "actor",
             "outlet", "status"]
BY_RECORD = frozenset({"actor", "admin1"})
"""Groups read from decoded events; the others from the events' columns."""

def _key(value: Any, by: By) -> str | None:
    """The group of one value of the column ``by`` reads (a date for day, week and month)."""
    if value is None:
        return None
    if by in ("day", "week", "month"):
        d = date.fromisoformat(value)
        if by == "week":
            d -= timedelta(days=d.weekday())
        elif by == "month":
            d = d.replace(day=1)
        return d.isoformat()
    if by == "event_type":
        return TAXONOMY[value].event_type
    return str(value)


def column_keys(cols: EventColumns, by: By) -> list[str | None]:
    """Each event's group, read from its columns (once per dictionary value)."""
    name = {"day": "date", "week": "date", "month": "date", "event_type": "code"}.get(by, by)
    values = cols.columns[name]
    if name not in DICTIONARY_COLUMNS:
        return [_key(v, by) for v in values]
    keys = [_key(v, by) for v in cols.dictionaries[name]]
    return list(map(keys.__getitem__, values))


def record_keys(se: StoredEvent, by: By) -> list[str | None]:
    """The groups of one decoded event for ``BY_RECORD`` (an event counts for each actor1)."""
    if by == "actor":
        return [a.name or a.text for a in se.event.actors if a.role == "actor1"] or [None]
    where = se.event.where
    return [where.admin1 if where else None]


def groups(keyed: Iterable[tuple[str | None, int | None]]) -> list[dict[str, Any]]:
    """(group, fatalities) pairs summed per group, in key order (no group last)."""
    counts: Counter[str | None] = Counter()
    killed: Counter[str | None] = Counter()
    for key, fatalities in keyed:
        counts[key] += 1
        killed[key] += fatalities or 0
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    return [{"key": k, "events": n, "fatalities": killed[k]} for k, n in ordered]
