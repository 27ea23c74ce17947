"""Ingest: idempotent re-runs, skipping before extraction, failures, resuming after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from store_records import row_count

from spotrep.ingest.sources import make_client
from spotrep.records import Article, Failure, Result
from spotrep.store import Store
from spotrep.store.ingest import ingest, parse_every, source_items


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "one.txt").write_text(
        "---\noutlet: Ledger\npublished: 2024-03-06\n---\nOn March 5 a strike hit Kharkiv.\n"
    )
    (folder / "sub").mkdir()
    (folder / "sub" / "two.txt").write_text("A drone struck Kharkiv on March 5, officials said.")
    lines = [
        {"id": "j1", "text": "Shelling in Kharkiv on March 5.", "outlet": "Wire"},
        {"id": "j2", "text": "Protest in April.", "outlet": "Wire"},
        {"id": "j3"},  # no text: a failure
    ]
    (folder / "batch.jsonl").write_text(
        "\n".join(json.dumps(r) for r in lines) + "\nnot json\n"
    )


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no network in tests: {request.url}")

    with make_client(httpx.MockTransport(refuse)) as c:
        yield c


class CountingExtractor:
    def __init__(self, inner: Callable[[Sequence[Article]], Any]) -> None:
        self.inner = inner
        self.seen: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[Result | Failure]:
        self.seen += [a.id for a in articles]
        return list(self.inner(articles))


def test_reingesting_changes_no_count_and_extracts_nothing(
    store: Store, tmp_path: Path, client: httpx.Client, extractor: Any
) -> None:
    write_inputs(tmp_path / "in")
    counting = CountingExtractor(extractor)
    first = ingest(store, source_items([str(tmp_path / "in")], client), extractor=counting)
    assert (first.new, first.unchanged, first.failed) == (4, 0, 2)
    assert first.incidents == 2  # three March 5 Kharkiv reports merge; the April one alone
    counts = store.counts()
    extracted = len(counting.seen)
    for _ in range(2):
        again = ingest(store, source_items([str(tmp_path / "in")], client), extractor=counting)
        assert (again.new, again.unchanged, again.failed) == (0, 4, 2)
        assert store.counts() == counts
    assert len(counting.seen) == extracted  # known articles never reach the extractor
    assert counts["failures"] == 2
    reasons = " ".join(f.reason for f in store.failures())
    assert "has no 'text'" in reasons and "not JSON" in reasons


def test_duplicates_within_one_run_are_extracted_once(
    store: Store, extractor: Any
) -> None:
    counting = CountingExtractor(extractor)
    same = Article.create("On March 5 a strike hit Kharkiv.")
    summary = ingest(store, [("a", same), ("b", same)], extractor=counting)
    assert (summary.new, summary.unchanged) == (1, 1)
    assert counting.seen == [same.id]


def test_extraction_failures_are_recorded(store: Store) -> None:
    def failing(articles: Sequence[Article]) -> list[Result | Failure]:
        return [Failure(a.id, "empty text") for a in articles]

    summary = ingest(store, [("x.txt", Article.create(" "))], extractor=failing)
    assert summary.failed == 1
    assert [(f.source, f.reason) for f in store.failures()] == [("x.txt", "empty text")]
    assert store.counts()["articles"] == 0


def test_missing_path_is_a_failure(store: Store, tmp_path: Path, client: httpx.Client) -> None:
    summary = ingest(store, source_items([str(tmp_path / "nope")], client),
                     extractor=lambda _articles: [])
    assert summary.failed == 1
    assert "no such file" in store.failures()[0].reason


@pytest.mark.parametrize(("text", "seconds"), [
    ("15m", 900), ("90s", 90), ("2h", 7200), ("45", 45), ("1.5m", 90),
])
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("bad", ["", "m", "-5m", "0", "soon"])
def test_parse_every_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_every(bad)


# ---- kill -9 and resume ------------------------------------------------------------------

WORKER = r"""
import sys, time
sys.path.insert(0, {tests!r})
from store_records import fake_extractor
from spotrep.records import Article
from spotrep.store import Store
from spotrep.store.ingest import ingest

def slow(articles):
    for out in fake_extractor(articles):
        time.sleep(0.02)
        yield out

articles = [("gen", Article.create(f"Report {{i}}: on March 5 a strike hit Kharkiv."))
            for i in range({n})]
with Store.open({db!r}) as store:
    print(ingest(store, articles, extractor=slow, batch_size=4).line(), flush=True)
"""


def run_worker(db: str, n: int) -> subprocess.Popen[str]:
    code = WORKER.format(tests=str(Path(__file__).parent), n=n, db=db)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_then_resume_loses_and_duplicates_nothing(db_target: str) -> None:
    n = 120
    proc = run_worker(db_target, n)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill once some, but not all, are committed
        time.sleep(0.1)
        try:
            stored = row_count(db_target, "articles")
        except Exception:  # the tables may not exist yet
            continue
        if stored >= 10:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.stdout is not None
    proc.stdout.close()
    assert 0 < row_count(db_target, "articles") < n
    resumed = run_worker(db_target, n)
    out, _ = resumed.communicate(timeout=120)
    assert resumed.returncode == 0
    assert "0 failed" in out
    for table in ("articles", "results", "events", "incident_members"):
        assert row_count(db_target, table) == n, table
    # every report of the one strike ends up in one incident, with each article once
    with Store.open(db_target) as store:
        (incident,) = store.incidents()
        ids = [r.article_id for r in incident.reports]
        assert len(ids) == len(set(ids)) == n


def test_two_concurrent_ingests_store_each_article_once(
    db_target: str, extractor: Any
) -> None:
    """Two writers (threads here, processes in life) racing over the same articles."""
    from concurrent.futures import ThreadPoolExecutor

    batch = [("gen", Article.create(f"Report {i}: on March 5 a strike hit Kharkiv."))
             for i in range(30)]
    Store.open(db_target).close()  # migrate once, so both start from the same schema

    def run() -> tuple[int, int]:
        with Store.open(db_target) as store:
            s = ingest(store, batch, extractor=extractor, batch_size=2)
            return s.new, s.unchanged

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: run(), range(2)))
    assert sum(new for new, _ in outcomes) == 30
    assert row_count(db_target, "articles") == 30
    assert row_count(db_target, "events") == 30
    assert row_count(db_target, "incident_members") == 30
    assert row_count(db_target, "incidents") == 1  # writers take turns, so reports merge
