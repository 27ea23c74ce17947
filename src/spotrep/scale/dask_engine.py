"""The Dask engine: partitions as tasks on a Dask cluster, the model loaded once per worker.

The model is loaded by a worker plugin when a worker starts (and again on any worker that
replaces a dead one), never sent with a task: a task is the partition (a few file names and
positions) and the run folder, and returns only counts. A task whose worker dies is run again
elsewhere by the scheduler; its part file is written atomically, so the retry simply replaces
whatever the dead attempt left.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from spotrep.errors import UsageError
from spotrep.scale.partitions import Partition
from spotrep.scale.runs import PartCounts, RunDir
from spotrep.scale.settings import tuned

if TYPE_CHECKING:
    from spotrep.scale.engines import EngineOptions, Task

PLUGIN_NAME = "spotrep-model"


def _worker_plugin_class() -> type[Any]:
    from distributed.diagnostics.plugin import WorkerPlugin

    class SpotrepModel(WorkerPlugin):
        """Loads the pipeline in each worker process when it starts (or replaces one)."""

        name = PLUGIN_NAME
        idempotent = True

        async def setup(self, worker: Any) -> None:
            import asyncio

            from spotrep.pipeline import load_pipeline

            # off the event loop: a load of several seconds would miss heartbeats
            await asyncio.get_running_loop().run_in_executor(None, load_pipeline)

    return SpotrepModel


def model_plugin() -> Any:
    return _worker_plugin_class()()


def model_loaded() -> dict[str, Any]:
    """Run on a worker: its process id and whether its pipeline is loaded (for tests, checks)."""
    from spotrep.pipeline import load_pipeline

    return {"pid": os.getpid(), "host": socket.gethostname(),
            "loaded": load_pipeline.cache_info().currsize > 0}


def connect(options: EngineOptions, say: Callable[[str], None]) -> tuple[Any, ExitStack]:
    """A client of the cluster the options name (started here for ``--workers``)."""
    try:
        import distributed
    except ImportError as exc:
        raise UsageError("--engine dask needs Dask: pip install 'spotrep[dask]'") from exc
    # distributed's constructors are untyped
    Client: Any = distributed.Client  # noqa: N806
    LocalCluster: Any = distributed.LocalCluster  # noqa: N806
    stack = ExitStack()
    stack.enter_context(tuned())
    if options.scheduler:
        client = stack.enter_context(Client(options.scheduler))
    else:
        n = options.workers or max(1, options.jobs)
        cluster = stack.enter_context(
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True)
        )
        client = stack.enter_context(Client(cluster))
    if "dashboard" in client.scheduler_info().get("services", {}):
        say(f"spotrep: Dask dashboard at {client.dashboard_link}")
    return client, stack


def run_on_dask(
    run: RunDir,
    pending: Sequence[Partition],
    task: Task,
    options: EngineOptions,
    client: Any = None,
    say: Callable[[str], None] = print,
) -> Iterator[PartCounts]:
    """Counts of each pending partition as its task finishes (in no particular order)."""
    import distributed

    as_completed: Any = distributed.as_completed

    stack = ExitStack()
    with stack:
        if client is None:
            client, owned = connect(options, say)
            stack.enter_context(owned)
        client.register_plugin(model_plugin())
        if not pending:
            return
        run_path = str(run.path.resolve())
        keys = [f"spotrep-{run.path.name}-{p.key}" for p in pending]
        futures = client.map(task, pending, run=run_path, key=keys, pure=False)
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)
