"""psycopg's adaptation of the store's parameters on PostgreSQL (imported only there).

psycopg types a list parameter by its first non-NULL element, and a list of only NULLs (an
article whose events are all unplaced, none with a toll...) as unknown. A prepared statement is
keyed by its text and its parameters' types, so every pattern of all-NULL columns in the
one-statement article insert was a statement of its own, prepared and planned apart (7 of them
in the first 600 articles of ``benchmarks/store_growth.py``). ``TextArrayDumper`` sends a
``statements.TextArray`` as ``text[]`` whatever it holds, the way psycopg's own
``register_array`` builds the dumper of an array type, and dumps it in one loop (psycopg's
list dumper, written for nested lists of any type, took twice as long).
"""

from __future__ import annotations

import struct
from typing import Any

from psycopg import postgres
from psycopg.abc import AdaptContext, Buffer
from psycopg.adapt import PyFormat
from psycopg.types.array import ListBinaryDumper

from spotrep.store.statements import TextArray

_TEXT = postgres.types["text"]


class TextArrayDumper(ListBinaryDumper):
    """A ``TextArray`` as a binary ``text[]``, NULLs and all."""

    oid = _TEXT.array_oid
    element_oid = _TEXT.oid

    def __init__(self, cls: type, context: AdaptContext | None = None) -> None:
        super().__init__(cls, context)
        self._element = self._tx.get_dumper("", PyFormat.BINARY)  # the connection's encoding

    def dump(self, obj: list[Any]) -> Buffer | None:
        """PostgreSQL's binary array: a head of dimensions (one, or none when empty), a flag
        for NULLs and the element type, then each element's length (-1: NULL) and bytes."""
        if not obj:
            return _HEAD.pack(0, 0, _TEXT.oid)
        dump = self._element.dump
        data: list[Buffer] = [b""]
        nulls = 0
        for item in obj:
            if item is None:
                nulls = 1
                data.append(_NULL)
            else:
                value = dump(item) or b""  # a str dumps to bytes, never None
                data += (_LENGTH.pack(len(value)), value)
        data[0] = _HEAD_1D.pack(1, nulls, _TEXT.oid, len(obj), 1)
        return b"".join(data)


_HEAD = struct.Struct("!iiI")  # dimensions, has NULLs, element type
_HEAD_1D = struct.Struct("!iiIii")  # and the one dimension's length and lower bound
_LENGTH = struct.Struct("!i")
_NULL = _LENGTH.pack(-1)


def register_text_arrays(dbapi_conn: Any, _record: Any = None) -> None:
    """Dump ``TextArray`` parameters on this connection as ``text[]`` (a ``connect`` event
    listener of the store's PostgreSQL engines)."""
    dbapi_conn.adapters.register_dumper(TextArray, TextArrayDumper)
