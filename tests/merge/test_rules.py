"""Which pairs of reports may be one incident: a table of cases, positive and negative."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from merge_records import CHUHUIV, KHARKIV, KYIV

from spotrep.merge import Report, compatible, date_window
from spotrep.merge.rules import (
    codes_compatible,
    conflicting,
    haversine_km,
    is_generic,
    same_report,
    weapon_head,
    weapon_kind,
)

KHARKIV_REGION = ("Kharkiv Oblast", 49.5, 36.5, 3, "UA", "Kharkiv Oblast")
LVIV_REGION = ("Lviv Oblast", 49.8, 24.0, 3, "UA", "Lviv Oblast")
KHARKIV_PROVINCE_P2 = ("Kharkiv Oblast", 49.95, 36.3, 2, "UA", "Kharkiv Oblast")
FAR_KHARKIV_VILLAGE = ("Kupiansk", 49.7106, 37.6156, 1, "UA", "Kharkiv Oblast")  # ~100 km

CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("same code, day and town", {}, {}, True),
    ("one day apart", {}, {"day": "2024-03-06"}, True),
    ("two days apart", {}, {"day": "2024-03-07"}, True),
    ("four days apart", {}, {"day": "2024-03-09"}, False),
    ("week precision covers the day", {},
     {"day": "2024-03-04", "end": "2024-03-10", "precision": "week", "when_text": "last week"},
     True),
    ("37 km at town precision", {}, {"where": CHUHUIV}, False),
    ("37 km when one is 'near' (precision 2)", {},
     {"where": (*CHUHUIV[:3], 2, *CHUHUIV[4:])}, True),
    ("different cities", {}, {"where": KYIV}, False),
    ("100 km apart in one oblast", {}, {"where": FAR_KHARKIV_VILLAGE}, False),
    ("region-level place alone is not enough", {}, {"where": KHARKIV_REGION}, False),
    ("region-level place with the same toll", {"fatalities": 3},
     {"where": KHARKIV_REGION, "fatalities": 3}, True),
    ("region-level place in another region", {"fatalities": 3},
     {"where": LVIV_REGION, "fatalities": 3}, False),
    ("no place, same actor", {"actor1": "Russian forces"},
     {"where": None, "actor1": "Russian forces"}, True),
    ("no place, no other agreement", {}, {"where": None}, False),
    ("strike vs shelling, weapon unclear", {}, {"code": "ART_MISS_ATTACK"}, True),
    ("strike vs shelling, both weapons named", {"weapon": "drone"},
     {"code": "ART_MISS_ATTACK", "weapon": "howitzer"}, False),
    ("protest vs riot by the same crowd", {"code": "PEACE_PROTEST", "actor1": "students"},
     {"code": "VIOL_DEMONSTR", "actor1": "Students"}, True),
    ("protest vs riot, crowds not named", {"code": "PEACE_PROTEST"},
     {"code": "VIOL_DEMONSTR"}, False),
    ("arrests at a protest vs police force on it", {"code": "PROTEST_WITH_INTER"},
     {"code": "FORCE_AGAINST_PROTEST"}, True),
    ("riot vs police force on protesters", {"code": "VIOL_DEMONSTR"},
     {"code": "FORCE_AGAINST_PROTEST"}, True),
    ("peaceful march vs its dispersal", {"code": "PEACE_PROTEST"},
     {"code": "PROTEST_WITH_INTER"}, True),
    ("police force on protesters, another city", {"code": "VIOL_DEMONSTR"},
     {"code": "FORCE_AGAINST_PROTEST", "where": KYIV}, False),
    ("air strike vs armed clash", {}, {"code": "ARMED_CLASH"}, False),
    ("contradicting named attackers", {"actor1": "Russian forces"},
     {"actor1": "Ukrainian forces"}, False),
    ("one names the attacker, one does not", {"actor1": "Russian forces"}, {}, True),
    ("a generic attacker contradicts no one", {"actor1": "Unidentified Armed Group"},
     {"actor1": "Armed bandits"}, True),
    ("a shared generic attacker is no agreement", {"actor1": "Gunmen"},
     {"where": None, "actor1": "gunmen"}, False),
    ("no place, same weapon", {"weapon": "roadside bomb", "code": "REM_EXPLOS"},
     {"where": None, "weapon": "bomb", "code": "REM_EXPLOS"}, True),
    ("no place, a bomb and an IED are one kind", {"weapon": "roadside bomb", "code": "REM_EXPLOS"},
     {"where": None, "weapon": "IED", "code": "REM_EXPLOS"}, True),
    ("no place, different weapons", {"weapon": "roadside bomb", "code": "REM_EXPLOS"},
     {"where": None, "weapon": "rocket", "code": "REM_EXPLOS"}, False),
    ("a province centroid is region-level", {"fatalities": 2},
     {"where": KHARKIV_PROVINCE_P2}, False),
    ("a province centroid with the same toll", {"fatalities": 2},
     {"where": KHARKIV_PROVINCE_P2, "fatalities": 2}, True),
    ("attack on civilians vs shelling, means unnamed", {"code": "ATTACK"},
     {"code": "ART_MISS_ATTACK", "weapon": "artillery"}, True),
    ("attack on civilians vs armed clash", {"code": "ATTACK"}, {"code": "ARMED_CLASH"}, False),
    ("month precision alone is too vague", {},
     {"day": "2024-03-01", "end": "2024-03-31", "precision": "month", "when_text": "in March"},
     False),
    ("month precision with same code and toll", {"fatalities": 2},
     {"day": "2024-03-01", "end": "2024-03-31", "precision": "month", "when_text": "in March",
      "fatalities": 2}, True),
]


@pytest.mark.parametrize(("a_kw", "b_kw", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_compatible(
    make_report: Callable[..., Report], a_kw: dict[str, Any], b_kw: dict[str, Any],
    expected: bool,
) -> None:
    a = make_report("a1", "Outlet A", **a_kw)
    b = make_report("b1", "Outlet B", **b_kw)
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_events_of_one_article_never_merge(make_report: Callable[..., Report]) -> None:
    assert not compatible(make_report("a1", id="e1"), make_report("a1", id="e2"))


def test_publication_date_window_looks_back_two_days(make_report: Callable[..., Report]) -> None:
    r = make_report("a1", published="2024-03-06", when_text=None, day="2024-03-06")
    assert date_window(r) == (date(2024, 3, 4), date(2024, 3, 6))


def test_undated_report_has_no_window(make_report: Callable[..., Report]) -> None:
    r = make_report("a1", published=None, day=None, precision=None, when_text=None)
    assert date_window(r) is None


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("AIR_STRIKE", "AIR_STRIKE", True),
    ("ART_MISS_ATTACK", "AIR_STRIKE", True),
    ("SUIC_BOMB", "REM_EXPLOS", True),
    ("ARREST", "AIR_STRIKE", False),
    ("DIPLO", "AGREEMENT", False),
])
def test_codes_compatible(make_event: Any, a: str, b: str, expected: bool) -> None:
    assert codes_compatible(make_event(code=a), make_event(code=b)) is expected


def test_haversine_kharkiv_kyiv() -> None:
    assert haversine_km(*KHARKIV[1:3], *KYIV[1:3]) == pytest.approx(410, abs=10)


NIKOPOL = ("Nikopol", 47.5683, 34.3913, 1, "UA", "Dnipropetrovsk")
FAR_SAME_DAY = ("Kherson", 46.6354, 32.6169, 1, "UA", "Kherson")  # ~165 km from Nikopol
ACROSS_BORDER = ("Belgorod", 50.5977, 36.5858, 1, "RU", "Belgorod")  # ~75 km from Kharkiv

CONFLICTS: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("same day and town", {}, {}, False),
    ("same town, stated days 3 apart", {}, {"day": "2024-03-08"}, True),
    ("same town, stated days 2 apart", {}, {"day": "2024-03-07"}, False),
    ("same town, days 2 apart, one code, two tolls", {"fatalities": 3},
     {"day": "2024-03-07", "fatalities": 2}, True),
    ("same town, consecutive days, one code, two tolls", {"fatalities": 3},
     {"day": "2024-03-06", "fatalities": 2}, True),
    ("consecutive days, one toll", {"fatalities": 3},
     {"day": "2024-03-06", "fatalities": 3}, False),
    ("consecutive days, one toll unstated", {"fatalities": 3}, {"day": "2024-03-06"}, False),
    ("consecutive days, two tolls, one dated by the night", {"fatalities": 3},
     {"day": "2024-03-06", "when_text": "overnight", "fatalities": 2}, False),
    ("2 days apart, two tolls, one dated by the night",
     {"when_text": "late on Tuesday", "fatalities": 3}, {"day": "2024-03-07", "fatalities": 2},
     False),
    ("consecutive days, two tolls, other codes", {"fatalities": 3},
     {"day": "2024-03-06", "code": "ART_MISS_ATTACK", "fatalities": 2}, False),
    ("same town 3 days apart, other codes", {},
     {"day": "2024-03-08", "code": "ART_MISS_ATTACK"}, True),
    ("same town 3 days apart, one date guessed", {},
     {"day": "2024-03-08", "when_text": None}, False),
    ("same day, 165 km apart", {"where": NIKOPOL}, {"where": FAR_SAME_DAY}, True),
    ("one day apart, 165 km apart", {"where": NIKOPOL},
     {"where": FAR_SAME_DAY, "day": "2024-03-06"}, False),
    ("same day, 37 km apart", {}, {"where": CHUHUIV}, False),
    ("different countries", {}, {"where": ACROSS_BORDER}, True),
    ("different countries, one only a region", {"where": KHARKIV_REGION},
     {"where": ACROSS_BORDER}, False),
    ("contradicting named attackers", {"actor1": "Russian forces"},
     {"actor1": "Ukrainian forces"}, True),
    ("named attackers of unrelated acts", {"actor1": "Russian forces"},
     {"actor1": "Ukrainian forces", "code": "DIPLO"}, False),
    ("protest vs riot, crowds not named", {"code": "PEACE_PROTEST"},
     {"code": "VIOL_DEMONSTR"}, True),
    ("protest vs riot by the same crowd", {"code": "PEACE_PROTEST", "actor1": "students"},
     {"code": "VIOL_DEMONSTR", "actor1": "Students"}, False),
    ("riot vs police force on protesters, crowds not named", {"code": "VIOL_DEMONSTR"},
     {"code": "FORCE_AGAINST_PROTEST"}, False),
]


@pytest.mark.parametrize(("a_kw", "b_kw", "expected"),
                         [c[1:] for c in CONFLICTS], ids=[c[0] for c in CONFLICTS])
def test_conflicting(
    make_report: Callable[..., Report], a_kw: dict[str, Any], b_kw: dict[str, Any],
    expected: bool,
) -> None:
    a = make_report("a1", "Outlet A", **a_kw)
    b = make_report("b1", "Outlet B", **b_kw)
    assert conflicting(a, b) is expected
    assert conflicting(b, a) is expected


SAME_REPORT: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("shelling and its casualties", {"code": "ART_MISS_ATTACK"}, {"code": "ATTACK"}, True),
    ("a piece dated from the publication", {},
     {"day": "2024-03-06", "when_text": None, "precision": "week"}, True),
    ("same code, days apart", {}, {"day": "2024-03-20"}, False),
    ("same code, consecutive stated days", {}, {"day": "2024-03-06"}, False),
    ("same code, the next day guessed from publication", {},
     {"day": "2024-03-06", "when_text": None}, True),
    ("fighting and a strike, one day and town", {}, {"code": "ARMED_CLASH"}, True),
    ("fighting and a strike, the next day", {}, {"code": "ARMED_CLASH", "day": "2024-03-06"},
     False),
    ("fighting and a strike, a day guessed", {}, {"code": "ARMED_CLASH", "when_text": None},
     False),
    ("fighting and a strike, only a region", {},
     {"code": "ARMED_CLASH", "where": KHARKIV_REGION}, False),
    ("fighting and a strike, 37 km apart", {}, {"code": "ARMED_CLASH", "where": CHUHUIV},
     False),
    ("a strike and a protest, one day and town", {}, {"code": "PEACE_PROTEST"}, False),
    ("a strike and an arrest, one day and town", {}, {"code": "ARREST"}, False),
    ("another city", {}, {"where": KYIV}, False),
    ("contradicting attackers", {"actor1": "Russian forces"},
     {"actor1": "Ukrainian forces"}, False),
    ("one has no place", {}, {"where": None}, True),
]


@pytest.mark.parametrize(("a_kw", "b_kw", "expected"),
                         [c[1:] for c in SAME_REPORT], ids=[c[0] for c in SAME_REPORT])
def test_same_report(
    make_report: Callable[..., Report], a_kw: dict[str, Any], b_kw: dict[str, Any],
    expected: bool,
) -> None:
    a = make_report("a1", "Outlet A", id="e1", **a_kw)
    b = make_report("a1", "Outlet A", id="e2", **b_kw)
    assert same_report(a, b) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Civilians (Russia)", True),
    ("Protesters (Senegal)", True),
    ("Unidentified Armed Group", True),
    ("Gunmen", True),
    ("Military Forces of Russia", False),
    ("M23: March 23 Movement", False),
    ("Al Shabaab (Somalia)", False),
])
def test_is_generic(name: str, expected: bool) -> None:
    assert is_generic(name) is expected


@pytest.mark.parametrize(("weapon", "head"), [
    ("suicide bomber", "bomb"),
    ("suicide bombing", "bomb"),
    ("roadside bomb", "bomb"),
    ("shells", "shell"),
    ("shelling", "shell"),
    ("IED", "ied"),
    ("gas", "gas"),  # too short to stem
])
def test_weapon_head(make_event: Any, weapon: str, head: str) -> None:
    assert weapon_head(make_event(weapon=weapon)) == head


def test_suicide_bomber_and_bombing_agree_without_a_place(
    make_report: Callable[..., Report],
) -> None:
    a = make_report("a1", code="SUIC_BOMB", weapon="suicide bomber", where=None)
    b = make_report("b1", code="SUIC_BOMB", weapon="suicide bombing")
    assert compatible(a, b)
    c = make_report("c1", code="SUIC_BOMB", weapon="car bomb", where=None)
    assert compatible(a, c)  # both bombs
    d = make_report("d1", code="SUIC_BOMB", weapon="gunfire", where=None)
    assert not compatible(b, d)


@pytest.mark.parametrize(("weapon", "kind"), [
    ("warplanes", "aircraft"),
    ("Israeli jets", "aircraft"),
    ("air strike", "aircraft"),
    ("air raid", "aircraft"),
    ("drone strike", "drone"),  # the head says little: "strike"
    ("unmanned aircraft", "drone"),
    ("shelling", "artillery"),
    ("howitzer fire", "artillery"),
    ("roadside bomb", "explosive"),
    ("IED", "explosive"),
    ("improvised explosive device", "explosive"),
    ("barrel bombs", "aircraft"),  # dropped from the air
    ("rockets", "rocket"),  # no kind listed: the stemmed head
])
def test_weapon_kind(make_event: Any, weapon: str, kind: str) -> None:
    assert weapon_kind(make_event(weapon=weapon)) == kind


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("warplanes", "air strike", True),
    ("jets", "warplanes", True),
    ("drone", "air strike", False),
    ("drone strike", "air strike", False),
    ("drones", "UAV", True),
])
def test_weapon_kind_agreement_without_a_place(
    make_report: Callable[..., Report], a: str, b: str, expected: bool,
) -> None:
    ra = make_report("a1", weapon=a, where=None)
    rb = make_report("b1", weapon=b)
    assert compatible(ra, rb) is expected
