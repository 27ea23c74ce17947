"""Scale-out: a run of many articles as partitions, on local processes or a Dask cluster.

The data flow: inputs -> ``partitions.plan`` -> ``work.extract_partition`` on an engine
(``engines.run_partitions``) -> ``runs/<id>/`` part files -> ``load.load_run`` into the store.
"""

from __future__ import annotations

from spotrep.scale.engines import EngineOptions, RunSummary, run_partitions
from spotrep.scale.load import LoadSummary, load_run
from spotrep.scale.partitions import Partition, plan
from spotrep.scale.pool import WorkerPool
from spotrep.scale.runs import PartCounts, RunDir
from spotrep.scale.work import extract_partition, run_outputs

__all__ = [
    "EngineOptions",
    "LoadSummary",
    "PartCounts",
    "Partition",
    "RunDir",
    "RunSummary",
    "WorkerPool",
    "extract_partition",
    "load_run",
    "plan",
    "run_outputs",
    "run_partitions",
]
