"""The SQL of the per-article write path, run as plain DBAPI statements.

The write path runs a dozen statements per stored article. Through SQLAlchemy each costs tens
of microseconds of Python besides the database's own work (more with the ``IN`` lists it
re-renders on every call), several times what SQLite takes to run it; so these statements are
SQL text, built once per shape (table, row count, placeholder style) from the table
definitions in ``schema`` and run on the transaction's DBAPI cursor. The SQL is the common
subset of SQLite (3.35 or later: ``RETURNING``) and PostgreSQL. Rows go in as one multi-row
``INSERT`` per table, and touched incidents as one upsert, so a stored article costs the same
few statements whatever its number of events, claims and places.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine.interfaces import DBAPICursor

from spotrep.store import schema

T = TypeVar("T")

MAX_PARAMETERS = 999
"""Bound parameters in one statement: SQLite before 3.32 allows no more."""

PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
"""The positional placeholder of each DBAPI paramstyle the store's drivers use."""


@functools.cache
def columns(table: sa.Table) -> tuple[str, ...]:
    """The columns a write fills: all but an autoincremented primary key."""
    return tuple(c.name for c in table.columns if not (c.primary_key and c.autoincrement is True))


@functools.cache
def insert_sql(
    table: str,
    names: tuple[str, ...],
    rows: int,
    mark: str,
    returning: tuple[str, ...] = (),
    upsert_on: str | None = None,
) -> str:
    """``INSERT`` of ``rows`` rows (an upsert on the key column ``upsert_on`` if given)."""
    row = in_list(mark, len(names))
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES " + ", ".join([row] * rows)
    return sql + _upsert_and_returning(names, returning, upsert_on)


@functools.cache
def unnest_insert_sql(
    table: sa.Table, returning: tuple[str, ...] = (), upsert_on: str | None = None
) -> str:
    """PostgreSQL's ``INSERT`` of any number of rows in one statement of one parameter per
    column (a text array each, sent in binary, cast to the column's type): the same SQL
    whatever the number of rows, so psycopg converts it once, where a multi-row ``INSERT`` of
    more than 50 parameters is parsed again on every call; and binary arrays, which psycopg
    sends without quoting each element (text arrays cost it a regular expression per value)."""
    names = columns(table)
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) {_unnest_select(table, names)}"
    return sql + _upsert_and_returning(names, returning, upsert_on)


def _unnest_select(table: sa.Table, names: Sequence[str], first: str = "", source: str = ""
                   ) -> str:
    """``SELECT`` of ``names`` from one binary text array each (``unnest_insert_sql``), after
    the expression ``first`` and joined to the table ``source`` if given."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    types = [re.sub(r"\(.*\)", "", table.c[n].type.compile(dialect=dialect)) for n in names]
    cast = ", ".join([*([first] if first else []),
                      *(f"u.{n}::{t}" for n, t in zip(names, types, strict=True))])
    arrays = ", ".join(["%b::text[]"] * len(names))
    joined = f"{source}, " if source else ""
    return f"SELECT {cast} FROM {joined}unnest({arrays}) AS u({', '.join(names)})"


def article_columns(table: sa.Table) -> tuple[str, ...]:
    """The columns of a table of an article's records but its ``article_pk``."""
    return tuple(n for n in columns(table) if n != "article_pk")


@functools.cache
def insert_article_and_records_sql() -> str:
    """PostgreSQL: an article (``INSERT_NEW_ARTICLE``) with its result row, events, claims
    and places, in one statement, so one round trip; nothing when its text is stored. Rows:
    the article's ``(pk, previous_pk, NULL)``, then each event's ``(pk, NULL, event_id)``.

    Parameters: the article's, the result's JSON, then one array per column of
    ``article_columns`` of events, claims and places."""
    article = INSERT_NEW_ARTICLE.format(m="%s")
    parts = [f"a AS ({article})",
             f"r AS (INSERT INTO {schema.results.name} (article_pk, json) SELECT a.pk, %s FROM a)"]
    for name, table in (("e", schema.events), ("c", schema.claims), ("p", schema.places)):
        names = article_columns(table)
        select = _unnest_select(table, names, first="a.pk", source="a")
        tail = " RETURNING pk, event_id" if name == "e" else ""
        parts.append(f"{name} AS (INSERT INTO {table.name} (article_pk, {', '.join(names)})"
                     f" {select}{tail})")
    return ("WITH " + ", ".join(parts) + " SELECT pk, previous_pk, NULL::text FROM a"
            " UNION ALL SELECT pk, NULL, event_id FROM e")


