"""The ``spotrep`` command line: thin commands over the Python API.

Each module registers its commands on the one parser: ``extract`` (article commands),
``store`` (ingest, watch, queries, export). Every command sets ``args.run``.

Exit status: 0 when everything went well, 1 when some articles failed (each failure is printed
on stderr with its id and reason; every other result is still written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from spotrep import __version__
from spotrep.cli import extract, scale, serve, store
from spotrep.cli._common import EXIT_FAILURES, EXIT_OK, EXIT_USAGE
from spotrep.cli._options import Parser
from spotrep.errors import SpotrepError, UsageError

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as exc:
        print(f"spotrep: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SpotrepError as exc:
        print(f"spotrep: error: {exc}", file=sys.stderr)
        return EXIT_FAILURES
    except KeyboardInterrupt:
        print("spotrep: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="spotrep",
        description="Read conflict news reports and write an auditable event dataset.",
    )
    parser.add_argument("--version", action="version", version=f"spotrep {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.register(sub)
    store.register(sub)
    serve.register(sub)
    scale.register(sub)
    return parser
