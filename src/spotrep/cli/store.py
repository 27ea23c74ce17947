"""Store commands for the ``spotrep`` command line: ingest, watch, events, incidents, failures,
export. Each is a thin layer over ``spotrep.store``, ``spotrep.merge`` and ``spotrep.export``;
``spotrep.cli`` calls ``register`` and then ``args.run(args)``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from spotrep.cli.scale import add_engine_options, engine_options, make_run, run_load
from spotrep.errors import InputError
from spotrep.merge import Incident
from spotrep.store import Filters, Store, StoredEvent, default_db_path
from spotrep.store.filters import parse_near
from spotrep.store.ingest import Summary, parse_every

EXIT_OK, EXIT_FAILURES = 0, 1


def register(subparsers: Any) -> None:
    """Add the store commands to the ``spotrep`` sub-command parser."""
    _add_ingest(subparsers)
    _add_watch(subparsers)
    _add_query(subparsers, "events", "events found in the stored articles", run_events)
    _add_query(subparsers, "incidents", "incidents merged across articles", run_incidents)
    _add_failures(subparsers)
    _add_export(subparsers)


def _argtype(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse type that turns a parser's ValueError into a usage error (exit 2)."""

    def convert(value: str) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise ValueError(f"must be at least 1, got {n}")
    return n


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH|URL",
                   help=f"SQLite file or postgresql:// URL (default: $SPOTREP_DB or "
                        f"{default_db_path()})")


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--since", type=_argtype(date.fromisoformat), metavar="YYYY-MM-DD")
    g.add_argument("--until", type=_argtype(date.fromisoformat), metavar="YYYY-MM-DD")
    g.add_argument("--country", metavar="NAME|ISO", help="country name or ISO alpha-2/alpha-3")
    g.add_argument("--code", metavar="CODE", help="event code (AIR_STRIKE) or ACLED event type")
    g.add_argument("--near", type=_argtype(parse_near), metavar="LAT,LON")
    g.add_argument("--km", type=_argtype(float), default=50.0, metavar="N",
                   help="radius for --near (default 50)")
    g.add_argument("--text", metavar="WORDS", help="articles whose text contains WORDS")
    g.add_argument("--limit", type=_argtype(_positive_int), metavar="N")


def filters_from(args: argparse.Namespace) -> Filters:
    try:
        return Filters(since=args.since, until=args.until, country=args.country,
                       code=args.code, near=args.near, km=args.km, text=args.text,
                       limit=args.limit)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _add_ingest(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="extract articles into the store (skips what it already holds)",
        description="Read files, folders, article URLs and RSS/Atom feeds; extract what is new "
        "and store it, merging events into incidents. Re-running changes nothing.",
    )
    p.add_argument("sources", nargs="+", metavar="PATH|URL|FEED")
    _add_db(p)
    p.add_argument("--jobs", "-j", type=_argtype(_positive_int), default=1, metavar="N",
                   help="extraction worker processes (default 1)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    add_engine_options(p)
    p.set_defaults(run=run_ingest)


def _add_watch(sub: Any) -> None:
    p = sub.add_parser("watch", help="poll feeds and ingest what is new",
                       description="Poll the feeds listed in FEEDS.txt (one URL a line).")
    p.add_argument("feeds_file", metavar="FEEDS.txt")
    p.add_argument("--every", type=_argtype(parse_every), default=900.0, metavar="DURATION",
                   help="poll interval, e.g. 15m (default), 1h, 90s")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--rounds", type=_argtype(_positive_int), metavar="N",
                   help="poll N times and exit (default: until interrupted)")
    _add_db(p)
    p.set_defaults(run=run_watch)


def _add_query(sub: Any, name: str, what: str, run: Callable[[argparse.Namespace], int]) -> None:
    p = sub.add_parser(name, help=f"list {what}", description=f"List {what}.")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run)


def _add_failures(sub: Any) -> None:
    p = sub.add_parser("failures", help="list articles that could not be ingested, and why")
    _add_db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run_failures)


def _add_export(sub: Any) -> None:
    from spotrep.export import FORMATS

    p = sub.add_parser("export", help="export incidents or events (ACLED CSV, GeoJSON, ...)")
    _add_db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", "-o", required=True, metavar="FILE")
    p.add_argument("--of", choices=("incidents", "events", "results"), default="incidents",
                   help="what to export (default incidents; results only as jsonl)")
    _add_filters(p)
    p.set_defaults(run=run_export)


# ---- commands ------------------------------------------------------------------------------


