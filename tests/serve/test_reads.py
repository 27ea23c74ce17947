"""The column reads give the same events, in the same order, as ``Store.events`` does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spotrep.serve import _interim, reads, views
from spotrep.serve.query import Query
from spotrep.store import Store


@pytest.mark.parametrize("q", [
    Query(),
    Query(since=date(2024, 3, 1), until=date(2024, 4, 30)),
    Query(country="UA"),
    Query(admin1="NINEVEH"),
    Query(code=("ATTACK", "PEACE_PROTEST")),
    Query(status=("reported",)),
    Query(min_fatalities=5),
    Query(precision=1),
    Query(date_precision="week"),
    Query(bbox=(-10.0, 10.0, 50.0, 40.0)),
    Query(bbox=(170.0, -90.0, -170.0, 90.0)),
    Query(outlet="tigris"),
    Query(text="convoy"),
    Query(country="IQ", min_fatalities=4, precision=1),
])
def test_columns_match_the_decoded_events(store_path: Path, q: Query) -> None:
    assert reads.by_columns(q)
    with Store.open(store_path) as store:
        found = _interim.events(store, q, store.events(q.store_filters()))
        assert reads.column_rows(store, q) == [views.event_tuple(se) for se in found]
        total, page = reads.event_page(store, q, 1, 3)
        assert total == len(found)
        assert [se.to_dict() for se in page] == [se.to_dict() for se in found[1:4]]


@pytest.mark.parametrize("q", [Query(actor="x"), Query(speaker="x"), Query(min_corroboration=2),
                               Query(has_conflicts=True), Query(country="IQ", actor="x")])
def test_record_filters_are_not_read_by_columns(q: Query) -> None:
    assert not reads.by_columns(q)
