"""Fixtures for the export tests: a small store of the records in ``export_records``, on
SQLite and on PostgreSQL (``db_target``, in tests/conftest.py: exports stream with
server-side cursors there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from export_records import results

from spotrep.store import Store


@pytest.fixture
def db(db_target: str) -> str:
    with Store.open(db_target, create=True) as store:
        for r in results():
            store.add_result(r)
    return db_target


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store.open(db) as s:
        yield s
