"""Fixtures for the export tests: a small store of the records in ``export_records``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_records import results

from spotrep.store import Store
from spotrep.store.engine import create_engine, database_url
from spotrep.store.schema import metadata

POSTGRES_ENV = "SPOTREP_TEST_POSTGRES_URL"


def _drop_everything(url: str) -> None:
    engine = create_engine(database_url(url))
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The test store on SQLite, and on PostgreSQL when ``SPOTREP_TEST_POSTGRES_URL`` is set
    (exports stream with server-side cursors there)."""
    if request.param == "sqlite":
        target = str(tmp_path / "export.db")
    else:
        url = os.environ.get(POSTGRES_ENV)
        if not url:
            pytest.skip(f"{POSTGRES_ENV} is not set")
        _drop_everything(url)
        target = url
    with Store.open(target) as store:
        for r in results():
            store.add_result(r)
    yield target
    if request.param == "postgresql":
        _drop_everything(target)


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store.open(db) as s:
        yield s
