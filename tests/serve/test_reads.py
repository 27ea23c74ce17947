"""The column reads give the same events, in the same order, as ``Store.events`` does."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from serve_records import results

from spotrep.serve import reads, views
from spotrep.serve.cache import ColumnsCache
from spotrep.store import Filters, Store


@pytest.mark.parametrize("q", [
    Filters(),
    Filters(since=date(2024, 3, 1), until=date(2024, 4, 30)),
    Filters(country="UA"),
    Filters(admin1="NINEVEH"),
    Filters(code=("ATTACK", "PEACE_PROTEST")),
    Filters(status=("reported",)),
    Filters(min_fatalities=5),
    Filters(precision=1),
    Filters(date_precision="week"),
    Filters(bbox=(-10.0, 10.0, 50.0, 40.0)),
    Filters(bbox=(170.0, -90.0, -170.0, 90.0)),
    Filters(outlet="tigris"),
    Filters(text="convoy"),
    Filters(country="IQ", min_fatalities=4, precision=1),
])
def test_columns_match_the_decoded_events(store_path: Path, q: Filters) -> None:
    assert reads.by_columns(q)
    with Store.open(store_path) as store:
        found = store.events(q)
        assert reads.column_rows(store, q) == [views.event_tuple(se) for se in found]
        total, page = reads.event_page(store, q, 1, 3)
        assert total == len(found)
        assert [se.to_dict() for se in page] == [se.to_dict() for se in found[1:4]]


@pytest.mark.parametrize("q", [
    Filters(actor="x"), Filters(speaker="x"), Filters(min_corroboration=2),
    Filters(has_conflicts=True), Filters(country="IQ", actor="x"),
    Filters(near=(36.3, 43.1), km=10),
])
def test_record_filters_are_not_read_by_columns(q: Filters) -> None:
    assert not reads.by_columns(q)


@pytest.mark.parametrize("q", [
    Filters(), Filters(since=date(2024, 3, 1)), Filters(until=date(2024, 3, 31)),
    Filters(country="ML"), Filters(code=("ATTACK",)), Filters(min_fatalities=5),
    Filters(min_corroboration=2), Filters(bbox=(-10.0, 10.0, 50.0, 40.0)),
])
def test_incident_pages_match_the_store(store_path: Path, q: Filters) -> None:
    assert reads.incidents_by_columns(q)
    with Store.open(store_path) as store:
        found = store.incidents(q)
        total, page = reads.incident_page(store, q, 1, 2)
    assert total == len(found)
    assert [i.to_dict() for i in page] == [i.to_dict() for i in found[1:3]]


def test_the_columns_cache_reads_again_when_the_store_changes(tmp_path: Path) -> None:
    made = results()
    with Store.open(tmp_path / "spotrep.db") as store:
        for r in made[:2]:
            store.add_result(r)
        cache = ColumnsCache(store)
        calls: list[int] = []

        def build() -> dict[str, Any]:
            calls.append(1)
            return views.event_columns(reads.column_rows(store, Filters()))

        first = cache.gzipped(Filters(), build)
        assert cache.gzipped(Filters(), build) is first and len(calls) == 1
        assert json.loads(gzip.decompress(first))["total"] == 2
        store.add_result(made[2])
        assert json.loads(gzip.decompress(cache.gzipped(Filters(), build)))["total"] == 3
        assert len(calls) == 2