def _upsert_and_returning(
    names: Sequence[str], returning: tuple[str, ...], upsert_on: str | None
) -> str:
    """The tail of an ``INSERT``: an upsert on the key column ``upsert_on`` if given (every
    other column updated), then its ``RETURNING`` columns."""
    tail = ""
    if upsert_on is not None:
        updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != upsert_on)
        tail += f" ON CONFLICT ({upsert_on}) DO UPDATE SET {updates}"
    if returning:
        tail += " RETURNING " + ", ".join(returning)
    return tail


class TextArray(list[str | None]):
    """One column of rows as PostgreSQL reads them from text (``as_text``), sent as one
    ``text[]`` parameter whatever its values (``pgtypes``: psycopg types a list of only NULLs
    as unknown, and each pattern of all-NULL columns was then a statement of its own to
    prepare and plan)."""


def as_text(value: Any) -> str | None:
    """A value as PostgreSQL reads it from text (``unnest_insert_sql``); ``repr`` keeps a
    float exact."""
    if value is None or isinstance(value, str):
        return value
    return repr(value) if isinstance(value, float) else str(value)


def in_list(mark: str, n: int) -> str:
    return "(" + ", ".join([mark] * n) + ")"


def in_test(mark: str, n: int, postgresql: bool) -> str:
    """A test of membership in ``n`` values: SQLite's ``IN`` list of ``n`` placeholders, or
    on PostgreSQL ``= ANY`` of one array parameter (``Driver.listed``). A new statement text
    is parsed and planned on every call until psycopg prepares it (after 5 calls of that
    text), so one text for every ``n`` is planned once, where lists of every length the
    store meets were parsed again and again."""
    return f"= ANY({mark})" if postgresql else f"IN {in_list(mark, n)}"


_a, _i, _m, _e = (schema.articles.name, schema.incidents.name, schema.incident_members.name,
                  schema.events.name)

INSERT_NEW_ARTICLE = (
    f"INSERT INTO {_a} (article_id, identity, url, outlet, published, title, text, content_hash,"
    " previous_pk, current, source, ingested_at, run_id)"
    " SELECT {m}, {m}, {m}, {m}, {m}, {m}, {m}, {m},"
    # pk + 0: a plan for any identity (PostgreSQL's generic plan) may find max(pk) by walking
    # the primary key back from the newest article until one of this identity shows up, which
    # for a new identity is every article (5,886 rows read a call at 6,000 articles)
    f" (SELECT max(pk + 0) FROM {_a} WHERE identity = {{m}} AND current), {{m}}, {{m}}, {{m}},"
    " {m}"
    f" WHERE NOT EXISTS (SELECT 1 FROM {_a} WHERE content_hash = {{m}})"
    " RETURNING pk, previous_pk"
)
"""An article unless its text is stored (under any URL, as any version, even one it changed
back to), as a version of the current one: one statement, so one round trip to PostgreSQL."""

HASHES_STORED = f"SELECT DISTINCT content_hash FROM {_a} WHERE content_hash {{hashes}}"

_BLOCK_ORDER = "window_hi DESC, window_lo DESC, newest_member DESC"

_BLOCK_FIELDS = "id, member_count, newest_member, window_hi, window_lo"
"""What a block statement returns of each incident (``write._block`` reads these rows)."""

_BLOCK = (
    "SELECT {columns} FROM " + _i + " WHERE {country} AND window_hi >= {lo} AND window_lo <= {hi}"
    # country first in the order although it is one value: PostgreSQL reads an index's order
    # past a leading column fixed by "=", not by "IS NULL" (BLOCK_UNPLACED), where it walked
    # the index of window ends instead, past every placed incident open that day
    f" ORDER BY country DESC, {_BLOCK_ORDER} LIMIT {{cap}}"
)

