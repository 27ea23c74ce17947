"""The shipped Dask settings reach the worker processes of a cluster started under ``tuned()``."""

from __future__ import annotations

import os
from typing import Any

import pytest

from spotrep.scale.settings import DASK_SETTINGS, tuned

pytest.importorskip("distributed")


def _worker_view() -> dict[str, Any]:
    import dask

    return {"config": {k: dask.config.get(k, default="<missing>") for k in DASK_SETTINGS},
            "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_")}


def test_workers_run_with_the_shipped_settings() -> None:
    from distributed import Client, LocalCluster

    with tuned(), LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                               dashboard_address=None) as cluster, Client(cluster) as client:
        (view,) = client.run(_worker_view).values()
    assert view["config"] == dict(DASK_SETTINGS)
    assert view["trim"] is None  # the nanny's 65536 is not set in the worker's environment


def test_outside_tuned_the_defaults_apply() -> None:
    import dask

    assert dask.config.get("distributed.admin.tick.interval") != DASK_SETTINGS[
        "distributed.admin.tick.interval"]
