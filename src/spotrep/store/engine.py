"""Engines for the store: SQLite (WAL, one writer at a time) or PostgreSQL, from a path or URL."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa

from spotrep.errors import StoreError, StoreOpenError

DB_ENV = "SPOTREP_DB"

def default_db_path() -> Path:
    """``$SPOTREP_DB``, else ``spotrep.db`` in the per-user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("spotrep")) / "spotrep.db"


def database_url(target: str | Path | None) -> str:
    """A SQLAlchemy URL for a path, a ``postgresql://`` URL or None (the default path).

    Only the spelling: nothing is created or checked (``open_engine`` does that).
    """
    if target is None or (isinstance(target, str) and not target):
        target = os.environ.get(DB_ENV) or default_db_path()
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


SQLITE_MAGIC = b"SQLite format 3\x00"


def open_engine(target: str | Path | None, create: bool = False) -> sa.Engine:
    """An engine for the store at ``target``, refusing at once what cannot be one.

    A missing SQLite file is created (with its folder) only when ``create``; a folder, a file
    that is not a SQLite database, a URL of another database and a PostgreSQL server out of
    reach raise ``StoreOpenError`` with one line saying what ``--db`` named and what is wrong.
    """
    url = sa.make_url(database_url(target))
    if url.get_backend_name() == "sqlite":
        if url.database not in (None, "", ":memory:"):
            _check_sqlite_file(Path(url.database), create)
    elif url.get_backend_name() != "postgresql":
        shown = url.render_as_string(hide_password=True)
        raise StoreOpenError(f"--db {shown}: not a store spotrep can use (give a SQLite file "
                             "path or a postgresql:// URL)")
    engine = create_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        raise StoreOpenError(f"{describe(url)}: cannot be opened ({_first_line(exc)})") from None
    return engine


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreOpenError(f"--db {path}: is a folder, not a store file (e.g. {path}/spotrep.db)")
    if not path.exists():
        if not create:
            raise StoreOpenError(
                f"no spotrep store at {path}: `spotrep ingest` creates one "
                f"(check --db and ${DB_ENV})"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreOpenError(f"cannot create a store at {path}: {exc.strerror}") from None
        return
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreOpenError(f"--db {path}: cannot be read ({exc.strerror})") from None
    if not head and create:
        return  # an empty file: SQLite makes it a new database
    if head != SQLITE_MAGIC:
        raise StoreOpenError(f"--db {path}: not a SQLite database, so not a spotrep store")


def describe(url: sa.URL | str) -> str:
    """The store a URL names, for messages (no password)."""
    url = sa.make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def _first_line(exc: sa.exc.DBAPIError) -> str:
    text = str(exc.orig).strip() or type(exc.orig).__name__
    return text.splitlines()[0]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers (``spotrep events``) run during an ingest; the busy timeout makes a
    # second writer wait instead of failing.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_autocommit(dbapi_conn: Any, _record: Any) -> None:
    # let SQLAlchemy's BEGIN (below) start transactions instead of the sqlite3 module
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: sa.Connection) -> None:
    # A writer takes the write lock when it begins: two deferred transactions that both read
    # and then write would deadlock, and SQLite fails one at once instead of waiting.
    options = conn.get_execution_options()
    if options.get(SINGLE_READ_OPTION):
        return  # one statement is atomic by itself
    mode = "IMMEDIATE" if options.get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


WRITE_OPTION = "spotrep_write"
SINGLE_READ_OPTION = "spotrep_single_read"

PG_WRITE_LOCK = 0x5370_7472  # "Sptr": the advisory lock key spotrep's writers share
_PG_LOCK = sa.select(sa.func.pg_advisory_xact_lock(PG_WRITE_LOCK))
PG_LOCK_SQL = "SELECT pg_advisory_xact_lock(%s)"

PG_WRITE_SETTINGS_SQL = ("SELECT set_config('enable_bitmapscan', 'off', true),"
                         " set_config('plan_cache_mode', 'force_generic_plan', true),"
                         " set_config('enable_seqscan', 'off', true)")
