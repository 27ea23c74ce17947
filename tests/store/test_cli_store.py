"""The store commands, run through an argparse parser as ``spotrep.cli`` builds it."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from store_records import KYIV, build_event, build_result, fake_extractor

from spotrep.cli import store as cli_store
from spotrep.ingest import sources
from spotrep.store import Store
from spotrep.store import ingest as ingest_module

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed News</title>
<item><title>Strike</title><link>https://feed.example/s1</link></item></channel></rss>"""
PAGE = "<html><body><article><p>" + "On March 5 a strike hit Kharkiv, officials said. " * 20 \
    + "</p></article></body></html>"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="spotrep")
    cli_store.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction is the extractors' business: here a stand-in builds the results."""
    monkeypatch.setattr(ingest_module, "extract_with_spotrep",
                        lambda articles: list(fake_extractor(articles)))


@pytest.fixture
def mock_web(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    fetched: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        if request.url.path == "/rss":
            return httpx.Response(200, content=RSS, headers={"content-type": "application/rss+xml"})
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    real = sources.make_client
    quick = sources.FetchPolicy(allow_private=True, min_interval=0, robots=False)
    monkeypatch.setattr(sources, "make_client",
                        lambda transport=None, **_kw: real(httpx.MockTransport(handle),
                                                          policy=quick))
    return fetched


def populate(db: str) -> None:
    with Store.open(db) as store:
        store.add_result(build_result("a1", (build_event(fatalities=3),), outlet="A"))
        store.add_result(build_result("b1", (build_event(fatalities=5),), outlet="B"))
        store.add_result(build_result("c1", (build_event(code="ARREST", place=KYIV),),
                                      text="Police arrested a blogger in Kyiv."))


def test_ingest_twice_prints_summaries(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("On March 5 a strike hit Kharkiv.")
    (folder / "b.jsonl").write_text('{"text": "On March 5 drones hit Kharkiv."}\n{"id": "x"}\n')
    assert run(["ingest", str(folder), "--db", db, "-q"]) == 1  # one bad record
    err = capsys.readouterr().err
    assert "2 new, 0 unchanged, 1 failed, 1 incidents new or updated" in err
    assert "failed: x: " in err and "b.jsonl:2: input record has no 'text'" in err
    assert run(["ingest", str(folder), "--db", db, "-q"]) == 1
    assert "0 new, 2 unchanged, 1 failed, 0 incidents new or updated" in capsys.readouterr().err
    assert run(["failures", "--db", db, "--format", "json"]) == 0
    (failure,) = json.loads(capsys.readouterr().out)
    assert "has no 'text'" in failure["reason"]


def test_ingest_feed_url_fetches_only_new_entries(
    db: str, mock_web: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["ingest", "https://feed.example/rss", "--db", db, "-q"]) == 0
    assert "1 new" in capsys.readouterr().err
    assert run(["ingest", "https://feed.example/rss", "--db", db, "-q"]) == 0
    assert "0 new, 1 unchanged" in capsys.readouterr().err
    assert mock_web == ["https://feed.example/rss", "https://feed.example/s1",
                        "https://feed.example/rss"]


def test_watch_once(
    db: str, tmp_path: Path, mock_web: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# feeds\nhttps://feed.example/rss\n")
    assert run(["watch", str(feeds), "--once", "--every", "1s", "--db", db]) == 0
    assert "1 new" in capsys.readouterr().err
    with Store.open(db) as store:
        assert [e.url for e in store.events()] == ["https://feed.example/s1"]


def test_watch_polls_rounds_with_sleeps_between(
    db: str, mock_web: list[str]
) -> None:
    slept: list[float] = []
    with Store.open(db) as store, sources.make_client() as client:
        done = ingest_module.watch(store, ["https://feed.example/rss"], client, 60.0, rounds=3,
                                   extractor=lambda a: list(fake_extractor(a)),
                                   sleep=slept.append)
    assert [s.new for s in done] == [1, 0, 0]
    assert slept == [60.0, 60.0]


def test_events_table_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    populate(db)
    assert run(["events", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == list(cli_store.EVENT_COLUMNS)
    assert len(lines) == 4
    assert run(["events", "--db", db, "--format", "json", "--code", "ARREST"]) == 0
    (event,) = json.loads(capsys.readouterr().out)
    assert event["article"]["id"] == "c1" and event["event"]["code"] == "ARREST"


@pytest.mark.parametrize(("extra", "count"), [
    ([], 2),
    (["--near", "50.45,30.52", "--km", "10"], 1),
    (["--country", "UA", "--since", "2024-03-01", "--until", "2024-03-31"], 2),
    (["--since", "2024-04-01"], 0),
    (["--text", "blogger"], 1),
    (["--code", "AIR_STRIKE", "--limit", "1"], 1),
])
def test_incidents_filters(
    db: str, capsys: pytest.CaptureFixture[str], extra: list[str], count: int
) -> None:
    populate(db)
    assert run(["incidents", "--db", db, "--format", "json", *extra]) == 0
    assert len(json.loads(capsys.readouterr().out)) == count


def test_incidents_json_has_the_spec_record(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    populate(db)
    run(["incidents", "--db", db, "--format", "json", "--code", "AIR_STRIKE"])
    (inc,) = json.loads(capsys.readouterr().out)
    assert inc["corroboration"] == 2
    assert inc["fatalities"]["count"] == 3
    assert inc["conflicts"] == [{
        "field": "fatalities", "conservative": 3,
        "values": [{"value": 3, "article_id": "a1", "outlet": "A"},
                   {"value": 5, "article_id": "b1", "outlet": "B"}],
    }]


@pytest.mark.parametrize("bad", [
    ["--near", "north"], ["--since", "yesterday"], ["--km", "x"], ["--limit", "0"],
])
def test_bad_filter_values_are_usage_errors(db: str, bad: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(["events", "--db", db, *bad])
    assert exc.value.code == 2


@pytest.mark.parametrize(("fmt", "what", "check"), [
    ("acled-csv", "incidents", lambda text: text.startswith("event_id_cnty,event_date")),
    ("geojson", "events", lambda text: json.loads(text)["type"] == "FeatureCollection"),
    ("jsonl", "results", lambda text: len(text.splitlines()) == 3),
    ("jsonl", "incidents", lambda text: len(text.splitlines()) == 2),
    ("parquet", "incidents", lambda text: True),
])
def test_export(
    db: str, tmp_path: Path, fmt: str, what: str, check: Callable[[str], bool],
    capsys: pytest.CaptureFixture[str],
) -> None:
    populate(db)
    out = tmp_path / "out"
    assert run(["export", "--db", db, "--format", fmt, "--of", what, "-o", str(out)]) == 0
    assert f"{what} written to" in capsys.readouterr().err
    text = out.read_bytes().decode("utf-8", errors="replace")
    assert check(text)


def test_export_creates_the_output_folder(db: str, tmp_path: Path) -> None:
    """As ``make demo`` does on a fresh clone: ``--output out/incidents.jsonl``."""
    populate(db)
    out = tmp_path / "new" / "folder" / "incidents.jsonl"
    assert run(["export", "--db", db, "--format", "jsonl", "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_export_to_an_unwritable_place_is_an_input_error(db: str, tmp_path: Path) -> None:
    from spotrep.errors import InputError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="cannot write"):
        run(["export", "--db", db, "--format", "jsonl", "-o", str(blocker / "x.jsonl")])


def test_export_results_only_as_jsonl(db: str, tmp_path: Path) -> None:
    from spotrep.errors import InputError

    with pytest.raises(InputError, match="only exported as"):
        run(["export", "--db", db, "--format", "geojson", "--of", "results", "-o",
             str(tmp_path / "x")])


def test_watch_refuses_an_empty_feed_list(db: str, tmp_path: Path) -> None:
    from spotrep.errors import InputError

    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n")
    with pytest.raises(InputError, match="no feed URLs"):
        run(["watch", str(feeds), "--once", "--db", db])




@pytest.mark.parametrize(("argv", "message"), [
    (["--country", "Atlantis"], "unknown country 'Atlantis'"),
    (["--near", "95,30"], "is not a latitude,longitude"),
    (["--near", "north"], "wants LAT,LON"),
    (["--km", "nan"], "--km: must be a distance"),
    (["--km", "-1"], "--km: must be a distance"),
    (["--text", "x" * 50_001], "the limit is"),
    (["--code", "AIRSTRIKE"], "AIR_STRIKE (Air/drone strike)"),
    (["--bbox", "1,2,3"], "WEST,SOUTH,EAST,NORTH"),
    (["--status", "rumoured"], "invalid choice"),
    (["--since", "2024-05-01", "--until", "2024-04-01"], "after --until"),
])
@pytest.mark.parametrize("command", ["events", "incidents", "export"])
def test_filter_mistakes_are_one_line_and_exit_2(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str, command: str,
) -> None:
    from spotrep.cli import main

    populate(db)
    extra = ["--format", "jsonl", "-o", "x.jsonl"] if command == "export" else []
    try:
        code = main([command, "--db", db, *extra, *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_codes_repeat_and_take_acled_names(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    populate(db)
    assert run(["events", "--db", db, "--format", "json", "--code", "Arrests", "--code",
                "Air/drone strike"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert run(["events", "--db", db, "--format", "json", "--code", "Battles"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_tables_show_acled_names(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    populate(db)
    assert run(["incidents", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Air/drone strike" in out and "Arrests" in out and "Ukraine" in out
    assert "3 (3-5)" in out  # the conservative toll and the range the reports give
