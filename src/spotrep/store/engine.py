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

from spotrep.errors import StoreError

DB_ENV = "SPOTREP_DB"

def default_db_path() -> Path:
    """``$SPOTREP_DB``, else ``spotrep.db`` in the per-user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("spotrep")) / "spotrep.db"


def database_url(target: str | Path | None) -> str:
    """A SQLAlchemy URL for a path, a ``postgresql://`` URL or None (the default path)."""
    if target is None or (isinstance(target, str) and not target):
        target = os.environ.get(DB_ENV) or default_db_path()
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


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


SQLITE_LEAST = (3, 35, 0)
"""The store's statements use ``RETURNING`` and upserts, which SQLite has since 3.35."""


def create_engine(
    url: str, sqlite_version: tuple[int, ...] = sqlite3.sqlite_version_info
) -> sa.Engine:
    engine = sa.create_engine(url)
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
