"""Events as columns: many events read without decoding their JSON (the explorer's map).

``read_columns`` reads the events table's own narrow columns (through its covering index
``ix_events_columns``, so not the rows that carry each event's JSON) for every current event
passing a ``Filters`` that needs no decoded event (``queries.events_by_columns``: all but
actor and speaker; ``near`` is a box in SQL, then the distance), in ``Store.events``' order.
``from_values`` builds the same columns from decoded events, for the filters that need them.
Repeated strings become indexes into a dictionary per column: a column of 100,000 codes is
100,000 small numbers and 30 names.

``columns_json`` is the same answer as JSON (``EventColumns.to_dict``). On SQLite, without
``near``, the database builds each column's JSON array itself (``json_group_array`` over the
ordered rows): one value per column crosses into Python instead of one per event and column,
the numbers go out as SQLite wrote them, and only the dictionary columns are parsed (in C,
by orjson) to be turned into indexes. SQLite writes a float with 15 significant digits, some
picometres for a coordinate.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import sqlalchemy as sa

from spotrep.store import schema
from spotrep.store.filters import Filters
from spotrep.store.queries import _is_near, event_query
from spotrep.store.stored import StoredEvent

COLUMNS = ("lat", "lon", "date", "date_end", "date_precision", "geo_precision", "fatalities",
           "code", "status", "country", "incident", "article", "event", "outlet", "place")
DICTIONARY_COLUMNS = frozenset({"date", "date_end", "date_precision", "code", "status",
                                "country", "article", "event", "outlet", "place"})
"""Columns of repeated strings; ``incident`` is not one (most events have their own)."""

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


def _column_sql() -> dict[str, sa.ColumnElement[Any]]:
    """The SQL of each column of ``COLUMNS`` and of ``article_pk`` (``columns_json`` reads
    the article's id and outlet by it)."""
    e, a, m = schema.events, schema.articles, schema.incident_members
    return {
        "lat": e.c.lat, "lon": e.c.lon, "date": e.c.date_start, "date_end": e.c.date_end,
        "date_precision": e.c.date_precision, "geo_precision": e.c.geo_precision,
        "fatalities": e.c.fatalities, "code": e.c.code, "status": e.c.status,
        "country": e.c.country, "incident": m.c.incident_id, "article": a.c.article_id,
        "event": e.c.event_id, "outlet": a.c.outlet, "place": e.c.place_name,
        "article_pk": e.c.article_pk,
    }


def _column_query(f: Filters) -> sa.Select[Any]:
    """The ``COLUMNS`` of the current events passing ``f``'s SQL conditions, in order."""
    sql = _column_sql()
    return event_query(f, *(sql[name] for name in COLUMNS))


def read_columns(engine: sa.Engine, f: Filters) -> EventColumns:
    """The columns of the current events passing ``f`` (``queries.events_by_columns`` must
    hold), ordered as ``Store.events``."""
    if _aggregated_in_sql(engine, f):
        body = orjson.loads(columns_json(engine, f))
        return EventColumns(body["total"], body["columns"], body["dictionaries"])
    with engine.connect() as conn:
        rows = conn.execute(_column_query(f)).all()
    if f.near is not None:
        rows = [r for r in rows if _is_near(r[0], r[1], f)]
    return from_values(rows)


def columns_json(engine: sa.Engine, f: Filters) -> bytes:
    """``read_columns(engine, f).to_dict()`` as compact UTF-8 JSON."""
    if not _aggregated_in_sql(engine, f):
        return orjson.dumps(read_columns(engine, f).to_dict())
    # the article's id and outlet are read once per article (by its key), not once per event
    sql = _column_sql()
    read = event_query(f, *(sql[name] for name in _AGGREGATED), articles=False).subquery()
    with engine.connect() as conn:
        total, *texts = conn.execute(
            sa.select(sa.func.count(), *(sa.func.json_group_array(c) for c in read.c))).one()
        arrays = dict(zip(_AGGREGATED, texts, strict=True))
        in_article, pks = _dictionary_encoded(orjson.loads(arrays.pop("article_pk")))
        ids, outlets = _articles(conn, pks)
    of_article, outlet_names = _dictionary_encoded(outlets)
    encoded = {"article": (in_article, ids),
               "outlet": (list(map(of_article.__getitem__, in_article)), outlet_names)}
    columns, dictionaries = [], []
    for name in COLUMNS:
        if name in encoded:
            indexes, distinct = encoded[name]
        elif name in DICTIONARY_COLUMNS:
            indexes, distinct = _dictionary_encoded(orjson.loads(arrays[name]))
        else:
            columns.append(_member(name, arrays[name].encode()))
            continue
        columns.append(_member(name, orjson.dumps(indexes)))
        dictionaries.append(_member(name, orjson.dumps(distinct)))
    return b'{"total":%d,"columns":{%b},"dictionaries":{%b}}' % (
        total, b",".join(columns), b",".join(dictionaries))


_AGGREGATED = tuple("article_pk" if name == "article" else name
                    for name in COLUMNS if name != "outlet")
"""The columns ``columns_json`` aggregates: ``COLUMNS``, the article by its key, no outlet."""
_CHUNK = 10_000
"""Keys bound in one statement (SQLite allows 32,766 parameters)."""


def _articles(conn: sa.Connection, pks: list[int]) -> tuple[list[str], list[str | None]]:
    """The ids and outlets of the articles with these keys, in their order."""
    a = schema.articles
    found: dict[int, tuple[str, str | None]] = {}
    for at in range(0, len(pks), _CHUNK):
        rows = conn.execute(sa.select(a.c.pk, a.c.article_id, a.c.outlet)
                            .where(a.c.pk.in_(pks[at: at + _CHUNK]))).all()
        found.update((pk, (article_id, outlet)) for pk, article_id, outlet in rows)
    return [found[pk][0] for pk in pks], [found[pk][1] for pk in pks]


def _aggregated_in_sql(engine: sa.Engine, f: Filters) -> bool:
    """Whether SQL builds the columns' arrays (SQLite's JSON functions; no ``near``, whose
    distance is checked on the coordinates)."""
    return engine.dialect.name == "sqlite" and f.near is None


def _member(name: str, value: bytes) -> bytes:
    return orjson.dumps(name) + b":" + value


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
            columns[name], dictionaries[name] = _dictionary_encoded(values)
        else:
            columns[name] = list(values)
    return EventColumns(len(rows), columns, dictionaries)


def _dictionary_encoded(values: Sequence[Any]) -> tuple[list[int], list[Any]]:
    """Each value's index into the distinct values (in the order they first come), and those."""
    # dict.fromkeys and map run in C: a tenth of the time of a loop over the values
    distinct = list(dict.fromkeys(values))
    index = {v: k for k, v in enumerate(distinct)}
    return list(map(index.__getitem__, values)), distinct
