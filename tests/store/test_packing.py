"""Each fact stored once: packed records read back equal, stored results rebuilt from rows."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from spotrep.ingest.files import read_sources
from spotrep.pipeline import Pipeline
from spotrep.records import (
    Actor,
    Article,
    Claim,
    Event,
    Mention,
    Place,
    Result,
    Span,
    Speaker,
    Toll,
)
from spotrep.store import Store, packing, schema
from spotrep.store.migrations import MIGRATIONS, _store_facts_once, migrate

TEXT = "Rebels shelled Aleppo on Monday, killing 4, the army said."


def span(start: int, end: int) -> Span:
    return Span.of(TEXT, start, end)


ALEPPO = Place("Aleppo", span(15, 21), "Aleppo", 170063, "populated_place", "SY", "Aleppo",
               36.2, 37.15, 1)


@pytest.mark.parametrize(("record", "stored"), [
    # a span that is the text's slice keeps only its offsets; a text equal to it goes
    (Mention("shelled", span(7, 14)), '{"span":[7,14]}'),
    # a text other than its span's stays, and a null one beside a span stays null
    (Mention("shelling", span(7, 14)), '{"text":"shelling","span":[7,14]}'),
    (Toll(4, text=None, span=span(41, 42)), '{"count":4,"text":null,"span":[41,42]}'),
    # a span whose text is not the slice (a record built by hand) keeps its text
    (Mention("abc", Span(0, 3, "abc")), '{"span":{"start":0,"end":3,"text":"abc"}}'),
    # nulls and empty lists go; zero, false and empty strings stay
    (Toll(0, None, None, None, None), '{"count":0}'),
    (Actor("actor1", "", None, None, None, None), '{"role":"actor1","text":""}'),
])
def test_packed_records(record: Any, stored: str) -> None:
    assert packing.pack(record, TEXT) == stored
    assert packing.unpack(type(record), stored, TEXT) == record


def test_an_event_loses_the_names_its_code_gives_and_reads_back() -> None:
    event = Event("e1", "ART_MISS_ATTACK", "reported", span(7, 14),
                  (Actor("actor1", "Rebels", "Rebels", "Rebel group", None, span(0, 6)),),
                  where=ALEPPO, fatalities=Toll(4, 4, 4, "4", span(41, 42)),
                  claims=("c1",), evidence=(span(0, 58),), confidence=0.8)
    stored = packing.pack(event, TEXT)
    assert "event_type" not in stored and "Rebels shelled" not in stored
    assert packing.event(stored, TEXT) == event
    assert packing.event(json.dumps(event.to_dict()), TEXT) == event  # the contract's JSON too


def test_held_fields_come_from_the_columns() -> None:
    claim = Claim("c1", Speaker("the army", "army", "government", None, span(44, 52)),
                  span(0, 42), "indirect", span(53, 57))
    columns = {"claim_id": "c1", "form": "indirect", "speaker_name": "army",
               "speaker_kind": "government"}
    stored = packing.pack(claim, TEXT, packing.CLAIM_HELD)
    assert json.loads(stored) == {"speaker": {"span": [44, 52]}, "content": [0, 42],
                                  "cue": [53, 57]}
    assert packing.claim(stored, TEXT, columns) == claim
    nameless = dataclasses.replace(claim, speaker=dataclasses.replace(claim.speaker, name=None))
    assert packing.claim(stored, TEXT, {**columns, "speaker_name": None}) == nameless
    place_columns = {k: getattr(ALEPPO, k) for k in packing.PLACE_HELD}
    assert packing.pack(ALEPPO, TEXT, packing.PLACE_HELD) == '{"span":[15,21]}'
    assert packing.place('{"span":[15,21]}', TEXT, place_columns) == ALEPPO


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


@pytest.fixture(scope="module")
def example_results(pipeline: Pipeline) -> list[Result]:
    articles = [a for a in read_sources([EXAMPLES]) if isinstance(a, Article)]
    return [r for r in pipeline.run(articles) if isinstance(r, Result)]


@pytest.mark.model
def test_stored_examples_read_back_equal(store: Store, example_results: list[Result]) -> None:
    assert len(example_results) >= 12
    store.add_batch(example_results)
    again = list(store.results())
    assert again == example_results
    for r in again:
        assert Result.from_dict(r.to_dict(), r.article.text) == r
    first = example_results[0]
    assert store.result(first.article.id) == first
    assert store.result("no such article") is None
    ids = [r.article.id for r in example_results[2:5]]
    assert list(store.results(ids)) == example_results[2:5]


@pytest.mark.model
def test_records_pack_as_their_contract_json_packs(example_results: list[Result]) -> None:
    # the write path packs records directly; the stored JSON is the packed contract JSON
    records = [(rec, r.article.text) for r in example_results
               for rec in (*r.events, *r.claims, *r.places)]
    assert len(records) > 100
    for rec, text in records:
        expected = packing.dumps(packing.packed_value(rec.to_dict(), text))
        assert packing.pack(rec, text) == expected
    # and a span that is not the text's slice, nested in a record
    hand = Mention("abc", Span(0, 3, "abd"))
    assert packing.pack(hand, TEXT) == packing.dumps(packing.packed_value(hand.to_dict(), TEXT))


def test_results_hold_only_what_no_other_table_holds(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., Event]
) -> None:
    result = make_result("a1", (make_event(),))
    store.add_result(result)
    with store.engine.connect() as conn:
        (data,) = conn.execute(sa.select(schema.results.c.json)).one()
    assert set(json.loads(data)) <= {"language", "times", "warnings"}
    assert list(store.results()) == [result]


PACKING = next(m.version for m in MIGRATIONS if m.apply is _store_facts_once)
"""The migration that packs a store (its number may change when branches merge)."""


def _unpacked_as_before_packing(store: Store) -> None:
    """Back to a store before packing: the contract's JSON everywhere, the dropped columns."""
    results, incidents = list(store.results()), store.incidents()
    e, c, p, r, i = (schema.events, schema.claims, schema.places, schema.results,
                     schema.incidents)
    with store.engine.begin() as conn:
        for table, names in schema.V7_DROPPED_COLUMNS.items():
            for name in names:
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} TEXT")
        a = schema.articles
        pks = dict(conn.execute(sa.select(a.c.article_id, a.c.pk)).all())
        for res in results:
            pk = pks[res.article.id]
            conn.execute(sa.update(r).where(r.c.article_pk == pk)
                         .values(json=json.dumps(res.to_dict())))
            for table, records in ((e, res.events), (c, res.claims), (p, res.places)):
                rows = conn.scalars(sa.select(table.c.pk).where(table.c.article_pk == pk)
                                    .order_by(table.c.pk)).all()
                for row_pk, record in zip(rows, records, strict=True):
                    conn.execute(sa.update(table).where(table.c.pk == row_pk)
                                 .values(json=json.dumps(record.to_dict())))
        for inc in incidents:
            conn.execute(sa.update(i).where(i.c.id == inc.id)
                         .values(json=json.dumps(inc.to_dict())))
        conn.exec_driver_sql(f"DELETE FROM spotrep_migrations WHERE version = {PACKING}")


def test_the_packing_migration_packs_a_store_written_before(
    db_target: str, make_result: Callable[..., Result], make_event: Callable[..., Event]
) -> None:
    with Store.open(db_target, create=True) as s:
        for article, outlet in (("a1", "A"), ("b1", "B")):
            s.add_result(make_result(article, (make_event(),), outlet=outlet))
        before = (list(s.results()), s.incidents(), s.events())
        _unpacked_as_before_packing(s)
        with s.engine.connect() as conn:
            old = conn.exec_driver_sql("SELECT json FROM results").scalars().all()
        assert all('"events"' in data for data in old)
        assert migrate(s.engine) == [PACKING]
        with s.engine.connect() as conn:
            packed = conn.exec_driver_sql("SELECT json FROM results").scalars().all()
            columns = {c["name"] for c in sa.inspect(conn).get_columns("events")}
        assert not any('"events"' in data for data in packed)
        assert "event_type" not in columns and "article_id" not in columns
        assert (list(s.results()), s.incidents(), s.events()) == before
        s.add_result(make_result("c1", (make_event(),), outlet="C"))
        (incident,) = s.incidents()
        assert [r.article_id for r in incident.reports] == ["a1", "b1", "c1"]
