"""Lookups by key that ``Store`` does not offer (yet): one article's result, one incident, the
speakers of stored claims, the incidents' corroboration and conflicts.

Read-only SQLAlchemy Core over the store's own table definitions, every value a bound
parameter. When the store grows these lookups, this module goes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from spotrep.merge import Incident
from spotrep.records import Result
from spotrep.store import Filters, Store, StoredEvent, packing, schema


def result(store: Store, article_id: str) -> Result | None:
    """The current version's result of one article, with its text."""
    return store.result(article_id)


def results(store: Store, article_ids: Iterable[str]) -> dict[str, Result]:
    return {r.article.id: r for r in store.results(article_ids)}


def incident(store: Store, incident_id: str) -> Incident | None:
    return store.incident_by_id(incident_id)


# ---- events by their columns ---------------------------------------------------------------
#
# The map's bulk query reads 100,000 events: decoding each event's JSON (what ``Store.events``
# does) takes seconds there, reading the event table's own columns a fraction of one. When
# every filter of a query is one on those columns, the events are read so; otherwise
# (actor, speaker, corroboration, conflicts, near) through ``Store.events``. Both give the same
# events in the same order (``tests/serve/test_reads.py``).

COLUMN_FILTERS = frozenset({"since", "until", "country", "admin1", "code", "status",
                            "min_fatalities", "precision", "date_precision", "bbox", "outlet",
                            "text"})

_PRECISE_AS = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month"),
               "year": ("day", "week", "month", "year")}


def by_columns(q: Filters) -> bool:
    """Whether every filter ``q`` gives is one on the event table's columns."""
    given = {f.name for f in dataclasses.fields(Filters)
             if f.name != "km" and getattr(q, f.name) not in (None, (), False)}
    return given <= COLUMN_FILTERS


def _contains(column: sa.ColumnElement[Any], text: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


def _conditions(q: Filters) -> list[sa.ColumnElement[bool]]:
    e, a = schema.events, schema.articles
    out: list[sa.ColumnElement[bool]] = [e.c.current]
    if q.since is not None:
        out.append(sa.func.coalesce(e.c.date_end, e.c.date_start) >= q.since.isoformat())
    if q.until is not None:
        out.append(e.c.date_start <= q.until.isoformat())
    if q.country is not None:
        out.append(e.c.country == q.country)
    if q.admin1 is not None:
        out.append(sa.func.lower(e.c.admin1) == q.admin1.lower())
    if q.code:
        out.append(e.c.code.in_(q.code))
    if q.status:
        out.append(e.c.status.in_(q.status))
    if q.min_fatalities is not None:
        out.append(e.c.fatalities >= q.min_fatalities)
    if q.precision is not None:
        out.append(e.c.geo_precision <= q.precision)
    if q.date_precision is not None:
        out.append(e.c.date_precision.in_(_PRECISE_AS[q.date_precision]))
    if q.bbox is not None:
        west, south, east, north = q.bbox
        out.append(e.c.lat.between(south, north))
        out.append(e.c.lon.between(west, east) if west <= east
                   else (e.c.lon >= west) | (e.c.lon <= east))
    if q.outlet is not None:
        out.append(_contains(a.c.outlet, q.outlet))
    if q.text is not None:
        out.append(_contains(a.c.text, q.text) | _contains(a.c.title, q.text))
    return out


def _select(*columns: sa.ColumnElement[Any], q: Filters) -> sa.Select[Any]:
    e, a, m = schema.events, schema.articles, schema.incident_members
    return (sa.select(*columns)
            .join_from(e, a, a.c.pk == e.c.article_pk)
            .outerjoin(m, m.c.event_pk == e.c.pk)
            .where(*_conditions(q)))


def column_rows(store: Store, q: Filters) -> list[tuple[Any, ...]]:
    """The events' column values in ``views.COLUMNS`` order, ordered as ``Store.events``."""
    e, a, m = schema.events, schema.articles, schema.incident_members
    query = _select(e.c.lat, e.c.lon, e.c.date_start, e.c.date_end, e.c.date_precision,
                    e.c.geo_precision, e.c.fatalities, e.c.code, e.c.status, e.c.country,
                    m.c.incident_id, a.c.article_id, e.c.event_id, a.c.outlet, e.c.place_name,
                    q=q).order_by(e.c.date_start, a.c.pk, e.c.pk)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def event_page(store: Store, q: Filters, offset: int, limit: int) -> tuple[int, list[StoredEvent]]:
    """How many events match, and the ``limit`` of them from ``offset`` (decoded)."""
    e, a, m = schema.events, schema.articles, schema.incident_members
    count = _select(sa.func.count(), q=q)
    page = (_select(e.c.json, a.c.article_id, a.c.outlet, a.c.published, a.c.url, a.c.title,
                    m.c.incident_id, a.c.text, q=q)
            .order_by(e.c.date_start, a.c.pk, e.c.pk).offset(offset).limit(limit))
    with store.engine.connect() as conn:
        total = int(conn.scalar(count) or 0)
        rows = conn.execute(page).all()
    return total, [StoredEvent(packing.event(r.json, r.text), r.article_id, r.outlet,
                               r.published, r.url, r.title, r.incident_id) for r in rows]


# ---- incidents by their columns ------------------------------------------------------------

INCIDENT_COLUMN_FILTERS = frozenset({"since", "until", "country", "code", "min_fatalities",
                                     "min_corroboration", "bbox"})


def incidents_by_columns(q: Filters) -> bool:
    given = {f.name for f in dataclasses.fields(Filters)
             if f.name != "km" and getattr(q, f.name) not in (None, (), False)}
    return given <= INCIDENT_COLUMN_FILTERS


def incident_page(store: Store, q: Filters, offset: int, limit: int) -> tuple[int, list[Incident]]:
    """How many incidents match, and the ``limit`` of them from ``offset``, ordered as
    ``Store.incidents`` (only for ``incidents_by_columns`` filters)."""
    i = schema.incidents
    where: list[sa.ColumnElement[bool]] = []
    if q.since is not None:
        where.append(sa.func.coalesce(i.c.date_end, i.c.date_start) >= q.since.isoformat())
    if q.until is not None:
        where.append(i.c.date_start <= q.until.isoformat())
    if q.country is not None:
        where.append(i.c.country == q.country)
    if q.code:
        where.append(i.c.code.in_(q.code))
    if q.min_fatalities is not None:
        where.append(i.c.fatalities >= q.min_fatalities)
    if q.min_corroboration is not None:
        where.append(i.c.corroboration >= q.min_corroboration)
    if q.bbox is not None:
        west, south, east, north = q.bbox
        where.append(i.c.lat.between(south, north))
        where.append(i.c.lon.between(west, east) if west <= east
                     else (i.c.lon >= west) | (i.c.lon <= east))
    page = (sa.select(i.c.json).where(*where).order_by(i.c.date_start, i.c.id)
            .offset(offset).limit(limit))
    with store.engine.connect() as conn:
        total = int(conn.scalar(sa.select(sa.func.count()).select_from(i).where(*where)) or 0)
        rows = conn.execute(page).all()
    return total, [packing.incident(r.json) for r in rows]
