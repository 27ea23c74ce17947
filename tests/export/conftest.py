"""A small store for the export tests: two reports of one strike, one protest, one undated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spotrep.records import Actor, Article, Event, Place, Result, Span, Toll, When
from spotrep.store import Store

KHARKIV = Place("Kharkiv", None, "Kharkiv", 706483, "populated_place", "UA", "Kharkiv Oblast",
                49.9935, 36.2304, 1)
DAKAR = Place("Dakar", None, "Dakar", 2253354, "populated_place", "SN", "Dakar", 14.6937,
              -17.4441, 1)


def strike(fatalities: int, text: str) -> Event:
    return Event(
        id="e1", code="AIR_STRIKE", status="reported", trigger=None,
        actors=(Actor("actor1", "Russian forces", "Military Forces of Russia", "State forces",
                      "RUS", None),
                Actor("actor2", "civilians", "Civilians (Ukraine)", "Civilians", "UKR", None)),
        when=When("on Tuesday", "2024-03-05", "2024-03-05", "day", None),
        where=KHARKIV, fatalities=Toll(fatalities),
        evidence=(Span(0, len(text), text),),
    )


def protest() -> Event:
    return Event(
        id="e1", code="PEACE_PROTEST", status="reported", trigger=None,
        actors=(Actor("actor1", "journalists", "Protesters (Senegal)", "Protesters", "SEN", None),),
        when=When("last week", "2025-02-03", "2025-02-09", "week", None), where=DAKAR,
    )


def results() -> list[Result]:
    a = "A strike on Kharkiv killed 3."
    b = "Five died in Kharkiv strike."
    return [
        Result(Article(a, "a1", "2024-03-06", "Outlet A", "https://a.example/1"),
               (strike(3, a),)),
        Result(Article(b, "b1", "2024-03-06", "Outlet B"), (strike(5, b),)),
        Result(Article("Journalists marched.", "c1", "2025-02-10", "Outlet C"), (protest(),)),
        Result(Article("Nothing happened.", "d1", None, None)),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    path = str(tmp_path / "export.db")
    with Store.open(path, create=True) as store:
        for r in results():
            store.add_result(r)
    yield path


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store.open(db, create=True) as s:
        yield s
