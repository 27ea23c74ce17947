"""Option definitions shared by the commands: one spelling, one check and one help text each.

A value that cannot be used fails while the command line is parsed, with argparse's one-line
message and exit status 2, before any store is opened or model loaded.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date
from typing import Any, NoReturn

from spotrep.errors import FilterError
from spotrep.store import Filters, default_db_path
from spotrep.store.filters import (
    DATE_PRECISIONS,
    STATUSES,
    TEXT_LIMIT,
    country_alpha2,
    parse_bbox,
    parse_km,
    parse_near,
    resolve_codes,
)


class Parser(argparse.ArgumentParser):
    """argparse's parser, with a usage error printed as one line (and how to get help)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def argtype(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse type that turns a parser's ValueError into a usage error (exit 2)."""

    def convert(value: str) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            # argparse names the option itself: "argument --km: must be ..."
            raise argparse.ArgumentTypeError(re.sub(r"^--[\w-]+ ", "", str(exc))) from None

    convert.__name__ = getattr(parse, "__name__", "value")
    return convert


def _whole(least: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise ValueError(f"expected a whole number, got {value!r}") from None
        if n < least:
            raise ValueError(f"must be at least {least}, got {n}")
        return n

    return parse


positive_int = argtype(_whole(1))
count = argtype(_whole(0))


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _phrase(value: str) -> str:
    if len(value) > TEXT_LIMIT:
        raise ValueError(f"{len(value):,} characters long; the limit is {TEXT_LIMIT}")
    return value


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH|URL",
                   help=f"SQLite file or postgresql:// URL (default: $SPOTREP_DB or "
                        f"{default_db_path()})")


def add_jobs(p: argparse.ArgumentParser, what: str = "worker processes") -> None:
    p.add_argument("--jobs", "-j", type=positive_int, default=1, metavar="N",
                   help=f"{what} (default 1; each loads the model once)")


def add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def add_format(p: argparse.ArgumentParser, *choices: str) -> None:
    formats = choices or ("table", "json")
    p.add_argument("--format", "-f", choices=formats, default=formats[0],
                   help=f"output format (default {formats[0]})")


def add_filters(p: argparse.ArgumentParser) -> None:
    """The filters of ``spotrep.store.Filters``, one option each."""
    g = p.add_argument_group("filters")
    g.add_argument("--since", type=argtype(_iso_date), metavar="YYYY-MM-DD",
                   help="records whose date range ends on or after this day")
    g.add_argument("--until", type=argtype(_iso_date), metavar="YYYY-MM-DD",
                   help="records whose date range starts on or before this day")
    g.add_argument("--country", type=argtype(country_alpha2), metavar="NAME|ISO",
                   help="country name (Ukraine, Turkey) or ISO alpha-2/alpha-3 code")
    g.add_argument("--admin1", metavar="NAME", type=argtype(_phrase),
                   help="first-level division, e.g. 'Kharkiv Oblast' (any case)")
    g.add_argument("--code", action="append", default=[], type=argtype(_one_code),
                   metavar="CODE|NAME",
                   help="event code (AIR_STRIKE) or ACLED sub-event or event type "
                        "('Air/drone strike', Battles); may repeat")
    g.add_argument("--actor", metavar="NAME", type=argtype(_phrase),
                   help="an actor's name contains NAME")
    g.add_argument("--speaker", metavar="NAME", type=argtype(_phrase),
                   help="a claim about the event by a speaker whose name contains NAME")
    g.add_argument("--outlet", metavar="NAME", type=argtype(_phrase),
                   help="reported by an outlet whose name contains NAME")
    g.add_argument("--status", action="append", default=[], choices=STATUSES,
                   help="event status; may repeat (default: every status)")
    g.add_argument("--min-fatalities", type=count, metavar="N",
                   help="at least N killed (the conservative figure)")
    g.add_argument("--precision", type=int, choices=(1, 2, 3),
                   help="geo precision N or better (1 the town, 2 near it, 3 a region)")
    g.add_argument("--date-precision", choices=DATE_PRECISIONS,
                   help="dates at least this precise")
    g.add_argument("--min-corroboration", type=positive_int, metavar="N",
                   help="incidents (or events of incidents) reported by at least N outlets")
    g.add_argument("--conflicts", action="store_true",
                   help="only incidents (or events of incidents) whose reports disagree")
    g.add_argument("--bbox", type=argtype(parse_bbox), metavar="W,S,E,N",
                   help="inside a box: west,south,east,north in degrees")
    g.add_argument("--near", type=argtype(parse_near), metavar="LAT,LON",
                   help="within --km of a point")
    g.add_argument("--km", type=argtype(parse_km), default=50.0, metavar="N",
                   help="radius for --near (default 50)")
    g.add_argument("--text", metavar="WORDS", type=argtype(_phrase),
                   help="the article's text or title contains WORDS")
    g.add_argument("--limit", type=positive_int, metavar="N", help="at most N records")


def _one_code(value: str) -> tuple[str, ...]:
    return resolve_codes([value])


def filters_from(args: argparse.Namespace) -> Filters:
    """The ``Filters`` of parsed ``add_filters`` options (a ``FilterError`` if they clash)."""
    codes = tuple(c for found in args.code for c in found)
    try:
        return Filters(
            since=args.since, until=args.until, country=args.country, admin1=args.admin1,
            code=codes, actor=args.actor, speaker=args.speaker, outlet=args.outlet,
            status=tuple(args.status), min_fatalities=args.min_fatalities,
            precision=args.precision, date_precision=args.date_precision,
            min_corroboration=args.min_corroboration, has_conflicts=args.conflicts,
            bbox=args.bbox, near=args.near, km=args.km, text=args.text, limit=args.limit,
        )
    except FilterError:
        raise
    except (TypeError, ValueError) as exc:  # a value of the wrong type from a caller
        raise FilterError(str(exc)) from None
