"""Exports stream: peak memory stays flat in the number of incidents exported.

    .venv/bin/python benchmarks/export_stream.py [--sizes 1000 5000 20000] [--db PATH]

Builds a SQLite store of N synthetic incidents (one article, one strike each, at a distinct
place and day so none merge; no model is loaded), then writes every export format of the
incidents (and the ACLED CSV of the events) and prints, per size and format, the rows written,
the time, and the peak resident memory of the process that wrote it (each export runs in its
own process, so the figure is that export's peak, imports included). Flat means the peak at
20,000 rows is about the peak at 1,000: the writers hold one page of rows
(``export.source.PAGE``) at a time, never the whole store. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from spotrep import export
from spotrep.records import Actor, Article, Event, Place, Result, Span, Toll, When
from spotrep.store import Store

FORMATS: tuple[tuple[export.Format, str, str], ...] = (
    ("acled-csv", "incidents", "csv"), ("geojson", "incidents", "geojson"),
    ("jsonl", "incidents", "jsonl"), ("parquet", "incidents", "parquet"),
    ("acled-csv", "events", "csv"),
)


def result(n: int) -> Result:
    """Article ``n``: one air strike, on its own day and at its own point, killing n % 7."""
    day = (date(1970, 1, 1) + timedelta(days=n)).isoformat()
    text = f"An air strike hit village {n} on {day}, killing {n % 7} people."
    place = Place(f"Village {n}", None, f"Village {n}", None, "populated_place", "SY", "Idlib",
                  -60.0 + (n % 120), -170.0 + (n // 120 % 340), 1)
    event = Event(
        id="e1", code="AIR_STRIKE", status="reported", trigger=None,
        actors=(Actor("actor1", "Russian jets", "Military Forces of Russia", "State forces",
                      "RUS", None),
                Actor("actor2", "civilians", "Civilians", "Civilians", None, None)),
        when=When(day, day, day, "day", None), where=place, fatalities=Toll(n % 7),
        evidence=(Span(0, len(text), text),),
    )
    return Result(Article(text, f"bench-{n}", day, f"Outlet {n % 5}",
                          f"https://news{n % 5}.example.com/{n}"), (event,))


def fill(store: Store, start: int, stop: int) -> None:
    for n in range(start, stop):
        store.add_result(result(n))


def child(fmt: export.Format, of: str, db: str, target: str) -> None:
    """Run one export in this process and print its rows, seconds and peak RSS (KiB)."""
    with Store.open(db) as store:
        t0 = time.perf_counter()
        rows = export.write(fmt, getattr(export, of)(store), target)
        seconds = time.perf_counter() - t0
    print(rows, seconds, peak_rss_kib())


def peak_rss_kib() -> int:
    """This process's peak resident memory. Linux's ``VmHWM`` is that of this program alone;
    ``ru_maxrss`` would also count the parent's memory this process was forked with."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(db: str, folder: Path, size: int) -> None:
    for fmt, of, suffix in FORMATS:
        target = folder / f"{size}-{of}.{suffix}"
        done = subprocess.run(
            [sys.executable, __file__, "--child", fmt, of, db, str(target)],
            check=True, capture_output=True, text=True,
        )
        rows, seconds, rss = done.stdout.split()
        print(f"{size:>7} {fmt:>10} {of:>9} {rows:>7} rows {float(seconds):7.2f} s "
              f"peak RSS {int(rss) / 1024:7.1f} MiB  file "
              f"{target.stat().st_size / 2**20:6.1f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--db", help="store to build (default: a temporary SQLite file)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or str(folder / "bench.db")
        built = 0
        for size in sorted(args.sizes):
            t0 = time.perf_counter()
            # closed before measuring: an open writer's WAL would be read (and mapped) by
            # every export, a cost of the benchmark, not of exporting
            with Store.open(db) as store:
                fill(store, built, size)
            print(f"stored {size - built} more articles in {time.perf_counter() - t0:.1f} s",
                  flush=True)
            built = size
            measure(db, folder, size)

if __name__ == "__main__":
    main()
