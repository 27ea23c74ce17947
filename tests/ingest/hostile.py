"""A hostile source on loopback: a real HTTP server serving what unattended fetching meets.

Paths: ``/article`` (a fine page), ``/trickle`` (4 bytes every 0.2 s, for ever), ``/huge``
(6 MB, no Content-Length), ``/lying`` (UTF-8 sent as ISO-8859-1), ``/unknown-charset``,
``/latin1-unknown`` (Latin-1 with an unknown charset), ``/flaky`` (503 twice, then the page),
``/private`` (disallowed by robots.txt), ``/not-a-feed.xml``, ``/deep`` (HTML nested 300 deep),
``/redirect?to=URL``, ``/feed.xml`` (items pointing at a page, a local file and the server
itself). ``hits`` counts the requests per path.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PARA = ("Artillery shelling hit the market in Nikopol on Saturday morning, killing one woman, "
        "the regional governor said. ") * 6
QUOTED = "The governor’s office said the market’s stalls burned."


def page(body: str, title: str = "Market shelled") -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p><p>{PARA}</p></article></body></html>")


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    hits: Counter[str]
    flaky_left: int
    stop_trickle: threading.Event

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: HostileServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self.server.hits[url.path] += 1
        route = ROUTES.get(url.path)
        if route is None:
            self.send(404, b"not here", "text/plain")
        else:
            route(self, parse_qs(url.query))


def _article(h: Handler, q: dict[str, list[str]]) -> None:
    h.send(200, page(PARA).encode(), "text/html; charset=utf-8")


def _trickle(h: Handler, q: dict[str, list[str]]) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(1000):
            if h.server.stop_trickle.is_set():
                return
            h.wfile.write(b"<p>x")
            h.wfile.flush()
            time.sleep(0.2)
    except OSError:
        return


def _huge(h: Handler, q: dict[str, list[str]]) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(600):
            h.wfile.write(b"x" * 10_000)
    except OSError:
        return


def _lying(h: Handler, q: dict[str, list[str]]) -> None:
    h.send(200, page(QUOTED).encode("utf-8"), "text/html; charset=iso-8859-1")


def _unknown(h: Handler, q: dict[str, list[str]]) -> None:
    h.send(200, page(QUOTED).encode("utf-8"), "text/html; charset=x-no-such-charset")


def _latin1_unknown(h: Handler, q: dict[str, list[str]]) -> None:
    body = page("Le café près de la gare a été touché. " * 3)
    h.send(200, body.encode("latin-1"), "text/html; charset=x-no-such-charset")


def _flaky(h: Handler, q: dict[str, list[str]]) -> None:
    if h.server.flaky_left > 0:
        h.server.flaky_left -= 1
        h.send(503, b"busy", "text/plain", {"Retry-After": "1"})
    else:
        _article(h, q)


def _robots(h: Handler, q: dict[str, list[str]]) -> None:
    h.send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")


def _not_a_feed(h: Handler, q: dict[str, list[str]]) -> None:
    h.send(200, b"<?xml version='1.0'?><config><item>1</item></config>", "application/xml")


def _deep(h: Handler, q: dict[str, list[str]]) -> None:
    body = "<html><body>" + "<div>" * 300 + page(PARA) + "</div>" * 300 + "</body></html>"
    h.send(200, body.encode())


def _redirect(h: Handler, q: dict[str, list[str]]) -> None:
    h.send(302, b"", "text/plain", {"Location": q.get("to", ["/article"])[0]})


def _feed(h: Handler, q: dict[str, list[str]]) -> None:
    base = h.server.base
    items = [f"{base}/article", "file:///etc/passwd", f"{base}/private", f"{base}/nowhere"]
    body = "".join(f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(items))
    rss = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Hostile</title>{body}"
    h.send(200, (rss + "</channel></rss>").encode(), "application/rss+xml")


ROUTES = {
    "/article": _article, "/trickle": _trickle, "/huge": _huge, "/lying": _lying,
    "/unknown-charset": _unknown, "/latin1-unknown": _latin1_unknown, "/flaky": _flaky,
    "/robots.txt": _robots, "/private": _article, "/not-a-feed.xml": _not_a_feed,
    "/deep": _deep, "/redirect": _redirect, "/feed.xml": _feed,
}


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer(("127.0.0.1", 0), Handler)
    server.hits = Counter()
    server.flaky_left = 2
    server.stop_trickle = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop_trickle.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