BLOCK_IN_COUNTRY = _BLOCK.format(columns=_BLOCK_FIELDS, country="country = {m}", lo="{m}",
                                 hi="{m}", cap="{cap}")
"""The incidents of one country whose date windows reach a window (``lo``, ``hi``), the latest
ending first, then the latest starting, then the one a report joined last (so a cap keeps the
same ones whatever order the rows lie in), at most ``cap`` of them, with their member count
and newest member (``ix_incidents_country_window_newest`` serves it: a walk back from the
window's end in one country).

Members are only added (with a larger primary key than any before) or removed, so an incident
whose count and newest member are unchanged has the members the store cached for it.
"""

BLOCK_UNPLACED = BLOCK_IN_COUNTRY.replace("country = {m}", "country IS NULL")
"""``BLOCK_IN_COUNTRY`` for the incidents placed in no country."""


_BLOCK_COLUMNS = f"SELECT {_BLOCK_FIELDS}"
V9 = schema.V9_INCIDENT_COLUMNS

_MEETS_BOX = ("(reach_south <= {m} AND reach_north >= {m} AND reach_west <= {m}"
              " AND reach_east >= {m})")


def near_sql(part: str, boxes: int, codes: int, mark: str) -> str:
    """A block statement (``BLOCK_IN_COUNTRY``/``BLOCK_UNPLACED``, formatted) keeping, of the
    incidents its cap let in, those an article's reports could join (``blocking.Near``):
    whose reach is anywhere (NULL) or meets one of ``boxes`` boxes, or whose members' codes
    are unknown or hold one of ``codes`` codes. Parameters after the part's own: each box's
    north, south, east and west edge (``box_params``), then each code as ``code_pattern``."""
    inner = part.replace(_BLOCK_COLUMNS, f"{_BLOCK_COLUMNS}, {', '.join(V9)}", 1)
    tests = []
    if boxes:
        tests += ["reach_south IS NULL", *[_MEETS_BOX.format(m=mark)] * boxes]
    if codes:
        tests += ["member_codes IS NULL", *[f"member_codes LIKE {mark}"] * codes]
    return f"{_BLOCK_COLUMNS} FROM ({inner}) near WHERE {' OR '.join(tests)}"


def code_pattern(code: str) -> str:
    """The ``LIKE`` pattern finding a code in ``member_codes`` (an ``_`` in it matches any
    character: a few incidents more may be read, never one fewer)."""
    return f"% {code} %"


