"""Fixtures for the merge tests (the builders live in ``merge_records``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from merge_records import build_event, build_report

from spotrep.merge import Report
from spotrep.records import Event


@pytest.fixture
def make_report() -> Callable[..., Report]:
    return build_report


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event
