"""The actors' data tables read with their line numbers and checked field by field: a malformed
row raises ``DataError`` naming the file and the line, never a bare ``ValueError``."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import cast, get_args

from spotrep import data
from spotrep.errors import DataError
from spotrep.records import ActorKind

KINDS = frozenset(get_args(ActorKind))


@dataclass(frozen=True, slots=True)
class Row:
    """One data line: where it is (for errors) and its fields."""

    where: str
    line: int
    fields: tuple[str, ...]

    def error(self, message: str) -> DataError:
        return DataError(f"{self.where}, line {self.line}: {message}")

    def choice(self, column: int, allowed: Collection[str]) -> str:
        """The field at ``column``, which must be one of ``allowed``."""
        value = self.fields[column]
        if value not in allowed:
            raise self.error(f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return value

    def kind(self, column: int) -> ActorKind | None:
        """An ACLED actor kind, or None for an empty field or "-"."""
        value = self.fields[column]
        if value in ("", "-"):
            return None
        return cast(ActorKind, self.choice(column, KINDS))

    def country(self, column: int) -> str | None:
        """An ISO 3166 alpha-3 code, or None for an empty field."""
        value = self.fields[column]
        if not value:
            return None
        if len(value) != 3 or not value.isascii() or not value.isupper():
            raise self.error(f"{value!r} is not an ISO 3166 alpha-3 code")
        return value


def rows(folder: str, name: str, widths: Collection[int]) -> Iterator[Row]:
    """The rows of ``data/<folder>/<name>`` (comments and blank lines skipped), each with one
    of ``widths`` fields, none empty in the first column."""
    where = f"spotrep/data/{folder}/{name}"
    for n, line in enumerate(data.text(folder, name).splitlines(), 1):
        if not line.strip() or line[0] == "#":
            continue
        row = Row(where, n, tuple(line.rstrip("\r").split("\t")))
        if len(row.fields) not in widths:
            expected = " or ".join(str(w) for w in sorted(widths))
            raise row.error(f"{len(row.fields)} fields, expected {expected}")
        if not row.fields[0].strip():
            raise row.error("the first field is empty")
        yield row


def word_lists(folder: str, name: str, keys: Collection[str]) -> dict[str, frozenset[str]]:
    """A JSON object of word lists: every key in ``keys`` present, each a list of strings."""
    where = f"spotrep/data/{folder}/{name}"
    try:
        found = json.loads(data.text(folder, name))
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}, line {exc.lineno}: not JSON ({exc.msg})") from exc
    if not isinstance(found, dict):
        raise DataError(f"{where}: not a JSON object")
    out: dict[str, frozenset[str]] = {}
    for key in keys:
        words = found.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataError(f"{where}: {key!r} is not a list of words")
        out[key] = frozenset(words)
    return out
