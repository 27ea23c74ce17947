"""The write path: storing one article's result and merging it, inside an open transaction.

Plain SQL (``statements``) on the transaction's DBAPI cursor: each stored article costs the
same few statements whatever its number of events, claims and places. Each fact is written
once (``packing``): the article text in ``articles``, each event, claim and place in its own
table, and in ``results`` only what no other table holds (``rows.result_json``).
``Store`` (``store.py``) opens the transactions and is the only public entry.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa

from spotrep.merge import Report, join_article, merge_incident, reports_of
from spotrep.merge.incident import incident_id
from spotrep.records import Article, Event, Failure, Result
from spotrep.store import packing, schema
from spotrep.store import statements as stmt
from spotrep.store.blocking import (
    BLOCK_CAP,
    UNPLACED_CAP,
    BlockKey,
    Near,
    article_near,
    block_keys,
    incident_reach,
    incident_window,
    member_codes,
)
from spotrep.store.rows import result_json, results_by_pk
from spotrep.store.statements import Driver
from spotrep.store.urls import canonical_url

Status = Literal["new", "version", "unchanged"]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def identity(article: Article) -> str:
    """What makes two texts versions of one article: its canonical URL (``canonical_url``:
    tracking parameters, scheme, ``www``/mobile/AMP variants and a trailing slash folded
    together), or the article id without one."""
    return canonical_url(article.url) if article.url else f"id:{article.id}"


def article_key(identity: str, chash: str) -> str:
    """One stored article (one version of one URL or id) among those sharing an article id."""
    return f"{identity}\x1f{chash}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_result`` did: stored a new article or version, or found it unchanged."""

    status: Status
    incidents: tuple[str, ...] = ()


class EventCache:
    """Decoded events by primary key: an event row never changes once written.

    Merging compares each new article with the members of the incidents in its block; without
    the cache every stored article would decode those members' JSON again, a cost that grows
    with the store. Bounded: past ``limit`` entries it starts afresh.
    """

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self._events: dict[int, Event] = {}

    def __len__(self) -> int:
        return len(self._events)

    def add(self, pk: int, event: Event) -> None:
        if len(self._events) >= self.limit:
            self._events.clear()
        self._events[pk] = event

    def load(self, db: Driver, pks: Iterable[int]) -> dict[int, Event]:
        """The events with these primary keys, reading only those not cached (one query)."""
        found: dict[int, Event] = {}
        missing: list[int] = []
        for pk in set(pks):
            event = self._events.get(pk)
            if event is None:
                missing.append(pk)
            else:
                found[pk] = event
        if missing:
            rows = db.rows(*db.listing(stmt.EVENT_JSON, pks=missing))
            for pk, data, text in rows:
                found[pk] = packing.event(data, text)
                self.add(pk, found[pk])
        return found


Version = tuple[int, int]
"""An incident's member count and newest member's primary key (``BLOCK_VERSIONS``)."""


class MemberCache:
    """Incidents' member reports as last written by this store, with their versions.

    Reading a block then costs one aggregate query plus the members of the incidents other
    writers changed since, instead of every member of every incident in the block.
    """

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self._members: dict[str, tuple[Version, list[Report]]] = {}

    def __len__(self) -> int:
        return len(self._members)

    def get(self, iid: str, version: Version) -> list[Report] | None:
        cached = self._members.get(iid)
        # shared, not copied: merging replaces an incident's list rather than changing it
        return cached[1] if cached is not None and cached[0] == version else None

    def put(self, iid: str, version: Version, reports: Sequence[Report]) -> None:
        if len(self._members) >= self.limit:
            self._members.clear()
        self._members[iid] = (version, list(reports))



