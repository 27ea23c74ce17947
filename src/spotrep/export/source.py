"""What an export reads: stored incidents or events, streamed in pages, with what the ACLED
columns need beyond the record itself (when each was ingested, the articles' URLs), each
reported figure counted once (``tolls``).

The store's query methods return lists; an export of the whole store must not hold it in
memory, so this module reads the same tables with the store's own filter clauses, page by page
(``PAGE`` rows at a time: memory stays flat in the number of rows).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

import sqlalchemy as sa

from spotrep.export.item import Item, unix_time
from spotrep.export.tolls import event_counted_once, incident_counted_once, repeated_tolls
from spotrep.merge import Incident
from spotrep.records import Event
from spotrep.store import Filters, Store, StoredEvent, schema
from spotrep.store.store import _clauses, _contains, _is_near

PAGE = 500


def _limited(rows: Iterator[Item], limit: int | None) -> Iterator[Item]:
    for n, item in enumerate(rows):
        if limit is not None and n >= limit:
            return
        yield item


def incidents(store: Store, filters: Filters | None = None) -> Iterator[Item]:
    """The incidents ``store.incidents(filters)`` returns, in its order, streamed."""
    f = filters or Filters()
    return _limited(_incident_items(store, f), f.limit)


def _incident_items(store: Store, f: Filters) -> Iterator[Item]:
    i = schema.incidents
    query = sa.select(i.c.id, i.c.json, i.c.lat, i.c.lon, i.c.updated_at).where(*_clauses(i, f))
    if f.text:
        e, a, m = schema.events, schema.articles, schema.incident_members
        hits = (
            sa.select(m.c.incident_id)
            .join(e, e.c.pk == m.c.event_pk)
            .join(a, a.c.pk == e.c.article_pk)
            .where(_contains(a.c.text, f.text) | _contains(a.c.title, f.text))
        )
        query = query.where(i.c.id.in_(hits))
    query = query.order_by(i.c.date_start, i.c.id)
    with store.engine.connect() as conn:
        repeats = repeated_tolls(conn)
        result = conn.execution_options(yield_per=PAGE).execute(query)
        for page in result.partitions():
            rows = [r for r in page if _is_near(r.lat, r.lon, f)]
            urls = _member_urls(conn, [r.id for r in rows])
            for r in rows:
                item = Item(Incident.from_dict(json.loads(r.json)), unix_time(r.updated_at),
                            tuple(urls.get(r.id, ())))
                yield incident_counted_once(conn, item, repeats)


def _member_urls(conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[str | None]]:
    if not ids:
        return {}
    e, a, m = schema.events, schema.articles, schema.incident_members
    query = (
        sa.select(m.c.incident_id, a.c.url)
        .join(e, e.c.pk == m.c.event_pk)
        .join(a, a.c.pk == e.c.article_pk)
        .where(m.c.incident_id.in_(ids))
        .order_by(m.c.event_pk)
    )
    out: dict[str, list[str | None]] = {}
    for iid, url in conn.execute(query):
        out.setdefault(iid, []).append(url)
    return out


def events(store: Store, filters: Filters | None = None) -> Iterator[Item]:
    """The events ``store.events(filters)`` returns, in its order, streamed."""
    f = filters or Filters()
    return _limited(_event_items(store, f), f.limit)


def _event_items(store: Store, f: Filters) -> Iterator[Item]:
    e, a, m = schema.events, schema.articles, schema.incident_members
    query = (
        sa.select(e.c.json, e.c.lat, e.c.lon, a.c.article_id, a.c.outlet, a.c.published,
                  a.c.url, a.c.title, a.c.ingested_at, m.c.incident_id)
        .join(a, a.c.pk == e.c.article_pk)
        .outerjoin(m, m.c.event_pk == e.c.pk)
        .where(e.c.current, *_clauses(e, f))
        .order_by(e.c.date_start, a.c.pk, e.c.pk)
    )
    if f.text:
        query = query.where(_contains(a.c.text, f.text) | _contains(a.c.title, f.text))
    with store.engine.connect() as conn:
        repeats = repeated_tolls(conn)
        for r in conn.execution_options(yield_per=PAGE).execute(query):
            if _is_near(r.lat, r.lon, f):
                se = StoredEvent(Event.from_dict(json.loads(r.json)), r.article_id, r.outlet,
                                 r.published, r.url, r.title, r.incident_id)
                yield event_counted_once(Item(se, unix_time(r.ingested_at), (r.url,)), repeats)
