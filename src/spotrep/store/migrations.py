"""Versioned schema migrations: an ordered list of functions and a table of those applied.

A store opened by a newer spotrep is upgraded in place; each migration runs in its own
transaction with its version row, so an interrupted upgrade resumes at the first missing one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from spotrep.records import Result
from spotrep.store import packing, schema
from spotrep.store.engine import writing
from spotrep.store.rows import result_json


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


def _create_tables(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))


def _create_query_indexes(conn: sa.Connection) -> None:
    for index in schema.V2_INDEXES:
        index.create(conn, checkfirst=True)


def _add_incident_versions(conn: sa.Connection) -> None:
    i, m = schema.incidents, schema.incident_members
    present = {c["name"] for c in sa.inspect(conn).get_columns(i.name)}
    for name in schema.V3_INCIDENT_COLUMNS:
        if name not in present:  # a store created by this version has them from the start
            conn.execute(sa.text(f"ALTER TABLE {i.name} ADD COLUMN {name} INTEGER"))
    members = sa.select(sa.func.count()).where(m.c.incident_id == i.c.id).scalar_subquery()
    newest = sa.select(sa.func.max(m.c.event_pk)).where(m.c.incident_id == i.c.id)
    conn.execute(sa.update(i).values(member_count=members, newest_member=newest.scalar_subquery()))


def _replace_indexes(
    conn: sa.Connection, dropped: Sequence[str], created: Sequence[sa.Index]
) -> None:
    for name in dropped:
        conn.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
    for index in created:
        index.create(conn, checkfirst=True)


def _index_window_ends(conn: sa.Connection) -> None:
    _replace_indexes(conn, schema.V4_DROPPED_INDEXES, schema.V4_INDEXES)


def _add_loaded_parts(conn: sa.Connection) -> None:
    # v5 also indexed merge blocks by country (ix_incidents_country_window); v10 replaces
    # that index, so a store upgraded now gets only v10's
    schema.loaded_parts.create(conn, checkfirst=True)


def _record_runs(conn: sa.Connection) -> None:
    a = schema.articles
    present = {c["name"] for c in sa.inspect(conn).get_columns(a.name)}
    for name in schema.V6_ARTICLE_COLUMNS:
        if name not in present:  # a store created by this version has it from the start
            conn.execute(sa.text(f"ALTER TABLE {a.name} ADD COLUMN {name} VARCHAR(40)"))
    schema.metadata.create_all(conn, tables=list(schema.V6_TABLES))
    for index in schema.V6_INDEXES:
        index.create(conn, checkfirst=True)


def _order_blocks_by_newest(conn: sa.Connection) -> None:
    _replace_indexes(conn, schema.V10_DROPPED_INDEXES, schema.V10_INDEXES)


def _index_event_columns(conn: sa.Connection) -> None:
    for index in schema.V8_INDEXES:
        index.create(conn, checkfirst=True)


def _add_incident_reach(conn: sa.Connection) -> None:
    """The columns of each incident's reach, NULL for the incidents stored before (they are
    compared with every report of their block, as before, until a member joins or leaves)."""
    i = schema.incidents
    present = {c["name"] for c in sa.inspect(conn).get_columns(i.name)}
    for name in schema.V9_INCIDENT_COLUMNS:
        if name not in present:  # a store created by this version has them from the start
            kind = i.c[name].type.compile(dialect=conn.dialect)
            conn.execute(sa.text(f"ALTER TABLE {i.name} ADD COLUMN {name} {kind}"))


def _store_facts_once(conn: sa.Connection) -> None:
    """Rewrite every stored record packed (``packing``), ``results`` down to what no other
    table holds, and drop the columns the code or another table gives (``V7_DROPPED_COLUMNS``).

    Reads the whole results as stored before (the contract's JSON) a chunk of articles at a
    time. SQLite reuses the pages freed; ``VACUUM`` gives them back to the file system.
    """
    a, r = schema.articles, schema.results
    pks = list(conn.scalars(sa.select(r.c.article_pk).order_by(r.c.article_pk)))
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        rows = conn.execute(sa.select(r.c.article_pk, r.c.json, a.c.text)
                            .join(a, a.c.pk == r.c.article_pk)
                            .where(r.c.article_pk.in_(chunk))).all()
        whole = {pk: (json.loads(data), text) for pk, data, text in rows}
        # a row packed already (a store that had this migration once) has no "article"
        _repack(conn, {pk: Result.from_dict(d, text) for pk, (d, text) in whole.items()
                       if "article" in d})
    i = schema.incidents
    incidents = [{"row_id": iid, "data": packing.incident_json(packing.incident(d))}
                 for iid, d in conn.execute(sa.select(i.c.id, i.c.json)).all()]
    if incidents:
        conn.execute(sa.update(i).where(i.c.id == sa.bindparam("row_id"))
                     .values(json=sa.bindparam("data")), incidents)
    for table, names in schema.V7_DROPPED_COLUMNS.items():
        present = {c["name"] for c in sa.inspect(conn).get_columns(table)}
        for name in names:
            if name in present:  # a store created by this version never had it
                conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {name}"))


def _repack(conn: sa.Connection, results: dict[int, Result]) -> None:
    """The packed rows of these stored results (by article primary key)."""
    r, e, c, p = schema.results, schema.events, schema.claims, schema.places
    if not results:
        return
    conn.execute(sa.update(r).where(r.c.article_pk == sa.bindparam("row_pk"))
                 .values(json=sa.bindparam("data")),
                 [{"row_pk": pk, "data": result_json(res)} for pk, res in results.items()])
    updates: dict[sa.Table, list[dict[str, Any]]] = {e: [], c: [], p: []}
    for table, held, field in ((e, None, "events"), (c, packing.CLAIM_HELD, "claims"),
                               (p, packing.PLACE_HELD, "places")):
        rows = conn.execute(sa.select(table.c.pk, table.c.article_pk)
                            .where(table.c.article_pk.in_(list(results)))
                            .order_by(table.c.pk)).all()
        by_article: dict[int, list[int]] = {}
        for pk, article_pk in rows:
            by_article.setdefault(article_pk, []).append(pk)
        for article_pk, row_pks in by_article.items():
            res = results[article_pk]
            records = getattr(res, field)
            for pk, record in zip(row_pks, records, strict=True):
                updates[table].append(
                    {"row_pk": pk, "data": packing.pack(record, res.article.text, held)})
    for table, values in updates.items():
        if values:
            conn.execute(sa.update(table).where(table.c.pk == sa.bindparam("row_pk"))
                         .values(json=sa.bindparam("data")), values)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, results, events, claims, places, incidents, failures", _create_tables),
    Migration(2, "indexes for queries and merge blocking", _create_query_indexes),
    Migration(3, "incident member versions for cached merge blocks", _add_incident_versions),
    Migration(4, "merge blocks indexed by the end of their date window", _index_window_ends),
    Migration(5, "run parts loaded into the store; merge blocks by country and window",
              _add_loaded_parts),
    Migration(6, "ingest runs: each article's run, for deleting what one ingest added",
              _record_runs),
    Migration(7, "each fact stored once: packed records, results without what other tables "
              "hold, no derivable columns", _store_facts_once),
    Migration(8, "events' narrow columns indexed for the explorer's bulk read",
              _index_event_columns),
    Migration(9, "incidents' reach: merge blocks keep the incidents a report could join by place",
              _add_incident_reach),
    Migration(10, "merge blocks ordered by window end, then by the member joined last: the same "
              "blocks on every engine and in every run", _order_blocks_by_newest),
)


def applied_versions(conn: sa.Connection) -> set[int]:
    return set(conn.scalars(sa.select(schema.migrations.c.version)))


def migrate(engine: sa.Engine, upto: int | None = None) -> list[int]:
    """Apply every migration not yet applied (up to version ``upto``), in order; the versions
    applied now. A missing one is applied even when a later one is there (a store written
    by a branch of spotrep that had migration 6 and not 5 gets 5).
    """
    if upto is None and not missing_versions(engine):
        return []  # up to date: no need to take the write lock
    with writing(engine) as conn:
        schema.migrations.create(conn, checkfirst=True)
    applied: list[int] = []
    for m in MIGRATIONS:
        if upto is not None and m.version > upto:
            break
        with writing(engine) as conn:
            # checked under the write lock: another process may have just applied it
            if m.version in applied_versions(conn):
                continue
            m.apply(conn)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            conn.execute(
                sa.insert(schema.migrations).values(version=m.version, name=m.name, applied_at=now)
            )
        applied.append(m.version)
    return applied


def missing_versions(engine: sa.Engine) -> list[int]:
    """The migrations not yet applied, in order: not only those newer than the newest applied
    (a store upgraded by a branch that had a later migration lacks the earlier ones)."""
    with engine.connect() as conn:
        has_table = sa.inspect(conn).has_table(schema.migrations.name)
        done = applied_versions(conn) if has_table else set()
    return [m.version for m in MIGRATIONS if m.version not in done]


def schema_version(engine: sa.Engine) -> int:
    """The newest migration applied (0 for an empty database)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(schema.migrations.name):
            return 0
        return max(applied_versions(conn), default=0)