def add_in(
    db: Driver,
    result: Result,
    source: str | None,
    cache: EventCache,
    members: MemberCache,
    run_id: str | None,
) -> tuple[Added, dict[str, tuple[Version, list[Report]]]]:
    """Store one article in the open transaction; what happened, and the merged incidents.

    The merge block is asked for before the article is stored (it does not depend on it):
    on PostgreSQL both go to the server in one round trip (``Driver.later``)."""
    article = result.article
    chash = content_hash(article.text)
    key = identity(article)
    reports = reports_of(result, article_key(key, chash))
    block = _ask_block(db, reports, result)
    stored = _insert_article_and_records(db, article, chash, key, source, run_id, result)
    if stored is None:
        block()  # read and dropped: nothing is merged
        return Added("unchanged"), {}
    _, previous, event_pks = stored
    if previous is not None:
        block()
        _supersede(db, previous, cache)
        block = _ask_block(db, reports, result)  # the supersede changed incidents
    merged = _merge_new_events(db, event_pks, reports, article_key(key, chash), cache,
                               members, block)
    return Added("version" if previous is not None else "new", tuple(merged)), merged


def failure_key(failure: Failure, source: str | None) -> str:
    """A failure's identity: the same failure of the same source is recorded once."""
    src = source or failure.source
    fields = json.dumps([src, failure.article_id, failure.reason])
    return hashlib.sha256(fields.encode()).hexdigest()


def record_failure(db: Driver, failure: Failure, source: str | None) -> None:
    when = now()
    db.run(db.sql(stmt.RECORD_FAILURE), (
        failure_key(failure, source), source or failure.source, failure.article_id,
        failure.reason, when, when,
    ))


def _insert_article_and_records(
    db: Driver, article: Article, chash: str, key: str, source: str | None, run_id: str | None,
    result: Result,
) -> tuple[int, int | None, dict[str, int]] | None:
    """Insert the article and its records unless this text of it is stored (then None): its
    primary key, that of the version it succeeds and its events' primary keys by event id."""
    values = (
        article.id, key, article.url, article.outlet, article.published, article.title,
        article.text, chash, key, True, source, now(), run_id, chash,
    )
    if db.postgresql:
        return _insert_all_at_once(db, values, result)
    rows = db.rows(db.sql(stmt.INSERT_NEW_ARTICLE), values)
    if not rows:
        return None
    pk, previous = rows[0]
    return pk, previous, _insert_records(db, pk, result)


def _record_rows(pk: int, result: Result) -> dict[sa.Table, list[dict[str, Any]]]:
    """The rows of the article's result, events, claims and places (its primary key ``pk``)."""
    text = result.article.text
    return {
        schema.results: [{"article_pk": pk, "json": result_json(result)}],
        schema.events: [_event_row(pk, ev, text) for ev in result.events],
        schema.claims: [
            {"article_pk": pk, "claim_id": c.id, "speaker_name": c.speaker.name,
             "speaker_kind": c.speaker.kind, "form": c.form,
             "json": packing.pack(c, text, packing.CLAIM_HELD)}
            for c in result.claims
        ],
        schema.places: [
            {"article_pk": pk, **{k: getattr(p, k) for k in packing.PLACE_HELD},
             "json": packing.pack(p, text, packing.PLACE_HELD)}
            for p in result.places
        ],
    }


def _insert_records(db: Driver, pk: int, result: Result) -> dict[str, int]:
    """Insert the article's result and records; the new events' primary keys by event id."""
    event_pks: dict[str, int] = {}
    for table, rows in _record_rows(pk, result).items():
        if not rows:
            continue
        if table is schema.events:
            event_pks = dict(db.insert(table, rows, returning=("event_id", "pk")))
        else:
            db.insert(table, rows)
    return event_pks


def _insert_all_at_once(
    db: Driver, article_values: tuple[Any, ...], result: Result
) -> tuple[int, int | None, dict[str, int]] | None:
    """``_insert_article_and_records`` on PostgreSQL: one statement
    (``statements.insert_article_and_records_sql``)."""
    tables = _record_rows(0, result)  # the statement fills in the article's primary key
    params: list[Any] = [*article_values, tables[schema.results][0]["json"]]
    for table in (schema.events, schema.claims, schema.places):
        rows = tables[table]
        params += [stmt.TextArray(stmt.as_text(r[n]) for r in rows)
                   for n in stmt.article_columns(table)]
    found = db.rows(stmt.insert_article_and_records_sql(), params)
    article = [(pk, previous) for pk, previous, event_id in found if event_id is None]
    if not article:
        return None
    event_pks = {event_id: pk for pk, _, event_id in found if event_id is not None}
    return article[0][0], article[0][1], event_pks


