"""Shared fixtures: the loaded pipeline for model-marked tests (once per test session)."""

from __future__ import annotations

import pytest

from spotrep.pipeline import Pipeline, load_pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline()
