"""The per-article write path: its SQL, batched rows, the result JSON and the blocking index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from spotrep.errors import StoreError
from spotrep.records import Result
from spotrep.store import Store, schema
from spotrep.store import statements as stmt
from spotrep.store import write as store_module
from spotrep.store.blocking import Near
from spotrep.store.engine import PG_WRITE_SETTINGS_SQL, create_engine
from spotrep.store.migrations import migrate
from spotrep.store.write import _incident_row, _listed_blocks, _pg_blocks


@pytest.mark.parametrize(("args", "expected"), [
    (("t", ("a",), 1, "?"), "INSERT INTO t (a) VALUES (?)"),
    (("t", ("a", "b"), 2, "%s"), "INSERT INTO t (a, b) VALUES (%s, %s), (%s, %s)"),
    (("t", ("a", "b"), 1, "?", ("pk",)), "INSERT INTO t (a, b) VALUES (?, ?) RETURNING pk"),
    (("t", ("id", "b", "c"), 1, "?", (), "id"),
     "INSERT INTO t (id, b, c) VALUES (?, ?, ?)"
     " ON CONFLICT (id) DO UPDATE SET b = excluded.b, c = excluded.c"),
])
def test_insert_sql(args: tuple[Any, ...], expected: str) -> None:
    assert stmt.insert_sql(*args) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, None),
    ("", ""),
    ("Kharkiv", "Kharkiv"),
    (0, "0"),
    (12345678901, "12345678901"),
    (True, "True"),
    (False, "False"),
    (36.2, "36.2"),
    (0.1 + 0.2, "0.30000000000000004"),  # repr: the float read back is the same float
    (-1e-7, "-1e-07"),
])
def test_values_go_to_postgresql_as_text(value: Any, expected: str | None) -> None:
    assert stmt.as_text(value) == expected


def test_unnest_insert_is_one_statement_of_one_array_per_column() -> None:
    sql = stmt.unnest_insert_sql(schema.incident_members)
    assert sql == ("INSERT INTO incident_members (event_pk, incident_id) SELECT"
                   " u.event_pk::INTEGER, u.incident_id::VARCHAR FROM unnest(%b::text[],"
                   " %b::text[]) AS u(event_pk, incident_id)")
    upsert = stmt.unnest_insert_sql(schema.incidents, ("id",), "id")
    assert upsert.count("%b") == len(stmt.columns(schema.incidents))
    assert " ON CONFLICT (id) DO UPDATE SET code = excluded.code" in upsert
    assert upsert.endswith(" RETURNING id")


def test_places_read_back_exactly_as_written(bare_engine: sa.Engine) -> None:
    """Floats, nulls, big integers and booleans survive the text arrays of PostgreSQL."""
    engine = bare_engine
    migrate(engine)
    rows = [
        {"article_pk": 1, "name": "A", "geonameid": 2**40, "feature": None, "country": "SY",
         "admin1": None, "lat": 0.1 + 0.2, "lon": -179.99999999999997, "precision": 1,
         "json": '{"text":"x"}'},
        {"article_pk": 1, "name": None, "geonameid": None, "feature": "country",
         "country": None, "admin1": "Idlib", "lat": None, "lon": None, "precision": None,
         "json": "{}"},
    ]
    with engine.begin() as conn:
        db = stmt.Driver.of(conn)
        db.run(db.sql("INSERT INTO articles (article_id, identity, text, content_hash, current,"
                      " ingested_at) VALUES ({m}, {m}, {m}, {m}, {m}, {m})"),
               ("a", "id:a", "t", "h", True, "now"))
        db.insert(schema.places, rows)
        got = db.rows(db.sql("SELECT article_pk, name, geonameid, feature, country, admin1,"
                             " lat, lon, precision, json FROM places ORDER BY pk"))
    assert [tuple(r.values()) for r in rows] == [tuple(g) for g in got]


@pytest.mark.parametrize(("table", "expected"), [
    ("articles", False),  # an autoincremented key is left to the database
    ("events", False),
    ("incidents", True),  # a key the store makes
    ("incident_members", True),  # a key that is a foreign key
])
def test_written_columns_include_only_keys_the_store_gives(table: str, expected: bool) -> None:
    t = schema.metadata.tables[table]
    key = next(c.name for c in t.primary_key.columns)
    assert (key in stmt.columns(t)) is expected


def test_many_events_go_in_several_statements_and_all_merge(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., Any]
) -> None:
    """More rows than one statement's parameters allow: every event, with its key, is stored."""
    n = 2 * stmt.MAX_PARAMETERS // len(stmt.columns(schema.events)) + 5
    events = tuple(make_event(id=f"e{i}") for i in range(n))
    result = make_result("a1", events)
    store.add_result(result)
    counts = store.counts()
    assert (counts["events"], counts["incident_members"], counts["incidents"]) == (n, n, 1)
    assert next(store.results()) == result
    store.add_result(make_result("b1", (make_event(),), outlet="Other"))
    (incident,) = store.incidents()
    assert len(incident.reports) == n + 1


