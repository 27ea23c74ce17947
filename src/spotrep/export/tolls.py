"""Each reported figure counted once.

One sentence can give its toll to two events of an article ("the clashes and the attack on
the village killed 8": an armed clash and an attack, both 8). Both are right to say so, but a
dataset that adds up its rows must count those 8 deaths once. The figure is the words of the
article the toll was read from (its span): among the ACLED rows of one article, the first event
that carries a figure keeps it, and every later event that repeats the very same words loses
it. An incident built from such a repeat takes its conservative toll from its other reports.
Attributions and diplomatic events never carry a toll at all (``views.own_tolls``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

import sqlalchemy as sa

from spotrep.export.acled import is_acled
from spotrep.export.item import Item
from spotrep.merge import Incident
from spotrep.merge.incident import merged_toll
from spotrep.records import Toll
from spotrep.store import packing, schema

Repeats = Mapping[tuple[str, str], str]
"""(article id, event id) of a repeated toll -> the id of the event that keeps it."""

PAGE = 2000


def repeated_tolls(conn: sa.Connection) -> dict[tuple[str, str], str]:
    """Every ACLED event whose toll repeats the words an earlier ACLED event of its article
    already counts (one pass over the events with a toll, memory only for the repeats)."""
    e, a = schema.events, schema.articles
    query = (
        sa.select(a.c.pk, a.c.article_id, e.c.event_id, e.c.code, e.c.status, e.c.json)
        .join(a, a.c.pk == e.c.article_pk)
        .where(e.c.current, e.c.fatalities.is_not(None))
        .order_by(a.c.pk, e.c.pk)
    )
    out: dict[tuple[str, str], str] = {}
    article: int | None = None
    kept: dict[tuple[int, int], str] = {}
    for row in conn.execution_options(yield_per=PAGE).execute(query):
        if row.pk != article:
            article, kept = row.pk, {}
        if not is_acled(row.code, row.status):
            continue
        key = packing.span_bounds((json.loads(row.json).get("fatalities") or {}).get("span"))
        if key is None:
            continue
        if key in kept:
            out[(row.article_id, row.event_id)] = kept[key]
        else:
            kept[key] = row.event_id
    return out


def event_counted_once(item: Item, repeats: Repeats) -> Item:
    """The event without a toll another event of its article already counts."""
    r = item.record
    assert not isinstance(r, Incident)
    keeper = repeats.get((r.article_id, r.event.id))
    if keeper is None:
        return item
    event = dataclasses.replace(r.event, fatalities=None)
    return dataclasses.replace(item, record=dataclasses.replace(r, event=event),
                               note=f"Its toll is counted with event {keeper} of its article.")


def incident_counted_once(
    conn: sa.Connection, item: Item, repeats: Repeats
) -> Item:
    """The incident with its conservative toll taken from reports that are not repeats."""
    r = item.record
    assert isinstance(r, Incident)
    dropped = [ref for ref in r.reports if (ref.article_id, ref.event_id) in repeats]
    if not dropped:
        return item
    tolls = member_tolls(conn, r.id)
    kept = [t for key, t in tolls.items() if key not in repeats]
    toll = merged_toll(kept)
    what = ", ".join(f"{ref.article_id}/{ref.event_id}" for ref in dropped)
    note = (f"The toll of {what} is counted with "
            f"{', '.join(sorted({repeats[(d.article_id, d.event_id)] for d in dropped}))} "
            "of the same article.")
    return dataclasses.replace(item, record=dataclasses.replace(r, fatalities=toll), note=note)


def member_tolls(conn: sa.Connection, incident_id: str) -> dict[tuple[str, str], Toll | None]:
    e, m, a = schema.events, schema.incident_members, schema.articles
    query = (
        sa.select(a.c.article_id, e.c.event_id, e.c.json)
        .join(m, m.c.event_pk == e.c.pk)
        .join(a, a.c.pk == e.c.article_pk)
        .where(m.c.incident_id == incident_id)
    )
    out: dict[tuple[str, str], Toll | None] = {}
    for article_id, event_id, text in conn.execute(query):
        found = json.loads(text).get("fatalities")
        out[(article_id, event_id)] = None if found is None else Toll(
            found.get("count"), found.get("min"), found.get("max"))
    return out
