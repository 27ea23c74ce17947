"""The engines: Dask gives the local engine's results, also when workers die mid-run.

A local cluster (``local_cluster``: forked from the forkserver, as ``--workers`` starts it) of
two worker processes with one thread each and no dashboard, as in CI.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import faults
import pytest
from generated import write_shards

from spotrep.scale import EngineOptions, Partition, RunDir, load_run, plan, run_partitions
from spotrep.scale.dask_engine import local_cluster, model_loaded, model_plugin
from spotrep.scale.settings import tuned
from spotrep.scale.work import read_rows
from spotrep.store import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]

EXAMPLES = Path(__file__).parents[2] / "examples" / "articles"
DASK = EngineOptions("dask")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Partition]:
    shards = tmp_path_factory.mktemp("inputs")
    write_shards(shards, 200, 50)
    return plan([str(EXAMPLES), str(shards)], 20)


@pytest.fixture
def client() -> Iterator[Any]:
    from distributed import Client

    with tuned(), local_cluster(2, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def local_rows(inputs: list[Partition], tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    run = RunDir(tmp_path_factory.mktemp("local") / "run")
    run_partitions(run, inputs, EngineOptions("local", jobs=1))
    return _rows(run)


def _rows(run: RunDir) -> list[tuple[Any, ...]]:
    """Every row of the run, sorted (the order tasks finished in is not a result)."""
    rows = [tuple(r.values()) for path in run.done_parts() for r in read_rows(path)]
    return sorted(rows, key=lambda r: (str(r[1]), r[0], str(r)))


def _check_clean(run: RunDir, inputs: list[Partition], rows: list[Any], local: list[Any]) -> None:
    ids = [r[1] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate rows"
    assert rows == local  # the same article set, byte-identical rows
    assert list(run.path.rglob("*.tmp")) == []
    assert {p.name for p in run.done.iterdir()} == {f"{p.key}.json" for p in inputs}


def test_dask_results_equal_local_results(
    client: Any, inputs: list[Partition], local_rows: list[Any], tmp_path: Path
) -> None:
    run = RunDir(tmp_path / "run")
    summary = run_partitions(run, inputs, DASK, client=client)
    assert summary.articles == len(local_rows) > 200
    _check_clean(run, inputs, _rows(run), local_rows)
    again = run_partitions(run, inputs, DASK, client=client)  # a rerun skips what is done
    assert (again.skipped, again.articles) == (len(inputs), 0)


def _workers(client: Any) -> dict[str, dict[str, Any]]:
    client.wait_for_workers(2, timeout=120)
    out: dict[str, dict[str, Any]] = client.run(model_loaded)
    return out


def _forked_from(client: Any) -> set[int]:
    """The parent process of each worker."""
    return set(client.run(os.getppid).values())


def test_workers_are_forked_from_the_forkserver_with_the_model_loaded(client: Any) -> None:
    import psutil  # type: ignore[import-untyped]

    (parent,) = _forked_from(client)
    assert parent != os.getpid()  # not spawned by this process: forked by the forkserver
    assert "multiprocessing.forkserver" in " ".join(psutil.Process(parent).cmdline())
    assert not any(w["loaded"] for w in _workers(client).values())  # imported, not loaded
    client.register_plugin(model_plugin())
    assert all(w["loaded"] for w in _workers(client).values())


def test_a_task_whose_first_attempt_kills_its_worker_is_retried(
    client: Any, inputs: list[Partition], local_rows: list[Any], tmp_path: Path
) -> None:
    cloudpickle.register_pickle_by_value(faults)
    before = {w["pid"] for w in _workers(client).values()}
    run = RunDir(tmp_path / "run")
    run_partitions(run, inputs, DASK, client=client, task=faults.exit_on_first_attempt)
    killed = int((tmp_path / f"attempted-{faults.EXIT_KEY}").read_text())
    assert killed in before
    _check_clean(run, inputs, _rows(run), local_rows)
    after = _workers(client)
    assert killed not in {w["pid"] for w in after.values()}
    assert all(w["loaded"] for w in after.values())  # the replacement loaded the model
    assert len(_forked_from(client)) == 1  # the replacement was forked like the others


def test_a_worker_killed_at_40_percent_loses_nothing(
    client: Any, inputs: list[Partition], local_rows: list[Any], tmp_path: Path
) -> None:
    before = _workers(client)
    victim = next(iter(before.values()))["pid"]
    run = RunDir(tmp_path / "run")
    stop = threading.Event()
    killed_at: list[int] = []

    def kill_at_40_percent() -> None:
        while not stop.wait(0.05):
            done = len(list(run.done.glob("*.json"))) if run.done.exists() else 0
            if done >= 0.4 * len(inputs):
                os.kill(victim, signal.SIGKILL)
                killed_at.append(done)
                return

    watcher = threading.Thread(target=kill_at_40_percent)
    watcher.start()
    try:
        summary = run_partitions(run, inputs, DASK, client=client)
    finally:
        stop.set()
        watcher.join()
    assert killed_at and killed_at[0] < len(inputs)
    assert summary.articles == len(local_rows)
    _check_clean(run, inputs, _rows(run), local_rows)
    after = _workers(client)
    assert victim not in {w["pid"] for w in after.values()}
    assert all(w["loaded"] for w in after.values())
    with Store.open(tmp_path / "store.db", create=True) as store:
        first = load_run(store, run)
        counts = store.counts()
        load_run(store, run)
        assert store.counts() == counts
    assert first.new == counts["articles"] > 200
