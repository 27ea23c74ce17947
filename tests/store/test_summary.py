"""Summaries add up (conservative sums, with the range the reports give) and ``show`` tells all."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from store_records import KYIV, build_event, build_result
from test_cli_store import run

from spotrep.errors import FilterError
from spotrep.records import Claim, Mention, Span, Speaker
from spotrep.store import Filters, Store
from spotrep.store.summary import summarize

ALEPPO = ("Aleppo", 36.2021, 37.1343, "SY", "Aleppo")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "summary.db")
    claim = Claim("c1", Speaker("Governor Oleh Syniehubov", "Oleh Syniehubov", "official"),
                  Span(0, 12, "Three killed"), "direct", channel=Mention("Telegram", None),
                  events=("e1",))
    with Store.open(path, create=True) as s:
        a1 = build_result("a1", (build_event(fatalities=3, actor1="Russian forces"),),
                          outlet="Alpha")
        s.add_result(replace(a1, claims=(claim,),
                             events=(replace(a1.events[0], claims=("c1",)),)))
        s.add_result(build_result("b1", (build_event(fatalities=5, actor1="Russian forces"),),
                                  outlet="Bravo"))
        s.add_result(build_result("c1", (build_event(code="ARREST", place=KYIV,
                                                     day="2024-03-12"),), outlet="Charlie"))
        s.add_result(build_result("d1", (build_event(place=ALEPPO, fatalities=2,
                                                     day="2024-04-02"),), outlet="Delta"))
    return path


@pytest.mark.parametrize(("by", "expected"), [
    ("month", [("2024-03", 2, 3, 3, 5, 1), ("2024-04", 1, 2, 2, 2, 0)]),
    ("week", [("2024-W10", 1, 3, 3, 5, 1), ("2024-W11", 1, 0, 0, 0, 0),
              ("2024-W14", 1, 2, 2, 2, 0)]),
    ("country", [("Syria", 1, 2, 2, 2, 0), ("Ukraine", 2, 3, 3, 5, 1)]),
    ("admin1", [("Aleppo (Syria)", 1, 2, 2, 2, 0), ("Kharkiv Oblast (Ukraine)", 1, 3, 3, 5, 1),
                ("Kyiv City (Ukraine)", 1, 0, 0, 0, 0)]),
    ("code", [("Air/drone strike", 2, 5, 5, 7, 1), ("Arrests", 1, 0, 0, 0, 0)]),
    ("actor", [("Russian forces", 1, 3, 3, 5, 1), ("(unknown)", 2, 2, 2, 2, 0)]),
])
def test_summary_of_incidents(db: str, by: str, expected: list[tuple[object, ...]]) -> None:
    with Store.open(db) as s:
        groups, total = s.summary(by)
    rows = [(g.key, g.records, g.fatalities, g.fatalities_min, g.fatalities_max, g.disputed)
            for g in groups]
    assert rows == expected
    assert (total.records, total.fatalities, total.fatalities_min, total.fatalities_max) == (
        3, 5, 5, 7)


def test_summary_of_events_counts_every_report(db: str) -> None:
    with Store.open(db) as s:
        groups, total = s.summary("country", Filters(country="UA"), of="events")
    assert [(g.key, g.records, g.fatalities) for g in groups] == [("Ukraine", 3, 8)]
    assert total.disputed == 0  # one report disputes nothing


def test_summary_refuses_unknown_groupings(db: str) -> None:
    with pytest.raises(ValueError, match="--by must be one of"):
        summarize([], "year")
    with Store.open(db) as s, pytest.raises(FilterError):
        s.summary("month", of="articles")


def test_summary_command(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["summary", "--by", "code", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "incidents", "killed", "reports", "say", "disputed"]
    assert lines[1].split() == ["Air/drone", "strike", "2", "5", "5-7", "1"]
    assert lines[-1].split() == ["total", "3", "5", "5-7", "1"]
    assert run(["summary", "--by", "month", "--db", db, "--format", "json",
                "--code", "Arrests"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["groups"] == [{"key": "2024-03", "records": 1, "fatalities": 0,
                              "fatalities_min": 0, "fatalities_max": 0, "disputed": 0}]


def test_show_an_incident_in_full(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as s:
        (inc,) = s.incidents(Filters(min_corroboration=2))
        detail = s.incident(inc.id[:10])
    assert detail.incident == inc
    assert [r.stored.article_id for r in detail.reports] == ["a1", "b1"]
    assert [c.speaker.name for c in detail.reports[0].claims] == ["Oleh Syniehubov"]
    assert detail.reports[1].claims == ()
    assert run(["show", inc.id, "--db", db]) == 0
    out = capsys.readouterr().out
    for expected in ("Explosions/Remote violence / Air/drone strike (AIR_STRIKE)",
                     "3 (3-5)", "Kharkiv, Kharkiv Oblast, Ukraine", "reports (2)", "Alpha",
                     "Bravo", "Oleh Syniehubov", "Telegram", "Three killed", "conflicts (1)"):
        assert expected in out, expected
    conflicts = [line.split() for line in out.splitlines() if line.startswith("fatalities")]
    assert conflicts == [["fatalities", "3", "Alpha", "a1"], ["fatalities", "5", "Bravo", "b1"]]
    assert run(["show", inc.id, "--db", db, "--format", "json"]) == 0
    back = json.loads(capsys.readouterr().out)
    assert back["incident"]["id"] == inc.id
    assert back["reports"][0]["claims"][0]["speaker"]["name"] == "Oleh Syniehubov"


@pytest.mark.parametrize(("ref", "message"), [("inc_nope", "no incident"), ("inc_", "several")])
def test_show_names_one_incident(db: str, ref: str, message: str) -> None:
    with Store.open(db) as s, pytest.raises(FilterError, match=message):
        s.incident(ref)
