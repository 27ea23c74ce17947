"""The merged incident record: fields, reports, corroboration and conflicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from merge_records import CHUHUIV, KYIV

from spotrep.merge import Incident, Report, cluster, join_article, merge_incident, units
from spotrep.merge.cluster import best_incident


def test_conflicting_tolls_keep_every_value_and_the_lowest(
    make_report: Callable[..., Report],
) -> None:
    reports = [
        make_report("a1", "Outlet A", published="2024-03-06", fatalities=5, injuries=10),
        make_report("b1", "Outlet B", published="2024-03-05", fatalities=3, injuries=10),
    ]
    inc = merge_incident("inc_x", reports)
    d = inc.to_dict()
    assert d["fatalities"]["count"] == 3
    assert (d["fatalities"]["min"], d["fatalities"]["max"]) == (3, 5)
    assert d["injuries"]["count"] == 10
    (conflict,) = d["conflicts"]
    assert conflict["field"] == "fatalities"
    assert conflict["conservative"] == 3
    assert {(v["value"], v["article_id"], v["outlet"]) for v in conflict["values"]} == {
        (5, "a1", "Outlet A"), (3, "b1", "Outlet B"),
    }
    # earliest published report comes first
    assert [r["article_id"] for r in d["reports"]] == ["b1", "a1"]


def test_record_has_the_spec_fields_and_round_trips(make_report: Callable[..., Report]) -> None:
    inc = merge_incident("inc_x", [make_report("a1", "A"), make_report("b1", "B")])
    d = inc.to_dict()
    assert list(d) == ["id", "code", "event_type", "sub_event_type", "actors", "when", "where",
                       "fatalities", "injuries", "reports", "corroboration", "conflicts"]
    assert d["event_type"] == "Explosions/Remote violence"
    assert d["conflicts"] == []
    assert Incident.from_dict(d) == inc


@pytest.mark.parametrize(("outlets", "expected"), [
    (["A", "B", "C"], 3),
    (["A", "A", "B"], 2),
    ([None, None], 2),  # unknown outlets: each article counts as its own source
    (["A"], 1),
])
def test_corroboration_counts_distinct_outlets(
    make_report: Callable[..., Report], outlets: list[str | None], expected: int
) -> None:
    reports = [make_report(f"a{i}", o) for i, o in enumerate(outlets)]
    assert merge_incident("i", reports).corroboration == expected


def test_code_where_actor_conflicts(make_report: Callable[..., Report]) -> None:
    reports = [
        make_report("a1", "A", code="AIR_STRIKE", actor1="Russian forces"),
        make_report("b1", "B", code="ART_MISS_ATTACK", where=(*CHUHUIV[:3], 2, *CHUHUIV[4:])),
        make_report("c1", "C", code="AIR_STRIKE"),
    ]
    inc = merge_incident("i", reports)
    assert inc.code == "AIR_STRIKE"  # the majority
    assert inc.where is not None and inc.where.name == "Kharkiv"  # the most precise
    assert {c.field for c in inc.conflicts} == {"code", "where"}
    assert [a.name for a in inc.actors] == ["Russian forces"]


def test_stated_date_beats_publication_date(make_report: Callable[..., Report]) -> None:
    reports = [
        make_report("a1", "A", when_text=None, day="2024-03-06"),
        make_report("b1", "B", when_text="on Tuesday", day="2024-03-05"),
    ]
    inc = merge_incident("i", reports)
    assert inc.when.start == "2024-03-05"
    assert inc.conflicts == ()  # a guessed date is not a disagreement


def test_empty_incident_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one report"):
        merge_incident("i", [])


def test_cluster_groups_reports_and_keeps_distinct_incidents_apart(
    make_report: Callable[..., Report],
) -> None:
    reports = [
        make_report("a1", "A", fatalities=3),
        make_report("b1", "B", fatalities=4),
        make_report("c1", "C", code="PEACE_PROTEST", where=None, actor1="students"),
        make_report("d1", "D", code="PEACE_PROTEST", where=None, actor1="students"),
        make_report("e1", "E", day="2024-04-20"),
    ]
    groups = sorted(sorted(r.article_id for r in g) for g in cluster(reports).values())
    assert groups == [["a1", "b1"], ["c1", "d1"], ["e1"]]


def test_best_incident_needs_every_member_compatible(make_report: Callable[..., Report]) -> None:
    members = [make_report("a1", "A"), make_report("b1", "B", actor1="Russian forces")]
    newcomer = make_report("c1", "C", actor1="Ukrainian forces")
    assert best_incident(newcomer, {"i": members}) is None
    assert best_incident(make_report("d1", "D"), {"i": members}) == "i"


def test_events_of_one_article_join_as_one_unit(make_report: Callable[..., Report]) -> None:
    a = [make_report("a1", "A", id="e1", code="ART_MISS_ATTACK", fatalities=2),
         make_report("a1", "A", id="e2", code="ATTACK", injuries=5),
         make_report("a1", "A", id="e3", code="PEACE_PROTEST", day="2024-03-06")]
    assert [[r.event.id for r in u] for u in units(a)] == [["e1", "e2"], ["e3"]]
    b = [make_report("b1", "B", code="ATTACK", injuries=5)]
    groups = sorted(sorted(f"{r.article_id}/{r.event.id}" for r in g)
                    for g in cluster([*a, *b]).values())
    assert groups == [["a1/e1", "a1/e2", "b1/e1"], ["a1/e3"]]


@pytest.mark.parametrize(("newcomer", "joins"), [
    ({}, True),  # compatible with the Kharkiv report only, in conflict with none
    ({"day": "2024-03-08"}, False),  # three days after the Kharkiv report
    ({"actor1": "Ukrainian forces"}, False),  # contradicts the Chuhuiv report's attacker
])
def test_one_compatible_member_is_enough_unless_another_conflicts(
    make_report: Callable[..., Report], newcomer: dict[str, Any], joins: bool,
) -> None:
    members = [make_report("a1", "A"),
               make_report("b1", "B", where=CHUHUIV, actor1="Russian forces")]
    report = make_report("c1", "C", **newcomer)
    assert (best_incident(report, {"i": members}) == "i") is joins


def test_an_article_telling_two_incidents_joins_each_once(
    make_report: Callable[..., Report],
) -> None:
    # a1 and b1 each tell a strike in Kharkiv and one in Kyiv on one day; c1 the Kyiv one
    a = [make_report("a1", "A", id="e1", fatalities=2),
         make_report("a1", "A", id="e2", where=KYIV)]
    b = [make_report("b1", "B", id="e1", where=KYIV), make_report("b1", "B", id="e2")]
    c = [make_report("c1", "C", where=KYIV)]
    incidents = cluster([*a, *b, *c])
    groups = sorted(sorted(f"{r.article_id}/{r.event.id}" for r in g) for g in incidents.values())
    assert groups == [["a1/e1", "b1/e2"], ["a1/e2", "b1/e1", "c1/e1"]]


def test_one_article_never_gives_an_incident_two_units(
    make_report: Callable[..., Report],
) -> None:
    # the two units of a1 (another city each) both fit the incident of b1 only through
    # b1's vague place; the second must open an incident of its own
    members = [make_report("b1", "B", where=None, actor1="Russian forces")]
    a = [make_report("a1", "A", id="e1", actor1="Russian forces"),
         make_report("a1", "A", id="e2", where=KYIV, actor1="Russian forces")]
    assert len(units(a)) == 2
    incidents = {"i": members}
    joined = join_article(a, incidents, lambda r: f"new-{r.event.id}")
    assert sorted(iid for iid, _ in joined) == ["i", "new-e2"]
