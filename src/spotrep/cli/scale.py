"""Scale-out commands and options: ``load`` a run into the store, ``worker`` for a Dask cluster,
and the engine options ``extract`` and ``ingest`` share (``--engine``, ``--scheduler``,
``--workers``, ``--run``, ``--partition-size``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spotrep.bounds import DEFAULT_TIME_BUDGET
from spotrep.cli._common import EXIT_FAILURES, EXIT_OK
from spotrep.cli._options import add_db, add_quiet, positive_int
from spotrep.errors import UsageError

if TYPE_CHECKING:  # the engines are imported late: Dask is optional
    from spotrep.scale import EngineOptions, RunSummary


def register(sub: Any) -> None:
    p = sub.add_parser(
        "load", help="load a run's results (runs/<id>) into the store",
        description="Store and merge the results of a run made by extract or ingest with "
        "--engine. Each part is loaded in one transaction and recorded: loading again "
        "changes nothing.",
    )
    p.add_argument("run_folder", metavar="RUN", help="the run folder (runs/<id>)")
    add_db(p)
    add_quiet(p)
    p.set_defaults(run=run_load)

    w = sub.add_parser(
        "worker", help="start Dask worker processes for a spotrep cluster",
        description="Start N Dask worker processes (one thread each) connected to SCHEDULER, "
        "with spotrep's Dask settings; start the scheduler with `dask scheduler`.",
    )
    w.add_argument("scheduler", metavar="SCHEDULER", help="e.g. tcp://10.0.0.1:8786")
    w.add_argument("--nworkers", type=positive_int, default=1, metavar="N",
                   help="worker processes on this host (default 1; one per core is usual)")
    w.add_argument("--memory-limit", default="2GiB", metavar="SIZE",
                   help="per worker process (default 2GiB; a worker peaks near 800 MB)")
    w.set_defaults(run=run_worker)


def add_engine_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("scale-out (docs/scale.md)")
    g.add_argument("--engine", choices=("local", "dask"),
                   help="write a resumable run folder, extracting in local processes (--jobs) "
                   "or on Dask")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="an existing Dask scheduler, e.g. tcp://10.0.0.1:8786")
    g.add_argument("--workers", type=positive_int, metavar="N",
                   help="start a local Dask cluster of N worker processes for the run")
    g.add_argument("--run", dest="run_dir", metavar="DIR",
                   help="the run folder (default runs/<id from the inputs>); rerun to resume")
    g.add_argument("--partition-size", type=positive_int, default=None, metavar="N",
                   help="articles per partition (default 200)")


def engine_options(args: argparse.Namespace) -> EngineOptions | None:
    """The engine the options ask for, or None for the streaming path (no run folder)."""
    from spotrep.scale import EngineOptions

    engine = args.engine
    if engine is None:
        if args.scheduler or args.workers:
            engine = "dask"
        elif args.run_dir or args.partition_size:
            engine = "local"
        else:
            return None
    options = EngineOptions(engine, args.jobs, args.scheduler, args.workers)
    options.check()
    return options


def make_run(
    inputs: Sequence[str], args: argparse.Namespace, options: EngineOptions
) -> RunSummary:
    """Plan the inputs into partitions and extract them into the run folder."""
    from spotrep.scale import RunDir, plan, run_partitions
    from spotrep.scale.engines import default_run_dir, progress_bar
    from spotrep.scale.partitions import PARTITION_SIZE
    from spotrep.scale.work import budgeted_task

    partitions = plan(inputs, args.partition_size or PARTITION_SIZE)
    if not partitions:
        raise UsageError("no articles in the inputs")
    folder = Path(args.run_dir) if args.run_dir else default_run_dir(partitions)
    with progress_bar(len(partitions), args.quiet) as bar:
        task = budgeted_task(getattr(args, "time_budget", None) or DEFAULT_TIME_BUDGET)
        summary = run_partitions(RunDir(folder), partitions, options, progress=bar, task=task)
    print(f"spotrep: {summary.line()}", file=sys.stderr)
    return summary


def run_load(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from spotrep.scale import RunDir, load_run
    from spotrep.store import Store

    folder = RunDir(Path(args.run_folder))
    total = len(folder.partitions())
    with Store.open(args.db, create=True) as store, tqdm(
        total=total, desc="load", unit=" part", file=sys.stderr,
        disable=True if args.quiet else None,
    ) as bar:
        summary = load_run(store, folder, progress=bar.update)
    print(summary.line(), file=sys.stderr)
    return EXIT_FAILURES if summary.failed else EXIT_OK


def run_worker(args: argparse.Namespace) -> int:
    from spotrep.scale.settings import tuned

    try:
        from distributed.cli.dask_worker import main as dask_worker
    except ImportError as exc:
        raise UsageError("spotrep worker needs Dask: pip install 'spotrep[dask]'") from exc
    argv = [args.scheduler, "--nworkers", str(args.nworkers), "--nthreads", "1",
            "--memory-limit", args.memory_limit]
    with tuned():
        dask_worker.main(argv, standalone_mode=False)
    return EXIT_OK
