"""Formula neutralisation (OWASP "CSV Injection") in the one CSV writer, per kind of cell."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from spotrep import export
from spotrep.export.safe_csv import SafeWriter, cell, neutralise
from spotrep.records import Actor, Article, Result
from spotrep.store import Store


@pytest.mark.parametrize(("text", "expected"), [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+2", "'\t=1+2"),  # the tab is kept, never stripped into a live formula
    ("\r=1", "'\r=1"), ("Kharkiv", "Kharkiv"), ("", ""), ("a=b", "a=b"), (" =1", " =1"),
])
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (-17.4441, "-17.4441"), (-3, "-3"), (0, "0"), (None, ""), (True, "true"),
    ("-17.4441", "'-17.4441"),  # text that looks like a number is still text
])
def test_numbers_stay_numbers(value: export.safe_csv.Cell, expected: str) -> None:
    assert cell(value) == expected


def test_writer_round_trips_through_csv() -> None:
    out = io.StringIO()
    SafeWriter(out).writerows([["=cmd|' /C calc'!A0", "a,b\n\"c\"", -2.5]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=cmd|' /C calc'!A0",
                                                             "a,b\n\"c\"", "-2.5"]


HOSTILE = "=HYPERLINK(\"http://x\",\"y\")"


@pytest.mark.parametrize(("column", "change"), [
    ("source", lambda r: dataclasses.replace(r, article=dataclasses.replace(
        r.article, outlet=HOSTILE))),  # an outlet name
    ("actor1", lambda r: dataclasses.replace(r, events=(dataclasses.replace(
        r.events[0], actors=(Actor("actor1", HOSTILE, HOSTILE, "Rebel group", None, None),)),
    ))),  # an actor name
    ("notes", lambda r: r),  # article text in the evidence sentence
])
def test_hostile_cells_are_neutralised_in_the_acled_csv(
    tmp_path: Path, column: str, change: object
) -> None:
    from export_records import results, strike

    text = "\t" + HOSTILE + " A strike killed 3."
    base = Result(Article(text, "h1", "2024-03-06", "Outlet H"), (strike(3, text),))
    with Store.open(tmp_path / "h.db") as store:
        store.add_result(change(base))  # type: ignore[operator]
        out = tmp_path / "h.csv"
        export.write("acled-csv", export.events(store), out)
    assert results()  # the shared fixture data is untouched
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row[column].startswith("'"), row[column]
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_ids_are_neutralised(tmp_path: Path) -> None:
    from export_records import strike

    with Store.open(tmp_path / "i.db") as store:
        store.add_result(Result(Article("x", "-id", "2024-03-06", "O"), (strike(1, "x"),)))
        out = tmp_path / "i.csv"
        export.write("acled-csv", export.events(store), out)
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row["event_id_cnty"].startswith("UKR")  # ids are letters and digits
    assert row["notes"] == "x"