def _indexes(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return {str(i["name"]) for i in sa.inspect(conn).get_indexes("incidents")}


@pytest.mark.parametrize(("version", "new", "old", "old_columns"), [
    # 4: blocks by the end of their window; 10: in one order on every engine
    (4, "ix_incidents_window_end", "ix_incidents_window", "window_lo, window_hi"),
    (10, "ix_incidents_country_window_newest", "ix_incidents_country_window",
     "country, window_hi, window_lo"),
])
def test_a_migration_replaces_the_block_index(
    db_target: str, make_result: Callable[..., Result], make_event: Callable[..., Any],
    version: int, new: str, old: str, old_columns: str,
) -> None:
    with Store.open(db_target, create=True) as s:
        s.add_result(make_result("a1", (make_event(),), outlet="A"))
        with s.engine.begin() as conn:  # back to the store before that version
            conn.exec_driver_sql(f"DROP INDEX {new}")
            conn.exec_driver_sql(f"CREATE INDEX {old} ON incidents ({old_columns})")
            conn.exec_driver_sql(f"DELETE FROM spotrep_migrations WHERE version = {version}")
        assert old in _indexes(s)
        assert migrate(s.engine) == [version]
        indexes = _indexes(s)
        assert new in indexes and old not in indexes
        s.add_result(make_result("b1", (make_event(),), outlet="B"))
        (incident,) = s.incidents()
        assert [r.article_id for r in incident.reports] == ["a1", "b1"]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_a_capped_block_keeps_the_incidents_joined_last(
    db_target: str, make_result: Callable[..., Result], make_event: Callable[..., Any],
    order: tuple[int, ...],
) -> None:
    """Incidents whose windows end the same day tie on the window; the cap keeps those a
    report joined last, not whichever rows the engine happens to read first (the order rows
    were created in, or where updates left them)."""
    codes = ("AIR_STRIKE", "ARMED_CLASH", "ARREST")
    with Store.open(db_target, create=True) as s:
        for k in order:
            s.add_result(make_result(f"a{k}", (make_event(code=codes[k]),), outlet=f"O{k}"))
        first = order[0]  # the oldest incident is joined by a report of another outlet
        s.add_result(make_result("late", (make_event(code=codes[first]),), outlet="Late"))
        by_article = {r.article_id: i.id for i in s.incidents() for r in i.reports}
        with s.engine.connect() as conn:
            mark = "?" if s.engine.dialect.name == "sqlite" else "%s"
            sql = stmt.BLOCK_IN_COUNTRY.format(m=mark, cap=2)
            block = conn.exec_driver_sql(sql, ("UA", "2024-03-05", "2024-03-05")).all()
    assert by_article["late"] == by_article[f"a{first}"]
    assert [row[0] for row in block] == [by_article[f"a{first}"], by_article[f"a{order[-1]}"]]


@pytest.mark.parametrize("placed", [True, False])
def test_sqlite_reads_a_block_through_the_country_window_index(
    tmp_path: Any, placed: bool
) -> None:
    """A walk back from the window's end in one country, not a scan of every incident."""
    with Store.open(tmp_path / "x.db", create=True) as s, s.engine.connect() as conn:
        template = stmt.BLOCK_IN_COUNTRY if placed else stmt.BLOCK_UNPLACED
        sql = template.format(m="?", cap=200)
        params = ["UA", "2024-03-04", "2024-03-06"] if placed else ["2024-03-04", "2024-03-06"]
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(params)).all()
    steps = " ".join(r[-1] for r in plan)
    assert "USING INDEX ix_incidents_country_window_newest (country=? AND window_hi>?)" in steps
    assert "TEMP B-TREE" not in steps  # the index gives the order: no sort


