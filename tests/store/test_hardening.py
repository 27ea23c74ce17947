"""Hardening of ingest and watch: every article stored or a recorded failure, tolls beyond the
store's columns, a store that refuses an article, feeds that fail, two writers at once and
kill -9 again and again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import pytest
from store_records import build_event, fake_extractor, row_count

from spotrep.ingest.sources import FetchPolicy, make_client
from spotrep.records import Article, Failure, Result, Toll
from spotrep.store import Store
from spotrep.store.ingest import STORE_INT_MAX, Backoff, fit_store, ingest, watch

HUGE = [2**31, 2**63, 10**400]


def tolls(value: int) -> list[tuple[str, Article]]:
    return [("gen", Article.create(f"Report {i}: on March 5 a strike hit Kharkiv, {value}."))
            for i in range(3)]


def extractor_with_toll(value: int, text_of: str = "Report 1") -> object:
    def run(articles: Sequence[Article]) -> Iterator[Result]:
        for a in articles:
            toll = value if text_of in a.text else 3
            yield Result(article=a, events=(build_event(fatalities=0),)) if toll == 0 else Result(
                article=a, events=(build_event(fatalities=toll),))
    return run


@pytest.mark.parametrize("value", HUGE)
def test_a_toll_beyond_the_column_is_dropped_with_a_warning(store: Store, value: int) -> None:
    summary = ingest(store, tolls(value), extractor=extractor_with_toll(value))  # type: ignore[arg-type]
    assert (summary.new, summary.failed) == (3, 0)
    counts = sorted(e.event.fatalities.count if e.event.fatalities else -1 for e in store.events())
    assert counts == [-1, 3, 3]
    (result,) = [r for r in store.results() if "Report 1" in r.article.text]
    assert any("fatalities" in w and "dropped" in w for w in result.warnings)


def test_fit_store_keeps_tolls_in_range() -> None:
    event = build_event(fatalities=STORE_INT_MAX)
    result = Result(article=Article.create("x"), events=(event,))
    assert fit_store(result) is result
    big = Result(article=Article.create("x"), events=(
        build_event().__class__(**{**_fields(event), "injuries": Toll(5, 5, 2**40)}),))
    fitted = fit_store(big)
    assert fitted.events[0].injuries is None and fitted.events[0].fatalities is not None


def _fields(event: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}  # type: ignore[arg-type]


def test_an_article_the_store_refuses_is_a_failure_and_the_run_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the store refuses (here: a simulated driver error for one article) fails only
    that article, is recorded, and a resume does not stop there either."""
    import sqlalchemy as sa

    real = store.add_result

    def refusing(result: Result, source: str | None = None) -> object:
        if "Report 1" in result.article.text:
            raise sa.exc.DataError("INSERT ...", {}, ValueError("value out of range\ndetail"))
        return real(result, source)

    monkeypatch.setattr(store, "add_result", refusing)
    items = tolls(1)
    for _ in range(2):  # the run, then a resume
        summary = ingest(store, items, extractor=fake_extractor)  # type: ignore[arg-type]
        assert summary.failed == 1
    assert row_count_of(store, "articles") == 2
    (failure,) = store.failures()
    assert failure.reason.startswith("could not be stored: DataError:")
    assert "\n" not in failure.reason


def row_count_of(store: Store, table: str) -> int:
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return int(conn.scalar(sa.text(f"SELECT count(*) FROM {table}")) or 0)


def test_nul_bytes_and_odd_unicode_are_stored_or_recorded(db_target: str) -> None:
    texts = ["NUL \x00 in the text", "combining \u20d2 mark", "bidi \u202e override",
             "\ufeff BOM and \U0001f4a5 emoji", "lone \ud800 surrogate"]
    items = [("gen", Article(text=f"{t}: on March 5 a strike hit Kharkiv.", id=f"odd{i}"))
             for i, t in enumerate(texts)]
    with Store.open(db_target) as store:
        summary = ingest(store, items, extractor=fake_extractor)  # type: ignore[arg-type]
        assert summary.new + summary.failed == len(texts)
        stored = {r.article.id for r in store.results()}
        failed = {f.article_id for f in store.failures()}
    assert stored | failed == {f"odd{i}" for i in range(len(texts))}
    assert "odd1" in stored and "odd3" in stored


# ---- watch ---------------------------------------------------------------------------------

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>
<item><title>A</title><link>https://good.example/a</link></item></channel></rss>"""
PAGE = ("<html><body><article><p>" + "Shelling hit Kharkiv on March 5, officials said. " * 6
        + "</p></article></body></html>")


