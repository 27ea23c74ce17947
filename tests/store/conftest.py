"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when
``SPOTREP_TEST_POSTGRES_URL`` is set (``db_target``, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from store_records import build_event, build_result, fake_extractor

from spotrep.records import Event, Result
from spotrep.store import Store
from spotrep.store.engine import create_engine, database_url


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    with Store.open(db_target, create=True) as s:
        yield s


@pytest.fixture
def bare_engine(db_target: str) -> Iterator[sa.Engine]:
    """An engine on the test's database, no migration run (the tests of migrations and of
    the write path's SQL run them as they need), disposed afterwards."""
    engine = create_engine(database_url(db_target))
    yield engine
    engine.dispose()


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture
def make_result() -> Callable[..., Result]:
    return build_result


@pytest.fixture
def extractor() -> Callable[..., Iterator[Result]]:
    return fake_extractor
