"""``/api/summary``: events and fatalities per group (day, week, month, country, code, ...)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, Literal

from spotrep._taxonomy import TAXONOMY
from spotrep.serve.views import COLUMNS
from spotrep.store import StoredEvent

By = Literal["day", "week", "month", "country", "admin1", "code", "event_type", "actor",
             "outlet", "status"]
BY_RECORD = frozenset({"actor", "admin1"})
"""Groups read from decoded events; the others from the columns ``views.COLUMNS``."""

_AT = {name: i for i, name in enumerate(COLUMNS)}


def row_key(row: Sequence[Hashable], by: By) -> str | None:
    """The group of one event given as its ``views.COLUMNS`` values."""
    if by in ("day", "week", "month"):
        day = row[_AT["date"]]
        if not isinstance(day, str):
            return None
        d = date.fromisoformat(day)
        if by == "week":
            d -= timedelta(days=d.weekday())
        elif by == "month":
            d = d.replace(day=1)
        return d.isoformat()
    if by == "event_type":
        code = row[_AT["code"]]
        return TAXONOMY[code].event_type if isinstance(code, str) else None
    value = row[_AT[by]]
    return None if value is None else str(value)


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
