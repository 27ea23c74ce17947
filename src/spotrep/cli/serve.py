"""``spotrep serve``: the web explorer and its JSON API over a store (read-only)."""

from __future__ import annotations

import argparse
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

from spotrep.cli._common import EXIT_OK
from spotrep.errors import StoreError, UsageError
from spotrep.store import default_db_path

DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve", help="explore the store in a browser: map, timeline, incidents (read-only)",
        description="Serve the store's events and incidents as a web page and a JSON API "
        "(OpenAPI at /api/openapi.json). Binds 127.0.0.1 unless --host says otherwise. "
        "Nothing leaves the machine unless the user switches the online tile layer on.",
    )
    p.add_argument("--db", metavar="PATH|URL",
                   help=f"SQLite file or postgresql:// URL (default: $SPOTREP_DB or "
                        f"{default_db_path()})")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; another address is reachable "
                        "from the network)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--open", action="store_true", help="open the page in a web browser")
    p.add_argument("--tiles-url", metavar="URL",
                   help="online tile layer the page offers behind a switch, off by default "
                        "(e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png)")
    p.add_argument("--tiles-attribution", default=DEFAULT_ATTRIBUTION, metavar="TEXT",
                   help=f"attribution shown with the tile layer (default {DEFAULT_ATTRIBUTION!r})")
    p.set_defaults(run=run_serve)


def _existing(db: str | None) -> str | Path:
    """The store to serve, which must exist: serving never creates one."""
    target = db or str(default_db_path())
    if "://" not in target and not Path(target).expanduser().is_file():
        raise StoreError(f"no store at {target} "
                         f"(create one with: spotrep ingest ... --db {target})")
    return target


def run_serve(args: argparse.Namespace) -> int:
    from spotrep.serve import Tiles, create_app, is_loopback, serve
    from spotrep.store import Store

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be 1-65535, got {args.port}")
    tiles = None
    if args.tiles_url:
        if not args.tiles_url.startswith("https://") or "{z}" not in args.tiles_url:
            raise UsageError("--tiles-url must be an https:// URL with {z}, {x} and {y}")
        tiles = Tiles(args.tiles_url, args.tiles_attribution)
    if not is_loopback(args.host):
        print(f"spotrep: warning: serving on {args.host}: anyone who can reach this address "
              "can read the store", file=sys.stderr)
    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}/"
    with Store.open(_existing(args.db)) as store:
        app = create_app(store, tiles, warm=True)
        print(f"spotrep: serving {args.db or default_db_path()} at {url} (Ctrl+C to stop)",
              file=sys.stderr)
        if args.open:
            threading.Timer(1.0, webbrowser.open, (url,)).start()
        serve(app, args.host, args.port)
    return EXIT_OK