def _event_row(article_pk: int, e: Event, text: str) -> dict[str, Any]:
    """An event's row: its JSON as stored (``packing``) and the columns queries filter on."""
    where = e.where
    return {
        "article_pk": article_pk, "event_id": e.id, "code": e.code, "status": e.status,
        "date_start": e.when.start, "date_end": e.when.end or e.when.start,
        "date_precision": e.when.precision,
        "lat": where.lat if where else None, "lon": where.lon if where else None,
        "country": where.country if where else None, "admin1": where.admin1 if where else None,
        "place_name": where.name if where else None,
        "geo_precision": where.precision if where else None,
        "fatalities": e.fatalities.count if e.fatalities else None,
        "injuries": e.injuries.count if e.injuries else None,
        "current": True, "json": packing.pack(e, text),
    }


def _supersede(db: Driver, previous_pk: int, cache: EventCache) -> None:
    """Retire an older version: its events leave their incidents, which are rebuilt or dropped."""
    db.run(db.sql(stmt.RETIRE_ARTICLE), (previous_pk,))
    db.run(db.sql(stmt.RETIRE_EVENTS), (previous_pk,))
    affected = [iid for (iid,) in db.rows(db.sql(stmt.INCIDENTS_OF_ARTICLE), (previous_pk,))]
    db.run(db.sql(stmt.LEAVE_INCIDENTS), (previous_pk,))
    if not affected:
        return
    members = _members(db, affected, cache)
    rows = db.rows(*db.listing(stmt.MEMBER_VERSIONS, ids=affected))
    versions = {iid: (int(n), int(top)) for iid, n, top in rows}
    kept = [_incident_row(iid, members[iid], versions[iid]) for iid in affected if iid in members]
    if kept:
        db.insert(schema.incidents, kept, upsert_on="id")
    emptied = [iid for iid in affected if iid not in members]
    if emptied:
        db.run(*db.listing(stmt.DELETE_INCIDENTS, ids=emptied))


Block = Callable[[], list[Any]]
"""The rows of an article's block query, read when called (``_ask_block``)."""


def _merge_new_events(
    db: Driver,
    event_pks: Mapping[str, int],
    reports: Sequence[Report],
    key: str,
    cache: EventCache,
    members: MemberCache,
    block: Block,
    salt: str = "",
) -> dict[str, tuple[Version, list[Report]]]:
    """The article's reported events join incidents of its block (``merge.join_article``).

    The article's block is read in one or two queries (the first asked for already:
    ``block``), merged in memory, and the touched incidents written back in one upsert: a
    handful of statements per article whatever its number of events. Returns the touched
    incidents with their new versions and members, for ``MemberCache``. ``salt`` varies the
    ids of incidents it opens (an article merged again).
    """
    if not reports:
        return {}
    for r in reports:
        cache.add(event_pks[r.event.id], r.event)
    candidates, versions = _block(db, block(), cache, members)

    def open_incident(founder: Report) -> str:
        return incident_id(founder, key + salt)

    # (incident id, event id) of this article's events
    joined = [(iid, r.event.id) for iid, r in join_article(reports, candidates, open_incident)]
    touched = list(dict.fromkeys(iid for iid, _ in joined))
    new_versions: dict[str, Version] = {}
    for iid in touched:
        n, top = versions.get(iid, (0, 0))
        new_pks = [event_pks[eid] for i, eid in joined if i == iid]
        new_versions[iid] = (n + len(new_pks), max(top, *new_pks))
    db.insert(
        schema.incidents,
        [_incident_row(iid, candidates[iid], new_versions[iid]) for iid in touched],
        upsert_on="id",
    )
    db.insert(schema.incident_members, [
        {"event_pk": event_pks[eid], "incident_id": iid} for iid, eid in joined
    ])
    return {iid: (new_versions[iid], candidates[iid]) for iid in touched}


