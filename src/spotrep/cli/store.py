"""Store commands for the ``spotrep`` command line: ingest, watch, events, incidents, failures,
export. Each is a thin layer over ``spotrep.store``, ``spotrep.merge`` and ``spotrep.export``;
``spotrep.cli`` calls ``register`` and then ``args.run(args)``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from spotrep.cli._common import EXIT_FAILURES, EXIT_OK
from spotrep.cli._options import (
    add_db,
    add_filters,
    add_format,
    add_jobs,
    add_quiet,
    argtype,
    filters_from,
    positive_int,
)
from spotrep.cli._progress import expected_articles
from spotrep.cli._table import print_table
from spotrep.cli.scale import add_engine_options, engine_options, make_run, run_load
from spotrep.errors import InputError
from spotrep.merge import Incident
from spotrep.store import Store, StoredEvent
from spotrep.store.filters import country_name
from spotrep.store.ingest import Summary, parse_every
from spotrep.store.stored import IncidentDetail
from spotrep.store.summary import GROUPINGS, Group


def register(subparsers: Any) -> None:
    """Add the store commands to the ``spotrep`` sub-command parser."""
    _add_ingest(subparsers)
    _add_watch(subparsers)
    _add_query(subparsers, "events", "events found in the stored articles", run_events)
    _add_query(subparsers, "incidents", "incidents merged across articles", run_incidents)
    _add_summary(subparsers)
    _add_show(subparsers)
    _add_failures(subparsers)
    _add_runs(subparsers)
    _add_delete(subparsers)
    _add_export(subparsers)


def _add_ingest(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="extract articles into the store (skips what it already holds)",
        description="Read files, folders, article URLs and RSS/Atom feeds; extract what is new "
        "and store it, merging events into incidents. Re-running changes nothing.",
    )
    p.add_argument("sources", nargs="+", metavar="PATH|URL|FEED")
    add_db(p)
    add_jobs(p, "extraction worker processes")
    add_quiet(p)
    _add_fetching(p)
    add_engine_options(p)
    p.set_defaults(run=run_ingest)


def _add_watch(sub: Any) -> None:
    p = sub.add_parser("watch", help="poll feeds and ingest what is new",
                       description="Poll the feeds listed in FEEDS.txt (one URL a line).")
    p.add_argument("feeds_file", metavar="FEEDS.txt")
    p.add_argument("--every", type=argtype(parse_every), default=900.0, metavar="DURATION",
                   help="poll interval, e.g. 15m (default), 1h, 90s")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--rounds", type=positive_int, metavar="N",
                   help="poll N times and exit (default: until interrupted)")
    add_db(p)
    _add_fetching(p)
    p.set_defaults(run=run_watch)


def _add_fetching(p: argparse.ArgumentParser) -> None:
    from spotrep.bounds import DEFAULT_TIME_BUDGET

    p.add_argument("--allow-private", action="store_true",
                   help="also fetch loopback, private and link-local addresses (refused by "
                        "default)")
    p.add_argument("--time-budget", type=argtype(_positive_float), default=DEFAULT_TIME_BUDGET,
                   metavar="SECONDS", help="seconds of work per article before it is given up "
                   f"as a failure (default {DEFAULT_TIME_BUDGET:g})")


def _positive_float(value: str) -> float:
    n = float(value)
    if not 0 < n < float("inf"):
        raise ValueError(f"must be a positive number of seconds, got {value}")
    return n


def _fetch_client(args: argparse.Namespace) -> Any:
    from spotrep.ingest.sources import FetchPolicy, make_client

    return make_client(policy=FetchPolicy(allow_private=args.allow_private))


def _print_failure(failure: Any) -> None:
    from tqdm import tqdm

    tqdm.write(f"failed: {failure.article_id}: {failure.reason}", file=sys.stderr)


def _add_query(sub: Any, name: str, what: str, run: Callable[[argparse.Namespace], int]) -> None:
    p = sub.add_parser(name, help=f"list {what}", description=f"List {what}.")
    add_db(p)
    add_filters(p)
    add_format(p)
    p.set_defaults(run=run)


def _add_summary(sub: Any) -> None:
    p = sub.add_parser(
        "summary", help="counts and fatality sums by week, month, place, code or actor",
        description="Count incidents (or events) and sum their conservative tolls, with the "
        "range the reports give where they disagree. With --by actor a record counts under "
        "each of its actors; the total counts each once.",
    )
    p.add_argument("--by", choices=GROUPINGS, required=True)
    p.add_argument("--of", choices=("incidents", "events"), default="incidents",
                   help="what to count (default incidents: each event reported once)")
    add_db(p)
    add_filters(p)
    add_format(p)
    p.set_defaults(run=run_summary)


def _add_show(sub: Any) -> None:
    p = sub.add_parser(
        "show", help="one incident in full: reports, outlets, claims and conflicting values",
    )
    p.add_argument("incident", metavar="INCIDENT", help="an incident id (or its unique start)")
    add_db(p)
    add_format(p, "text", "json")
    p.set_defaults(run=run_show)


def _add_failures(sub: Any) -> None:
    p = sub.add_parser("failures", help="list articles that could not be ingested, and why")
    add_db(p)
    add_format(p)
    p.set_defaults(run=run_failures)


def _add_runs(sub: Any) -> None:
    p = sub.add_parser("runs", help="list ingest runs: when, what they were given, what they added")
    add_db(p)
    add_format(p)
    p.set_defaults(run=run_runs)


def _add_delete(sub: Any) -> None:
    p = sub.add_parser(
        "delete", help="remove what one ingest run (or one source) added",
        description="Delete the articles one ingest run stored (`spotrep runs` lists them; "
        "ingest prints its run id), or those read from one source as given to ingest, with "
        "their events, claims and places. Incidents are rebuilt from their other reports.",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--run", dest="run_id", metavar="RUN", help="an ingest run id")
    which.add_argument("--source", metavar="PATH|URL", help="a source as given to ingest")
    p.add_argument("--dry-run", action="store_true", help="only say how many articles would go")
    add_db(p)
    p.set_defaults(run=run_delete)


def _add_export(sub: Any) -> None:
    from spotrep.export import FORMATS

    p = sub.add_parser("export", help="export incidents or events (ACLED CSV, GeoJSON, ...)")
    add_db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", "-o", required=True, metavar="FILE",
                   help="file to write ('-' for standard output)")
    p.add_argument("--of", choices=("incidents", "events", "results"), default="incidents",
                   help="what to export (default incidents; results only as jsonl)")
    p.add_argument("--inter", choices=("text", "numeric"), default="text",
                   help="ACLED inter1/inter2/interaction as text labels (default) or codes")
    add_filters(p)
    p.epilog = ("Events are exported with status reported unless --status says otherwise; "
                "the ACLED CSV holds reported events only.")
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
    from spotrep.store.ingest import ingest, source_items

    with Store.open(args.db, create=True) as store, _fetch_client(args) as client, tqdm(
        desc="ingest", unit=" art", total=expected_articles(args.sources), file=sys.stderr,
        disable=True if args.quiet else None,
    ) as bar:
        run_id = store.begin_run(args.sources)
        items = source_items(args.sources, client, known=store.has_url)
        summary = ingest(store, items, jobs=args.jobs, progress=bar, on_failure=_print_failure,
                         time_budget=args.time_budget)
    undo = f": `spotrep delete --run {run_id}` undoes it" if summary.new else ""
    print(f"{summary.line()} (run {run_id}{undo})", file=sys.stderr)
    return EXIT_FAILURES if summary.failed else EXIT_OK


def run_watch(args: argparse.Namespace) -> int:
    from spotrep.ingest.sources import feed_list
    from spotrep.store.ingest import watch

    try:
        text = Path(args.feeds_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {args.feeds_file}: {exc}") from exc
    feeds = feed_list(text, args.feeds_file)
    if not feeds:
        raise InputError(f"{args.feeds_file}: no feed URLs in it")
    rounds = 1 if args.once else args.rounds

    def report(s: Summary) -> None:
        print(s.line(), file=sys.stderr, flush=True)

    with Store.open(args.db, create=True) as store, _fetch_client(args) as client:
        store.begin_run([args.feeds_file, *feeds])
        watch(store, feeds, client, args.every, rounds=rounds, report=report,
              on_failure=_print_failure, time_budget=args.time_budget)
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


def run_summary(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        groups, total = store.summary(args.by, filters_from(args), of=args.of)
    if args.format == "json":
        print(json.dumps({"by": args.by, "of": args.of, "groups": [g.to_dict() for g in groups],
                          "total": total.to_dict()}, ensure_ascii=False, indent=1))
        return EXIT_OK
    header = (args.by, args.of, "killed", "reports say", "disputed")
    print_table(header, [_group_cells(g) for g in (*groups, total)])
    return EXIT_OK


def _group_cells(g: Group) -> tuple[str, ...]:
    told = f"{g.fatalities_min}-{g.fatalities_max}" if g.fatalities_min != g.fatalities_max else ""
    return (g.key, str(g.records), str(g.fatalities), told, str(g.disputed) if g.disputed else "")


def run_show(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        detail = store.incident(args.incident)
    if args.format == "json":
        print(json.dumps(detail.to_dict(), ensure_ascii=False, indent=1))
    else:
        print_incident(detail)
    return EXIT_OK


def print_incident(detail: IncidentDetail) -> None:
    """The merged record, then each report, the claims about it and every conflicting value."""
    inc = detail.incident
    w = inc.where
    place = ", ".join(x for x in (w.name, w.admin1, country_name(w.country)) if x) if w else ""
    if w is not None and w.lat is not None and w.lon is not None:
        place += f" ({w.lat:.4f}, {w.lon:.4f}; precision {w.precision})"
    actors = "; ".join(f"{a.role}: {a.name or a.text}" for a in inc.actors)
    print_table(("incident", inc.id), [
        ("type", f"{inc.event_type} / {inc.sub_event_type} ({inc.code})"),
        ("date", f"{inc.when.start or ''} ({inc.when.precision or 'no date'})"),
        ("place", place),
        ("killed", killed_cell(inc)),
        ("injured", _n(inc.injuries.count if inc.injuries else None)),
        ("actors", actors),
        ("outlets", f"{inc.corroboration} ({len(inc.reports)} reports)"),
    ])
    print(f"\nreports ({len(detail.reports)})")
    print_table(REPORT_COLUMNS, [_report_cells(r.stored) for r in detail.reports])
    claims = [(r.stored.outlet or r.stored.article_id, c) for r in detail.reports
              for c in r.claims]
    if claims:
        print(f"\nclaims ({len(claims)})")
        print_table(("outlet", "speaker", "channel", "words"), [
            (outlet, c.speaker.name or c.speaker.text or c.speaker.kind,
             c.channel.text if c.channel else "", c.content.text) for outlet, c in claims
        ])
    if inc.conflicts:
        print(f"\nconflicts ({len(inc.conflicts)})")
        print_table(("field", "value", "outlet", "article"), [
            (c.field, str(v), o or "", a) for c in inc.conflicts for v, a, o in c.values
        ])


REPORT_COLUMNS = ("published", "outlet", "article", "event", "date", "place", "killed",
                  "evidence")


def _report_cells(se: StoredEvent) -> tuple[str, ...]:
    e = se.event
    evidence = e.evidence[0].text if e.evidence else (se.title or se.url or "")
    return (se.published or "", se.outlet or "", se.article_id[:16], e.id, e.when.start or "",
            (e.where.name or "") if e.where else "",
            _n(e.fatalities.count if e.fatalities else None), evidence)


def run_runs(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        found = store.runs()
    print_records(args.format, found, ("run", "started", "articles", "sources"),
                  lambda r: (r.id, r.started_at, str(r.articles), " ".join(r.sources)))
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        done = store.delete(run_id=args.run_id, source=args.source, dry_run=args.dry_run)
    if args.dry_run:
        print(f"would delete {done.articles} articles (run again without --dry-run)",
              file=sys.stderr)
    else:
        print(done.line(), file=sys.stderr)
    return EXIT_OK


def run_failures(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        found = store.failures()
    if args.format == "json":
        print_records(args.format, found, (), lambda f: ())
        return EXIT_OK
    for f in found:  # one failure a line, the reason in full (a table would cut it)
        print(f"{f.time}  {f.source or '-'}  {f.article_id}: {f.reason}")
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
    from spotrep import export

    if args.of == "results" and args.format != "jsonl":
        raise InputError("--of results is only exported as --format jsonl")
    statuses = frozenset(args.status) or export.DEFAULT_STATUSES
    if args.format == "acled-csv" and statuses != export.DEFAULT_STATUSES:
        raise InputError("--format acled-csv holds reported events only (ACLED codes what "
                         "happened); use geojson, jsonl or parquet for other statuses")
    filters = filters_from(args)
    target = Path(args.output)
    try:
        if args.output != "-":
            target.parent.mkdir(parents=True, exist_ok=True)  # "--output out/incidents.jsonl"
    except OSError as exc:
        raise InputError(f"cannot write {args.output}: {exc.strerror}") from exc
    options = export.AcledOptions(numeric_inter=args.inter == "numeric")
    with Store.open(args.db) as store:
        records: Iterable[Any]
        if args.of == "incidents":
            records = export.incidents(store, filters)
        elif args.of == "events":
            records = export.events(store, filters)
        else:
            records = store.results()
        try:
            n = export.write(args.format, records, args.output, statuses, options)
        except OSError as exc:
            raise InputError(f"cannot write {args.output}: {exc.strerror}") from exc
    where = "standard output" if args.output == "-" else args.output
    print(f"{n} {args.of} written to {where}", file=sys.stderr)
    return EXIT_OK


# ---- tables --------------------------------------------------------------------------------

EVENT_COLUMNS = ("date", "type", "status", "country", "place", "killed", "outlet", "article",
                 "incident")
INCIDENT_COLUMNS = ("incident", "date", "type", "country", "place", "killed", "reports",
                    "outlets", "conflicts")


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def event_cells(se: StoredEvent) -> tuple[str, ...]:
    e = se.event
    w = e.where
    return (e.when.start or "", e.sub_event_type, e.status,
            country_name(w.country) if w else "", (w.name or "") if w else "",
            _n(e.fatalities.count if e.fatalities else None), se.outlet or "",
            se.article_id[:16], se.incident_id or "")


def killed_cell(inc: Incident) -> str:
    """The conservative toll, with the range the reports give when they disagree: ``3 (3-5)``."""
    count = _n(inc.fatalities.count if inc.fatalities else None)
    told = [v for c in inc.conflicts if c.field == "fatalities" for v, _a, _o in c.values
            if isinstance(v, int)]
    return f"{count} ({min(told)}-{max(told)})" if told else count


def incident_cells(inc: Incident) -> tuple[str, ...]:
    w = inc.where
    return (inc.id, inc.when.start or "", inc.sub_event_type,
            country_name(w.country) if w else "", (w.name or "") if w else "",
            killed_cell(inc), str(len(inc.reports)), str(inc.corroboration),
            ",".join(c.field for c in inc.conflicts))