_MANY_INCIDENTS = (
    "INSERT INTO incidents (id, code, date_start, date_end, window_lo, window_hi, country,"
    " corroboration, json, updated_at, member_count, newest_member)"
    " SELECT 'inc_' || n, 'AIR_STRIKE', '2024-03-05', '2024-03-05', '2024-03-05', '2024-03-05',"
    " CASE WHEN mod(n, 10) = 0 THEN NULL ELSE chr(65 + mod(n, 20)) || 'X' END, 1, '{}', '', 1, n"
    " FROM generate_series(1, 6000) AS n"
)


@contextmanager
def _analyzed_store(db_target: str, incidents: str, why: str) -> Iterator[Store]:
    """A PostgreSQL store holding the incidents an ``INSERT`` makes, their statistics gathered
    (skipped on SQLite, saying ``why``)."""
    if not db_target.startswith("postgresql"):
        pytest.skip(why)
    with Store.open(db_target, create=True) as s:
        with s.engine.begin() as conn:
            conn.exec_driver_sql(incidents)
            conn.exec_driver_sql("ANALYZE incidents")
        yield s


@pytest.mark.parametrize("placed", [True, False])
def test_postgresql_walks_a_block_down_the_country_window_index(
    db_target: str, placed: bool
) -> None:
    """Placed and unplaced alike, a block stops at its cap: no sort of the day's incidents (an
    unplaced block once walked the index of window ends past every placed incident)."""
    with _analyzed_store(db_target, _MANY_INCIDENTS, "PostgreSQL's planner") as s:
        template = stmt.BLOCK_IN_COUNTRY if placed else stmt.BLOCK_UNPLACED
        params = ("DX", "2024-03-05", "2024-03-05") if placed else ("2024-03-05", "2024-03-05")
        with s.engine.begin() as conn:
            conn.exec_driver_sql(PG_WRITE_SETTINGS_SQL)  # as the write transaction has it
            plan = "\n".join(conn.exec_driver_sql(
                f"EXPLAIN {template.format(m='%s', cap=20)}", params).scalars())
    assert "Index Scan Backward using ix_incidents_country_window_newest" in plan
    assert "Sort" not in plan and "Filter" not in plan


@pytest.mark.parametrize(("boxes", "slots"), [(0, 0), (1, 1), (2, 2), (3, 4), (4, 4), (5, 8)])
def test_box_slots_are_the_least_power_of_two_holding_the_boxes(boxes: int, slots: int) -> None:
    assert stmt.box_slots(boxes) == slots


