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
from spotrep.store import write as store_module
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
