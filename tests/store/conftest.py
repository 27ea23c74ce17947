"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when
``SPOTREP_TEST_POSTGRES_URL`` is set (``db_target``, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from store_records import build_event, build_result, fake_extractor

from spotrep.records import Event, Result
from spotrep.store import Store


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
