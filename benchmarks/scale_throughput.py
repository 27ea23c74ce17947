"""Throughput of the engines on one input, in one run: local 1 and 2 jobs, Dask 1 and 2 workers.

    .venv/bin/python benchmarks/scale_throughput.py [--articles 640] [--partition-size 20]
                                                    [--rounds 4] [--input FILE|FOLDER ...]

The input: the bundled example articles (or ``--input``), cycled to N articles, each made new
by a numbered closing line, written as JSON Lines shards in a temporary folder.

Each engine is first started alone and closed again (its start-up: the model loaded in every
worker; for the 2-worker Dask cluster from before Dask is imported, as ``--engine dask
--workers N`` starts it; the 1-worker cluster then reuses the imports and the forkserver, as a
second cluster in one process does). Alone, because on this machine a process starts more
slowly the more large processes are already up. Then all four are started together, the
partitions are cut into ``--rounds`` slices, and in each round every engine extracts that
round's slice into its own run folder, the engines taking turns in a rotated order. So each
engine extracts the whole input once, and a change in the machine's speed during the run (on a
shared machine, a quarter from one minute to the next) falls on all engines alike instead of
on whichever ran then. The one-process engine is a pool of one worker process: in this process
it would share the interpreter with the clusters' schedulers and nannies, which a user's
``--jobs 1`` run does not have. Before the rounds each engine extracts one partition per
worker (a first turn, in the end-to-end figures, not in the after-start-up ones): a worker's
first partition takes a second or two longer than the next.

Printed per engine: start-up seconds, run seconds end to end (start-up and its turns),
articles/s end to end and after start-up (the rounds only), articles per worker CPU-second,
each worker's peak RSS and its RSS after half and after all rounds (flat when the memory zones
work); then the ratios the issue sets targets for (Dask 2 workers against ``--jobs 2`` and
against one process), overall and round by round. Figures are printed, never asserted.
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
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from spotrep.ingest.files import read_sources
from spotrep.records import Article
from spotrep.scale import EngineOptions, Partition, RunDir, WorkerPool, plan, run_partitions
from spotrep.scale.engines import _call
from spotrep.scale.work import extract_partition

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

Memory = dict[Any, dict[str, float]]  # per worker: rss, peak (MB), cpu (s)


@dataclass
class Figures:
    name: str
    startup: float
    warm_up: float = 0.0  # seconds of the first turn (one partition a worker)
    warm_articles: int = 0
    turns: list[float] = field(default_factory=list)  # seconds of each round's turn
    articles: int = 0
    cpu: float = 0.0  # CPU seconds the workers spent in their turns
    mid: Memory = field(default_factory=dict)
    end: Memory = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return self.startup + self.warm_up + sum(self.turns)

    @property
    def rate(self) -> float:
        return (self.articles + self.warm_articles) / self.seconds

    @property
    def steady_rate(self) -> float:
        return self.articles / max(1e-9, sum(self.turns))


def write_input(folder: Path, sources: Sequence[str], n: int, per_shard: int) -> None:
    found = [a for a in read_sources(sources or [EXAMPLES]) if isinstance(a, Article)]
    for s in range(0, n, per_shard):
        with (folder / f"shard-{s // per_shard:04d}.jsonl").open("w", encoding="utf-8") as f:
            for i, a in enumerate(islice(cycle(found), s, min(n, s + per_shard)), start=s):
                record = {"id": f"{a.id}-{i}", "text": f"{a.text}\n\nReport {i}.",
                          "published": a.published, "outlet": a.outlet, "url": None}
                f.write(json.dumps(record) + "\n")


def worker_memory() -> dict[str, float]:
    """This process's current and peak resident memory, in MB, and its CPU seconds."""
    import psutil  # type: ignore[import-untyped]

    me = psutil.Process()
    times = me.cpu_times()
    return {"rss": me.memory_info().rss / 2**20,
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "cpu": times.user + times.system}


def _memory_task(_n: int) -> tuple[int, dict[str, float]]:
    time.sleep(0.2)  # long enough that each worker takes one
    return os.getpid(), worker_memory()


class LocalEngine:
    """``--jobs N``: the local worker pool."""

    def __init__(self, jobs: int, stack: ExitStack) -> None:
        self.workers = jobs
        start = time.perf_counter()
        self.pool = stack.enter_context(WorkerPool(jobs))
        self.memory()  # every worker has loaded the model
        self.figures = Figures(f"local --jobs {jobs}", time.perf_counter() - start)

    def memory(self) -> Memory:
        return dict(self.pool.map(_memory_task, range(self.workers * 2)))

    def extract(self, run: RunDir, parts: Sequence[Partition]) -> int:
        call = functools.partial(_call, extract_partition, str(run.path))
        return sum(c.articles for c in self.pool.map(call, parts))