def test_watch_survives_a_failing_feed_and_backs_off(store: Store) -> None:
    polls: list[str] = []

    def web(request: httpx.Request) -> httpx.Response:
        polls.append(request.url.host)
        if request.url.host == "bad.example":
            return httpx.Response(500)
        if request.url.path == "/rss":
            return httpx.Response(200, content=RSS, headers={"content-type": "application/rss+xml"})
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    policy = FetchPolicy(min_interval=0, attempts=1, robots=False)
    with make_client(httpx.MockTransport(web), policy=policy,
                     resolve=lambda h, p: ["93.184.216.34"]) as client:
        done = watch(store, ["https://bad.example/rss", "https://good.example/rss"], client,
                     1.0, rounds=6, extractor=fake_extractor, sleep=lambda _s: None)  # type: ignore[arg-type]
    assert [s.new for s in done] == [1, 0, 0, 0, 0, 0]
    # failed in rounds 1, 3 and 6 (skipped 1, then 2 rounds): doubling back-off
    assert polls.count("bad.example") == 3
    assert polls.count("good.example") == 6 + 1  # the feed each round, its article once
    assert "HTTP 500" in store.failures()[0].reason


def test_watch_survives_an_extractor_that_breaks(store: Store) -> None:
    def web(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/rss":
            return httpx.Response(200, content=RSS, headers={"content-type": "application/rss+xml"})
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    def broken(articles: Sequence[Article]) -> list[Result | Failure]:
        raise OSError("disk on fire")

    policy = FetchPolicy(min_interval=0, attempts=1, robots=False)
    with make_client(httpx.MockTransport(web), policy=policy,
                     resolve=lambda h, p: ["93.184.216.34"]) as client:
        done = watch(store, ["https://good.example/rss"], client, 1.0, rounds=2,
                     extractor=broken, sleep=lambda _s: None)  # type: ignore[arg-type]
    assert [s.failed for s in done] == [1, 0]  # round 2 skipped: backing off
    assert "poll failed: OSError: disk on fire" in store.failures()[0].reason


def test_backoff_doubles_and_resets() -> None:
    b = Backoff()
    pattern = []
    for failed in [True, None, True, None, None, False, True]:
        if failed is None:
            pattern.append(b.skip("f"))
            continue
        assert not b.skip("f")
        b.record("f", failed)
    assert pattern == [True, True, True]
    assert b.wait == {"f": 1}


# ---- processes: two writers at once, kill -9 again and again -------------------------------

WORKER = r"""
import sys, time
sys.path.insert(0, {tests!r})
from store_records import fake_extractor
from spotrep.records import Article
from spotrep.store import Store
from spotrep.store.ingest import ingest

def slow(articles):
    for out in fake_extractor(articles):
        time.sleep({pause})
        yield out

articles = [("gen", Article.create(f"Report {{i}}: on March 5 a strike hit Kharkiv."))
            for i in {order}]
with Store.open({db!r}) as store:
    print(ingest(store, articles, extractor=slow, batch_size=4).line(), flush=True)
"""


def start_worker(db: str, order: list[int], pause: float = 0.0) -> subprocess.Popen[str]:
    code = WORKER.format(tests=str(Path(__file__).parent), order=order, db=db, pause=pause)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def assert_each_once(db: str, n: int) -> None:
    for table in ("articles", "results", "events", "incident_members"):
        assert row_count(db, table) == n, table
    with Store.open(db) as store:
        (incident,) = store.incidents()
        ids = [r.article_id for r in incident.reports]
        assert len(ids) == len(set(ids)) == n


def test_two_ingest_processes_on_one_store_lose_and_duplicate_nothing(db_target: str) -> None:
    n = 40
    Store.open(db_target).close()  # migrate once, as a first ingest would
    forward, backward = list(range(n)), list(reversed(range(n)))
    procs = [start_worker(db_target, forward), start_worker(db_target, backward)]
    for p in procs:
        _out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
    assert_each_once(db_target, n)


@pytest.mark.slow
def test_kill_9_again_and_again_then_resume_loses_and_duplicates_nothing(db_target: str) -> None:
    n, rng = 60, random.Random(15)
    Store.open(db_target).close()
    for _ in range(6):
        proc = start_worker(db_target, list(range(n)), pause=0.01)
        time.sleep(rng.uniform(1.5, 4.0))  # start-up is about a second: kill at any stage
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    resumed = start_worker(db_target, list(range(n)))
    out, err = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, err[-2000:]
    assert "0 failed" in out
    assert_each_once(db_target, n)


# ---- command line --------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["/etc/passwd", "feeds.example/rss", "file:///etc/passwd"])
def test_a_feeds_file_holds_urls_only(
    tmp_path: Path, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from spotrep.cli import main

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# feeds\nhttps://ok.example/rss\n{line}\n")
    assert main(["watch", str(feeds), "--once", "--db", str(tmp_path / "s.db")]) == 1
    err = capsys.readouterr().err
    assert f"feeds.txt:3: '{line}' is not an http:// or https:// URL" in err
    assert not (tmp_path / "s.db").exists() or row_count(str(tmp_path / "s.db"), "articles") == 0


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon"])
def test_time_budget_must_be_a_positive_number(value: str) -> None:
    from spotrep.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "x.txt", "--time-budget", value])
    assert exit_info.value.code == 2
