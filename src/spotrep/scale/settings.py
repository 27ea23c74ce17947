"""The Dask settings spotrep runs with, shipped so that no user has to find them.

Measured on spaCy workloads: the nanny's default ``MALLOC_TRIM_THRESHOLD_=65536`` makes glibc
return memory to the system after nearly every document (about 20% slower), a task thread's own
malloc arena maps and unmaps memory as it goes (70 times the page faults of a plain process),
and the worker's statistical profiler samples every thread every 10 ms. Each worker's event
loop also wakes every 20 ms (event-loop tick), 100 ms (memory monitor) and 500 ms (system
monitor); every wake-up takes the GIL from the task thread, so a worker parsing news did 7-13%
fewer articles per CPU-second than a plain process until they were slowed to once a second or
two. The model's own memory is bounded by parsing each partition in ``nlp.memory_zone()``, not
by trimming.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any

DASK_SETTINGS: MappingProxyType[str, Any] = MappingProxyType({
    # None unsets it: glibc's own adaptive threshold applies
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # a task runs in a worker thread, and glibc gives each thread its own heap of 64 MB
    # regions, mapped and unmapped as a document's arrays come and go: 50,000 page faults per
    # 160 articles, against 700 for a plain process parsing in its main thread. One arena
    # (the main one, as that process uses) brings them down to 900.
    "distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX": 1,
    "distributed.worker.profile.enabled": False,
    # the wake-ups that take the GIL from the task thread: ticks only time the event loop's
    # stalls (the 3 s warning still fires), the memory monitor still pauses or restarts a
    # worker within a second, the system monitor only feeds the dashboard's plots
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    # a task is a whole partition (seconds of work): queue one per thread, no more, so a
    # worker that joins late, or replaces a dead one, gets work at once
    "distributed.scheduler.worker-saturation": 1.0,
    # a partition's counts are all a task returns: nothing to spill
    "distributed.worker.memory.spill": False,
})


def distributed_defaults() -> None:
    """Put distributed's default configuration into Dask's, as importing distributed does, while
    this process has not imported distributed (``--workers`` imports it only once the forkserver
    is starting: ``dask_engine.local_cluster``).

    Without them a ``dask.config.set`` of a ``distributed.*`` key records that it inserted the
    whole ``distributed`` section and removes it on exit, defaults and all (the next cluster of
    the process then fails), and the nanny's ``pre-spawn-environ`` is not known yet. Importing
    distributed later adds the same defaults again, which changes nothing."""
    import dask

    spec = importlib.util.find_spec("distributed")
    if "distributed" in sys.modules or spec is None or spec.origin is None:
        return
    path = Path(spec.origin).with_name("distributed.yaml")
    if not path.is_file():  # another layout: import distributed, overlap or not
        importlib.import_module("distributed")
        return
    yaml: Any = importlib.import_module("yaml")  # a dependency of dask
    with path.open(encoding="utf-8") as f:
        dask.config.update_defaults(yaml.safe_load(f))


def tuned() -> Any:
    """A ``dask.config.set`` context with ``DASK_SETTINGS`` (for clients, clusters, workers)."""
    import dask

    distributed_defaults()
    return dask.config.set(dict(DASK_SETTINGS))
