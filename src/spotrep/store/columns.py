"""Events as columns: many events read without decoding their JSON (the explorer's map).

``read_columns`` reads the events table's own narrow columns (through its covering index
``ix_events_columns``, so not the rows that carry each event's JSON) for every current event
passing a ``Filters`` that needs no decoded event (``queries.events_by_columns``: all but
actor and speaker; ``near`` is a box in SQL, then the distance), in ``Store.events``' order.
``from_values`` builds the same columns from decoded events, for the filters that need them.
Repeated strings become indexes into a dictionary per column: a column of 100,000 codes is
100,000 small numbers and 30 names.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from spotrep.store import schema
from spotrep.store.filters import Filters
from spotrep.store.queries import _is_near, event_query
from spotrep.store.stored import StoredEvent

COLUMNS = ("lat", "lon", "date", "date_end", "date_precision", "geo_precision", "fatalities",
           "code", "status", "country", "incident", "article", "event", "outlet", "place")
DICTIONARY_COLUMNS = frozenset({"date", "date_end", "date_precision", "code", "status",
                                "country", "incident", "article", "event", "outlet", "place"})

Values = tuple[Hashable, ...]
"""One event's values in ``COLUMNS`` order."""


@dataclass(frozen=True, slots=True)
class EventColumns:
    """One list per column of ``COLUMNS``; a dictionary column's list holds indexes into
    ``dictionaries[name]``."""

    total: int
    columns: dict[str, list[Any]]
    dictionaries: dict[str, list[Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "columns": self.columns, "dictionaries": self.dictionaries}

    def values(self, name: str) -> list[Any]:
        """A column's values, dictionary indexes resolved."""
        column = self.columns[name]
        if name not in DICTIONARY_COLUMNS:
            return column
        return list(map(self.dictionaries[name].__getitem__, column))


def read_columns(engine: sa.Engine, f: Filters) -> EventColumns:
    """The columns of the current events passing ``f`` (``queries.events_by_columns`` must
    hold), ordered as ``Store.events``."""
    e, a, m = schema.events, schema.articles, schema.incident_members
    query = event_query(f, e.c.lat, e.c.lon, e.c.date_start, e.c.date_end, e.c.date_precision,
                        e.c.geo_precision, e.c.fatalities, e.c.code, e.c.status, e.c.country,
                        m.c.incident_id, a.c.article_id, e.c.event_id, a.c.outlet,
                        e.c.place_name)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    if f.near is not None:
        rows = [r for r in rows if _is_near(r[0], r[1], f)]
    return from_values(rows)


def event_values(se: StoredEvent) -> Values:
    """A decoded event's values in ``COLUMNS`` order (what ``read_columns`` reads in SQL)."""
    e, w = se.event, se.event.where
    return (
        w.lat if w else None, w.lon if w else None, e.when.start, e.when.end or e.when.start,
        e.when.precision, w.precision if w else None,
        e.fatalities.count if e.fatalities else None, e.code, e.status,
        w.country if w else None, se.incident_id, se.article_id, e.id, se.outlet,
        w.name if w else None,
    )


def from_values(rows: Sequence[Sequence[Any]]) -> EventColumns:
    """Columns of events given as their ``COLUMNS`` values, one sequence per event."""
    transposed = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
    columns: dict[str, list[Any]] = {}
    dictionaries: dict[str, list[Any]] = {}
    for name, values in zip(COLUMNS, transposed, strict=True):
        if name in DICTIONARY_COLUMNS:
            # dict.fromkeys and map run in C: a tenth of the time of a loop over the values
            distinct = list(dict.fromkeys(values))
            index = {v: k for k, v in enumerate(distinct)}
            columns[name] = list(map(index.__getitem__, values))
            dictionaries[name] = distinct
        else:
            columns[name] = list(values)
    return EventColumns(len(rows), columns, dictionaries)
