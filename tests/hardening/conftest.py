"""Hardening fixtures: a fresh store on SQLite, and on PostgreSQL when
``SPOTREP_TEST_POSTGRES_URL`` is set (as in tests/store)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "spotrep.db")
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    _drop_everything(url)
    yield url
    _drop_everything(url)