def _ask_block(db: Driver, reports: Sequence[Report], result: Result) -> Block:
    """The query of the reports' blocks (``blocking``) in one statement, sent now on
    PostgreSQL (``Driver.later``): rows of incident id, member count, newest member."""
    countries = {p.country for p in result.places if p.country}
    near = article_near(reports)
    if near is not None and not (near.boxes or near.codes):
        return list  # no report of the article can join an incident
    keys = block_keys(reports, countries)
    if not keys:
        return list
    if db.postgresql:
        return db.later(*_pg_blocks(keys, near))
    return db.later(*_listed_blocks(keys, near, db.mark))


def _listed_blocks(
    keys: Sequence[BlockKey], near: Near | None, mark: str
) -> tuple[str, list[Any]]:
    """``_ask_block``'s statement and parameters on SQLite (``statements.blocks_sql``): a part
    per block, with its own parameters (placeholder ``mark``)."""
    near_params = [] if near is None else [
        *(v for box in near.boxes for v in stmt.box_params(box)),
        *(stmt.code_pattern(c) for c in near.codes)]
    parts: list[str] = []
    params: list[Any] = []
    for country, lo, hi in keys:
        if country is None:
            part = stmt.BLOCK_UNPLACED.format(m=mark, cap=UNPLACED_CAP)
            params += [lo, hi]
        else:
            part = stmt.BLOCK_IN_COUNTRY.format(m=mark, cap=BLOCK_CAP)
            params += [country, lo, hi]
        if near is not None:
            part = stmt.near_sql(part, len(near.boxes), len(near.codes), mark)
            params += near_params
        parts.append(part)
    return stmt.blocks_sql(parts), params


def _pg_blocks(keys: Sequence[BlockKey], near: Near | None) -> tuple[str, list[Any]]:
    """``_ask_block``'s statement and parameters on PostgreSQL (``statements.pg_blocks_sql``)."""
    placed = [(str(k), *key) for k, key in enumerate(keys) if key[0] is not None]
    unplaced = [(str(k), lo, hi) for k, (country, lo, hi) in enumerate(keys) if country is None]
    boxes = near.boxes if near else ()
    codes = [stmt.code_pattern(c) for c in near.codes] if near else []
    sql = stmt.pg_blocks_sql(BLOCK_CAP if placed else 0, UNPLACED_CAP if unplaced else 0,
                             stmt.box_slots(len(boxes)), bool(codes))
    columns = [*zip(*placed, strict=True), *zip(*unplaced, strict=True)]
    params: list[Any] = [stmt.TextArray(stmt.as_text(v) for v in column) for column in columns]
    if boxes:
        params.append([float(v) for box in boxes for v in stmt.box_params(box)])
    if codes:
        params.append(stmt.TextArray(codes))
    return sql, params


def _block(
    db: Driver, rows: Sequence[Any], cache: EventCache, members: MemberCache
) -> tuple[dict[str, list[Report]], dict[str, Version]]:
    """The incidents (with their members) of a block query's rows (``_ask_block``), and
    their versions. Members come from ``members`` when the incident's version is the one
    cached, else in one query."""
    versions: dict[str, Version] = {}
    for iid, n, top, _hi, _lo in rows:
        versions.setdefault(iid, (n or 0, top or 0))
    block: dict[str, list[Report]] = {}
    stale: list[str] = []
    for iid, version in versions.items():
        cached = members.get(iid, version) if version[0] else None
        if cached is None:
            stale.append(iid)
        else:
            block[iid] = cached
    block.update(_members(db, stale, cache))
    return {iid: block[iid] for iid in versions if iid in block}, versions


def _members(db: Driver, ids: Sequence[str], cache: EventCache) -> dict[str, list[Report]]:
    """The current member reports of each incident."""
    if not ids:
        return {}
    rows = db.rows(*db.listing(stmt.MEMBERS, ids=ids))
    events = cache.load(db, (r[1] for r in rows))
    out: dict[str, list[Report]] = {}
    for iid, event_pk, article_id, outlet, published, ident, chash in rows:
        report = Report(events[event_pk], article_id, outlet, published,
                        article_key(ident, chash))
        out.setdefault(iid, []).append(report)
    return out


