"""Fetching against a hostile loopback server: deadlines, caps, encodings, internal addresses,
robots.txt, rate limits and retries."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from hostile import QUOTED, HostileServer, hostile_server

from spotrep.ingest.fetch import internal_reason
from spotrep.ingest.sources import FetchPolicy, fetch, make_client, read_url
from spotrep.records import Article, Failure

LOOPBACK_OK = FetchPolicy(allow_private=True, deadline=3.0, min_interval=0, attempts=3)


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with hostile_server() as s:
        yield s


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(policy=LOOPBACK_OK) as c:
        yield c


def one(client: httpx.Client, url: str) -> Article | Failure:
    (out,) = read_url(client, url)
    assert isinstance(out, Article | Failure)
    return out


def test_a_trickling_server_is_cut_at_the_fetch_deadline(
    server: HostileServer, client: httpx.Client
) -> None:
    start = time.monotonic()
    out = one(client, f"{server.base}/trickle")
    assert time.monotonic() - start < LOOPBACK_OK.deadline + 3  # a loaded machine
    assert isinstance(out, Failure) and "took longer than the 3 s fetch deadline" in out.reason


def test_an_oversized_body_without_length_is_refused(
    server: HostileServer, client: httpx.Client
) -> None:
    out = one(client, f"{server.base}/huge")
    assert isinstance(out, Failure) and "more than 5000000 bytes" in out.reason


@pytest.mark.parametrize(("path", "note"), [
    ("/lying", "declared but the bytes are UTF-8"),
    ("/unknown-charset", "unknown charset 'x-no-such-charset'"),
])
def test_lying_and_unknown_charsets_read_utf8_with_a_warning(
    server: HostileServer, client: httpx.Client, path: str, note: str
) -> None:
    out = one(client, server.base + path)
    assert isinstance(out, Article)
    assert QUOTED in out.text  # no mojibake
    assert any(note in n for n in out.notes)


def test_unknown_charset_on_other_bytes_is_guessed_with_a_warning(
    server: HostileServer, client: httpx.Client
) -> None:
    out = one(client, f"{server.base}/latin1-unknown")
    assert isinstance(out, Article)
    assert any("unknown: decoded as" in n for n in out.notes)


def test_transient_errors_are_retried(server: HostileServer, client: httpx.Client) -> None:
    server.flaky_left = 2
    out = one(client, f"{server.base}/flaky")
    assert isinstance(out, Article)
    assert server.flaky_left == 0


def test_transient_errors_give_up_after_the_attempts(server: HostileServer) -> None:
    server.flaky_left = 5
    with make_client(policy=FetchPolicy(allow_private=True, min_interval=0, attempts=2)) as c:
        out = one(c, f"{server.base}/flaky")
    assert isinstance(out, Failure) and "HTTP 503" in out.reason
    server.flaky_left = 0


def test_robots_txt_is_obeyed(server: HostileServer, client: httpx.Client) -> None:
    before = server.hits["/private"]
    out = one(client, f"{server.base}/private")
    assert isinstance(out, Failure) and "robots.txt disallows /private" in out.reason
    assert server.hits["/private"] == before  # never requested


def test_xml_that_is_not_a_feed_is_a_failure(server: HostileServer, client: httpx.Client) -> None:
    out = one(client, f"{server.base}/not-a-feed.xml")
    assert isinstance(out, Failure) and "not an RSS or Atom feed" in out.reason


def test_html_nested_too_deep_says_why(server: HostileServer, client: httpx.Client) -> None:
    out = one(client, f"{server.base}/deep")
    assert isinstance(out, Failure)
    assert re.search(r"elements nest 3\d\d deep, deeper than the HTML parser reads", out.reason)


def test_feed_items_that_are_not_http_urls_are_not_fetched(
    server: HostileServer, client: httpx.Client
) -> None:
    out = list(read_url(client, f"{server.base}/feed.xml"))
    kinds = [type(o).__name__ for o in out]
    assert kinds == ["Article", "Failure", "Failure", "Failure"]
    assert isinstance(out[1], Failure) and "not an http(s) URL" in out[1].reason


def test_requests_to_one_host_wait_their_turn(server: HostileServer) -> None:
    policy = FetchPolicy(allow_private=True, min_interval=0.4, robots=False)
    with make_client(policy=policy) as c:
        start = time.monotonic()
        for _ in range(3):
            fetch(c, f"{server.base}/article")
    assert time.monotonic() - start >= 0.8


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "0.0.0.0", "2130706433", "[::1]",
                                  "127.1", "0x7f000001"])
def test_internal_addresses_are_refused_without_allow_private(
    server: HostileServer, host: str
) -> None:
    port = server.server_address[1]
    before = sum(server.hits.values())
    with make_client(policy=FetchPolicy(min_interval=0)) as c:
        out = one(c, f"http://{host}:{port}/article")
    assert isinstance(out, Failure)
    assert "internal address" in out.reason or "cannot resolve" in out.reason
    assert sum(server.hits.values()) == before


def test_a_redirect_to_an_internal_address_is_refused_and_never_followed(
    server: HostileServer, client: httpx.Client
) -> None:
    requested: list[str] = []

    def site(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "http://intranet.example/secret"})
        return httpx.Response(200, text="<html><body><p>secret</p></body></html>")

    def resolve(host: str, port: int) -> list[str]:
        return {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.5"]}[host]

    policy = FetchPolicy(min_interval=0, robots=False)
    with make_client(httpx.MockTransport(site), policy=policy, resolve=resolve) as c:
        out = one(c, "https://news.example/story")
    assert isinstance(out, Failure) and "intranet.example is an internal address" in out.reason
    assert requested == ["https://news.example/story"]


def test_the_connected_address_is_checked_too(server: HostileServer) -> None:
    """A resolver that lies (DNS rebinding) still cannot land a loopback page."""
    port = server.server_address[1]
    policy = FetchPolicy(min_interval=0, robots=False)
    with make_client(policy=policy, resolve=lambda h, p: ["93.184.216.34"]) as c:
        out = one(c, f"http://127.0.0.1:{port}/article")
    assert isinstance(out, Failure) and "connected to an internal address" in out.reason


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("169.254.169.254", "link-local"),
    ("224.0.0.1", "multicast"), ("::ffff:127.0.0.1", "loopback"), ("fe80::1%eth0", "link-local"),
    ("100.64.0.1", "not globally routable"), ("93.184.216.34", None), ("2606:4700::1", None),
])
def test_internal_reason(address: str, reason: str | None) -> None:
    assert internal_reason(address) == reason
