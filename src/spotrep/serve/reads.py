"""Lookups by key that ``Store`` does not offer (yet): one article's result, one incident, the
speakers of stored claims, the incidents' corroboration and conflicts.

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


def incident_facts(store: Store) -> dict[str, tuple[int, bool]]:
    """Every incident's corroboration and whether its reports disagree on anything."""
    i = schema.incidents
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(i.c.id, i.c.corroboration, i.c.json)).all()
    return {r.id: (int(r.corroboration), bool(json.loads(r.json)["conflicts"])) for r in rows}


def speakers(store: Store) -> dict[tuple[str, str], str]:
    """(article id, claim id) -> speaker name, for the current articles' claims."""
    a, c = schema.articles, schema.claims
    query = (sa.select(a.c.article_id, c.c.claim_id, c.c.speaker_name)
             .join(a, a.c.pk == c.c.article_pk).where(a.c.current))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {(r.article_id, r.claim_id): r.speaker_name or "" for r in rows}
