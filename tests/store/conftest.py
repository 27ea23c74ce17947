"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when
``SPOTREP_TEST_POSTGRES_URL`` is set (scripts/postgres-test-server.sh starts one)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_records import build_event, build_result, fake_extractor

from spotrep.records import Event, Result
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
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh, empty store lives: a SQLite file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "spotrep.db")
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    _drop_everything(url)
    yield url
    _drop_everything(url)


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    with Store.open(db_target, create=True) as s:
        yield s


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture
def make_result() -> Callable[..., Result]:
    return build_result


@pytest.fixture
def extractor() -> Callable[..., Iterator[Result]]:
    return fake_extractor
