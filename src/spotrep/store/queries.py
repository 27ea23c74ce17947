"""The store's read queries: events and incidents matching a ``Filters``.

Each filter becomes a SQL condition on an indexed or plain column where the tables have one,
with every value bound as a parameter; the rest (actor names, a distance on the sphere, the
merged incident's place and date precision) are checked on the decoded records the query
returns. An incident matches ``text``, ``outlet``, ``speaker`` and ``status`` through its
reports: one of its current member events must match them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from spotrep.errors import FilterError
from spotrep.merge import Incident
from spotrep.merge.rules import haversine_km
from spotrep.records import Actor, Claim, Place, When
from spotrep.store import packing, schema
from spotrep.store.filters import DATE_PRECISIONS, Filters, bounding_box
from spotrep.store.stored import IncidentDetail, ReportDetail, StoredEvent

_MEMBER_FILTERS = ("text", "outlet", "speaker", "status")
"""Filters an incident passes when one of its reports passes them."""


def select_events(engine: sa.Engine, f: Filters) -> list[StoredEvent]:
    """Current events (of each article's newest version) matching ``f``, by date."""
    e, a, m, i = schema.events, schema.articles, schema.incident_members, schema.incidents
    query = (
        sa.select(e.c.article_pk, e.c.json, e.c.lat, e.c.lon, a.c.article_id, a.c.outlet,
                  a.c.published, a.c.url, a.c.title, m.c.incident_id, a.c.text)
        .join(a, a.c.pk == e.c.article_pk)
        .outerjoin(m, m.c.event_pk == e.c.pk)
        .where(e.c.current, *_shared_clauses(e, f), *_event_clauses(e, a, f))
        .order_by(e.c.date_start, a.c.pk, e.c.pk)
    )
    if f.min_corroboration is not None or f.has_conflicts:
        query = query.join(i, i.c.id == m.c.incident_id).where(*_incident_clauses(i, f))
    checked = f.near is not None or f.actor is not None or f.speaker is not None
    if f.limit is not None and not checked:
        query = query.limit(f.limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        said = _speaker_claims(conn, f.speaker) if f.speaker is not None else set()
    out: list[StoredEvent] = []
    for r in rows:
        if not _is_near(r.lat, r.lon, f):
            continue
        event = packing.event(r.json, r.text)
        if f.actor is not None and not _has_actor(event.actors, f.actor):
            continue
        if f.speaker is not None and not any((r.article_pk, c) in said for c in event.claims):
            continue
        out.append(StoredEvent(event, r.article_id, r.outlet, r.published, r.url, r.title,
                               r.incident_id))
        if f.limit is not None and len(out) >= f.limit:
            break
    return out


def select_incidents(engine: sa.Engine, f: Filters) -> list[Incident]:
    """Incidents matching ``f``, by date."""
    i = schema.incidents
    query = sa.select(i.c.json, i.c.lat, i.c.lon).where(
        *_shared_clauses(i, f), *_incident_clauses(i, f)
    )
    reported = _member_incidents(engine, f)
    if reported is not None:
        if not reported:
            return []
        query = query.where(i.c.id.in_(sorted(reported)))
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(i.c.date_start, i.c.id)).all()
    out: list[Incident] = []
    for r in rows:
        if not _is_near(r.lat, r.lon, f):
            continue
        inc = packing.incident(r.json)
        if _incident_passes(inc, f):
            out.append(inc)
            if f.limit is not None and len(out) >= f.limit:
                break
    return out


def select_incident(engine: sa.Engine, ref: str) -> IncidentDetail:
    """The incident with id ``ref`` (or the one id starting with it), with its reports and the
    claims about each; ``FilterError`` when none or several match."""
    i, e, a, m, c = (schema.incidents, schema.events, schema.articles, schema.incident_members,
                     schema.claims)
    with engine.connect() as conn:
        found = conn.execute(sa.select(i.c.json).where(i.c.id == ref)).all() or conn.execute(
            sa.select(i.c.json).where(i.c.id.startswith(ref, autoescape=True)).limit(2)
        ).all()
        if len(found) != 1:
            what = "several incidents start with" if found else "no incident"
            raise FilterError(f"{what} {ref!r} (`spotrep incidents` lists their ids)")
        inc = packing.incident(found[0].json)
        rows = conn.execute(
            sa.select(e.c.article_pk, e.c.json, a.c.article_id, a.c.outlet, a.c.published,
                      a.c.url, a.c.title, a.c.text)
            .join(e, e.c.pk == m.c.event_pk).join(a, a.c.pk == e.c.article_pk)
            .where(m.c.incident_id == inc.id).order_by(a.c.published, a.c.pk, e.c.pk)
        ).all()
        pks = sorted({r.article_pk for r in rows})
        claim_rows = conn.execute(
            sa.select(c.c.article_pk, c.c.json, a.c.text, *(c.c[k] for k in packing.CLAIM_HELD))
            .join(a, a.c.pk == c.c.article_pk).where(c.c.article_pk.in_(pks)).order_by(c.c.pk)
        ).all() if pks else []
    claims: dict[int, list[Claim]] = {}
    for row in claim_rows:
        claims.setdefault(row.article_pk, []).append(
            packing.claim(row.json, row.text, row._mapping))
    reports = []
    for r in rows:
        event = packing.event(r.json, r.text)
        about = tuple(cl for cl in claims.get(r.article_pk, []) if cl.id in event.claims)
        stored = StoredEvent(event, r.article_id, r.outlet, r.published, r.url, r.title, inc.id)
        reports.append(ReportDetail(stored, about))
    return IncidentDetail(inc, tuple(reports))


def _member_incidents(engine: sa.Engine, f: Filters) -> set[str] | None:
    """The incidents with a report passing ``f``'s member filters (None when none is given)."""
    given = {name: getattr(f, name) for name in _MEMBER_FILTERS if getattr(f, name)}
    if not given:
        return None
    found = select_events(engine, Filters(**given))
    return {se.incident_id for se in found if se.incident_id is not None}


# ---- conditions -----------------------------------------------------------------------------


def _contains(column: sa.ColumnElement[Any], text: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


def _shared_clauses(t: sa.Table, f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on the columns events and incidents share: dates, country, code, tolls,
    and a box around ``near`` or the ``bbox``."""
    c = t.c
    out: list[sa.ColumnElement[bool]] = []
    if f.since is not None:
        out.append(sa.func.coalesce(c.date_end, c.date_start) >= f.since.isoformat())
    if f.until is not None:
        out.append(c.date_start <= f.until.isoformat())
    if f.country is not None:
        out.append(c.country == f.country)
    if f.code:
        out.append(c.code.in_(f.code))
    if f.min_fatalities is not None:
        out.append(c.fatalities >= f.min_fatalities)
    if f.near is not None:
        lat0, lat1, lon0, lon1 = bounding_box(f.near[0], f.near[1], f.km)
        out.append(c.lat.between(lat0, lat1))
        if lon0 >= -180 and lon1 <= 180:  # else the circle crosses the 180th meridian
            out.append(c.lon.between(lon0, lon1))
    if f.bbox is not None:
        west, south, east, north = f.bbox
        out.append(c.lat.between(south, north))
        out.append(c.lon.between(west, east) if west <= east else (c.lon >= west) | (c.lon <= east))
    return out


def _event_clauses(e: sa.Table, a: sa.Table, f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on an event's own columns and its article's."""
    out: list[sa.ColumnElement[bool]] = []
    if f.admin1 is not None:
        out.append(sa.func.lower(e.c.admin1) == f.admin1.lower())
    if f.status:
        out.append(e.c.status.in_(f.status))
    if f.precision is not None:
        out.append(e.c.geo_precision <= f.precision)
    if f.date_precision is not None:
        out.append(e.c.date_precision.in_(_as_precise_as(f.date_precision)))
    if f.outlet is not None:
        out.append(_contains(a.c.outlet, f.outlet))
    if f.text is not None:
        out.append(_contains(a.c.text, f.text) | _contains(a.c.title, f.text))
    if f.speaker is not None:
        c = schema.claims
        said = sa.select(c.c.article_pk).where(_contains(c.c.speaker_name, f.speaker))
        out.append(e.c.article_pk.in_(said))
    return out


def _incident_clauses(i: sa.Table, f: Filters) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if f.min_corroboration is not None:
        out.append(i.c.corroboration >= f.min_corroboration)
    if f.has_conflicts:
        # the incident JSON is written by packing.incident_json: a non-empty list of conflicts,
        # and only that, reads '"conflicts":[' (a quote inside a value is escaped)
        out.append(i.c.json.contains('"conflicts":[', autoescape=True))
    return out


def _speaker_claims(conn: sa.Connection, speaker: str) -> set[tuple[int, str]]:
    """(article pk, claim id) of the claims whose speaker's name contains ``speaker``."""
    c = schema.claims
    rows = conn.execute(sa.select(c.c.article_pk, c.c.claim_id)
                        .where(_contains(c.c.speaker_name, speaker)))
    return {(int(pk), str(cid)) for pk, cid in rows}


def _as_precise_as(precision: str) -> tuple[str, ...]:
    return DATE_PRECISIONS[: DATE_PRECISIONS.index(precision) + 1]


# ---- checks on decoded records -----------------------------------------------------------


def _has_actor(actors: Iterable[Actor], name: str) -> bool:
    wanted = name.lower()
    return any(wanted in (a.name or "").lower() or wanted in a.text.lower() for a in actors)


def _incident_passes(inc: Incident, f: Filters) -> bool:
    if f.actor is not None and not _has_actor(inc.actors, f.actor):
        return False
    return _place_passes(inc.where, f) and _date_passes(inc.when, f)


def _place_passes(where: Place | None, f: Filters) -> bool:
    if f.admin1 is not None and (where is None or (where.admin1 or "").lower() != f.admin1.lower()):
        return False
    if f.precision is not None:
        return where is not None and where.precision is not None and where.precision <= f.precision
    return True


def _date_passes(when: When, f: Filters) -> bool:
    return f.date_precision is None or when.precision in _as_precise_as(f.date_precision)


def _is_near(lat: float | None, lon: float | None, f: Filters) -> bool:
    if f.near is None:
        return True
    if lat is None or lon is None:
        return False
    return haversine_km(f.near[0], f.near[1], lat, lon) <= f.km

