"""Merging through the store gives the incidents merging in memory gives (``merge.cluster``):
its blocks leave out only incidents that no report of the article could join."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from typing import Any

import pytest
from store_records import KHARKIV, KYIV, build_event, build_result

from spotrep.merge import Report, join_article, merge_incident, reports_of
from spotrep.merge.incident import incident_id
from spotrep.records import Place, Result
from spotrep.store import Store
from spotrep.store import statements as stmt
from spotrep.store import write as store_module
from spotrep.store.blocking import Near, article_near, block_keys
from spotrep.store.write import article_key, content_hash, identity

CHUHUIV = ("Chuhuiv", 49.8353, 36.6858, "UA", "Kharkiv Oblast")  # 37 km from Kharkiv
ODESA = ("Odesa", 46.4825, 30.7233, "UA", "Odesa Oblast")
DNIPRO = ("Dnipro", 48.4647, 35.0462, "UA", "Dnipropetrovsk Oblast")
COUNTRY = Place("Ukraine", None, "Ukraine", 690791, "country", "UA", None, 49.0, 32.0, 3)
Town = tuple[str, float, float, str, str]
TOWNS = (KHARKIV, KYIV, CHUHUIV, ODESA, DNIPRO, None)


def _near(town: Town | None, rng: random.Random) -> Town | None:
    """A point up to about 20 km from the town: reports 0-60 km apart, around the radius."""
    if town is None:
        return None
    name, lat, lon, country, admin1 = town
    return name, lat + rng.uniform(-0.18, 0.18), lon + rng.uniform(-0.25, 0.25), country, admin1


def _stream(n: int, seed: int = 3) -> list[Result]:
    """Articles of one to three events around a few towns of one country (some unplaced), on
    a few days, of two codes, some naming the attacker or the toll.

    Where the store blocks by design, the stream gives it nothing to miss: each article names
    the country (its unplaced reports are blocked there, not in every country), and every
    date is a day (a vague one is blocked on its last days only)."""
    rng = random.Random(seed)
    results = []
    for i in range(n):
        day = f"2024-03-{rng.randint(4, 12):02d}"
        events = tuple(
            build_event(id=f"e{k}", code=rng.choice(("AIR_STRIKE", "ART_MISS_ATTACK")),
                        day=day, place=_near(rng.choice(TOWNS), rng),
                        fatalities=rng.choice((None, 2, 3)),
                        actor1=rng.choice((None, "Russian forces")))
            for k in range(rng.randint(1, 3)))
        result = build_result(f"a{i:03d}", events, outlet=f"Outlet {i % 7}",
                                    published=f"2024-03-{int(day[-2:]) + rng.randint(0, 2):02d}")
        # the article names the country: its unplaced reports are blocked there
        results.append(dataclasses.replace(result, places=(COUNTRY,)))
    return sorted(results, key=lambda r: (r.article.published or "", r.article.id))


def _in_memory(results: list[Result]) -> dict[str, list[Report]]:
    """The incidents ``merge.join_article`` makes of the results one article at a time, with
    the ids the store gives (which break ties between equally good candidates)."""
    incidents: dict[str, list[Report]] = {}
    for r in results:
        key = article_key(identity(r.article), content_hash(r.article.text))
        join_article(reports_of(r, key), incidents, lambda f, k=key: incident_id(f, k))
    return incidents


def test_the_store_merges_as_merging_in_memory_does(db_target: str) -> None:
    results = _stream(120)
    expected = {iid: merge_incident(iid, members).to_dict()
                for iid, members in _in_memory(results).items()}
    with Store.open(db_target, create=True) as store:
        for start in range(0, len(results), 40):
            store.add_batch(results[start : start + 40])
        found = {inc.id: inc.to_dict() for inc in store.incidents()}
    assert 20 < len(expected) < sum(len(reports_of(r)) for r in results) / 2  # many merged
    assert found == expected


@pytest.fixture
def blocks_read(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The ids of the incidents each merge block read."""
    seen: list[set[str]] = []
    real: Callable[..., Any] = store_module._block

    def counting(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        seen.append(set(found[0]))
        return found

    monkeypatch.setattr(store_module, "_block", counting)
    return seen


def test_a_block_leaves_out_incidents_too_far_to_join(
    store: Store, blocks_read: list[set[str]]
) -> None:
    store.add_result(build_result("k1", (build_event(place=KHARKIV),), outlet="A"))
    (kharkiv,) = [i.id for i in store.incidents()]
    store.add_result(build_result("v1", (build_event(place=KYIV),), outlet="B"))
    assert blocks_read[-1] == set()  # Kyiv is 410 km away: not read
    store.add_result(build_result("c1", (build_event(place=CHUHUIV),), outlet="C"))
    assert kharkiv in blocks_read[-1]  # 37 km: farther than either radius, but the boxes meet
    store.add_result(build_result("k2", (build_event(place=KHARKIV),), outlet="D"))
    assert kharkiv in blocks_read[-1]
    # a report placed nowhere may join anything: its article's blocks are read whole
    store.add_result(build_result("u1", (build_event(id="e1", place=KYIV),
                                         build_event(id="e2", place=None)), outlet="E"))
    assert kharkiv in blocks_read[-1]


def _keys_and_near(result: Result) -> tuple[list[Any], Any]:
    reports = reports_of(result, result.article.id)
    countries = {p.country for p in result.places if p.country}
    return block_keys(reports, countries), article_near(reports)


def test_postgresql_reads_the_blocks_of_one_statement_per_part(
    db_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's block statement of arrays (``statements.pg_blocks_sql``) reads the rows
    the statement of one part per block reads, each part's cap included."""
    if not db_target.startswith("postgresql"):
        pytest.skip("PostgreSQL's block statement")
    monkeypatch.setattr(store_module, "BLOCK_CAP", 3)  # caps that cut the stream's blocks
    monkeypatch.setattr(store_module, "UNPLACED_CAP", 2)
    with Store.open(db_target, create=True) as store:
        store.add_batch(_stream(120))
        with store.engine.connect() as conn:
            # the index walk in both, so both keep the same incidents where windows tie
            conn.exec_driver_sql("SET enable_bitmapscan = off")
            conn.exec_driver_sql("SET enable_seqscan = off")
            db = stmt.Driver.of(conn)
            compared = 0
            for result in _stream(40, seed=11):
                keys, near = _keys_and_near(result)
                for n in [near, None] if near is not None else [None]:
                    per_part = db.rows(*store_module._block_query(db, keys, n))
                    assert db.rows(*store_module._pg_block_query(keys, n)) == per_part
                    compared += bool(per_part)
    assert compared > 40


def test_postgresql_block_statement_has_a_few_texts() -> None:
    """However many blocks, boxes and codes an article has, the statement's text is one of a
    few (psycopg prepares each after 5 calls), and it has a placeholder per parameter."""
    texts = set()
    for result in _stream(200, seed=5):
        keys, near = _keys_and_near(result)
        for n in (near, None, Near(near.boxes * 5, near.codes * 3) if near else None):
            sql, params = store_module._pg_block_query(keys, n)
            assert sql.count("%s") == len(params)
            texts.add(sql)
    assert len(texts) <= 7  # no Near; or 0, 1, 2, 4, 8 or 16 boxes (15 at most here)


@pytest.mark.parametrize(("n", "padded_to"), [(0, 0), (1, 1), (2, 2), (3, 4), (5, 8), (8, 8)])
def test_boxes_are_padded_to_a_power_of_two(n: int, padded_to: int) -> None:
    boxes = list(range(n))
    padded = stmt.padded(boxes)
    assert len(padded) == padded_to and padded[:n] == boxes and set(padded) == set(boxes)
