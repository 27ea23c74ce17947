"""psycopg's adaptation of the store's parameters on PostgreSQL (imported only there).

psycopg types a list parameter by its first non-NULL element, and a list of only NULLs (an
article whose events are all unplaced, none with a toll...) as unknown. A prepared statement is
keyed by its text and its parameters' types, so every pattern of all-NULL columns in the
one-statement article insert was a statement of its own, prepared and planned apart (7 of them
in the first 600 articles of ``benchmarks/store_growth.py``). ``TextArrayDumper`` sends a
``statements.TextArray`` as ``text[]`` whatever it holds, the way psycopg's own
``register_array`` builds the dumper of an array type.
"""

from __future__ import annotations

from typing import Any

from psycopg import postgres
from psycopg.types.array import ListBinaryDumper

from spotrep.store.statements import TextArray

_TEXT = postgres.types["text"]


class TextArrayDumper(ListBinaryDumper):
    """A ``TextArray`` as a binary ``text[]``, NULLs and all."""

    oid = _TEXT.array_oid
    element_oid = _TEXT.oid


def register_text_arrays(dbapi_conn: Any, _record: Any = None) -> None:
    """Dump ``TextArray`` parameters on this connection as ``text[]`` (a ``connect`` event
    listener of the store's PostgreSQL engines)."""
    dbapi_conn.adapters.register_dumper(TextArray, TextArrayDumper)
