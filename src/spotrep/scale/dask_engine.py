"""The Dask engine: partitions as tasks on a Dask cluster, the model loaded once per worker.

The model is loaded by a worker plugin when a worker starts (and again on any worker that
replaces a dead one), never sent with a task: a task is the partition (a few file names and
positions) and the run folder, and returns only counts. A task whose worker dies is run again
elsewhere by the scheduler; its part file is written atomically, so the retry simply replaces
whatever the dead attempt left.

A local cluster's worker processes are forked from a forkserver that has imported Dask, spaCy
and spotrep once (``start_forkserver``), started before this process imports Dask itself: the
imports run on the core this process leaves idle while it starts the scheduler, instead of once
more in every worker (and in every worker that replaces a dead one) as with ``spawn``.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from spotrep.errors import UsageError
from spotrep.scale.partitions import Partition
from spotrep.scale.runs import PartCounts, RunDir
from spotrep.scale.settings import tuned

if TYPE_CHECKING:
    from spotrep.scale.engines import EngineOptions, Task

PLUGIN_NAME = "spotrep-model"

FORKSERVER_PRELOAD = ("distributed", "spotrep.pipeline", "spotrep.scale.work",
                      "spotrep.scale.dask_engine")
"""What the forkserver imports before it forks any worker: what every worker needs (its model is
loaded by the worker plugin, in the worker)."""


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


def start_forkserver() -> None:
    """Start (if not yet running) the forkserver the local workers are forked from; it imports
    ``FORKSERVER_PRELOAD`` while this process goes on. A forked worker has the environment
    the forkserver started with, so the nanny's ``pre-spawn-environ`` is set first, as the
    nanny itself sets it before spawning (a variable already set is kept)."""
    import multiprocessing
    from multiprocessing import forkserver

    import dask

    for key, value in dask.config.get("distributed.nanny.pre-spawn-environ").items():
        if value is not None:
            os.environ.setdefault(key, str(value))
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(FORKSERVER_PRELOAD))
    forkserver.ensure_running()


@contextmanager
def local_cluster(workers: int, **kwargs: Any) -> Iterator[Any]:
    """A ``LocalCluster`` of ``workers`` processes of one thread each, forked from the
    forkserver (use under ``tuned()``, which puts distributed's defaults in place before it is
    imported); ``kwargs`` go to ``LocalCluster``."""
    import multiprocessing

    import dask

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with dask.config.set({"distributed.worker.multiprocessing-method": method}):
        if method == "forkserver":  # not on Windows
            start_forkserver()  # before importing distributed here: the two overlap
        import distributed

        LocalCluster: Any = distributed.LocalCluster  # noqa: N806 (untyped)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          **kwargs) as cluster:
            yield cluster


def connect(options: EngineOptions, say: Callable[[str], None]) -> tuple[Any, ExitStack]:
    """A client of the cluster the options name (started here for ``--workers``)."""
    if importlib.util.find_spec("distributed") is None:
        raise UsageError("--engine dask needs Dask: pip install 'spotrep[dask]'")
    stack = ExitStack()
    stack.enter_context(tuned())
    if options.scheduler:
        cluster: Any = options.scheduler
    else:
        cluster = stack.enter_context(local_cluster(options.workers or max(1, options.jobs)))
    import distributed

    Client: Any = distributed.Client  # noqa: N806 (untyped)
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
