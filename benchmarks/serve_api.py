"""How fast the explorer's API answers over a store of 100,000 events, and the server's peak memory.

    .venv/bin/python benchmarks/serve_api.py [-n 100000] [--db PATH] [--repeat 5]

Targets: ``/api/events`` (the map's columnar bulk query) within 1 s on SQLite. The server is
``spotrep serve`` in its own process on a free loopback port; each request is timed from the
client (the first request, then the median of the others: the map's columns are kept while
the store is unchanged; gzip as a browser asks for it), and the server's peak resident
memory (VmHWM) is read from /proc at the end, and the server's CPU time for each first
request (user + system, from /proc: what the request costs whatever else the machine runs).
The store is built once by serve_data.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from serve_data import build, default_path

from spotrep.serve.runner import free_port

REQUESTS = [
    # ``since=1900-01-01`` matches every event but is a filter set not yet read: its first
    # request reads the store (cold); the unfiltered set was read when the server started
    ("map columns, all events (cold)", "/api/events?format=columns&since=1900-01-01"),
    ("map columns, all events", "/api/events?format=columns"),
    ("map columns, one country", "/api/events?format=columns&country=UA"),
    ("map columns, actor (decoded)", "/api/events?format=columns&actor=rebels"),
    ("table page of rows", "/api/events?limit=100"),
    ("incidents page", "/api/incidents?limit=100"),
    ("summary by month", "/api/summary?by=month"),
]


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited")
        try:
            httpx.get(url + "/api/config", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = build(args.db or default_path(args.n), args.n)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "spotrep", "serve", "--db", str(db),
                             "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        wait_ready(url, proc)
        time.sleep(15)  # let the server finish reading the unfiltered columns (warm start)
        print(f"store {db}: {args.n:,} events; server pid {proc.pid}; "
              f"idle RSS peak {peak_kib(proc.pid) / 1024:.0f} MiB")
        with httpx.Client(base_url=url, timeout=120,
                          headers={"Accept-Encoding": "gzip"}) as client:
            for label, path in REQUESTS:
                times, size, total, cpu = [], 0, 0, 0.0
                for k in range(args.repeat):
                    before = cpu_seconds(proc.pid)
                    t0 = time.perf_counter()
                    response = client.get(path)
                    times.append(time.perf_counter() - t0)
                    if k == 0:
                        cpu = cpu_seconds(proc.pid) - before
                    response.raise_for_status()
                    size = int(response.headers.get("content-length", 0))
                    total = response.json().get("total", 0)
                again = times[1:] or times
                print(f"{label:30s} first {times[0] * 1000:6.0f} ms (cpu {cpu * 1000:5.0f}), "
                      f"then median "
                      f"{statistics.median(again) * 1000:6.0f} ms  {total:>7,} records  "
                      f"{size / 1e6:5.2f} MB gzip")
        print(f"server peak RSS {peak_kib(proc.pid) / 1024:.0f} MiB")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
