"""The one local worker pool: ``extract --jobs``, ``ingest --jobs`` and the local engine use it.

Each worker process loads the pipeline once when it starts and ends when its parent does (a
parent killed with SIGKILL cannot tell them to stop; they notice their parent is gone). Work
goes out in chunks of ``CHUNK`` articles with a few chunks in flight per worker, and results
come back in input order.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from types import TracebackType
from typing import Any, TypeVar

from spotrep.bounds import DEFAULT_TIME_BUDGET
from spotrep.records import Article, Failure, Result

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 32
"""Articles sent to a worker at a time: large enough that sending costs little next to parsing
(a few ms against about 3 s), small enough to keep every worker busy to the end."""

IN_FLIGHT = 2
"""Chunks queued per worker: one running, one waiting, so no worker idles between chunks."""

PARENT_CHECK_SECONDS = 1.0

Input = Mapping[str, Any] | Article | Failure


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)  # orphaned: the parent died without telling us
        time.sleep(PARENT_CHECK_SECONDS)


def _start_worker(parent: int, load: bool) -> None:
    """Worker start-up: end with the parent; load the pipeline before the first chunk."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="spotrep-parent-watch").start()
    if load:
        from spotrep.pipeline import load_pipeline

        load_pipeline()


def extract_chunk(
    chunk: Sequence[Input], time_budget: float | None = DEFAULT_TIME_BUDGET
) -> list[Result | Failure]:
    """A chunk of articles through this process's pipeline, in one memory zone, each with
    ``time_budget`` seconds of work."""
    from spotrep.api import process
    from spotrep.pipeline import load_pipeline

    with load_pipeline().nlp.memory_zone():
        return list(process(chunk, time_budget=time_budget))


class WorkerPool:
    """``jobs`` worker processes, each with its own pipeline, giving each article
    ``time_budget`` seconds of work. Use as a context manager."""

    def __init__(
        self, jobs: int, load: bool = True, time_budget: float | None = DEFAULT_TIME_BUDGET
    ) -> None:
        self.jobs = jobs
        self.time_budget = time_budget
        self._executor = ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(os.getpid(), load)
        )

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=exc is not None)

    def close(self, cancel: bool = False) -> None:
        self._executor.shutdown(wait=True, cancel_futures=cancel)

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        """``fn`` of each task in a worker, in task order, ``IN_FLIGHT`` tasks per worker ahead
        (the tasks are read lazily: an endless stream works)."""
        pending: deque[Future[R]] = deque()
        it = iter(tasks)
        limit = self.jobs * IN_FLIGHT
        try:
            for task in it:
                pending.append(self._executor.submit(fn, task))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()

    def extract(self, items: Iterable[Input]) -> Iterator[Result | Failure]:
        """Results (or failures) for ``items``, in input order."""
        it = iter(items)
        chunks = iter(lambda: list(islice(it, CHUNK)), [])
        work = functools.partial(extract_chunk, time_budget=self.time_budget)
        for outputs in self.map(work, chunks):
            yield from outputs

    def extract_tagged(
        self, pairs: Iterable[tuple[T, Input]]
    ) -> Iterator[tuple[T, Result | Failure]]:
        """Like ``extract``, each output with the tag its input came with (kept here)."""
        it = iter(pairs)
        tags: deque[T] = deque()

        def inputs() -> Iterator[Input]:
            for tag, item in it:
                tags.append(tag)
                yield item

        for out in self.extract(inputs()):
            yield tags.popleft(), out
