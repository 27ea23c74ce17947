"""Which pairs of reports may be one incident: a table of cases, positive and negative."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from merge_records import CHUHUIV, KHARKIV, KYIV

from spotrep.merge import Report, compatible, date_window
from spotrep.merge.rules import codes_compatible, haversine_km

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
    ("no place, different weapons", {"weapon": "roadside bomb", "code": "REM_EXPLOS"},
     {"where": None, "weapon": "IED", "code": "REM_EXPLOS"}, False),
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
