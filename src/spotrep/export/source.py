"""What an export reads: stored incidents or events, streamed in pages, with what the ACLED
columns need beyond the record itself (when each was ingested, the articles' URLs), each
reported figure counted once (``tolls``).

``Store.events``/``Store.incidents`` return lists; an export of the whole store must not hold
it in memory, so this module runs the same queries as ``store.queries`` (its conditions and
checks, so the filters mean the same) and reads the rows page by page (``PAGE`` at a time:
memory stays flat in the number of rows).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlalchemy as sa

from spotrep.export.item import Item, unix_time
from spotrep.export.tolls import event_counted_once, incident_counted_once, repeated_tolls
from spotrep.store import Filters, Store, StoredEvent, packing, schema
from spotrep.store.queries import (
    _event_clauses,
    _has_actor,
    _incident_clauses,
    _incident_passes,
    _is_near,
    _member_incidents,
    _shared_clauses,
    _speaker_claims,
)

PAGE = 500


def incidents(store: Store, filters: Filters | None = None) -> Iterator[Item]:
    """The incidents ``store.incidents(filters)`` returns, in its order, streamed."""
    f = filters or Filters()
    i = schema.incidents
    query = sa.select(i.c.id, i.c.json, i.c.lat, i.c.lon, i.c.updated_at).where(
        *_shared_clauses(i, f), *_incident_clauses(i, f)
    )
    reported = _member_incidents(store.engine, f)
    if reported is not None:
        query = query.where(i.c.id.in_(sorted(reported)))
    query = query.order_by(i.c.date_start, i.c.id)
    n = 0
    with store.engine.connect() as conn:
        repeats = repeated_tolls(conn)
        result = conn.execution_options(yield_per=PAGE).execute(query)
        for page in result.partitions():
            rows = [r for r in page if _is_near(r.lat, r.lon, f)]
            urls = _member_urls(conn, [r.id for r in rows])
            for r in rows:
                inc = packing.incident(r.json)
                if not _incident_passes(inc, f):
                    continue
                item = Item(inc, unix_time(r.updated_at), tuple(urls.get(r.id, ())))
                yield incident_counted_once(conn, item, repeats)
                n += 1
                if f.limit is not None and n >= f.limit:
                    return


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
    e, a, m, i = schema.events, schema.articles, schema.incident_members, schema.incidents
    query = (
        sa.select(e.c.article_pk, e.c.json, e.c.lat, e.c.lon, a.c.article_id, a.c.outlet,
                  a.c.published, a.c.url, a.c.title, a.c.ingested_at, m.c.incident_id, a.c.text)
        .join(a, a.c.pk == e.c.article_pk)
        .outerjoin(m, m.c.event_pk == e.c.pk)
        .where(e.c.current, *_shared_clauses(e, f), *_event_clauses(e, a, f))
        .order_by(e.c.date_start, a.c.pk, e.c.pk)
    )
    if f.min_corroboration is not None or f.has_conflicts:
        query = query.join(i, i.c.id == m.c.incident_id).where(*_incident_clauses(i, f))
    n = 0
    with store.engine.connect() as conn:
        repeats = repeated_tolls(conn)
        said = _speaker_claims(conn, f.speaker) if f.speaker is not None else set()
        for r in conn.execution_options(yield_per=PAGE).execute(query):
            if not _is_near(r.lat, r.lon, f):
                continue
            event = packing.event(r.json, r.text)
            if f.actor is not None and not _has_actor(event.actors, f.actor):
                continue
            if f.speaker is not None and not any((r.article_pk, c) in said for c in event.claims):
                continue
            se = StoredEvent(event, r.article_id, r.outlet, r.published, r.url, r.title,
                             r.incident_id)
            yield event_counted_once(Item(se, unix_time(r.ingested_at), (r.url,)), repeats)
            n += 1
            if f.limit is not None and n >= f.limit:
                return
