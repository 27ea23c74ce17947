"""The statements of the per-article write path, built once.

Building a SQLAlchemy statement costs several times more than executing it on SQLite; these
run a dozen times per stored article, so they are constants taking bound parameters.
SQLAlchemy statements are immutable, so sharing them holds no mutable state.
"""

from __future__ import annotations

import sqlalchemy as sa

from spotrep.store import schema

_a, _e, _i, _m = schema.articles, schema.events, schema.incidents, schema.incident_members

HAS_ARTICLE = (
    sa.select(_a.c.pk)
    .where(_a.c.identity == sa.bindparam("identity"), _a.c.content_hash == sa.bindparam("hash"))
    .limit(1)
)

VERSIONS = sa.select(_a.c.pk, _a.c.content_hash, _a.c.current).where(
    _a.c.identity == sa.bindparam("identity")
)

INSERT_ARTICLE = sa.insert(_a).returning(_a.c.pk)
INSERT_RESULT = sa.insert(schema.results)
INSERT_EVENTS = sa.insert(_e).returning(_e.c.event_id, _e.c.pk, sort_by_parameter_order=True)
INSERT_CLAIMS = sa.insert(schema.claims)
INSERT_PLACES = sa.insert(schema.places)
INSERT_INCIDENTS = sa.insert(_i)
INSERT_MEMBERS = sa.insert(_m)

UPDATE_INCIDENT = (
    sa.update(_i)
    .where(_i.c.id == sa.bindparam("old_id"))
    .values({c.name: sa.bindparam(c.name) for c in _i.columns if c.name != "id"})
)

_MEMBER_ROWS = (
    sa.select(_m.c.incident_id, _m.c.event_pk, _a.c.article_id, _a.c.outlet, _a.c.published,
              _a.c.identity, _a.c.content_hash)
    .join(_e, _e.c.pk == _m.c.event_pk)
    .join(_a, _a.c.pk == _e.c.article_pk)
    .order_by(_e.c.pk)
)
"""Member rows without the event JSON: the store reads that only for events it has not cached."""

EVENT_JSON = sa.select(_e.c.pk, _e.c.json).where(
    _e.c.pk.in_(sa.bindparam("pks", expanding=True))
)

MEMBERS = _MEMBER_ROWS.where(_m.c.incident_id.in_(sa.bindparam("ids", expanding=True)))

_VERSION_ROWS = sa.select(
    _i.c.id.label("incident_id"), _i.c.member_count.label("n"), _i.c.newest_member.label("top")
).where(_i.c.window_lo <= sa.bindparam("hi"), _i.c.window_hi >= sa.bindparam("lo"))

BLOCK_VERSIONS = _VERSION_ROWS
"""The incidents of a report's block with their member count and newest member: a version.

Members are only added (with a larger primary key than any before) or removed, so an incident
whose count and newest member are unchanged has the members the store cached for it.
"""

BLOCK_VERSIONS_IN_COUNTRIES = _VERSION_ROWS.where(
    _i.c.country.in_(sa.bindparam("countries", expanding=True)) | _i.c.country.is_(None)
)

MEMBER_VERSIONS = (
    sa.select(_m.c.incident_id, sa.func.count().label("n"), sa.func.max(_m.c.event_pk).label("top"))
    .where(_m.c.incident_id.in_(sa.bindparam("ids", expanding=True)))
    .group_by(_m.c.incident_id)
)
"""The versions of some incidents, counted from their members (after members left)."""
