"""The web explorer's CSV downloads neutralise formula starts as the exports do (OWASP "CSV
Injection"), for each kind of text cell: an outlet name, an actor name, the evidence sentence
(article text), a claim's speaker and words, ids."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest

from spotrep.export.safe_csv import FORMULA_STARTS
from spotrep.records import Actor, Article, Claim, Event, Place, Result, Span, Speaker, Toll, When
from spotrep.serve import ServerThread, create_app
from spotrep.store import Store

HOSTILE = '=HYPERLINK("http://x","y")'
TEXT = f"\t{HOSTILE} said @SUM(A1): -a strike killed 3 in Kharkiv on March 5."
KHARKIV = Place("Kharkiv", None, "Kharkiv", 706483, "populated_place", "UA", "Kharkiv Oblast",
                49.9935, 36.2304, 1)


def hostile_result() -> Result:
    evidence = Span(0, len(TEXT), TEXT)
    event = Event(
        id="e1", code="AIR_STRIKE", status="reported", trigger=None,
        actors=(Actor("actor1", "+forces", "+Forces of X", "State forces", None, None),
                Actor("actor2", "@civilians", "@Civilians", "Civilians", None, None)),
        when=When("on March 5", "2024-03-05", "2024-03-05", "day", None), where=KHARKIV,
        fatalities=Toll(3, text="3"), evidence=(evidence,), claims=("c1",),
    )
    words = Span(0, 30, TEXT[:30])
    claim = Claim(id="c1", speaker=Speaker(HOSTILE, "-The ministry", "official"),
                  content=words, form="direct", events=("e1",))
    article = Article(TEXT, "-h1", "2024-03-06", HOSTILE, title="+title")
    return Result(article=article, events=(event,), claims=(claim,))


@pytest.fixture
def api(tmp_path: Path) -> httpx.Client:  # type: ignore[misc]
    with Store.open(tmp_path / "h.db", create=True) as store:
        store.add_result(hostile_result())
        with ServerThread(create_app(store)) as server, \
                httpx.Client(base_url=server.url, timeout=30) as client:
            yield client


@pytest.mark.parametrize(("download", "columns"), [
    ("events-csv", ("source", "actor1", "actor2", "notes")),
    ("claims-csv", ("article_id", "outlet", "speaker", "words")),
])
def test_the_explorers_csv_downloads_neutralise_formulas(
    api: httpx.Client, download: str, columns: tuple[str, ...]
) -> None:
    response = api.get("/api/export", params={"format": download})
    assert response.status_code == 200, response.text[:500]
    (row,) = csv.DictReader(io.StringIO(response.text))
    for column in columns:  # each began with = + - @ or a tab: quoted, nothing stripped
        assert row[column].startswith("'") and row[column][1] in "=+-@\t", (column, row[column])
    for name, value in row.items():
        assert not value.startswith(FORMULA_STARTS) or _is_number(value), (name, value)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
