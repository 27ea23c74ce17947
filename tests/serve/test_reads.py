"""The SQL reads (columns, pages) give the same events, in the same order, as the decoded
``Store.events`` and ``Store.incidents`` do."""

from __future__ import annotations

import gzip
import json
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from serve_records import Town, report, results

from spotrep.errors import FilterError
from spotrep.records import Result
from spotrep.serve.cache import ColumnsCache
from spotrep.store import Filters, Store, columns, queries, schema


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
    Filters(min_corroboration=2),
    Filters(has_conflicts=True, status=("reported",)),
    Filters(code=("ATTACK",), min_corroboration=3, text="market"),
    Filters(near=(36.3, 43.1), km=10),
    Filters(near=(49.9, 36.0), km=30, status=("reported",)),
])
def test_columns_match_the_decoded_events(store_path: Path, q: Filters) -> None:
    assert queries.events_by_columns(q)
    with Store.open(store_path) as store:
        found = store.events(q)
        read = columns.read_columns(store.engine, q)
        assert read == columns.from_values([columns.event_values(se) for se in found])
        assert read.total == len(found)
        assert read.values("article") == [se.article_id for se in found]
        if not queries.events_in_sql(q):
            return
        total, page = queries.select_event_page(store.engine, q, 1, 3)
        assert total == len(found)
        assert [se.to_dict() for se in page] == [se.to_dict() for se in found[1:4]]


def test_the_columns_read_uses_only_the_covering_index(store_path: Path) -> None:
    e, a, m = schema.events, schema.articles, schema.incident_members
    query = queries.event_query(Filters(), e.c.lat, e.c.code, m.c.incident_id, a.c.outlet)
    with Store.open(store_path) as store, store.engine.connect() as conn:
        plan = " | ".join(str(r[-1]) for r in conn.execute(
            sa.text("EXPLAIN QUERY PLAN " + str(query.compile(store.engine)))))
    assert "COVERING INDEX ix_events_columns" in plan, plan


@pytest.mark.parametrize("q", [
    Filters(actor="x"), Filters(speaker="x"), Filters(country="IQ", actor="x"),
    Filters(near=(36.3, 43.1), km=10),
])
def test_record_filters_are_not_decided_in_sql(q: Filters) -> None:
    assert not queries.events_in_sql(q)
    assert queries.events_by_columns(q) == (q.near is not None)


@pytest.mark.parametrize("q", [
    Filters(), Filters(since=date(2024, 3, 1)), Filters(until=date(2024, 3, 31)),
    Filters(country="ML"), Filters(code=("ATTACK",)), Filters(min_fatalities=5),
    Filters(min_corroboration=2), Filters(bbox=(-10.0, 10.0, 50.0, 40.0)),
    Filters(has_conflicts=True), Filters(status=("reported",)), Filters(outlet="kyiv"),
    Filters(text="convoy", status=("reported",)), Filters(status=("denied",)),
])
@pytest.mark.parametrize("sort", queries.INCIDENT_SORTS)
def test_incident_pages_match_the_store(store_path: Path, q: Filters, sort: str) -> None:
    assert queries.incidents_in_sql(q)
    with Store.open(store_path) as store:
        found = queries.sorted_incidents(store.incidents(q), sort)
        total, page = queries.select_incident_page(store.engine, q, 1, 2, sort)
        assert total == len(found)
        assert [i.id for i in page] == [i.id for i in found[1:3]]
        _, everything = queries.select_incident_page(store.engine, q, 0, 100, sort)
    assert [i.to_dict() for i in everything] == [i.to_dict() for i in found]


@pytest.mark.parametrize(("sort", "first"), [
    ("date", "2024-02-02"), ("-date", "2024-06-01"), ("-fatalities", 9),
    ("fatalities", 1), ("-corroboration", 3), ("corroboration", 1),
])
def test_incidents_sort_by_date_toll_and_outlets(store_path: Path, sort: str, first: Any) -> None:
    with Store.open(store_path) as store:
        found = queries.sorted_incidents(store.incidents(), sort)
    inc = found[0]
    value = {"date": inc.when.start, "fatalities": inc.fatalities.count if inc.fatalities
             else None, "corroboration": inc.corroboration}[sort.lstrip("-")]
    assert value == first


def test_an_unknown_sort_is_refused() -> None:
    with pytest.raises(FilterError, match="sort by one of"):
        queries.sorted_incidents([], "killed")


def test_the_columns_cache_reads_again_when_the_store_changes(tmp_path: Path) -> None:
    made = results()
    with Store.open(tmp_path / "spotrep.db", create=True) as store:
        for r in made[:2]:
            store.add_result(r)
        cache = ColumnsCache(store)
        calls: list[int] = []

        def build() -> bytes:
            calls.append(1)
            return columns.columns_json(store.engine, Filters())

        first = cache.gzipped(Filters(), build)
        assert cache.gzipped(Filters(), build) is first and len(calls) == 1
        assert json.loads(gzip.decompress(first))["total"] == 2
        store.add_result(made[2])
        assert json.loads(gzip.decompress(cache.gzipped(Filters(), build)))["total"] == 3
        assert len(calls) == 2


def test_requests_for_columns_being_read_wait_for_that_read(tmp_path: Path) -> None:
    with Store.open(tmp_path / "spotrep.db", create=True) as store:
        store.add_result(results()[0])
        cache = ColumnsCache(store)
        started, calls = threading.Event(), []

        def build() -> bytes:
            calls.append(1)
            started.set()
            time.sleep(0.2)
            return columns.columns_json(store.engine, Filters())

        first = threading.Thread(target=cache.gzipped, args=(Filters(), build))
        first.start()
        assert started.wait(5)
        body = cache.gzipped(Filters(), build)
        first.join(5)
    assert len(calls) == 1 and json.loads(gzip.decompress(body))["total"] == 1


def _odd_town(name: str) -> Result:
    """An article whose town and outlet are made of JSON's and SQL's special characters."""
    text = f"Gunmen attacked a market in {name} on Tuesday. A spokesman said in a statement."
    town = Town(name, -33.123456789012, 151.98765432101, "AU", "New South Wales")
    return report("odd", 'Out"let \\ \u2028 ☃', "2024-03-06", text, code="ATTACK", town=town,
                  day="2024-03-05", killed=None, killed_words=None, attacker="Gunmen",
                  victim="a market", speaker="A spokesman")


@pytest.mark.parametrize("name", ['Q"uote', "Back\\slash", "Tab\tnew\nline\x1f", "Ünïcødé ☃",
                                  "null", "<script>x</script>"])
def test_columns_built_in_sql_read_back_any_string(tmp_path: Path, name: str) -> None:
    with Store.open(tmp_path / "spotrep.db", create=True) as store:
        for r in [*results(), _odd_town(name)]:
            store.add_result(r)
        read = columns.read_columns(store.engine, Filters())
        assert read == columns.from_values([columns.event_values(se) for se in store.events()])
    assert name in read.dictionaries["place"]
    assert read.columns["lat"][read.values("place").index(name)] == -33.123456789012


def test_articles_are_looked_up_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns, "_CHUNK", 2)
    with Store.open(tmp_path / "spotrep.db", create=True) as store:
        for r in results():
            store.add_result(r)
        read = columns.read_columns(store.engine, Filters())
        found = store.events()
    assert read.values("article") == [se.article_id for se in found]
    assert read.values("outlet") == [se.outlet for se in found]
