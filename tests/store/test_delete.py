"""``delete`` removes what one ingest added, and leaves the store as if it had never run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from store_records import KYIV, build_event, build_result, fake_extractor
from test_cli_store import run

from spotrep.errors import FilterError
from spotrep.records import Result
from spotrep.store import Store
from spotrep.store import ingest as ingest_module


def _state(store: Store) -> tuple[object, ...]:
    counts = {k: v for k, v in store.counts().items()}
    return (counts, [i.to_dict() for i in store.incidents()],
            [e.to_dict() for e in store.events()])


def test_deleting_a_run_leaves_the_store_as_before(store: Store) -> None:
    store.begin_run(["first"])
    store.add_result(build_result("a1", (build_event(fatalities=3),), outlet="A"), "first")
    store.add_result(build_result("k1", (build_event(code="ARREST", place=KYIV),)), "first")
    before = _state(store)
    second = store.begin_run(["second"])
    store.add_result(build_result("b1", (build_event(fatalities=5),), outlet="B"), "second")
    store.add_result(build_result("c1", (build_event(code="ARREST", place=KYIV,
                                                     day="2024-04-20"),)), "second")
    (strike,) = [i for i in store.incidents() if i.code == "AIR_STRIKE"]
    assert strike.corroboration == 2 and len(store.incidents()) == 3
    assert store.delete(run_id=second, dry_run=True).articles == 2
    assert store.counts()["articles"] == 4
    done = store.delete(run_id=second)
    assert (done.articles, done.events, done.incidents_rebuilt, done.incidents_removed) == (
        2, 2, 1, 1)
    assert _state(store) == before
    assert [(r.sources, r.articles) for r in store.runs()] == [(("first",), 2), (("second",), 0)]


def test_deleting_a_new_version_makes_the_old_one_current(
    store: Store, make_result: Callable[..., Result]
) -> None:
    url = "https://news.example/a"
    store.begin_run(["feed"])
    store.add_result(make_result("v1", (build_event(fatalities=2),), text="first", url=url))
    store.add_result(make_result("o1", (build_event(fatalities=3),), outlet="Other"))
    before = _state(store)
    later = store.begin_run(["feed"])
    assert store.add_result(make_result("v2", (build_event(fatalities=4),), text="second",
                                        url=url)).status == "version"
    assert {e.article_id for e in store.events()} == {"o1", "v2"}
    done = store.delete(run_id=later)
    assert done.versions_restored == 1
    counts, _incidents, events = _state(store)
    assert counts == before[0] and events == before[2]
    (inc,) = store.incidents()
    assert {r.article_id for r in inc.reports} == {"v1", "o1"}
    assert inc.fatalities is not None and inc.fatalities.count == 2
    assert store.add_result(make_result("v2", (build_event(fatalities=4),), text="second",
                                        url=url)).status == "version"  # it can come back


def test_delete_by_source(store: Store) -> None:
    store.add_result(build_result("a1", (build_event(),)), "in/a.txt")
    store.add_result(build_result("b1", (build_event(code="ARREST"),)), "in/b.txt")
    assert store.delete(source="in/a.txt").articles == 1
    assert [e.article_id for e in store.events()] == ["b1"]


@pytest.mark.parametrize(("given", "message"), [
    ({"run_id": "run_nope"}, "no ingest run"),
    ({"source": "nowhere.txt"}, "no articles from source"),
    ({}, "needs one of"),
    ({"run_id": "x", "source": "y"}, "needs one of"),
])
def test_delete_names_something_real(store: Store, given: dict[str, str], message: str) -> None:
    with pytest.raises(FilterError, match=message):
        store.delete(**given)


def test_ingest_prints_its_run_and_delete_undoes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "extract_with_spotrep",
                        lambda articles: list(fake_extractor(articles)))
    db = str(tmp_path / "cli.db")
    (tmp_path / "a.txt").write_text("On March 5 a strike hit Kharkiv.")
    (tmp_path / "b.txt").write_text("On March 5 drones hit Kharkiv again.")
    assert run(["ingest", str(tmp_path / "a.txt"), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert run(["ingest", str(tmp_path / "b.txt"), "--db", db, "-q"]) == 0
    err = capsys.readouterr().err
    run_id = err.split("(run ")[1].split(":")[0]
    assert run(["runs", "--db", db]) == 0
    assert run_id in capsys.readouterr().out
    assert run(["delete", "--run", run_id, "--db", db]) == 0
    assert "1 articles, 1 events deleted" in capsys.readouterr().err
    with Store.open(db) as s:
        assert [e.url for e in s.events()] == [None]
        assert [e.article_id for e in s.events()] != []
    assert run(["delete", "--source", str(tmp_path / "a.txt"), "--db", db]) == 0
    with Store.open(db) as s:
        assert s.events() == [] and s.incidents() == []