class DaskEngine:
    """``--engine dask --workers N``: a local cluster started as the command starts it."""

    def __init__(self, workers: int, stack: ExitStack) -> None:
        self.workers = workers
        start = time.perf_counter()
        from spotrep.scale.dask_engine import connect, model_plugin

        self.client, cluster = connect(EngineOptions("dask", workers=workers), say=print)
        stack.enter_context(cluster)
        self.client.register_plugin(model_plugin())
        self.figures = Figures(f"dask --workers {workers}", time.perf_counter() - start)

    def memory(self) -> Memory:
        found: Memory = self.client.run(worker_memory)
        return found

    def extract(self, run: RunDir, parts: Sequence[Partition]) -> int:
        return run_partitions(run, parts, EngineOptions("dask"), client=self.client).articles


Engine = LocalEngine | DaskEngine


def timed_extract(engine: Engine, folder: Path, parts: Sequence[Partition]) -> tuple[int, float]:
    """The articles ``engine`` extracts from ``parts`` into a new run ``folder``, and the
    seconds it takes."""
    run = RunDir(folder)
    run.create(parts)
    start = time.perf_counter()
    return engine.extract(run, parts), time.perf_counter() - start


def take_turn(engine: Engine, folder: Path, parts: Sequence[Partition]) -> None:
    f = engine.figures
    before = engine.memory()
    articles, seconds = timed_extract(engine, folder, parts)
    f.articles += articles
    f.turns.append(seconds)
    after = engine.memory()
    f.cpu += sum(after[w]["cpu"] - before.get(w, {"cpu": after[w]["cpu"]})["cpu"]
                 for w in after)


def rounds_of(parts: Sequence[Partition], rounds: int) -> list[list[Partition]]:
    size = -(-len(parts) // rounds)
    return [list(parts[i:i + size]) for i in range(0, len(parts), size)]


def run_rounds(engines: Sequence[Engine], parts: Sequence[Partition], rounds: int,
               root: Path) -> None:
    for i, engine in enumerate(engines):  # a first turn each: see the docstring
        warm = parts[-engine.workers:]
        f = engine.figures
        f.warm_articles, f.warm_up = timed_extract(engine, root / f"engine-{i}-warm-up", warm)
        print(f"{f.name:16} warm-up turn ({len(warm)} partitions) {f.warm_up:.1f}s", flush=True)
    slices = rounds_of(parts, rounds)
    for r, chunk in enumerate(slices):
        order = [(engines[(r + k) % len(engines)], (r + k) % len(engines))
                 for k in range(len(engines))]
        for engine, i in order:
            take_turn(engine, root / f"engine-{i}-round-{r}", chunk)
            if r == (len(slices) - 1) // 2:
                engine.figures.mid = engine.memory()
        print(f"round {r + 1}/{len(slices)}: " + ", ".join(
            f"{e.figures.name} {e.figures.turns[-1]:.1f}s" for e, _ in order),
            flush=True)
    for engine in engines:
        engine.figures.end = engine.memory()


def describe(f: Figures) -> str:
    rss = ", ".join(f"{m['peak']:.0f} MB peak ({f.mid.get(w, {}).get('rss', 0.0):.0f} -> "
                    f"{m['rss']:.0f} MB)" for w, m in f.end.items())
    return (f"{f.name:16} start-up {f.startup:5.1f}s  run {f.seconds:6.1f}s  "
            f"{f.rate:5.2f} art/s ({f.steady_rate:5.2f} after start-up), "
            f"{f.articles / f.cpu:5.2f} art per worker CPU-s  workers: {rss}")


def ratios(a: Figures, b: Figures, label: str) -> str:
    per_round = ", ".join(f"{tb / ta:.2f}" for ta, tb in zip(a.turns, b.turns, strict=True))
    return (f"{label}: {a.rate / b.rate:.2f}x end to end, "
            f"{a.steady_rate / b.steady_rate:.2f}x after start-up (rounds: {per_round})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=640)
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--input", nargs="*", default=[])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        root = Path(tmp)
        (root / "in").mkdir()
        write_input(root / "in", args.input, args.articles, args.partition_size * 2)
        parts = plan([str(root / "in")], args.partition_size)
        print(f"{args.articles} articles in {len(parts)} partitions of {args.partition_size}, "
              f"{args.rounds} rounds")
        starts: list[Callable[[ExitStack], Engine]] = [
            lambda s: DaskEngine(2, s), lambda s: LocalEngine(2, s),
            lambda s: DaskEngine(1, s), lambda s: LocalEngine(1, s)]
        alone = []
        for start in starts:
            with ExitStack() as own:
                f = start(own).figures
            alone.append(f.startup)
            print(f"{f.name:16} started alone in {f.startup:.1f}s", flush=True)
        engines = [start(stack) for start in starts]
        for engine, seconds in zip(engines, alone, strict=True):
            print(f"{engine.figures.name:16} started again, with the others up, in "
                  f"{engine.figures.startup:.1f}s", flush=True)
            engine.figures.startup = seconds
        run_rounds(engines, parts, args.rounds, root)
        figures = [e.figures for e in engines]
    for f in figures:
        print(describe(f))
    d2, l2, _d1, l1 = figures
    print(ratios(d2, l2, "dask 2 workers / --jobs 2"))
    print(ratios(d2, l1, "dask 2 workers / 1 process"))
    print(f"load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
