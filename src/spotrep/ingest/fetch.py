"""Polite, bounded fetching: what every request spotrep sends goes through.

``PolicyTransport`` wraps an httpx transport and, for every hop (redirects included):

- refuses hosts whose resolved address is loopback, private, link-local, multicast, reserved or
  unspecified (and checks the address actually connected to, against DNS rebinding), unless the
  policy allows private addresses;
- asks the site's robots.txt (read with protego, cached per site) whether spotrep may fetch;
- waits its turn per host (``min_interval`` seconds between requests to one host);
- retries connection errors and HTTP 429/502/503/504 with exponential backoff (tenacity),
  never past the fetch's deadline;
- caps each network wait by the time left before the fetch's deadline.

``fetch_deadline`` and ``Watchdog`` bound a whole fetch (every hop, retry and the body) in wall
time: a server trickling a few bytes at a time is cut off at the deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx
import tenacity
from protego import Protego

Resolver = Callable[[str, int], list[str]]

DEADLINE_KEY = "spotrep.deadline"
"""Request extension: the monotonic time by which the whole fetch must be done."""
TRANSIENT_STATUS = frozenset({429, 502, 503, 504})
ROBOTS_MAX_BYTES = 500_000
ROBOTS_TOKEN = "spotrep"


class PolicyError(httpx.TransportError):
    """A request the fetch policy refuses (an internal address, robots.txt)."""


class DeadlineError(httpx.TimeoutException):
    """The fetch ran out of its total time."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    allow_private: bool = False
    """Fetch loopback, private and link-local addresses too (``--allow-private``)."""
    deadline: float = 60.0
    """Seconds one fetch may take in all: hops, retries and the body."""
    min_interval: float = 1.0
    """Seconds between two requests to one host."""
    attempts: int = 3
    """Tries of a request that meets a transient error (connection, 429, 502-504)."""
    robots: bool = True
    """Obey robots.txt."""


def user_agent() -> str:
    """An honest user agent: what spotrep is, its version, and the HTTP library."""
    try:
        v = version("spotrep")
    except PackageNotFoundError:  # a source tree that was never installed
        v = "0.0.0"
    return (f"spotrep/{v} (conflict-news event extraction; obeys robots.txt) "
            f"httpx/{httpx.__version__}")


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the system resolver; decimal and hex IPs too)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return [str(info[4][0]) for info in infos]


