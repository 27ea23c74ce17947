"""The store: results, events, incidents and failures in SQLite (default) or PostgreSQL.

One code path for both: SQLAlchemy Core for the schema and the queries, and for the write path
of every stored article plain SQL that both understand (``statements``), which costs a
fraction of SQLAlchemy's per-statement overhead. Each article is written in one transaction
together with its incident updates, so an ingest killed at any moment leaves every article
either fully stored (and merged) or absent, and resuming it neither duplicates nor loses
anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import sqlalchemy as sa

from spotrep.merge import Incident, Report, join_article, merge_incident, reports_of
from spotrep.merge.incident import incident_id
from spotrep.records import Article, Event, Failure, Result
from spotrep.store import schema
from spotrep.store import statements as stmt
from spotrep.store.blocking import BLOCK_CAP, UNPLACED_CAP, block_keys, incident_window
from spotrep.store.engine import create_engine, database_url, reading_once, writing
from spotrep.store.filters import Filters
from spotrep.store.migrations import migrate
from spotrep.store.queries import select_events, select_incidents
from spotrep.store.statements import Driver
from spotrep.store.stored import StoredEvent, StoredFailure

Status = Literal["new", "version", "unchanged"]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def identity(article: Article) -> str:
    """What makes two texts versions of one article: the URL, or the article id without one."""
    return article.url or f"id:{article.id}"


def article_key(identity: str, chash: str) -> str:
    """One stored article (one version of one URL or id) among those sharing an article id."""
    return f"{identity}\x1f{chash}"


def _now() -> str:
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
            for pk, text in db.rows(db.sql(stmt.EVENT_JSON, pks=len(missing)), missing):
                found[pk] = Event.from_dict(json.loads(text))
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


class Store:
    """A spotrep database. Open with ``Store.open``; use as a context manager or ``close()``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.cache = EventCache()
        self.members = MemberCache()

    @classmethod
    def open(cls, target: str | Path | None = None) -> Store:
        """Open (creating and migrating if needed) the store at a path or database URL."""
        engine = create_engine(database_url(target))
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def has_article(self, article: Article) -> bool:
        """Whether this text of this article (by URL or id) is already stored."""
        key = (identity(article), content_hash(article.text))
        return key in self.known([key])

    def known(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these (identity, content hash) pairs are stored: one query for a batch."""
        identities = sorted({ident for ident, _ in keys})
        found: set[tuple[str, str]] = set()
        for chunk in stmt.chunks(identities, stmt.MAX_PARAMETERS):
            with reading_once(self.engine) as conn:
                db = Driver.of(conn)
                found.update(db.rows(db.sql(stmt.HASHES_OF, identities=len(chunk)), chunk))
        return found & set(keys)

    def has_url(self, url: str) -> bool:
        """Whether any version of the article at ``url`` is stored (feeds skip those unfetched)."""
        a = schema.articles
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(a.c.pk).where(a.c.url == url).limit(1)).first()
        return found is not None

    def add_result(self, result: Result, source: str | None = None) -> Added:
        """Store one article's result and merge its events, all in one transaction."""
        try:
            return self._add_result(result, source)
        except (sa.exc.IntegrityError, self.engine.dialect.loaded_dbapi.IntegrityError):
            # another process stored this very article between our check and our insert
            if self.has_article(result.article):
                return Added("unchanged")
            raise

    def _add_result(self, result: Result, source: str | None) -> Added:
        with writing(self.engine, pipelined=True) as conn:
            db = Driver.of(conn)
            added, merged = _add_in(db, result, source, self.cache, self.members)
        # cached only once committed: a rolled-back transaction's members never existed
        for iid, (version, reports) in merged.items():
            self.members.put(iid, version, reports)
        return added

    def add_batch(
        self,
        items: Sequence[Result | Failure],
        source: str | None = None,
        part: tuple[str, int] | None = None,
    ) -> list[Added] | None:
        """Store many results (and record failures) in one transaction, in the order given.

        ``part``: a loaded part's digest and article count, recorded in the same transaction;
        a part recorded before is not stored again (None is returned). On PostgreSQL one
        transaction for many articles saves most of the round trips of one per article.
        """
        for attempt in (1, 2):
            try:
                return self._add_batch(items, source, part)
            except (sa.exc.IntegrityError, self.engine.dialect.loaded_dbapi.IntegrityError):
                # another writer stored some of these articles meanwhile: the retry finds
                # them stored and leaves them unchanged
                if attempt == 2:
                    raise
        return None  # pragma: no cover (the loop returns or raises)

    def _add_batch(
        self, items: Sequence[Result | Failure], source: str | None, part: tuple[str, int] | None
    ) -> list[Added] | None:
        out: list[Added] = []
        try:
            with writing(self.engine, pipelined=True) as conn:
                db = Driver.of(conn)
                if part is not None and db.rows(db.sql(stmt.PART_LOADED), (part[0],)):
                    return None
                for item in items:
                    if isinstance(item, Failure):
                        _record_failure(db, item, source)
                        continue
                    added, merged = _add_in(db, item, source, self.cache, self.members)
                    # later articles of the batch read these members from the cache
                    for iid, (version, reports) in merged.items():
                        self.members.put(iid, version, reports)
                    out.append(added)
                if part is not None:
                    db.run(db.sql(stmt.RECORD_PART), (part[0], part[1], _now()))
        except BaseException:
            # the batch never happened: forget what it cached
            self.members = MemberCache(self.members.limit)
            self.cache = EventCache(self.cache.limit)
            raise
        return out

    def loaded_parts(self) -> set[str]:
        """The digests of the run parts loaded into this store."""
        p = schema.loaded_parts
        with self.engine.connect() as conn:
            return set(conn.scalars(sa.select(p.c.digest)))

    def add_failure(self, failure: Failure, source: str | None = None) -> bool:
        """Record a failure once (by source, article and reason); whether it was new."""
        src = source or failure.source
        key = failure_key(failure, source)
        f = schema.failures
        now = _now()
        with writing(self.engine) as conn:
            seen = conn.execute(sa.update(f).where(f.c.key == key).values(last_seen=now))
            if seen.rowcount:
                return False
            conn.execute(
                sa.insert(f).values(
                    key=key, source=src, article_id=failure.article_id,
                    reason=failure.reason, first_seen=now, last_seen=now,
                )
            )
        return True

    # ---- reading -------------------------------------------------------------------------

    def events(self, filters: Filters | None = None) -> list[StoredEvent]:
        """Current events (of each article's newest version) matching the filters, by date."""
        return select_events(self.engine, filters or Filters())

    def incidents(self, filters: Filters | None = None) -> list[Incident]:
        """Incidents matching the filters, by date (``Filters`` says how each one reads)."""
        return select_incidents(self.engine, filters or Filters())

    def failures(self) -> list[StoredFailure]:
        f = schema.failures
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(f).order_by(f.c.pk)).all()
        return [StoredFailure(r.source, r.article_id, r.reason, r.last_seen) for r in rows]

    def results(self) -> Iterator[Result]:
        """Every current article's result (with its text), in the order they were stored."""
        a, r = schema.articles, schema.results
        query = (
            sa.select(r.c.json, a.c.text)
            .join(a, a.c.pk == r.c.article_pk)
            .where(a.c.current)
            .order_by(a.c.pk)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        for row in rows:
            yield Result.from_dict(json.loads(row.json), row.text)

    def counts(self) -> dict[str, int]:
        """Rows per table: what an idempotent re-ingest must leave unchanged."""
        tables = (*schema.V1_TABLES, schema.loaded_parts)
        with self.engine.connect() as conn:
            return {
                t.name: int(conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0)
                for t in tables
            }


# ---- helpers that run inside the article's transaction -----------------------------------


def _add_in(
    db: Driver, result: Result, source: str | None, cache: EventCache, members: MemberCache
) -> tuple[Added, dict[str, tuple[Version, list[Report]]]]:
    """Store one article in the open transaction; what happened, and the merged incidents."""
    article = result.article
    chash = content_hash(article.text)
    key = identity(article)
    stored = _insert_article(db, article, chash, key, source)
    if stored is None:
        return Added("unchanged"), {}
    pk, previous = stored
    event_pks = _insert_records(db, pk, result)
    if previous is not None:
        _supersede(db, previous, cache)
    merged = _merge_new_events(db, event_pks, result, article_key(key, chash), cache, members)
    return Added("version" if previous is not None else "new", tuple(merged)), merged


def failure_key(failure: Failure, source: str | None) -> str:
    src = source or failure.source
    """A failure's identity: the same failure of the same source is recorded once."""
    fields = json.dumps([src, failure.article_id, failure.reason])
    return hashlib.sha256(fields.encode()).hexdigest()


def _record_failure(db: Driver, failure: Failure, source: str | None) -> None:
    now = _now()
    db.run(db.sql(stmt.RECORD_FAILURE), (
        failure_key(failure, source), source or failure.source, failure.article_id,
        failure.reason, now, now,
    ))


def _insert_article(
    db: Driver, article: Article, chash: str, key: str, source: str | None
) -> tuple[int, int | None] | None:
    """Insert the article unless this text of it is stored (then None); its primary key and
    that of the version it succeeds."""
    values = (
        article.id, key, article.url, article.outlet, article.published, article.title,
        article.text, chash, key, True, source, _now(), key, chash,
    )
    rows = db.rows(db.sql(stmt.INSERT_NEW_ARTICLE), values)
    return (rows[0][0], rows[0][1]) if rows else None


def _insert_records(db: Driver, pk: int, result: Result) -> dict[str, int]:
    """Insert the article's result and records; the new events' primary keys by event id."""
    art = result.article
    # each record is encoded once: for its own row, and spliced into the result's JSON
    record = result.to_dict()
    parts = {k: [json.dumps(d) for d in record[k]] for k in ("events", "claims", "places")}
    db.insert(schema.results, [{"article_pk": pk, "json": result_json(record, parts)}])
    event_pks: dict[str, int] = {}
    if result.events:
        rows = [_event_row(pk, art.id, ev, text)
                for ev, text in zip(result.events, parts["events"], strict=True)]
        event_pks = dict(db.insert(schema.events, rows, returning=("event_id", "pk")))
    if result.claims:
        db.insert(schema.claims, [
            {"article_pk": pk, "claim_id": c.id, "speaker_name": c.speaker.name,
             "speaker_kind": c.speaker.kind, "form": c.form, "json": text}
            for c, text in zip(result.claims, parts["claims"], strict=True)
        ])
    if result.places:
        db.insert(schema.places, [
            {"article_pk": pk, "name": p.name, "geonameid": p.geonameid, "feature": p.feature,
             "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
             "precision": p.precision, "json": text}
            for p, text in zip(result.places, parts["places"], strict=True)
        ])
    return event_pks


def result_json(record: Mapping[str, Any], parts: Mapping[str, Sequence[str]]) -> str:
    """``json.dumps(record)``, taking the lists named in ``parts`` as their items' JSON."""
    items = (
        json.dumps(k) + ": " + ("[" + ", ".join(parts[k]) + "]" if k in parts else json.dumps(v))
        for k, v in record.items()
    )
    return "{" + ", ".join(items) + "}"


def _event_row(article_pk: int, article_id: str, e: Event, text: str) -> dict[str, Any]:
    where = e.where
    return {
        "article_pk": article_pk, "article_id": article_id, "event_id": e.id, "code": e.code,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "status": e.status,
        "date_start": e.when.start, "date_end": e.when.end or e.when.start,
        "date_precision": e.when.precision,
        "lat": where.lat if where else None, "lon": where.lon if where else None,
        "country": where.country if where else None, "admin1": where.admin1 if where else None,
        "place_name": where.name if where else None,
        "geo_precision": where.precision if where else None,
        "fatalities": e.fatalities.count if e.fatalities else None,
        "injuries": e.injuries.count if e.injuries else None,
        "current": True, "json": text,
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
    rows = db.rows(db.sql(stmt.MEMBER_VERSIONS, ids=len(affected)), affected)
    versions = {iid: (int(n), int(top)) for iid, n, top in rows}
    kept = [_incident_row(iid, members[iid], versions[iid]) for iid in affected if iid in members]
    if kept:
        db.insert(schema.incidents, kept, upsert_on="id")
    emptied = [iid for iid in affected if iid not in members]
    if emptied:
        db.run(db.sql(stmt.DELETE_INCIDENTS, ids=len(emptied)), emptied)


def _merge_new_events(
    db: Driver,
    event_pks: Mapping[str, int],
    result: Result,
    key: str,
    cache: EventCache,
    members: MemberCache,
) -> dict[str, tuple[Version, list[Report]]]:
    """The article's reported events join incidents of its block (``merge.join_article``).

    The article's block is read in one or two queries, merged in memory, and the touched
    incidents written back in one upsert: a handful of statements per article whatever its
    number of events. Returns the touched incidents with their new versions and members, for
    ``MemberCache``.
    """
    reports = reports_of(result, key)
    if not reports:
        return {}
    for r in reports:
        cache.add(event_pks[r.event.id], r.event)
    countries = {p.country for p in result.places if p.country}
    candidates, versions = _block(db, reports, countries, cache, members)

    def open_incident(founder: Report) -> str:
        return incident_id(founder, key)

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


def _block(
    db: Driver,
    reports: Sequence[Report],
    countries: Iterable[str],
    cache: EventCache,
    members: MemberCache,
) -> tuple[dict[str, list[Report]], dict[str, Version]]:
    """The incidents (with their members) in the reports' blocks (``blocking``), and their
    versions. Members come from ``members`` when the incident's version is the one cached,
    else in one query."""
    versions: dict[str, Version] = {}
    for country, lo, hi in block_keys(reports, countries):
        if country is None:
            sql, params = db.sql(stmt.BLOCK_UNPLACED, cap=UNPLACED_CAP), [lo, hi]
        else:
            sql, params = db.sql(stmt.BLOCK_IN_COUNTRY, cap=BLOCK_CAP), [country, lo, hi]
        for iid, n, top in db.rows(sql, params):
            versions[iid] = (n or 0, top or 0)
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
    rows = db.rows(db.sql(stmt.MEMBERS, ids=len(ids)), ids)
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
        "id": iid, "code": inc.code, "event_type": inc.event_type,
        "date_start": inc.when.start, "date_end": inc.when.end or inc.when.start,
        "window_lo": window[0].isoformat() if window else None,
        "window_hi": window[1].isoformat() if window else None,
        "lat": where.lat if where else None, "lon": where.lon if where else None,
        "country": where.country if where else None,
        "fatalities": inc.fatalities.count if inc.fatalities else None,
        "corroboration": inc.corroboration, "json": json.dumps(inc.to_dict()),
        "updated_at": _now(), "member_count": version[0], "newest_member": version[1],
    }