_PLACED_INCIDENTS = (
    "INSERT INTO incidents (id, code, date_start, date_end, window_lo, window_hi, country,"
    " corroboration, json, updated_at, member_count, newest_member,"
    " reach_south, reach_north, reach_west, reach_east, member_codes)"
    " SELECT 'inc_' || n, 'AIR_STRIKE', '2024-03-05', '2024-03-05',"
    " '2024-03-0' || (1 + mod(n, 4)), '2024-03-0' || (5 + mod(n, 3)),"
    " CASE WHEN mod(n, 10) = 0 THEN NULL ELSE chr(65 + mod(n, 3)) || 'X' END, 1, '{}', '', 1, n,"
    " r.south, r.south + 1, r.west, r.west + 1,"
    " CASE mod(n, 5) WHEN 0 THEN NULL WHEN 1 THEN ' ARREST ' ELSE ' AIR_STRIKE ' END"
    " FROM generate_series(1, 3000) AS n, LATERAL (SELECT"
    " CASE WHEN mod(n, 7) = 0 THEN NULL ELSE mod(n, 13) END AS south,"
    " CASE WHEN mod(n, 7) = 0 THEN NULL ELSE mod(n, 11) END AS west) r"
)
"""Incidents in three countries and none, with windows ending on three days, reaches and
codes of several kinds (a NULL reach or codes: may be joined from anywhere)."""

_DAY = ("2024-03-05", "2024-03-06")


@pytest.mark.parametrize(("keys", "near"), [
    ([("AX", *_DAY)], None),
    ([("AX", *_DAY), ("BX", "2024-03-07", "2024-03-07"), (None, *_DAY)],
     Near(boxes=((2.5, 3.5, 4.5, 5.5),))),
    ([("BX", *_DAY), (None, *_DAY)], Near(codes=("ARREST",))),
    ([("AX", *_DAY), ("BX", *_DAY), ("CX", "2024-03-01", "2024-03-02"), (None, *_DAY)],
     Near(boxes=((2.5, 3.5, 4.5, 5.5), (9.0, 9.5, 0.0, 0.5), (12.0, 12.0, 10.0, 10.0)),
          codes=("ARREST", "AIR_STRIKE"))),
    ([(None, "2024-03-06", "2024-03-06")], Near(boxes=((0.0, 1.0, 0.0, 1.0),), codes=("X",))),
    ([("DX", *_DAY)], Near(boxes=((2.5, 3.5, 4.5, 5.5),))),  # a country of no incident
])
def test_postgresql_reads_the_blocks_of_an_article_as_its_parts_give_them(
    db_target: str, keys: list[Any], near: Near | None
) -> None:
    """One statement of array parameters (``pg_blocks_sql``) gives the rows, in the order,
    of one part per block (``blocks_sql``, as SQLite reads them): each capped block, its
    incidents a report could join."""
    with _analyzed_store(db_target, _PLACED_INCIDENTS, "PostgreSQL's statement") as s, \
            s.engine.connect() as conn:
        parts = conn.exec_driver_sql(*_as_tuple(_listed_blocks(keys, near, "%s"))).all()
        arrays = conn.exec_driver_sql(*_as_tuple(_pg_blocks(keys, near))).all()
    assert arrays == parts
    assert len(parts) > 0 or keys[0][0] == "DX"


def _as_tuple(statement: tuple[str, list[Any]]) -> tuple[str, tuple[Any, ...]]:
    return statement[0], tuple(statement[1])


def test_postgresql_reads_blocks_in_one_text_for_any_number_of_them() -> None:
    one = _pg_blocks([("AX", *_DAY)], Near(boxes=((0.0, 1.0, 0.0, 1.0),), codes=("A",)))
    three = _pg_blocks([("AX", *_DAY), ("BX", *_DAY), ("CX", *_DAY)],
                       Near(boxes=((0.0, 1.0, 0.0, 1.0),), codes=("A", "B", "C")))
    assert one[0] == three[0]
    assert [len(p) for p in three[1]] == [3, 3, 3, 3, 4, 3]


