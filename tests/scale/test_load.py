"""Loading a run: one transaction per part, recorded; merged in publication order."""

from __future__ import annotations

from pathlib import Path

from spotrep.records import Actor, Article, Event, Failure, Place, Result, Toll, When
from spotrep.scale import Partition, RunDir, load_run
from spotrep.scale.runs import PartCounts, write_atomically
from spotrep.scale.work import encode_rows, result_rows
from spotrep.store import Store

KHARKIV = Place("Kharkiv", None, "Kharkiv", None, "populated_place", "UA", "Kharkiv Oblast",
                49.9935, 36.2304, 1)


def _result(i: int, day: str, published: str) -> Result:
    event = Event(
        id="e1", code="AIR_STRIKE", status="reported", trigger=None,
        actors=(Actor("actor1", "Russian forces", "Russian forces", "State forces", None, None),),
        when=When("on Tuesday", day, day, "day", None), where=KHARKIV,
        fatalities=Toll(2 + i % 3),
    )
    article = Article.create(f"Report {i}: a strike hit Kharkiv on {day}.", id=f"a{i}",
                             published=published, outlet=f"Outlet {i % 4}")
    return Result(article=article, events=(event,))


def _write_run(folder: Path, parts: list[list[Result | Failure]]) -> RunDir:
    run = RunDir(folder)
    run.create([Partition(f"{k:06d}", (f"in{k}",)) for k in range(len(parts))])
    for k, outputs in enumerate(parts):
        key = f"{k:06d}"
        items = [o.article if isinstance(o, Result) else o for o in outputs]
        write_atomically(run.part_file(key), encode_rows(result_rows(items, outputs)))
        run.mark_done(PartCounts(key, len(outputs), 0, 0, 0))
    return run


def test_loading_twice_changes_no_count(tmp_path: Path, db_target: str) -> None:
    # parts out of date order, and a failure among the results
    late = [_result(i, "2024-03-12", "2024-03-13") for i in range(4)]
    early: list[Result | Failure] = [_result(i, "2024-03-05", "2024-03-06") for i in range(4, 8)]
    early.append(Failure("bad", "empty text", "in1"))
    run = _write_run(tmp_path / "run", [list(late), early])
    with Store.open(db_target) as store:
        first = load_run(store, run)
        counts = store.counts()
        again = load_run(store, run)
        assert store.counts() == counts
        incidents = store.incidents()
    assert (first.parts, first.new, first.failed) == (2, 8, 1)
    assert (again.parts, again.skipped, again.new) == (0, 2, 0)
    assert counts["loaded_parts"] == 2 and counts["failures"] == 1
    assert sorted(len(i.reports) for i in incidents) == [4, 4]


def test_load_merges_like_ingest_in_publication_order(tmp_path: Path) -> None:
    results = [_result(i, "2024-03-05", f"2024-03-{6 + i % 3:02d}") for i in range(9)]
    run = _write_run(tmp_path / "run", [list(results[5:]), list(results[:5])])
    with Store.open(tmp_path / "load.db") as store:
        load_run(store, run)
        loaded = [i.to_dict() for i in store.incidents()]
    in_order = sorted(results, key=lambda r: (r.article.published or "", r.article.id))
    with Store.open(tmp_path / "ingest.db") as store:
        for r in in_order:
            store.add_result(r)
        ingested = [i.to_dict() for i in store.incidents()]
    assert loaded == ingested
