"""Engines: who runs ``extract_partition`` over a run's pending partitions.

``local``: this process (``jobs=1``) or the local ``WorkerPool``. ``dask``: a Dask cluster,
an existing one (``scheduler``) or a local one started for the run (``workers``). Both call
the same unit of work and differ only in where it runs; the run folder is the result.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from spotrep.errors import UsageError
from spotrep.scale.partitions import Partition
from spotrep.scale.pool import WorkerPool
from spotrep.scale.runs import PartCounts, RunDir
from spotrep.scale.work import extract_partition

EngineName = Literal["local", "dask"]
Task = Callable[[Partition, str], PartCounts]
"""The unit of work (``extract_partition``); tests give a wrapper that fails on purpose."""


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How to run: the ``--engine``, ``--jobs``, ``--scheduler`` and ``--workers`` options."""

    engine: EngineName = "local"
    jobs: int = 1
    scheduler: str | None = None
    workers: int | None = None

    def check(self) -> None:
        if self.engine == "local" and (self.scheduler or self.workers):
            raise UsageError("--scheduler and --workers need --engine dask")
        if self.engine == "dask" and self.scheduler and self.workers:
            raise UsageError("give --scheduler (an existing cluster) or --workers, not both")


@dataclass(frozen=True, slots=True)
class RunSummary:
    run: Path
    partitions: int
    skipped: int
    counts: tuple[PartCounts, ...]

    @property
    def articles(self) -> int:
        return sum(c.articles for c in self.counts)

    @property
    def failures(self) -> int:
        return sum(c.failures for c in self.counts)

    def line(self) -> str:
        return (f"run {self.run}: {self.partitions} partitions ({self.skipped} already done), "
                f"{self.articles} articles extracted now, {self.failures} failed")


def run_partitions(
    run: RunDir,
    partitions: Sequence[Partition],
    options: EngineOptions,
    progress: Progress | None = None,
    task: Task = extract_partition,
    client: Any = None,
    say: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> RunSummary:
    """Extract the partitions not yet done into ``run``; what was done.

    ``client``: a ``distributed.Client`` to use instead of connecting (tests, notebooks).
    """
    options.check()
    run.create(partitions)
    run.remove_temp_files()
    pending = run.pending(partitions)
    if progress is not None and len(pending) < len(partitions):
        progress.update(len(partitions) - len(pending))
    if options.engine == "dask" or client is not None:
        from spotrep.scale.dask_engine import run_on_dask

        stream = run_on_dask(run, pending, task, options, client=client, say=say)
    else:
        stream = _run_locally(run, pending, task, options.jobs)
    counts: list[PartCounts] = []
    for c in stream:
        counts.append(c)
        if progress is not None:
            progress.update(1)
    run.remove_temp_files()
    return RunSummary(run.path, len(partitions), len(partitions) - len(pending), tuple(counts))


def _run_locally(
    run: RunDir, pending: Sequence[Partition], task: Task, jobs: int
) -> Iterator[PartCounts]:
    call = functools.partial(_call, task, str(run.path))
    if jobs == 1 or len(pending) <= 1:
        yield from map(call, pending)
        return
    with WorkerPool(min(jobs, len(pending))) as pool:
        yield from pool.map(call, pending)


def _call(task: Task, run: str, partition: Partition) -> PartCounts:
    return task(partition, run)


def progress_bar(total: int, quiet: bool) -> Any:
    """A progress bar over partitions on stderr (off when quiet or not a terminal)."""
    from tqdm import tqdm

    return tqdm(total=total, desc="partitions", unit=" part", file=sys.stderr,
                disable=True if quiet else None)


def default_run_dir(partitions: Iterable[Partition]) -> Path:
    from spotrep.scale.runs import run_id

    return Path("runs") / run_id(list(partitions))
