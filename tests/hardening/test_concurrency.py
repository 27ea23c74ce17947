"""``watch`` and ``serve`` beside a running ``ingest`` on one store (SQLite and PostgreSQL): the
writers lose nothing and duplicate nothing, and no reader or writer ever meets a locked
database.

``ingest`` and ``watch`` run as their own processes (``writers.py``, a stand-in extractor
that takes a little time per article so that they overlap); the explorer's API is served in
this process and read again and again while they write.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import sqlalchemy as sa
from writers import feed_server

from spotrep.serve import ServerThread, create_app
from spotrep.store import Store
from spotrep.store.engine import create_engine, database_url

WRITERS = Path(__file__).with_name("writers.py")
ARCHIVE, FEED = 60, 20


def start(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WRITERS), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def counts(db: str) -> dict[str, int]:
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return {t: int(conn.scalar(sa.text(f"SELECT count(*) FROM {t}")) or 0)
                    for t in ("articles", "results", "events", "incident_members", "failures")}
    finally:
        engine.dispose()


def test_watch_and_serve_beside_a_running_ingest(db_target: str) -> None:
    Store.open(db_target, create=True).close()  # migrated once, as the first command would
    seen: list[int] = []  # events the API reported, read after read
    statuses: set[int] = set()
    with feed_server(FEED) as feed, Store.open(db_target) as store, \
            ServerThread(create_app(store)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as api:
        writers = [start("ingest", db_target, ARCHIVE, 0.03),
                   start("watch", db_target, feed, 3, 0.05)]
        give_up = time.monotonic() + 240
        while any(w.poll() is None for w in writers) and time.monotonic() < give_up:
            for path in ("/api/events?limit=5", "/api/incidents?limit=5",
                         "/api/summary?by=month", "/api/events?format=columns"):
                response = api.get(path)
                statuses.add(response.status_code)
                assert response.status_code == 200, (path, response.text[:500])
                if path.startswith("/api/events?limit"):
                    seen.append(response.json()["total"])
        outputs = [w.communicate(timeout=60) for w in writers]
        for w, (_out, err) in zip(writers, outputs, strict=True):
            assert w.returncode == 0, err[-2000:]
        final = api.get("/api/events?format=columns").json()
        total = api.get("/api/events?limit=1").json()["total"]
    ingest_out, watch_out = (out for out, _ in outputs)
    assert ingest_out.strip() == f"{ARCHIVE} new, 0 unchanged, 0 failed, 1 incidents new or updated"
    assert [line.split(",")[0] for line in watch_out.splitlines()] == [f"{FEED} new", "0 new",
                                                                       "0 new"]
    assert "0 failed" in watch_out and "locked" not in watch_out + ingest_out
    n = ARCHIVE + FEED
    assert len({s for s in seen if 0 < s < n}) >= 5, "the reads did not overlap the writers"
    assert seen == sorted(seen)  # committed articles only, never one undone
    assert statuses == {200}
    assert total == final["total"] == n  # the cached columns too: the store changed
    assert counts(db_target) == {"articles": n, "results": n, "events": n,
                                 "incident_members": n, "failures": 0}
    with Store.open(db_target) as store:
        (incident,) = store.incidents()  # every report of the one strike, each once
        ids = [r.article_id for r in incident.reports]
        assert len(ids) == len(set(ids)) == n
