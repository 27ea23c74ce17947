"""Throughput of the engines on one input, in one run: local 1 and 2 jobs, Dask 1 and 2 workers.

    .venv/bin/python benchmarks/scale_throughput.py [--articles 240] [--partition-size 20]
                                                    [--input FILE|FOLDER ...]

The input: the bundled example articles (or ``--input``), cycled to N articles, each made new
by a numbered closing line, written as JSON Lines shards in a temporary folder. Every engine
extracts the same partitions into its own run folder. Printed per engine: start-up seconds
(model loaded in every worker; for Dask from before Dask is imported, as ``--engine dask
--workers N`` starts), run seconds end to end, articles/s end to end and after
start-up, the ratios the issue sets targets for (Dask 2 workers against ``--jobs 2`` and against
one process), and each worker's peak RSS and its RSS after half and after all partitions (flat
when the memory zones work). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from spotrep.ingest.files import read_sources
from spotrep.records import Article
from spotrep.scale import EngineOptions, Partition, RunDir, WorkerPool, plan, run_partitions
from spotrep.scale.engines import _call
from spotrep.scale.work import extract_partition

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@dataclass
class Figures:
    name: str
    startup: float
    seconds: float
    articles: int
    rss_mb: list[tuple[float, float, float]]  # per worker: peak, after half, after all
    cpu: float  # CPU seconds the workers spent on the run (after start-up)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def steady_rate(self) -> float:
        return self.articles / max(1e-9, self.seconds - self.startup)


def write_input(folder: Path, sources: Sequence[str], n: int, per_shard: int) -> None:
    found = [a for a in read_sources(sources or [EXAMPLES]) if isinstance(a, Article)]
    for s in range(0, n, per_shard):
        with (folder / f"shard-{s // per_shard:04d}.jsonl").open("w", encoding="utf-8") as f:
            for i, a in enumerate(islice(cycle(found), s, min(n, s + per_shard)), start=s):
                record = {"id": f"{a.id}-{i}", "text": f"{a.text}\n\nReport {i}.",
                          "published": a.published, "outlet": a.outlet, "url": None}
                f.write(json.dumps(record) + "\n")


def worker_memory() -> dict[str, float]:
    """This process's current and peak resident memory, in MB."""
    import psutil  # type: ignore[import-untyped]

    me = psutil.Process()
    times = me.cpu_times()
    return {"rss": me.memory_info().rss / 2**20,
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "cpu": times.user + times.system}


def _memory_task(_n: int) -> tuple[int, dict[str, float]]:
    time.sleep(0.2)  # long enough that each worker takes one
    return os.getpid(), worker_memory()


def _halves(parts: Sequence[Partition]) -> tuple[list[Partition], list[Partition]]:
    half = len(parts) // 2
    return list(parts[:half]), list(parts[half:])


def run_local(parts: Sequence[Partition], jobs: int, out: Path) -> Figures:
    """The local engine's work: in this process (``jobs=1``) or in the worker pool."""
    start = time.perf_counter()
    run = RunDir(out)
    run.create(parts)
    first, second = _halves(parts)
    call = functools.partial(_call, extract_partition, str(out))
    if jobs == 1:
        from spotrep.pipeline import load_pipeline

        load_pipeline()
        startup = time.perf_counter() - start
        begin = worker_memory()
        n = sum(call(p).articles for p in first)
        mid = worker_memory()
        n += sum(call(p).articles for p in second)
        seconds = time.perf_counter() - start
        end = worker_memory()
        return Figures("local --jobs 1", startup, seconds, n,
                       [(end["peak"], mid["rss"], end["rss"])], end["cpu"] - begin["cpu"])
    with WorkerPool(jobs) as pool:
        list(pool.map(_memory_task, range(jobs)))  # every worker has loaded the model
        startup = time.perf_counter() - start
        begins = dict(pool.map(_memory_task, range(jobs * 2)))
        n = sum(c.articles for c in pool.map(call, first))
        mids = dict(pool.map(_memory_task, range(jobs * 2)))
        n += sum(c.articles for c in pool.map(call, second))
        seconds = time.perf_counter() - start
        ends = dict(pool.map(_memory_task, range(jobs * 2)))
    rss = [(ends[p]["peak"], mids.get(p, {}).get("rss", 0.0), ends[p]["rss"]) for p in ends]
    cpu = sum(ends[p]["cpu"] - begins.get(p, {"cpu": 0.0})["cpu"] for p in ends)
    return Figures(f"local --jobs {jobs}", startup, seconds, n, rss, cpu)


