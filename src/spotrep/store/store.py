"""The store: results, events, incidents and failures in SQLite (default) or PostgreSQL.

One code path for both: SQLAlchemy Core for the schema and the queries, and for the write path
of every stored article plain SQL that both understand (``write``, ``statements``), which costs
a fraction of SQLAlchemy's per-statement overhead. Each article is written in one transaction
together with its incident updates (or with the rest of its batch), so an ingest killed at any
moment leaves every article either fully stored (and merged) or absent, and resuming it
neither duplicates nor loses anything.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from spotrep.errors import FilterError, StoreOpenError
from spotrep.merge import Incident
from spotrep.records import Article, Failure, Result
from spotrep.store import frames, packing, schema
from spotrep.store import statements as stmt
from spotrep.store.engine import describe, open_engine, reading_once, writing
from spotrep.store.filters import Filters
from spotrep.store.migrations import migrate, schema_version
from spotrep.store.queries import select_events, select_incident, select_incidents
from spotrep.store.rows import results_by_pk
from spotrep.store.statements import Driver
from spotrep.store.stored import IncidentDetail, StoredEvent, StoredFailure, StoredRun
from spotrep.store.summary import Group, summarize
from spotrep.store.urls import canonical_url
from spotrep.store.write import (
    Added,
    EventCache,
    MemberCache,
    add_in,
    content_hash,
    delete_article,
    failure_key,
    identity,
    now,
    record_failure,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Added", "Deleted", "Store", "content_hash", "identity"]

RESULT_CHUNK = 500
"""Articles whose results ``Store.results`` rebuilds at a time."""


@dataclass(frozen=True, slots=True)
class Deleted:
    """What ``delete`` removed (or, with ``dry_run``, would remove: then only ``articles``)."""

    articles: int
    events: int
    incidents_rebuilt: int
    incidents_removed: int
    versions_restored: int

    def line(self) -> str:
        return (f"{self.articles} articles, {self.events} events deleted; "
                f"{self.incidents_rebuilt} incidents rebuilt, {self.incidents_removed} removed; "
                f"{self.versions_restored} older versions current again")



class Store:
    """A spotrep database. Open with ``Store.open``; use as a context manager or ``close()``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.cache = EventCache()
        self.members = MemberCache()
        self.run_id: str | None = None
        """The ingest run the articles stored now belong to (``begin_run``)."""

    @classmethod
    def open(cls, target: str | Path | None = None, create: bool = False) -> Store:
        """Open the store at a path or database URL (``$SPOTREP_DB`` or the default path when
        None), migrating it to this version's schema.

        Only with ``create`` is a missing store created; otherwise, and for anything that is
        not a spotrep store, ``StoreOpenError`` says what is wrong in one line.
        """
        engine = open_engine(target, create)
        try:
            _check_is_store(engine, create)
            migrate(engine)
        except sa.exc.DBAPIError as exc:
            engine.dispose()
            raise StoreOpenError(f"{describe(engine.url)}: cannot be read as a spotrep store "
                                 f"({str(exc.orig).strip().splitlines()[0]})") from None
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
        """Which of these (identity, content hash) pairs are stored: one query for a batch.

        A text is stored whatever the URL it was stored under: the same text at another
        address is the same article (a syndicated copy, a moved page), not a new one.
        """
        hashes = sorted({chash for _, chash in keys})
        found: set[str] = set()
        for chunk in stmt.chunks(hashes, stmt.MAX_PARAMETERS):
            with reading_once(self.engine) as conn:
                db = Driver.of(conn)
                found.update(h for (h,) in db.rows(*db.listing(stmt.HASHES_STORED, hashes=chunk)))
        return {key for key in keys if key[1] in found}

    def has_url(self, url: str) -> bool:
        """Whether any version of the article at ``url`` (or at a variant of that address) is
        stored: feeds skip those unfetched."""
        a = schema.articles
        keys = sorted({canonical_url(url), url})  # a store written before URLs were canonical
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(a.c.pk).where(a.c.identity.in_(keys)).limit(1)).first()
        return found is not None

    def add_result(self, result: Result, source: str | None = None) -> Added:
        """Store one article's result and merge its events, all in one transaction (as part of
        the run ``begin_run`` started, if any)."""
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
            added, merged = add_in(db, result, source, self.cache, self.members, self.run_id)
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
                        record_failure(db, item, source)
                        continue
                    added, merged = add_in(db, item, source, self.cache, self.members,
                                            self.run_id)
                    # later articles of the batch read these members from the cache
                    for iid, (version, reports) in merged.items():
                        self.members.put(iid, version, reports)
                    out.append(added)
                if part is not None:
                    db.run(db.sql(stmt.RECORD_PART), (part[0], part[1], now()))
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
        when = now()
        with writing(self.engine) as conn:
            seen = conn.execute(sa.update(f).where(f.c.key == key).values(last_seen=when))
            if seen.rowcount:
                return False
            conn.execute(
                sa.insert(f).values(
                    key=key, source=src, article_id=failure.article_id,
                    reason=failure.reason, first_seen=when, last_seen=when,
                )
            )
        return True

    # ---- runs and deleting -----------------------------------------------------------------

    def begin_run(self, sources: Sequence[str]) -> str:
        """Start an ingest run: the articles this store adds from now on belong to it."""
        from spotrep import __version__

        now = datetime.now(UTC)
        run_id = f"run_{now:%Y%m%dT%H%M%S}_{secrets.token_hex(3)}"
        with writing(self.engine) as conn:
            conn.execute(sa.insert(schema.ingest_runs).values(
                id=run_id, started_at=now.isoformat(), sources=json.dumps(list(sources)),
                spotrep=__version__,
            ))
        self.run_id = run_id
        return run_id

    def runs(self) -> list[StoredRun]:
        """The ingest runs, oldest first, with how many stored articles each added."""
        r, a = schema.ingest_runs, schema.articles
        n = sa.select(sa.func.count()).where(a.c.run_id == r.c.id).scalar_subquery()
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(r, n.label("n")).order_by(r.c.started_at, r.c.id))
            return [StoredRun(x.id, x.started_at, tuple(json.loads(x.sources)), int(x.n))
                    for x in rows]

    def delete(
        self, run_id: str | None = None, source: str | None = None, dry_run: bool = False
    ) -> Deleted:
        """Remove every article one ingest run (or one source) added, with its records.

        The incidents they were part of are rebuilt from their other reports (or removed with
        their last one); an article version whose newer version goes is current again, and
        its events merge anew. Each article goes in its own transaction, like an ingest.
        """
        pks = self._articles_of(run_id, source)
        if dry_run or not pks:
            return Deleted(len(pks), 0, 0, 0, 0)
        counts = [0, 0, 0, 0]
        doomed = set(pks)
        for pk in sorted(pks, reverse=True):  # newer versions first
            with writing(self.engine) as conn:
                done = delete_article(Driver.of(conn), pk, doomed, self.cache, self.members)
            counts = [c + d for c, d in zip(counts, done, strict=True)]
        # the primary keys of deleted rows may be used again: cached events would be stale
        self.cache, self.members = EventCache(), MemberCache()
        return Deleted(len(pks), *counts)

    def _articles_of(self, run_id: str | None, source: str | None) -> list[int]:
        if (run_id is None) == (source is None):
            raise FilterError("delete needs one of --run RUN or --source PATH")
        a = schema.articles
        where = a.c.run_id == run_id if run_id is not None else a.c.source == source
        with self.engine.connect() as conn:
            pks = [int(pk) for pk in conn.scalars(sa.select(a.c.pk).where(where))]
            if pks:
                return pks
            if run_id is not None:
                known = conn.execute(sa.select(schema.ingest_runs.c.id)
                                     .where(schema.ingest_runs.c.id == run_id)).first()
                if known is not None:
                    return []  # a run that added nothing new
                raise FilterError(f"no ingest run {run_id!r} (`spotrep runs` lists them)")
            raise FilterError(f"no articles from source {source!r} (`spotrep runs` lists the "
                              "sources each run was given)")

    # ---- reading -------------------------------------------------------------------------

    def events(self, filters: Filters | None = None, **given: Any) -> list[StoredEvent]:
        """Current events (of each article's newest version) matching the filters, by date.

        Filters come as a ``Filters`` or as its fields by name (``country="Syria"``), or both:
        the names replace those fields of ``filters``.
        """
        return select_events(self.engine, _filters(filters, given))

    def incidents(self, filters: Filters | None = None, **given: Any) -> list[Incident]:
        """Incidents matching the filters, by date (``Filters`` says how each one reads)."""
        return select_incidents(self.engine, _filters(filters, given))

    def event_rows(self, filters: Filters | None = None, **given: Any) -> list[dict[str, Any]]:
        """``events`` as flat rows (``frames.EVENT_COLUMNS``): ``pandas.DataFrame(rows)``."""
        return [frames.event_row(se) for se in self.events(filters, **given)]

    def incident_rows(self, filters: Filters | None = None, **given: Any) -> list[dict[str, Any]]:
        """``incidents`` as flat rows (``frames.INCIDENT_COLUMNS``)."""
        return [frames.incident_row(inc) for inc in self.incidents(filters, **given)]

    def events_frame(self, filters: Filters | None = None, **given: Any) -> pd.DataFrame:
        """``events`` as a pandas DataFrame with typed columns (needs pandas)."""
        return frames.frame(self.event_rows(filters, **given), frames.EVENT_COLUMNS)

    def incidents_frame(self, filters: Filters | None = None, **given: Any) -> pd.DataFrame:
        """``incidents`` as a pandas DataFrame with typed columns (needs pandas)."""
        return frames.frame(self.incident_rows(filters, **given), frames.INCIDENT_COLUMNS)

    def incident(self, ref: str) -> IncidentDetail:
        """One incident in full (by id or a unique start of one): its reports and claims."""
        return select_incident(self.engine, ref)

    def summary(
        self, by: str, filters: Filters | None = None, of: str = "incidents", **given: Any
    ) -> tuple[list[Group], Group]:
        """Counts and fatality sums of the incidents (or events) matching the filters, grouped
        ``by`` week, month, country, admin1, code or actor; and the total."""
        if of not in ("incidents", "events"):
            raise FilterError(f"a summary is of incidents or events, not {of!r}")
        found = (self.incidents(filters, **given) if of == "incidents"
                 else self.events(filters, **given))
        return summarize(found, by)

    def failures(self) -> list[StoredFailure]:
        f = schema.failures
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(f).order_by(f.c.pk)).all()
        return [StoredFailure(r.source, r.article_id, r.reason, r.last_seen) for r in rows]

    def results(self, article_ids: Iterable[str] | None = None) -> Iterator[Result]:
        """Every current article's result (or only those of ``article_ids``), with its text,
        in the order they were stored; rebuilt from the rows that hold each fact."""
        a = schema.articles
        query = sa.select(a.c.pk).where(a.c.current).order_by(a.c.pk)
        with self.engine.connect() as conn:
            if article_ids is None:
                pks = list(conn.scalars(query))
            else:
                pks = sorted({pk for chunk in stmt.chunks(sorted(set(article_ids)), RESULT_CHUNK)
                              for pk in conn.scalars(query.where(a.c.article_id.in_(chunk)))})
        for chunk in stmt.chunks(pks, RESULT_CHUNK):
            with self.engine.connect() as conn:
                found = results_by_pk(Driver.of(conn), chunk)
            yield from (found[pk] for pk in chunk if pk in found)

    def result(self, article_id: str) -> Result | None:
        """The result of the current version of one article (by its id), or None."""
        a = schema.articles
        query = (sa.select(a.c.pk).where(a.c.article_id == article_id, a.c.current)
                 .order_by(a.c.pk.desc()).limit(1))
        with self.engine.connect() as conn:
            pk = conn.scalar(query)
            return None if pk is None else results_by_pk(Driver.of(conn), [pk]).get(pk)

    def incident_by_id(self, incident_id: str) -> Incident | None:
        """The merged incident with exactly this id, or None (``incident`` gives its reports
        too, and takes the start of an id)."""
        i = schema.incidents
        with self.engine.connect() as conn:
            data = conn.scalar(sa.select(i.c.json).where(i.c.id == incident_id))
        return None if data is None else packing.incident(data)

    def counts(self) -> dict[str, int]:
        """Rows per table: what an idempotent re-ingest must leave unchanged."""
        tables = (*schema.V1_TABLES, schema.loaded_parts)
        with self.engine.connect() as conn:
            return {
                t.name: int(conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0)
                for t in tables
            }


def _filters(filters: Filters | None, given: Mapping[str, Any]) -> Filters:
    if not given:
        return filters or Filters()
    try:
        return replace(filters or Filters(), **given)
    except TypeError as exc:  # a name that is not a filter
        raise FilterError(f"not a filter: {exc}") from None


def _check_is_store(engine: sa.Engine, create: bool) -> None:
    """Refuse a database that holds no spotrep store (unless creating one in an empty one)."""
    if schema_version(engine) > 0:
        return
    where = describe(engine.url)
    if not create:
        raise StoreOpenError(f"{where} holds no spotrep store: `spotrep ingest` creates one "
                             "(check --db and $SPOTREP_DB)")
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            others = sa.inspect(conn).get_table_names()
        if others:
            raise StoreOpenError(f"{where} is a SQLite database of something else (tables: "
                                 f"{', '.join(others[:5])}); spotrep will not write into it")


