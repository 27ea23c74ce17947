"""The pandas-friendly API: flat rows and typed DataFrames with the same filters as the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from store_records import KYIV, build_event, build_result

from spotrep.errors import FilterError
from spotrep.store import Filters, Store
from spotrep.store.frames import EVENT_COLUMNS, INCIDENT_COLUMNS


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "frames.db")
    with Store.open(path, create=True) as s:
        s.add_result(build_result("a1", (build_event(fatalities=3, actor1="Russian forces"),),
                                  outlet="Alpha"))
        s.add_result(build_result("b1", (build_event(fatalities=5, actor1="Russian forces"),),
                                  outlet="Bravo"))
        s.add_result(build_result("c1", (build_event(code="ARREST", place=KYIV,
                                                     day="2024-03-12"),), outlet="Charlie"))
    return path


def test_incidents_frame_is_typed(db: str) -> None:
    with Store.open(db) as s:
        df = s.incidents_frame()
    assert list(df.columns) == list(INCIDENT_COLUMNS)
    assert len(df) == 2
    assert pd.api.types.is_datetime64_any_dtype(df["date_start"])
    assert str(df["fatalities"].dtype) == "Int64"
    strike = df[df["code"] == "AIR_STRIKE"].iloc[0]
    assert strike["fatalities"] == 3 and strike["fatalities_max"] == 5
    assert bool(strike["fatalities_disputed"]) is True
    assert strike["outlets"] == "Alpha; Bravo" and strike["corroboration"] == 2
    assert strike["country_name"] == "Ukraine" and strike["sub_event_type"] == "Air/drone strike"
    arrest = df[df["code"] == "ARREST"].iloc[0]
    assert pd.isna(arrest["fatalities"])  # unknown stays missing, never 0
    assert df["fatalities"].sum() == 3


def test_events_frame_takes_the_cli_filters(db: str) -> None:
    with Store.open(db) as s:
        by_name = s.events_frame(country="Ukraine", code=["Air/drone strike"], outlet="bravo")
        by_filters = s.events_frame(Filters(country="UA", code=("AIR_STRIKE",), outlet="bravo"))
        rows = s.event_rows(Filters(country="UA"), outlet="bravo")  # names replace fields
    assert list(by_name.columns) == list(EVENT_COLUMNS)
    assert by_name.equals(by_filters)
    assert list(by_name["article_id"]) == ["b1"] and by_name["actor1"].iloc[0] == "Russian forces"
    assert [r["article_id"] for r in rows] == ["b1"]
    assert rows[0]["date_start"] == "2024-03-05" and rows[0]["fatalities"] == 5


def test_an_empty_frame_keeps_its_columns_and_types(db: str) -> None:
    with Store.open(db) as s:
        df = s.events_frame(country="Syria")
    assert df.empty and list(df.columns) == list(EVENT_COLUMNS)
    assert str(df["fatalities"].dtype) == "Int64"


@pytest.mark.parametrize(("given", "message"), [
    ({"colour": "red"}, "not a filter"),
    ({"country": "Atlantis"}, "unknown country"),
])
def test_bad_filters_by_name(db: str, given: dict[str, object], message: str) -> None:
    with Store.open(db) as s, pytest.raises(FilterError, match=message):
        s.incidents(**given)
