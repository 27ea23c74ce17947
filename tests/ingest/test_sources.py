"""Feeds and article URLs, fetched through httpx.MockTransport (never the network)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from spotrep.ingest.sources import (
    FeedEntry,
    FetchPolicy,
    KnownURL,
    SourceError,
    feed_entries,
    feed_list,
    fetch,
    looks_like_feed,
    make_client,
    read_url,
    user_agent,
)
from spotrep.records import Article, Failure

BODY = " ".join(
    ["Artillery shelling hit the market in Nikopol on Saturday morning, killing one woman."] * 8
)
PAGE = f"""<html><head><title>Market shelled</title></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Market shelled</h1><p>{BODY}</p><p>{BODY}</p></article>
<footer>Copyright Example News</footer></body></html>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>Market shelled</title><link>https://news.example/a1</link>
<pubDate>Sat, 11 May 2024 10:00:00 GMT</pubDate></item>
<item><title>Old story</title><link>https://news.example/old</link></item>
<item><title>Broken link</title><link>https://news.example/missing</link></item>
<item><title>Moved</title><link>https://news.example/moved</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><entry><title>Clash</title><link href="https://wire.example/c"/>
<updated>2024-10-04T08:00:00Z</updated></entry></feed>"""

Handler = Callable[[httpx.Request], httpx.Response]
QUICK = FetchPolicy(min_interval=0, attempts=1, robots=False)


def public(host: str, port: int) -> list[str]:
    """Every host of these tests is a public address (none is ever connected to)."""
    return ["93.184.216.34"]


def mock_client(handler: Handler, policy: FetchPolicy = QUICK) -> httpx.Client:
    return make_client(httpx.MockTransport(handler), policy=policy, resolve=public)


def site(requests: list[httpx.Request]) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        path = request.url.path
        if path == "/feed.xml":
            return httpx.Response(200, content=RSS, headers={"content-type": "application/rss+xml"})
        if path == "/atom":
            return httpx.Response(200, content=ATOM, headers={"content-type": "text/plain"})
        if path in ("/a1", "/old", "/c"):
            return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})
        if path == "/moved":
            return httpx.Response(301, headers={"location": "https://news.example/a1"})
        if path == "/empty":
            return httpx.Response(200, text="<html><body></body></html>")
        return httpx.Response(404)

    return handle


@pytest.fixture
def requests() -> list[httpx.Request]:
    return []


@pytest.fixture
def client(requests: list[httpx.Request]) -> Iterator[httpx.Client]:
    with mock_client(site(requests)) as c:
        yield c


def test_feed_entries_become_articles_and_known_urls_are_not_fetched(
    client: httpx.Client, requests: list[httpx.Request]
) -> None:
    known = {"https://news.example/old"}
    items = list(read_url(client, "https://news.example/feed.xml", known.__contains__))
    article, skipped, failure, moved = items
    assert isinstance(article, Article)
    assert (article.url, article.outlet, article.title, article.published) == (
        "https://news.example/a1", "Example News", "Market shelled", "2024-05-11")
    assert "Nikopol" in article.text and "Copyright" not in article.text
    assert skipped == KnownURL("https://news.example/old")
    assert isinstance(failure, Failure) and "HTTP 404" in failure.reason
    assert isinstance(moved, Article)
    assert moved.url == "https://news.example/moved"  # the feed's link, known next time
    assert [r.url.path for r in requests] == ["/feed.xml", "/a1", "/missing", "/moved", "/a1"]
    assert all(r.headers["user-agent"] == user_agent() for r in requests)


def test_atom_feed_is_recognized_by_its_body(client: httpx.Client) -> None:
    (article,) = read_url(client, "https://wire.example/atom")
    assert isinstance(article, Article)
    assert (article.outlet, article.published) == ("Atom Wire", "2024-10-04")


def test_article_url_follows_redirects(client: httpx.Client) -> None:
    (article,) = read_url(client, "https://news.example/moved")
    assert isinstance(article, Article)
    assert article.url == "https://news.example/a1"
    assert article.title == "Market shelled"


@pytest.mark.parametrize(("path", "reason"), [
    ("/nothing", "HTTP 404"),
    ("/empty", "no article text"),
])
def test_unusable_urls_are_failures(client: httpx.Client, path: str, reason: str) -> None:
    (out,) = read_url(client, f"https://news.example{path}")
    assert isinstance(out, Failure)
    assert reason in out.reason


@pytest.mark.parametrize("declared", [True, False])
def test_bodies_over_the_cap_are_refused(declared: bool) -> None:
    def big(request: httpx.Request) -> httpx.Response:
        if declared:  # Content-Length says it all: refused before reading
            return httpx.Response(200, content=b"x" * 2000)
        return httpx.Response(200, content=iter([b"x" * 600, b"x" * 600]))  # chunked

    with mock_client(big) as c:
        with pytest.raises(SourceError, match=r"limit|refused"):
            fetch(c, "https://big.example/", max_bytes=1000)
        assert fetch(c, "https://big.example/", max_bytes=5000).body.startswith(b"xxx")


def test_network_errors_are_failures() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with mock_client(down) as c:
        (out,) = read_url(c, "https://down.example/")
    assert isinstance(out, Failure) and "ConnectError" in out.reason


def test_declared_length_over_cap_is_refused_before_reading() -> None:
    def big(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 10, headers={"content-length": "999999999"})

    with mock_client(big) as c, pytest.raises(SourceError, match="limit"):
        fetch(c, "https://big.example/")


def test_feed_entries_parse_rss() -> None:
    entries = feed_entries(RSS, "u")
    assert entries[0] == FeedEntry("https://news.example/a1", "Market shelled", "2024-05-11",
                                   "Example News")
    assert [e.published for e in entries] == ["2024-05-11", None, None, None]


def test_unreadable_feed_is_refused() -> None:
    with pytest.raises(SourceError, match="not a readable"):
        feed_entries(b"<?xml version='1.0'?><rss><channel><item>", "u")


@pytest.mark.parametrize(("content_type", "body", "expected"), [
    ("application/rss+xml", b"", True),
    ("application/atom+xml", b"", True),
    ("text/plain", b"<?xml version='1.0'?><rss>", True),
    ("text/html", b"<html>", False),
    ("text/plain", b"<?xml version='1.0'?><html>", False),
])
def test_looks_like_feed(content_type: str, body: bytes, expected: bool) -> None:
    from spotrep.ingest.sources import Fetched

    assert looks_like_feed(Fetched("u", content_type, body, None)) is expected


def test_feed_list_skips_comments_and_blanks() -> None:
    text = "# my feeds\nhttps://a.example/rss\n\n  https://b.example/atom  # wire\n"
    assert feed_list(text) == ["https://a.example/rss", "https://b.example/atom"]


def test_user_agent_names_spotrep() -> None:
    assert user_agent().startswith("spotrep/")
    assert "robots.txt" in user_agent()