def test_postgresql_walks_each_block_down_the_index_in_the_generic_plan(db_target: str) -> None:
    """The write transaction's generic plan of the block statement: a walk down the country
    window index per block, to its cap (no bitmap scan, no sort of a country's incidents)."""
    sql, params = _pg_blocks([("AX", *_DAY), (None, *_DAY)], Near(boxes=((0.0, 1.0, 0.0, 1.0),)))
    with _analyzed_store(db_target, _PLACED_INCIDENTS, "PostgreSQL's planner") as s:
        import psycopg

        with s.engine.begin() as conn:
            conn.exec_driver_sql(PG_WRITE_SETTINGS_SQL)
            numbered = iter(range(1, len(params) + 1))
            conn.exec_driver_sql("PREPARE blocks AS " + sql.replace("%b", "$%d") % tuple(numbered))
            literals = psycopg.ClientCursor(conn.connection.driver_connection)
            literals.execute("EXPLAIN EXECUTE blocks (" + ", ".join(["%s"] * len(params)) + ")",
                             params)
            plan = "\n".join(row[0] for row in literals.fetchall())
    assert plan.count("Index Scan Backward using ix_incidents_country_window_newest") == 2
    assert "($" in plan  # generic: the boxes a parameter, no values planned in
    assert "Bitmap" not in plan and plan.count("Sort Key") == 1  # one sort: the blocks' rows


def test_postgresql_sends_text_arrays_as_text_whatever_they_hold(db_target: str) -> None:
    """A column of only NULLs has the type of one with values: one prepared statement for
    every article, where psycopg typed a list of only NULLs as unknown."""
    if not db_target.startswith("postgresql"):
        pytest.skip("psycopg's adaptation")
    from psycopg import postgres
    from psycopg.adapt import PyFormat, Transformer

    columns = [stmt.TextArray([None, None]), stmt.TextArray(["a", None]), stmt.TextArray([])]
    with Store.open(db_target, create=True) as s, s.engine.connect() as conn:
        raw = conn.connection.driver_connection
        dumped = Transformer(raw)
        dumped.dump_sequence(columns, [PyFormat.AUTO] * len(columns))
        back = conn.exec_driver_sql("SELECT %s, %s, %s", tuple(columns)).one()
    assert dumped.types == (postgres.types["text"].array_oid,) * len(columns)
    assert list(back) == [[None, None], ["a", None], []]


def _fail_in_python(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("failed mid-article")


def _row_the_database_refuses(*args: Any, **kwargs: Any) -> dict[str, Any]:
    return {**_incident_row(*args, **kwargs), "code": None}  # code is NOT NULL


@pytest.mark.parametrize(("name", "replacement", "error"), [
    ("_merge_new_events", _fail_in_python, RuntimeError),
    ("_incident_row", _row_the_database_refuses, sa.exc.IntegrityError),
])
def test_an_error_mid_article_stores_none_of_it(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch, name: str, replacement: Callable[..., Any],
    error: type[Exception],
) -> None:
    store.add_result(make_result("a1", (make_event(),), outlet="A"))
    before = store.counts()
    later = make_result("b1", (make_event(),), outlet="B")
    with monkeypatch.context() as patch:
        patch.setattr(store_module, name, replacement)
        with pytest.raises((error, store.engine.dialect.loaded_dbapi.IntegrityError)):
            store.add_result(later)
    assert store.counts() == before
    assert not store.has_article(later.article)
    assert store.add_result(later).status == "new"  # the connection is usable again
    (incident,) = store.incidents()
    assert [r.article_id for r in incident.reports] == ["a1", "b1"]


@pytest.mark.parametrize(("version", "fails"), [((3, 34, 1), True), ((3, 35, 0), False)])
def test_old_sqlite_is_refused_with_a_clear_error(
    tmp_path: Path, version: tuple[int, ...], fails: bool
) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    if fails:
        with pytest.raises(StoreError, match=r"SQLite 3\.35 or later"):
            create_engine(url, sqlite_version=version)
    else:
        create_engine(url, sqlite_version=version).dispose()