def _incident_row(iid: str, reports: Sequence[Report], version: Version) -> dict[str, Any]:
    """The incidents-table row of the incident these reports make."""
    inc = merge_incident(iid, reports)
    window = incident_window(reports)
    where = inc.where
    return {
        "id": iid, "code": inc.code,
        "date_start": inc.when.start, "date_end": inc.when.end or inc.when.start,
        "window_lo": window[0].isoformat() if window else None,
        "window_hi": window[1].isoformat() if window else None,
        "lat": where.lat if where else None, "lon": where.lon if where else None,
        "country": where.country if where else None,
        "fatalities": inc.fatalities.count if inc.fatalities else None,
        "corroboration": inc.corroboration, "json": packing.incident_json(inc),
        "updated_at": now(), "member_count": version[0], "newest_member": version[1],
        **dict(zip(schema.V9_REACH_COLUMNS, incident_reach(reports) or (None,) * 4,
                   strict=True)),
        "member_codes": member_codes(reports),
    }


def delete_article(
    db: Driver, pk: int, doomed: set[int], cache: EventCache, members: MemberCache
) -> tuple[int, int, int, int]:
    """Delete one stored article; (events deleted, incidents rebuilt, incidents removed,
    versions made current again)."""
    a = schema.articles.name
    ((current, previous),) = db.rows(db.sql(f"SELECT current, previous_pk FROM {a} WHERE pk = "
                                            "{m}"), (pk,))
    incidents: list[str] = []
    if current:
        incidents = [iid for (iid,) in db.rows(db.sql(stmt.INCIDENTS_OF_ARTICLE), (pk,))]
        _supersede(db, pk, cache)
    left = [iid for (iid,) in db.rows(*db.listing(
        f"SELECT id FROM {schema.incidents.name} WHERE id {{ids}}", ids=incidents))
    ] if incidents else []
    (n_events,) = db.rows(db.sql(f"SELECT count(*) FROM {schema.events.name} WHERE "
                                 "article_pk = {m}"), (pk,))[0]
    db.run(db.sql(f"UPDATE {a} SET previous_pk = {{m}} WHERE previous_pk = {{m}}"),
           (previous, pk))
    for table in (schema.claims, schema.places, schema.results, schema.events):
        db.run(db.sql(f"DELETE FROM {table.name} WHERE article_pk = {{m}}"), (pk,))
    db.run(db.sql(f"DELETE FROM {a} WHERE pk = {{m}}"), (pk,))
    revived = 0
    if current and previous is not None and previous not in doomed:
        _revive(db, previous, cache, members)
        revived = 1
    return int(n_events), len(left), len(incidents) - len(left), revived


def _revive(db: Driver, pk: int, cache: EventCache, members: MemberCache) -> None:
    """Make an older version current again and merge its events anew."""
    a, e = schema.articles.name, schema.events.name
    db.run(db.sql(f"UPDATE {a} SET current = TRUE WHERE pk = {{m}}"), (pk,))
    db.run(db.sql(f"UPDATE {e} SET current = TRUE WHERE article_pk = {{m}}"), (pk,))
    ((ident, chash),) = db.rows(db.sql(
        f"SELECT identity, content_hash FROM {a} WHERE pk = {{m}}"), (pk,))
    result = results_by_pk(db, [pk])[pk]
    event_pks = dict(db.rows(db.sql(f"SELECT event_id, pk FROM {e} WHERE article_pk = {{m}}"),
                             (pk,)))
    key = article_key(ident, chash)
    reports = reports_of(result, key)
    # salted: an incident it founded before may live on with other reports under that id
    _merge_new_events(db, event_pks, reports, key, cache, members,
                      _ask_block(db, reports, result),
                      salt=f"\x1frevived {now()} {secrets.token_hex(4)}")

