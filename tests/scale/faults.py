"""Tasks that fail on purpose, for the fault tests (sent to Dask workers by value)."""

from __future__ import annotations

import os
from pathlib import Path

from spotrep.scale import PartCounts, Partition, extract_partition

EXIT_KEY = "000002"


def exit_on_first_attempt(partition: Partition, run: str) -> PartCounts:
    """Extract the partition, except that the first attempt of ``EXIT_KEY`` kills its worker
    process outright (no exception, no cleanup), as a crash or the OOM killer would."""
    marker = Path(run).parent / f"attempted-{partition.key}"
    if partition.key == EXIT_KEY and not marker.exists():
        marker.write_text(str(os.getpid()))
        os._exit(1)
    return extract_partition(partition, run)
