"""Store and merge cost per article as the store grows, its size per article, and batched loads.

    .venv/bin/python benchmarks/store_growth.py [--sizes 2000,20000,200000] [--per-day 250000]
                                                [--db PATH|postgresql://...] [--batch 200]
                                                [--max-minutes M]

The articles: the bundled examples, extracted once (real results: events, claims, places and
times with their spans), then copied into a synthetic news stream: each copy gets its own id
and text line, a publication day (``--per-day`` articles a day), an outlet out of 40 and, for
each event, a place in one of 60 countries (10% unplaced) and a date of realistic precision
(72% day, 16% month, 8% year, 4% guessed from the publication date: about a quarter vague, as
in real news). Half the copies report an incident an earlier copy reported (same day, place
and code) while that incident is still open (2-5 reports each), so incidents have
several reports, as in a feed.

Stored as ``spotrep load`` stores a run: ``--batch`` articles a transaction. Printed at each
size: CPU ms per article (process time over the last ``--window`` articles before it), the
mean number of incidents a block returned, bytes per article beyond its text (SQLite: the
file), wall ms per article and the load average. On PostgreSQL also the server's CPU ms per
article: the CPU time of the store's connections' server processes (read from ``/proc``, so
only for a server on this machine; autovacuum not counted). Client CPU plus server CPU is what
a loopback server costs; wall time on a shared machine overstates it (every round trip waits
for the scheduler). Figures are printed, never asserted. ``--max-minutes``: give up (saying
so) when a size is not reached in that many minutes of wall time, with the figures of the
sizes reached printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from spotrep.records import Article, Event, Place, Result, When
from spotrep.store import Store
from spotrep.store import write as store_module

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
START = date(2024, 1, 1)


def base_results() -> list[Result]:
    from spotrep.api import process
    from spotrep.ingest.files import read_sources

    articles = [a for a in read_sources([EXAMPLES]) if isinstance(a, Article)]
    return [r for r in process(articles) if isinstance(r, Result)]


def _countries(rng: random.Random) -> list[tuple[str, float, float]]:
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]
    return [(c, rng.uniform(-40, 60), rng.uniform(-100, 120)) for c in codes]


def _when(day: date, rng: random.Random) -> When:
    roll = rng.random()
    if roll < 0.72:
        d = (day - timedelta(days=rng.randrange(3))).isoformat()
        return When("on Tuesday", d, d, "day", None)
    if roll < 0.88:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return When("this month", first.isoformat(), last.isoformat(), "month", None)
    if roll < 0.96:
        return When("this year", f"{day.year}-01-01", f"{day.year}-12-31", "year", None)
    return When(None, day.isoformat(), day.isoformat(), "day", None)


def stream(bases: Sequence[Result], per_day: int, seed: int = 7) -> Iterator[Result]:
    rng = random.Random(seed)
    countries = _countries(rng)
    # incidents still being reported: place, code, reports to come (2-5 reports in all)
    open_incidents: list[list[Any]] = []
    i = 0
    while True:
        base = bases[i % len(bases)]
        day = START + timedelta(days=i // per_day)
        events: list[Event] = []
        for e in base.events:
            if open_incidents and rng.random() < 0.5:
                k = rng.randrange(len(open_incidents))
                where, code, left = open_incidents[k]
                if left <= 1:
                    open_incidents[k] = open_incidents[-1]
                    open_incidents.pop()
                else:
                    open_incidents[k][2] = left - 1
            else:
                where, code = None, e.code
                if rng.random() < 0.9:
                    c, lat, lon = rng.choice(countries[: rng.choice((5, 20, 60))])
                    where = Place("Town", None, "Town", None, "populated_place", c, None,
                                  lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2), 1)
                open_incidents.append([where, code, rng.randint(1, 4)])
            events.append(dataclasses.replace(e, code=code, where=where, when=_when(day, rng)))
        article = dataclasses.replace(
            base.article, id=f"{base.article.id}-{i}", text=f"{base.article.text}\n\nReport {i}.",
            published=day.isoformat(), url=None, outlet=f"Outlet {rng.randrange(40)}")
        yield dataclasses.replace(base, article=article, events=tuple(events))
        i += 1


def server_seconds(store: Store) -> float | None:
    """CPU seconds the store's PostgreSQL server processes have used (None: not PostgreSQL,
    or a server whose processes this machine cannot see)."""
    if store.engine.dialect.name != "postgresql":
        return None
    with store.engine.connect() as conn:
        pids = [pid for (pid,) in conn.exec_driver_sql(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend'")]
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


class BlockCounter:
    """Counts the incidents the store's blocks return (wrapping ``write._block``)."""

    def __init__(self) -> None:
        self.blocks = 0
        self.incidents = 0
        self.real: Any = store_module._block

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        found = self.real(*args, **kwargs)
        self.blocks += 1
        self.incidents += len(found[0])
        return found

    def mean(self) -> float:
        mean = self.incidents / self.blocks if self.blocks else 0.0
        self.blocks = self.incidents = 0
        return mean


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,20000,200000")
    ap.add_argument("--per-day", type=int, default=250_000)
    ap.add_argument("--window", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--db", help="default: a SQLite file in a temporary folder")
    ap.add_argument("--max-minutes", type=float, help="give up after this long (wall time)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    bases = base_results()
    # the model stays loaded in this process: keep the collector from walking its millions of
    # objects on every collection, which `spotrep load` (no model) never pays
    gc.freeze()
    counter = BlockCounter()
    store_module._block = counter
    with tempfile.TemporaryDirectory() as tmp:
        target = args.db or str(Path(tmp) / "growth.db")
        with Store.open(target, create=True) as store:
            if store.counts()["articles"]:
                # the stream's ids repeat from run to run: a reused store would skip them all
                raise SystemExit(f"store_growth: {target} is not empty; give it an empty store")
            source = stream(bases, args.per_day)
            done, text_bytes = 0, 0
            give_up = time.monotonic() + args.max_minutes * 60 if args.max_minutes else None
            print(f"{args.per_day} articles a day, {args.batch} a transaction, {target}")
            for size in sizes:
                fill = size - args.window
                while done < fill:
                    if give_up is not None and time.monotonic() > give_up:
                        print(f"gave up at {done} articles after {args.max_minutes} minutes")
                        return
                    batch = [next(source) for _ in range(min(args.batch, fill - done))]
                    store.add_batch(batch)
                    done += len(batch)
                    text_bytes += sum(len(r.article.text.encode()) for r in batch)
                counter.mean()
                cpu, wall = time.process_time(), time.perf_counter()
                server = server_seconds(store)
                while done < size:
                    batch = [next(source) for _ in range(min(args.batch, size - done))]
                    store.add_batch(batch)
                    done += len(batch)
                    text_bytes += sum(len(r.article.text.encode()) for r in batch)
                cpu_ms = (time.process_time() - cpu) * 1000 / args.window
                wall_ms = (time.perf_counter() - wall) * 1000 / args.window
                server_end = server_seconds(store)
                line = (f"{done:>8} articles: {cpu_ms:5.2f} ms CPU/article, {wall_ms:5.2f} ms "
                        f"wall/article, mean block {counter.mean():6.1f} incidents")
                if server is not None and server_end is not None:
                    line += f", server {(server_end - server) * 1000 / args.window:5.2f} ms CPU"
                line += f", load {os.getloadavg()[0]:.1f}"
                if not args.db:
                    # the WAL's pages are copied into the file first: it holds no data of its
                    # own, and its size is what the last checkpoint left
                    with sqlite3.connect(target) as check:
                        check.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    extra = (Path(target).stat().st_size - text_bytes) / done
                    wal = Path(target + "-wal")
                    extra += (wal.stat().st_size if wal.exists() else 0) / done
                    line += f", {extra / 1024:5.1f} KB/article beyond its text"
                print(line, flush=True)
            print(store.counts())
            sizes_seen = sorted(len(i.reports) for i in store.incidents())
            print(f"incidents: {len(sizes_seen)}, reports per incident: median "
                  f"{sizes_seen[len(sizes_seen) // 2]}, largest {sizes_seen[-1]}")


if __name__ == "__main__":
    main()