def box_params(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box's edges in the order of ``near_sql``'s parameters."""
    south, north, west, east = box
    return north, south, east, west


def blocks_sql(parts: Sequence[str]) -> str:
    """The blocks of ``parts`` (``BLOCK_IN_COUNTRY``/``BLOCK_UNPLACED`` statements) in one
    statement: each part keeps its own index walk and cap, and a report's several blocks cost
    one round trip to PostgreSQL instead of one each. In part order, then in each part's own
    (said here: a subquery's order is not kept by the query around it)."""
    union = " UNION ALL ".join(f"SELECT {k} AS part, b{k}.* FROM ({sql}) b{k}"
                               for k, sql in enumerate(parts))
    return (f"{_BLOCK_COLUMNS} FROM ({union}) blocks"
            f" ORDER BY part, {_BLOCK_ORDER}")


@functools.cache
def pg_blocks_sql(placed_cap: int, unplaced_cap: int, box_slots: int, codes: bool) -> str:
    """PostgreSQL: ``blocks_sql`` of ``near_sql`` parts in one of a few statement texts,
    whatever the article's number of blocks and codes: each is one array parameter, so the
    server plans a text once (a prepared statement), where a text for every combination of
    parts was planned again and again (198 texts in 20,000 articles, 2,423 plans of 2.3 ms).
    The same rows in the same order as ``blocks_sql``: each block is the same index walk to
    its cap (a lateral join per block), and the reports' boxes and codes are tested after it.

    Parameters: if ``placed_cap``, the placed blocks' part numbers, countries, first and last
    dates, a ``TextArray`` each; if ``unplaced_cap``, the unplaced blocks' part numbers, first
    and last dates; if ``box_slots``, one array of each box's ``box_params`` in turn, tested
    in that many slots (a slot past the array's end is NULL, and meets nothing: a power of two
    at least the number of boxes keeps the texts few); if ``codes``, a ``TextArray`` of each
    code's ``code_pattern``. A cap of 0: no such blocks; neither boxes nor codes: every
    incident of the blocks (``Near`` is None)."""
    columns = f"{_BLOCK_FIELDS}, {', '.join(V9)}"
    branches = []
    if placed_cap:
        walk = _BLOCK.format(columns=columns, country="country = k.country", lo="k.lo",
                             hi="k.hi", cap=placed_cap)
        branches.append("SELECT k.part::int AS part, b.* FROM unnest(%b::text[], %b::text[],"
                        " %b::text[], %b::text[]) AS k(part, country, lo, hi)"
                        f" CROSS JOIN LATERAL ({walk}) b")
    if unplaced_cap:
        walk = _BLOCK.format(columns=columns, country="country IS NULL", lo="k.lo", hi="k.hi",
                             cap=unplaced_cap)
        branches.append("SELECT k.part::int AS part, b.* FROM unnest(%b::text[], %b::text[],"
                        f" %b::text[]) AS k(part, lo, hi) CROSS JOIN LATERAL ({walk}) b")
    given, tests = [], []
    if box_slots:
        given.append("%b::float8[] AS box")
        tests.append("reach_south IS NULL")
        tests += [_MEETS_BOX.format(m="q.box[{}]").format(*range(4 * k + 1, 4 * k + 5))
                  for k in range(box_slots)]
    if codes:
        given.append("%b::text[] AS codes")
        tests += ["member_codes IS NULL", "member_codes LIKE ANY (q.codes)"]
    near = f", (SELECT {', '.join(given)}) q WHERE {' OR '.join(tests)}" if tests else ""
    return (f"{_BLOCK_COLUMNS} FROM ({' UNION ALL '.join(branches)}) blocks{near}"
            f" ORDER BY part, {_BLOCK_ORDER}")


def box_slots(boxes: int) -> int:
    """The slots of ``pg_blocks_sql`` for this many boxes: the least power of two holding them
    (0 for none)."""
    return 1 << (boxes - 1).bit_length() if boxes else 0


MEMBERS = (
    f"SELECT m.incident_id, m.event_pk, a.article_id, a.outlet, a.published, a.identity,"
    f" a.content_hash FROM {_m} m JOIN {_e} e ON e.pk = m.event_pk"
    f" JOIN {_a} a ON a.pk = e.article_pk WHERE m.incident_id {{ids}} ORDER BY m.event_pk"
)
"""Member rows without the event JSON: the store reads that only for events it has not cached."""

EVENT_JSON = (
    f"SELECT e.pk, e.json, a.text FROM {_e} e JOIN {_a} a ON a.pk = e.article_pk"
    " WHERE e.pk {pks}"
)
"""Stored events with their article's text, which their spans point into (``packing``)."""

RECORD_FAILURE = (
    "INSERT INTO failures (key, source, article_id, reason, first_seen, last_seen)"
    " VALUES ({m}, {m}, {m}, {m}, {m}, {m})"
    " ON CONFLICT (key) DO UPDATE SET last_seen = excluded.last_seen"
)
"""A failure once by its key; seen again, only its ``last_seen`` changes."""

PART_LOADED = "SELECT 1 FROM loaded_parts WHERE digest = {m}"

RECORD_PART = "INSERT INTO loaded_parts (digest, articles, loaded_at) VALUES ({m}, {m}, {m})"

RETIRE_ARTICLE = f"UPDATE {_a} SET current = FALSE WHERE pk = {{m}}"

RETIRE_EVENTS = f"UPDATE {_e} SET current = FALSE WHERE article_pk = {{m}}"

_EVENTS_OF_ARTICLE = f"SELECT pk FROM {_e} WHERE article_pk = {{m}}"

INCIDENTS_OF_ARTICLE = (
    f"SELECT DISTINCT incident_id FROM {_m} WHERE event_pk IN ({_EVENTS_OF_ARTICLE})"
    " ORDER BY incident_id"
)

LEAVE_INCIDENTS = f"DELETE FROM {_m} WHERE event_pk IN ({_EVENTS_OF_ARTICLE})"

DELETE_INCIDENTS = f"DELETE FROM {_i} WHERE id {{ids}}"

MEMBER_VERSIONS = (
    f"SELECT incident_id, count(*), max(event_pk) FROM {_m} WHERE incident_id {{ids}}"
    " GROUP BY incident_id"
)
"""The versions of some incidents, counted from their members (after members left)."""


@dataclass(frozen=True, slots=True)
class Driver:
    """Plain statements on a connection's DBAPI cursor (placeholder ``mark``)."""

    cursor: DBAPICursor
    mark: str
    spare: DBAPICursor | None = None
    """PostgreSQL: a second cursor, for the query ``later`` sends."""
    sink: DBAPICursor | None = None
    """PostgreSQL: a cursor for the statements whose results are never read. In pipeline
    mode such a result may reach its cursor after the next statement was sent on it, where
    it would be taken for that statement's rows."""
    postgresql: bool = False
    """The connection's dialect is PostgreSQL: inserts go as ``unnest_insert_sql``."""

    @classmethod
    def of(cls, conn: sa.Connection) -> Driver:
        mark = PLACEHOLDERS[conn.dialect.paramstyle]
        dbapi = conn.connection
        if conn.dialect.name != "postgresql":
            return cls(dbapi.cursor(), mark)
        return cls(dbapi.cursor(), mark, dbapi.cursor(), dbapi.cursor(), postgresql=True)

    def later(self, sql: str, params: Sequence[Any] = ()) -> Callable[[], list[Any]]:
        """A query whose rows are read when the returned function is called. PostgreSQL is
        sent it now: in the pipeline (``engine.writing``) it goes with the statements that
        follow, in one round trip. SQLite runs it when called (if ever). One at a time."""
        spare = self.spare
        if spare is None:
            return lambda: self.rows(sql, params)
        spare.execute(sql, tuple(params))
        return lambda: list(spare.fetchall())

    def sql(self, template: str, cap: int = 0, **lists: int) -> str:
        """A statement of this module for this driver, each list field a membership test
        (``in_test``) of the given number of values (and its ``LIMIT``, if it has one,
        ``cap``). A statement with one list field and no other parameters: ``listing``."""
        lists_sql = {k: in_test(self.mark, n, self.postgresql) for k, n in lists.items()}
        return template.format(m=self.mark, cap=cap, **lists_sql)

    def listing(self, template: str, **lists: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        """A statement of this module whose one list field (``ids=...``) holds these values,
        with its parameters: the values, or on PostgreSQL one array of them (``in_test``)."""
        ((name, values),) = lists.items()
        params = (list(values),) if self.postgresql else tuple(values)
        return self.sql(template, **{name: len(values)}), params

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        self.cursor.execute(sql, tuple(params))
        return list(self.cursor.fetchall())

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        (self.sink or self.cursor).execute(sql, tuple(params))

    def insert(
        self,
        table: sa.Table,
        rows: Sequence[Mapping[str, Any]],
        returning: tuple[str, ...] = (),
        upsert_on: str | None = None,
    ) -> list[Any]:
        """Insert ``rows`` (each with every column of ``columns(table)``) in as few statements
        as the parameter limit allows; the ``returning`` columns of the rows, in no order."""
        names = columns(table)
        out: list[Any] = []
        if not rows:
            return out
        if self.postgresql:
            arrays = tuple(TextArray(as_text(r[n]) for r in rows) for n in names)
            sql = unnest_insert_sql(table, returning, upsert_on)
            if not returning:
                self.run(sql, arrays)
                return out
            return self.rows(sql, arrays)
        for chunk in chunks(rows, max(1, MAX_PARAMETERS // len(names))):
            sql = insert_sql(table.name, names, len(chunk), self.mark, returning, upsert_on)
            params = tuple(r[n] for r in chunk for n in names)
            self.cursor.execute(sql, params)
            if returning:
                out += self.cursor.fetchall()
        return out


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size`` (one statement's worth of parameters each)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