def run_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    engine = engine_options(args)
    if engine is not None:
        from spotrep.ingest.sources import is_url

        if any(is_url(s) for s in args.sources):
            raise InputError("--engine reads files and folders; ingest URLs and feeds without it")
        summary_run = make_run(args.sources, args, engine)
        args.run_folder = str(summary_run.run)
        return run_load(args)

    from spotrep.ingest.sources import make_client
    from spotrep.store.ingest import ingest, source_items

    with Store.open(args.db) as store, make_client() as client, tqdm(
        desc="ingest", unit=" art", file=sys.stderr, disable=True if args.quiet else None
    ) as bar:
        items = source_items(args.sources, client, known=store.has_url)
        summary = ingest(store, items, jobs=args.jobs, progress=bar)
    print(summary.line(), file=sys.stderr)
    return EXIT_FAILURES if summary.failed else EXIT_OK


def run_watch(args: argparse.Namespace) -> int:
    from spotrep.ingest.sources import feed_list, make_client
    from spotrep.store.ingest import watch

    feeds = feed_list(Path(args.feeds_file).read_text(encoding="utf-8"))
    if not feeds:
        raise InputError(f"{args.feeds_file}: no feed URLs in it")
    rounds = 1 if args.once else args.rounds

    def report(s: Summary) -> None:
        print(s.line(), file=sys.stderr, flush=True)

    with Store.open(args.db) as store, make_client() as client:
        watch(store, feeds, client, args.every, rounds=rounds, report=report)
    return EXIT_OK


def run_events(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        found = store.events(filters_from(args))
    print_records(args.format, found, EVENT_COLUMNS, event_cells)
    return EXIT_OK


def run_incidents(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        found = store.incidents(filters_from(args))
    print_records(args.format, found, INCIDENT_COLUMNS, incident_cells)
    return EXIT_OK


def run_failures(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        found = store.failures()
    print_records(args.format, found, ("time", "source", "article", "reason"),
                  lambda f: (f.time, f.source or "", f.article_id, f.reason))
    return EXIT_OK


def print_records(
    fmt: str, found: Sequence[Any], columns: Sequence[str], cells: Callable[[Any], Sequence[str]]
) -> None:
    """Stored records as a JSON list (their ``to_dict``) or as a table of ``cells``."""
    if fmt == "json":
        print(json.dumps([r.to_dict() for r in found], ensure_ascii=False, indent=1))
    else:
        print_table(columns, [cells(r) for r in found])


def run_export(args: argparse.Namespace) -> int:
    from spotrep.export import write

    if args.of == "results" and args.format != "jsonl":
        raise InputError("--of results is only exported as --format jsonl")
    filters = filters_from(args)
    target = Path(args.output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # "--output out/incidents.jsonl"
    except OSError as exc:
        raise InputError(f"cannot write {args.output}: {exc.strerror}") from exc
    with Store.open(args.db) as store:
        records: Iterable[Any]
        if args.of == "incidents":
            records = store.incidents(filters)
        elif args.of == "events":
            records = store.events(filters)
        else:
            records = store.results()
        try:
            n = write(args.format, records, target)
        except OSError as exc:
            raise InputError(f"cannot write {args.output}: {exc.strerror}") from exc
    print(f"{n} {args.of} written to {args.output}", file=sys.stderr)
    return EXIT_OK


# ---- tables --------------------------------------------------------------------------------

EVENT_COLUMNS = ("date", "code", "country", "place", "killed", "outlet", "article", "incident")
INCIDENT_COLUMNS = ("incident", "date", "code", "country", "place", "killed", "reports",
                    "outlets", "conflicts")


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def event_cells(se: StoredEvent) -> tuple[str, ...]:
    e = se.event
    w = e.where
    return (e.when.start or "", e.code, (w.country or "") if w else "", (w.name or "") if w else "",
            _n(e.fatalities.count if e.fatalities else None), se.outlet or "",
            se.article_id[:16], se.incident_id or "")


def incident_cells(inc: Incident) -> tuple[str, ...]:
    w = inc.where
    return (inc.id, inc.when.start or "", inc.code, (w.country or "") if w else "",
            (w.name or "") if w else "", _n(inc.fatalities.count if inc.fatalities else None),
            str(len(inc.reports)), str(inc.corroboration),
            ",".join(c.field for c in inc.conflicts))


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    widths = [min(w, 40) for w in widths]
    for row in (header, *rows):
        print("  ".join(str(c)[:w].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
