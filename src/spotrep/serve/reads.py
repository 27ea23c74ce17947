"""Lookups by key that ``Store`` does not offer (yet): one article's result, one incident.

Read-only SQLAlchemy Core over the store's own table definitions, every value a bound
parameter. When the store grows these lookups, this module goes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa

from spotrep.merge import Incident
from spotrep.records import Result
from spotrep.store import Store, schema


def result(store: Store, article_id: str) -> Result | None:
    """The current version's result of one article, with its text."""
    a, r = schema.articles, schema.results
    query = (
        sa.select(r.c.json, a.c.text)
        .join(a, a.c.pk == r.c.article_pk)
        .where(a.c.article_id == article_id, a.c.current)
        .order_by(a.c.pk.desc())
        .limit(1)
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else Result.from_dict(json.loads(row.json), row.text)


def results(store: Store, article_ids: Iterable[str]) -> dict[str, Result]:
    wanted = sorted(set(article_ids))
    found: dict[str, Result] = {}
    for aid in wanted:
        one = result(store, aid)
        if one is not None:
            found[aid] = one
    return found


def incident(store: Store, incident_id: str) -> Incident | None:
    i = schema.incidents
    with store.engine.connect() as conn:
        text = conn.scalar(sa.select(i.c.json).where(i.c.id == incident_id))
    return None if text is None else Incident.from_dict(json.loads(text))