"""The write transaction's planner settings (for it alone: ``true``, local), in one statement.

Bitmap scans off: a merge block (``statements.BLOCK_IN_COUNTRY``) is a walk back along
``ix_incidents_country_window_newest`` that stops at its cap. PostgreSQL's planner estimates
that a country's window matches a few incidents (it multiplies the selectivities of
``window_hi >= lo`` and ``window_lo <= hi``, which in a feed match nearly all of a day's
incidents together) and prefers a bitmap scan and a sort, which read every incident of the
country still open, until autovacuum's statistics of a large enough table change its mind
(buffer pages per stored article 939-1,326 from 4,000 to 8,000 articles at 250,000 a day,
against 854-1,064 walking). Without bitmap scans the walk is the cheapest plan it has; the
write path's other statements are primary-key and ``IN`` lookups, which use plain index scans.

Generic plans: the write path's statements are prepared (psycopg prepares a text run five
times), and each is planned once for every value of its parameters. Left to choose, the server
planned the block statement (``statements.pg_blocks_sql``) anew on every call, 0.41 ms each,
since a plan made for one article's arrays looks cheaper than one for any arrays; the plan is
the same walk either way.

Sequential scans off: a plan for any parameters estimates a country's share of incidents as
one over the number of countries, so in a store of few countries (or a small one) it read the
whole table and sorted it for every block. Every statement of the write path reads through an
index (primary keys, the block index, members by incident); a table without one is still
read, only never chosen over an index."""


PG_CONNECT_TIMEOUT = 10
"""Seconds to wait for a PostgreSQL server before saying it cannot be reached."""

SQLITE_LEAST = (3, 35, 0)
"""The store's statements use ``RETURNING`` and upserts, which SQLite has since 3.35."""


def create_engine(
    url: str, sqlite_version: tuple[int, ...] = sqlite3.sqlite_version_info
) -> sa.Engine:
    connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT} if url.startswith("postgresql") else {}
    engine = sa.create_engine(url, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        if sqlite_version < SQLITE_LEAST:
            found = ".".join(map(str, sqlite_version))
            raise StoreError(
                f"the store needs SQLite 3.35 or later; this Python links SQLite {found} "
                "(use a newer Python build or --db postgresql://...)"
            )
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "connect", _sqlite_autocommit)
        sa.event.listen(engine, "begin", _sqlite_begin)
    else:
        from spotrep.store.pgtypes import register_text_arrays  # psycopg's, PostgreSQL only

        sa.event.listen(engine, "connect", register_text_arrays)
    return engine


@contextmanager
def writing(engine: sa.Engine, pipelined: bool = False) -> Iterator[sa.Connection]:
    """A write transaction: committed on success, rolled back on any error.

    ``pipelined``: on PostgreSQL, statements run on the DBAPI connection are sent in psycopg's
    pipeline mode, without waiting for each result (a fetch waits for the results so far), so
    an article's dozen statements take a few round trips to the server. Statements run
    through SQLAlchemy must not be used in it: SQLAlchemy reads each result at once.
    """
    if pipelined and engine.dialect.name == "postgresql":
        with _pipelined_transaction(engine) as conn:
            yield conn
        return
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # one writer at a time, as on SQLite: merging reads the incidents a concurrent
                # writer may be creating, and would otherwise open a duplicate incident
                conn.execute(_PG_LOCK)
            yield conn


@contextmanager
def _pipelined_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """``writing`` in psycopg's pipeline mode, its BEGIN and COMMIT sent as statements.

    psycopg waits for the BEGIN it sends itself, and for the COMMIT sent after the pipeline;
    sent as statements they go with the first and last of the article's: two round trips
    fewer. The connection is in autocommit mode, so neither psycopg nor SQLAlchemy begins a
    transaction of its own.
    """
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        driver: Any = conn.connection.driver_connection
        cursor = conn.connection.cursor()
        try:
            with driver.pipeline():
                cursor.execute("BEGIN")
                cursor.execute(PG_LOCK_SQL, (PG_WRITE_LOCK,))
                cursor.execute(PG_WRITE_SETTINGS_SQL)
                yield conn
                cursor.execute("COMMIT")
        except BaseException:
            # a ROLLBACK if the transaction is still open; if that fails too, the connection
            # is broken and the pool drops it: the error to raise is the first one
            with suppress(Exception):
                driver.rollback()
            raise


@contextmanager
def reading_once(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection for a single read statement, outside a transaction.

    A lone statement is atomic; the ``BEGIN`` and ``ROLLBACK`` around it would cost two more
    round trips to PostgreSQL on every article an ingest checks.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT")
        else:
            # not SQLite's AUTOCOMMIT level: resetting it would undo ``_sqlite_autocommit``
            conn.execution_options(**{SINGLE_READ_OPTION: True})
        yield conn