def internal_reason(address: str) -> str | None:
    """Why ``address`` is internal (loopback, private, ...), or None for a public address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "not globally routable"


def remaining(request: httpx.Request, clock: Callable[[], float] = time.monotonic) -> float | None:
    deadline = request.extensions.get(DEADLINE_KEY)
    return None if deadline is None else float(deadline) - clock()


class PolicyTransport(httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport,
        policy: FetchPolicy,
        resolve: Resolver = resolve_host,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner, self.policy, self.resolve = inner, policy, resolve
        self.clock, self.sleep = clock, sleep
        self._lock = threading.Lock()
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._check_address(request.url)
        if self.policy.robots and request.url.path != "/robots.txt":
            self._check_robots(request)
        return self._send(request)

    def close(self) -> None:
        self.inner.close()

    # ---- internal addresses --------------------------------------------------------------

    def _check_address(self, url: httpx.URL) -> None:
        if self.policy.allow_private:
            return
        port = url.port or (443 if url.scheme == "https" else 80)
        for address in self.resolve(url.host, port):
            why = internal_reason(address)
            if why:
                raise PolicyError(f"refused: {url.host} is an internal address ({address}, "
                                  f"{why}); use --allow-private to fetch it")

    def _check_peer(self, url: httpx.URL, response: httpx.Response) -> None:
        """The address connected to (DNS may answer differently the second time)."""
        stream = response.extensions.get("network_stream")
        if self.policy.allow_private or stream is None:
            return
        peer = stream.get_extra_info("server_addr")
        why = internal_reason(str(peer[0])) if peer else None
        if why:
            response.close()
            raise PolicyError(f"refused: {url.host} connected to an internal address "
                              f"({peer[0]}, {why}); use --allow-private to fetch it")

    # ---- robots.txt ----------------------------------------------------------------------

    def _check_robots(self, request: httpx.Request) -> None:
        url = request.url
        site = f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(request, site)
        rules = self._robots[site]
        if rules is not None and not rules.can_fetch(str(url), ROBOTS_TOKEN):
            raise PolicyError(f"refused: {site}/robots.txt disallows {url.path} for spotrep")

    def _read_robots(self, request: httpx.Request, site: str) -> Protego | None:
        """The site's rules; None (allow everything) when it has no robots.txt (RFC 9309)."""
        robots = httpx.Request("GET", f"{site}/robots.txt", headers=request.headers,
                               extensions=dict(request.extensions))
        try:
            response = self._send(robots)
        except httpx.HTTPError:
            return None
        try:
            if response.status_code >= 400:
                return None
            body = b""
            for chunk in response.iter_raw():
                body += chunk
                if len(body) > ROBOTS_MAX_BYTES:
                    break
            return Protego.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace"))
        finally:
            response.close()

    # ---- turns and retries ---------------------------------------------------------------

    def _wait_turn(self, request: httpx.Request) -> None:
        host = request.url.host
        with self._lock:
            now = self.clock()
            turn = max(now, self._next_turn.get(host, now))
            self._next_turn[host] = turn + self.policy.min_interval
        wait = turn - now
        left = remaining(request, self.clock)
        if left is not None and wait >= left:
            raise DeadlineError(f"{host}: no turn before the fetch deadline (rate limit)")
        if wait > 0:
            self.sleep(wait)

    def _send(self, request: httpx.Request) -> httpx.Response:
        def transient(state: tenacity.RetryCallState) -> bool:
            if state.outcome is None:
                return False
            if state.outcome.failed:
                exc = state.outcome.exception()
                return isinstance(exc, httpx.TransportError) and not isinstance(
                    exc, PolicyError | DeadlineError)
            response: httpx.Response = state.outcome.result()
            return response.status_code in TRANSIENT_STATUS

        def stop(state: tenacity.RetryCallState) -> bool:
            left = remaining(request, self.clock)
            out_of_time = left is not None and left < _backoff(state.attempt_number)
            return state.attempt_number >= self.policy.attempts or out_of_time

        def before_sleep(state: tenacity.RetryCallState) -> None:
            if state.outcome is not None and not state.outcome.failed:
                state.outcome.result().close()

        retrying = tenacity.Retrying(
            retry=transient, stop=stop, wait=lambda s: _backoff(s.attempt_number),
            sleep=self.sleep, before_sleep=before_sleep, reraise=True,
            retry_error_callback=lambda s: s.outcome.result() if s.outcome else None,
        )
        response: httpx.Response = retrying(self._send_once, request)
        return response

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        self._wait_turn(request)
        left = remaining(request, self.clock)
        if left is not None:
            if left <= 0:
                raise DeadlineError(f"{request.url}: fetch deadline passed")
            timeouts = dict(request.extensions.get("timeout", {}))
            request.extensions["timeout"] = {k: left if v is None else min(v, left)
                                             for k, v in timeouts.items()} or {"read": left}
        response = self.inner.handle_request(request)
        self._check_peer(request.url, response)
        return response


def _backoff(attempt: int) -> float:
    return float(min(0.5 * 2 ** (attempt - 1), 8.0))


class Watchdog:
    """Cuts the connection of a response still streaming at the deadline."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._response: httpx.Response | None = None
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def watch(self, response: httpx.Response) -> None:
        self._response = response
        if self.fired:
            self._cut(response)

    def _fire(self) -> None:
        self.fired = True
        if self._response is not None:
            self._cut(self._response)

    @staticmethod
    def _cut(response: httpx.Response) -> None:
        stream: Any = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            with suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[tuple[dict[str, Any], Watchdog]]:
    """Request extensions carrying the deadline, and the watchdog that enforces it."""
    dog = Watchdog(seconds)
    dog._timer.start()
    try:
        yield {DEADLINE_KEY: time.monotonic() + seconds}, dog
    finally:
        dog._timer.cancel()
