"""A small gazetteer index (towns of 15,000+ people) built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotrep.geo import Gazetteer, build_index


def small_index_path(factory: pytest.TempPathFactory) -> Path:
    """Build (once per session) an index of the big towns only: seconds instead of a minute."""
    path = factory.getbasetemp() / "gazetteer-small.sqlite"
    if not path.exists():
        build_index(path, city_file="cities15000.json")
    return path


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer.open(small_index_path(tmp_path_factory))
