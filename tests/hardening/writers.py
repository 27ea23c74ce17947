"""Writers for the concurrency tests, each run as its own process: ``ingest`` of generated
articles and ``watch`` of a loopback feed, both with a stand-in extractor (no model) that takes
a little time per article so that the writers overlap.

    python writers.py ingest DB N PAUSE
    python writers.py watch DB FEED_URL ROUNDS PAUSE

Each prints its summaries, one line each. ``feed_server`` serves the feed ``watch`` reads.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from spotrep.records import Article, Event, Place, Result, Toll, When

KHARKIV = Place("Kharkiv", None, "Kharkiv", None, "populated_place", "UA", "Kharkiv Oblast",
                49.9935, 36.2304, 1)


def report(i: int, kind: str) -> str:
    return f"{kind} report {i}: on March 5 a strike hit Kharkiv, officials said."


def stand_in(pause: float) -> object:
    """One air strike in Kharkiv on 5 March 2024 per article, after ``pause`` seconds."""

    def extract(articles: Iterable[Article]) -> Iterator[Result]:
        for a in articles:
            time.sleep(pause)
            event = Event(id="e1", code="AIR_STRIKE", status="reported", trigger=None,
                          actors=(), when=When("on March 5", "2024-03-05", "2024-03-05", "day",
                                               None),
                          where=KHARKIV, fatalities=Toll(len(a.text) % 7))
            yield Result(article=a, events=(event,), warnings=a.notes)  # as prepare() does

    return extract


def run_ingest(db: str, n: int, pause: float) -> None:
    from spotrep.store import Store
    from spotrep.store.ingest import ingest

    items = [("generated", Article.create(report(i, "Archive"), published="2024-03-06"))
             for i in range(n)]
    with Store.open(db, create=True) as store:
        summary = ingest(store, items, extractor=stand_in(pause), batch_size=4)  # type: ignore[arg-type]
        print(summary.line(), flush=True)


def run_watch(db: str, feed: str, rounds: int, pause: float) -> None:
    from spotrep.ingest.sources import FetchPolicy, make_client
    from spotrep.store import Store
    from spotrep.store.ingest import watch

    policy = FetchPolicy(allow_private=True, min_interval=0, robots=False)
    with Store.open(db, create=True) as store, make_client(policy=policy) as client:
        watch(store, [feed], client, 0.2, rounds=rounds, extractor=stand_in(pause),  # type: ignore[arg-type]
              report=lambda s: print(s.line(), flush=True))


# ---- the feed ---------------------------------------------------------------------------------


def page(i: int) -> bytes:
    body = report(i, "Feed") + " " + ("Residents described the damage to the buildings. " * 8)
    return (f"<html><head><title>Feed report {i}</title></head><body><article>"
            f"<h1>Feed report {i}</h1><p>{body}</p></article></body></html>").encode()


def rss(base: str, m: int) -> bytes:
    items = "".join(f"<item><title>Feed report {i}</title><link>{base}/a/{i}</link>"
                    f"<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>" for i in range(m))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title>'
            f"{items}</channel></rss>").encode()


Responder = Callable[[str, str], tuple[int, str, bytes]]
"""What a loopback server answers: (its base URL, the request path) -> status, type, body."""


@contextmanager
def loopback(respond: Responder) -> Iterator[str]:
    """A loopback HTTP server answering each GET with ``respond``; its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            status, kind, body = respond(f"http://127.0.0.1:{self.server.server_address[1]}",
                                         self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def feed_server(m: int) -> Iterator[str]:
    """A loopback server of a feed of ``m`` articles; the feed's URL."""

    def respond(base: str, path: str) -> tuple[int, str, bytes]:
        if path == "/feed.xml":
            return 200, "application/rss+xml", rss(base, m)
        if path.startswith("/a/") and path[3:].isdigit():
            return 200, "text/html; charset=utf-8", page(int(path[3:]))
        return 404, "text/plain", b"not here"

    with loopback(respond) as base:
        yield f"{base}/feed.xml"

if __name__ == "__main__":
    command, db, *rest = sys.argv[1:]
    if command == "ingest":
        run_ingest(db, int(rest[0]), float(rest[1]))
    else:
        run_watch(db, rest[0], int(rest[1]), float(rest[2]))
