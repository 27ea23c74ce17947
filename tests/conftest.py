"""Shared fixtures: the loaded pipeline for model-marked tests (once per test session), and a
fresh store on SQLite and on PostgreSQL (``db_target``) for every test that writes one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from spotrep.pipeline import Pipeline, load_pipeline
from spotrep.store.engine import create_engine, database_url
from spotrep.store.schema import metadata

POSTGRES_ENV = "SPOTREP_TEST_POSTGRES_URL"
"""The test PostgreSQL database (scripts/postgres-test-server.sh starts one; .ci/run sets it)."""


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline()


def _drop_everything(url: str) -> None:
    engine = create_engine(database_url(url))
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh, empty store lives: a SQLite file, or the test PostgreSQL database when
    ``SPOTREP_TEST_POSTGRES_URL`` is set (emptied before and after the test)."""
    if request.param == "sqlite":
        yield str(tmp_path / "spotrep.db")
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    _drop_everything(url)
    yield url
    _drop_everything(url)
