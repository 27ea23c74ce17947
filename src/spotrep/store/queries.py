"""The store's read queries: events and incidents matching a ``Filters``.

Each filter becomes a SQL condition on an indexed or plain column where the tables have one,
with every value bound as a parameter; the rest (actor names, a distance on the sphere, the
merged incident's place and date precision) are checked on the decoded records the query
returns. An incident matches ``text``, ``outlet``, ``speaker`` and ``status`` through its
reports: one of its current member events must match them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any, Literal, get_args

import sqlalchemy as sa

from spotrep.errors import FilterError
from spotrep.merge import Incident
from spotrep.merge.rules import haversine_km
from spotrep.records import Actor, Claim, Event, Place, When
from spotrep.store import packing, schema
from spotrep.store.filters import DATE_PRECISIONS, Filters, bounding_box
from spotrep.store.stored import IncidentDetail, ReportDetail, StoredEvent

_MEMBER_FILTERS = ("text", "outlet", "speaker", "status")
"""Filters an incident passes when one of its reports passes them."""

_CHECKED_EVENT_FILTERS = frozenset({"actor", "speaker", "near"})
"""Event filters checked on the decoded records (SQL only narrows them down)."""

_CHECKED_INCIDENT_FILTERS = frozenset({"actor", "speaker", "near", "admin1", "precision",
                                       "date_precision"})
"""Incident filters checked on the decoded records (the merged place and date, actors)."""

IncidentSort = Literal["date", "-date", "fatalities", "-fatalities", "corroboration",
                       "-corroboration"]
INCIDENT_SORTS: tuple[str, ...] = get_args(IncidentSort)


def given_filters(f: Filters) -> frozenset[str]:
    """The names of the filters ``f`` gives (``km`` and ``limit`` are not filters)."""
    return frozenset(x.name for x in fields(Filters) if x.name not in ("km", "limit")
                     and getattr(f, x.name) not in (None, (), False))


def events_in_sql(f: Filters) -> bool:
    """Whether SQL alone decides which events pass ``f`` (no check on decoded records)."""
    return not given_filters(f) & _CHECKED_EVENT_FILTERS


def events_by_columns(f: Filters) -> bool:
    """Whether the events' own columns decide which pass ``f``: SQL, then for ``near`` the
    distance from the coordinates (``_is_near``); only actors and speakers need decoding."""
    return not given_filters(f) & {"actor", "speaker"}


def incidents_in_sql(f: Filters) -> bool:
    """Whether SQL alone decides which incidents pass ``f``."""
    return not given_filters(f) & _CHECKED_INCIDENT_FILTERS


def event_query(
    f: Filters, *columns: sa.ColumnElement[Any], articles: bool = True
) -> sa.Select[Any]:
    """``columns`` of the current events passing ``f``'s SQL conditions, joined to their
    articles and incident memberships (and incidents when ``f`` asks about them), by date.
    ``articles=False`` when no column is an article's: the join is made only for ``text``
    and ``outlet`` (every event has its article; a lookup per event costs a tenth of a read
    of 100,000 events' columns)."""
    e, a, m, i = schema.events, schema.articles, schema.incident_members, schema.incidents
    query = sa.select(*columns)
    if articles or f.text is not None or f.outlet is not None:
        query = query.join_from(e, a, a.c.pk == e.c.article_pk)
    else:
        query = query.select_from(e)
    query = (
        query.outerjoin(m, m.c.event_pk == e.c.pk)
        .where(e.c.current, *_shared_clauses(e, f), *_event_clauses(e, a, f))
        .order_by(e.c.date_start, e.c.article_pk, e.c.pk)
    )
    if f.min_corroboration is not None or f.has_conflicts:
        query = query.join(i, i.c.id == m.c.incident_id).where(*_incident_clauses(i, f))
    return query


def select_events(engine: sa.Engine, f: Filters) -> list[StoredEvent]:
    """Current events (of each article's newest version) matching ``f``, by date."""
    e, a, m = schema.events, schema.articles, schema.incident_members
    query = event_query(f, e.c.article_pk, e.c.json, e.c.lat, e.c.lon, a.c.article_id,
                        a.c.outlet, a.c.published, a.c.url, a.c.title, m.c.incident_id,
                        a.c.text)
    if f.limit is not None and events_in_sql(f):
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
        out.append(_stored(event, r))
        if f.limit is not None and len(out) >= f.limit:
            break
    return out


def select_event_page(
    engine: sa.Engine, f: Filters, offset: int, limit: int
) -> tuple[int, list[StoredEvent]]:
    """How many events match ``f`` (``events_in_sql``), and the ``limit`` of them from
    ``offset``, decoded: a page without decoding the others."""
    e, a, m = schema.events, schema.articles, schema.incident_members
    count = event_query(f, sa.func.count(), articles=False).order_by(None)
    page = event_query(f, e.c.json, a.c.article_id, a.c.outlet, a.c.published, a.c.url,
                       a.c.title, m.c.incident_id, a.c.text).offset(offset).limit(limit)
    with engine.connect() as conn:
        total = int(conn.scalar(count) or 0)
        rows = conn.execute(page).all()
    return total, [_stored(packing.event(r.json, r.text), r) for r in rows]


def _stored(event: Event, r: sa.Row[Any]) -> StoredEvent:
    return StoredEvent(event, r.article_id, r.outlet, r.published, r.url, r.title,
                       r.incident_id)


def select_incidents(engine: sa.Engine, f: Filters) -> list[Incident]:
    """Incidents matching ``f``, by date."""
    i = schema.incidents
    query = _incident_query(engine, f, i.c.json, i.c.lat, i.c.lon)
    if query is None:
        return []
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


def select_incident_page(
    engine: sa.Engine, f: Filters, offset: int, limit: int, sort: str = "date"
) -> tuple[int, list[Incident]]:
    """How many incidents match ``f`` (``incidents_in_sql``), and the ``limit`` of them from
    ``offset`` in the order ``sort`` names (``sorted_incidents``' order), decoded."""
    i = schema.incidents
    query = _incident_query(engine, f, i.c.id)
    if query is None:
        return 0, []
    count = sa.select(sa.func.count()).select_from(query.subquery())
    key = _descending(sort)
    column = i.c[{"date": "date_start"}.get(key[0], key[0])]
    order = (column.desc() if key[1] else column.asc()).nulls_last()
    # the ids sorted, then the JSON of the page's only: a sort carrying every JSON is slow
    page = query.order_by(order, i.c.date_start, i.c.id).offset(offset).limit(limit)
    with engine.connect() as conn:
        total = int(conn.scalar(count) or 0)
        ids = list(conn.scalars(page))
        found = conn.execute(sa.select(i.c.id, i.c.json).where(i.c.id.in_(ids)))
        texts = {r.id: r.json for r in found}
    return total, [packing.incident(texts[iid]) for iid in ids]


def sorted_incidents(found: Sequence[Incident], sort: str = "date") -> list[Incident]:
    """Incidents (in ``Store.incidents``' order) by ``sort``: ``date``, ``fatalities`` or
    ``corroboration``, a leading ``-`` for the highest first; those without a value last,
    ties in the order given."""
    name, descending = _descending(sort)

    def value(inc: Incident) -> Any:
        if name == "date":
            return inc.when.start
        if name == "fatalities":
            return inc.fatalities.count if inc.fatalities else None
        return inc.corroboration

    present = [inc for inc in found if value(inc) is not None]
    present.sort(key=value, reverse=descending)
    return present + [inc for inc in found if value(inc) is None]


def _descending(sort: str) -> tuple[str, bool]:
    if sort not in INCIDENT_SORTS:
        raise FilterError(f"incidents sort by one of {', '.join(INCIDENT_SORTS)}, got {sort!r}")
    return sort.lstrip("-"), sort.startswith("-")


def _incident_query(
    engine: sa.Engine, f: Filters, *columns: sa.ColumnElement[Any]
) -> sa.Select[Any] | None:
    """``columns`` of the incidents passing ``f``'s SQL conditions (None: none can)."""
    i = schema.incidents
    query = sa.select(*columns).where(*_shared_clauses(i, f), *_incident_clauses(i, f))
    if f.speaker is not None:
        # a report must pass every member filter, the speaker's own claims checked decoded
        reported = _member_incidents(engine, f)
        return query.where(i.c.id.in_(sorted(reported))) if reported else None
    members = {name: getattr(f, name) for name in _MEMBER_FILTERS if getattr(f, name)}
    if members:
        e, a, m = schema.events, schema.articles, schema.incident_members
        reports = (sa.select(m.c.incident_id).join(e, e.c.pk == m.c.event_pk)
                   .where(e.c.current, *_event_clauses(e, a, Filters(**members))))
        if f.text is not None or f.outlet is not None:
            reports = reports.join(a, a.c.pk == e.c.article_pk)
        query = query.where(i.c.id.in_(reports))
    return query


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
    """Whether a point is within ``f.km`` of ``f.near`` (any point when ``near`` is not given);
    also read by the columns (``store.columns``) and the export (``export.source``)."""
    if f.near is None:
        return True
    if lat is None or lon is None:
        return False
    return haversine_km(f.near[0], f.near[1], lat, lon) <= f.km

