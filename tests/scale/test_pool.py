"""The one local worker pool: order kept, tasks read lazily, workers end with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from spotrep.scale import WorkerPool


def _square(n: int) -> int:
    return n * n


def test_results_come_back_in_task_order() -> None:
    with WorkerPool(2, load=False) as pool:
        assert list(pool.map(_square, range(20))) == [n * n for n in range(20)]


def test_tasks_are_read_lazily() -> None:
    read: list[int] = []

    def tasks() -> Iterator[int]:
        for n in range(1000):
            read.append(n)
            yield n

    with WorkerPool(2, load=False) as pool:
        results = pool.map(_square, tasks())
        assert next(results) == 0
        assert len(read) <= 2 * 2 + 1  # the in-flight chunks, not the whole stream
        results.close()


PARENT = """
import os, sys, time
from spotrep.scale import WorkerPool
pool = WorkerPool(2, load=False)
print(sum(pool.map(abs, range(4))), flush=True)  # the workers are up
print(" ".join(str(p) for p in pool._executor._processes), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too: its parent (the init process now) has not reaped it yet
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


@pytest.mark.slow
def test_workers_end_when_their_parent_is_killed() -> None:
    with subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE,
                          text=True) as parent:
        assert parent.stdout is not None
        parent.stdout.readline()
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in workers)
