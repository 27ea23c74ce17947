"""The shipped Dask settings reach the worker processes of a cluster started under ``tuned()``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spotrep.scale.settings import DASK_SETTINGS, tuned

pytest.importorskip("distributed")


def _worker_view() -> dict[str, Any]:
    import dask

    return {"config": {k: dask.config.get(k, default="<missing>") for k in DASK_SETTINGS},
            "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"), "arenas": _arenas_at_start()}


def _arenas_at_start() -> str | None:
    """MALLOC_ARENA_MAX as the process was started with it (glibc reads it then, never again;
    Linux), or what os.environ has elsewhere."""
    try:
        raw = Path("/proc/self/environ").read_bytes()
    except OSError:
        return os.environ.get("MALLOC_ARENA_MAX")
    started = dict(v.split(b"=", 1) for v in raw.split(b"\0") if b"=" in v)
    found = started.get(b"MALLOC_ARENA_MAX")
    return None if found is None else found.decode()


def test_workers_run_with_the_shipped_settings() -> None:
    from distributed import Client, LocalCluster

    with tuned(), LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                               dashboard_address=None) as cluster, Client(cluster) as client:
        (view,) = client.run(_worker_view).values()
    assert view["config"] == dict(DASK_SETTINGS)
    assert view["trim"] is None  # the nanny's 65536 is not set in the worker's environment
    assert view["arenas"] == "1"  # in the environment the worker process started with


def test_outside_tuned_the_defaults_apply() -> None:
    import dask

    assert dask.config.get("distributed.admin.tick.interval") != DASK_SETTINGS[
        "distributed.admin.tick.interval"]


def test_the_forkserver_starts_with_the_environment_the_nanny_gives_a_spawned_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from multiprocessing import forkserver

    from spotrep.scale import dask_engine

    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env["OMP_NUM_THREADS"] = "3"  # the user's own value is kept, as the nanny keeps it
    env.pop("MALLOC_TRIM_THRESHOLD_", None)
    env.pop("MALLOC_ARENA_MAX", None)
    monkeypatch.setattr(os, "environ", env)
    server: Any = forkserver._forkserver  # type: ignore[attr-defined]
    monkeypatch.setattr(server, "_preload_modules", list(server._preload_modules))
    seen: list[dict[str, str]] = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: seen.append(dict(os.environ)))
    with tuned():
        dask_engine.start_forkserver()
    (started,) = seen
    assert (started["OMP_NUM_THREADS"], started["MKL_NUM_THREADS"]) == ("3", "1")
    assert started["OPENBLAS_NUM_THREADS"] == "1"
    assert "MALLOC_TRIM_THRESHOLD_" not in started  # unset by the shipped settings
    assert started["MALLOC_ARENA_MAX"] == "1"
    assert server._preload_modules == list(dask_engine.FORKSERVER_PRELOAD)


def test_tuned_before_distributed_is_imported_keeps_distributed_s_configuration() -> None:
    """``--workers`` imports distributed only once the forkserver is starting, after ``tuned()``
    and the forkserver have read distributed's settings (a fresh interpreter: here distributed
    is imported already)."""
    code = """
import sys, dask
from spotrep.scale.settings import tuned
with tuned():
    assert "distributed" not in sys.modules
    env = dask.config.get("distributed.nanny.pre-spawn-environ")
    assert env["OMP_NUM_THREADS"] == 1 and env["MALLOC_TRIM_THRESHOLD_"] is None, env
import distributed
assert dask.config.get("distributed.comm.timeouts.connect") == "30s"  # not removed on exit
assert dask.config.get("distributed.admin.tick.interval") == "20ms"
with tuned():
    assert dask.config.get("distributed.admin.tick.interval") == "1s"
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
