"""The ACLED CSV adds up: on the bundled examples and the merge test set, its fatality sum is
the sum of the conservative tolls of the incidents ACLED would code, with no non-conflict and
no non-reported row (runs the real extractors, as ``make demo`` does)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from codebook import row_problems

from spotrep import export
from spotrep.export.acled import is_acled
from spotrep.ingest.files import articles_from_jsonl, read_sources
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Result
from spotrep.store import Store

ROOT = Path(__file__).parent.parent.parent
SETS = {
    "examples": lambda: [a for a in read_sources([ROOT / "examples" / "articles"])
                         if isinstance(a, Article)],
    "merge": lambda: [a for a in articles_from_jsonl(
        (ROOT / "tests" / "data" / "merge" / "articles.jsonl").read_text(encoding="utf-8")
        .splitlines(), "merge") if isinstance(a, Article)],
}
TAXONOMY_TYPES = {"Non-conflict"}


@pytest.fixture(scope="module", params=sorted(SETS))
def stored(request: pytest.FixtureRequest, pipeline: Pipeline,
           tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "store.db"
    with Store.open(path) as store:
        for r in pipeline.run(SETS[request.param]()):
            assert isinstance(r, Result)
            store.add_result(r)
    return path


@pytest.mark.model
def test_acled_csv_sums_to_the_incidents_conservative_tolls(stored: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    with Store.open(stored) as store:
        incidents = store.incidents()
        export.write("acled-csv", export.incidents(store), out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    coded = [i for i in incidents if is_acled(i.code)]
    expected = sum(i.fatalities.count or 0 for i in coded if i.fatalities)
    assert len(rows) == len(coded) < len(incidents)
    assert sum(int(r["fatalities"]) for r in rows) == expected
    assert not {r["event_type"] for r in rows} & TAXONOMY_TYPES


@pytest.mark.model
def test_event_csv_holds_reported_conflict_events_only(stored: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    with Store.open(stored) as store:
        events = store.events()
        export.write("acled-csv", export.events(store), out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == sum(is_acled(se.event.code, se.event.status) for se in events)


@pytest.mark.model
def test_every_row_keeps_the_codebook(stored: Path, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    with Store.open(stored) as store:
        export.write("acled-csv", export.incidents(store), out)
    problems = {r["event_id_cnty"]: row_problems(r)
                for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert {k: v for k, v in problems.items() if v} == {}, json.dumps(problems)