def run_dask(parts: Sequence[Partition], workers: int, out: Path) -> Figures:
    """A local cluster as ``--engine dask --workers N`` starts it (``connect``), timed from
    before Dask is imported: start-up is what a user waits for."""
    from spotrep.scale.dask_engine import connect, model_plugin, run_on_dask

    start = time.perf_counter()
    client, cluster = connect(EngineOptions("dask", workers=workers), say=print)
    with cluster:
        client.register_plugin(model_plugin())
        startup = time.perf_counter() - start
        begins = client.run(worker_memory)
        run = RunDir(out)
        run.create(parts)
        first, _second = _halves(parts)
        dask = EngineOptions("dask")
        n = sum(c.articles for c in run_on_dask(run, first, extract_partition, dask, client))
        mid = client.run(worker_memory)
        n += run_partitions(run, parts, dask, client=client).articles
        seconds = time.perf_counter() - start
        end = client.run(worker_memory)
    rss = [(end[w]["peak"], mid[w]["rss"], end[w]["rss"]) for w in end]
    cpu = sum(end[w]["cpu"] - begins[w]["cpu"] for w in end)
    return Figures(f"dask --workers {workers}", startup, seconds, n, rss, cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=240)
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--input", nargs="*", default=[])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        write_input(root / "in", args.input, args.articles, args.partition_size * 2)
        parts = plan([str(root / "in")], args.partition_size)
        print(f"{args.articles} articles in {len(parts)} partitions of {args.partition_size}")
        # Dask first: the in-process engine then loads the model in this process last
        figures: list[Figures] = []
        engines: list[tuple[str, Callable[[Path], Figures]]] = [
            ("dask2", lambda o: run_dask(parts, 2, o)),
            ("local2", lambda o: run_local(parts, 2, o)),
            ("dask1", lambda o: run_dask(parts, 1, o)),
            ("local1", lambda o: run_local(parts, 1, o)),
        ]
        for name, fn in engines:
            figures.append(fn(root / name))
            f = figures[-1]
            rss = ", ".join(f"{p:.0f} MB peak ({h:.0f} -> {e:.0f} MB)" for p, h, e in f.rss_mb)
            print(f"{f.name:16} start-up {f.startup:5.1f}s  run {f.seconds:6.1f}s  "
                  f"{f.rate:5.2f} art/s ({f.steady_rate:5.2f} after start-up), "
                  f"{f.articles / f.cpu:5.2f} art per worker CPU-s  workers: {rss}", flush=True)
    by = {f.name: f for f in figures}
    d2, l2, l1 = by["dask --workers 2"], by["local --jobs 2"], by["local --jobs 1"]
    print(f"dask 2 workers / --jobs 2: {d2.rate / l2.rate:.2f}x end to end, "
          f"{d2.steady_rate / l2.steady_rate:.2f}x after start-up")
    print(f"dask 2 workers / 1 process: {d2.rate / l1.rate:.2f}x end to end, "
          f"{d2.steady_rate / l1.steady_rate:.2f}x after start-up")
    per_cpu = {f.name: f.articles / f.cpu for f in figures}
    print("articles per worker CPU-second (efficiency, whatever else the machine runs): "
          + ", ".join(f"{k} {v:.2f}" for k, v in per_cpu.items()))
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
