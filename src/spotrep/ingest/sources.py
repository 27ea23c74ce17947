"""Articles from the web: RSS/Atom feeds and article URLs.

Fetching goes through an ``httpx.Client`` the caller may build with any transport (tests use
``httpx.MockTransport``); every request has timeouts, a size cap and spotrep's user agent.
Feed entries whose URL the store already knows are not fetched at all (``known``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import feedparser  # type: ignore[import-untyped]
import httpx

from spotrep.errors import InputError, SourceError
from spotrep.ingest.files import html_text
from spotrep.ingest.records import article_from_mapping
from spotrep.records import Article, Failure

MAX_BYTES = 5_000_000
"""A page or feed larger than this is refused: no article or feed needs more."""

TIMEOUT = httpx.Timeout(20.0, connect=10.0)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")


def user_agent() -> str:
    try:
        v = version("spotrep")
    except PackageNotFoundError:  # a source tree that was never installed
        v = "0.0.0"
    return f"spotrep/{v} (+https://example.org/spotrep)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    body: bytes
    encoding: str | None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None
    published: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class KnownURL:
    """A feed entry skipped unfetched because the store already holds its URL."""

    url: str


def make_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client every fetch uses; pass a transport to fetch without the network."""
    return httpx.Client(
        transport=transport,
        timeout=TIMEOUT,
        follow_redirects=True,
        headers={"User-Agent": user_agent()},
    )


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def fetch(client: httpx.Client, url: str, max_bytes: int = MAX_BYTES) -> Fetched:
    """The body at ``url``, refusing HTTP errors and bodies over ``max_bytes``."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise SourceError(f"{url}: HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"{url}: {declared} bytes, over the {max_bytes} limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"{url}: more than {max_bytes} bytes, refused")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").split(";")[0].strip()
            return Fetched(str(response.url), content_type.lower(), b"".join(chunks),
                           response.charset_encoding)
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from exc


def looks_like_feed(page: Fetched) -> bool:
    """RSS/Atom by content type, or by the first tag when servers send a generic type."""
    if page.content_type in FEED_TYPES or page.content_type.endswith(("+xml", "/xml")):
        return True
    head = page.body[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def _iso_date(parsed: Any) -> str | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()


def feed_entries(body: bytes, feed_url: str) -> list[FeedEntry]:
    """The linked entries of an RSS or Atom feed, in feed order."""
    parsed = feedparser.parse(body)
    outlet = parsed.feed.get("title") or None
    out: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        published = _iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        out.append(FeedEntry(str(link), entry.get("title"), published, outlet))
    if parsed.bozo and not out:  # a well-formed feed with no items is just a quiet feed
        raise SourceError(f"{feed_url}: not a readable RSS/Atom feed ({parsed.bozo_exception})")
    return out


def article_from_page(page: Fetched, entry: FeedEntry | None = None) -> Article | Failure:
    """The article on a fetched HTML page; feed metadata wins over what the page says."""
    html = page.body.decode(page.encoding or "utf-8", errors="replace")
    try:
        text, meta = html_text(html, page.url)
    except InputError as exc:
        return Failure(page.url, str(exc), page.url)
    record = {
        "text": text,
        # the feed's link, not where it redirected to: the next poll recognizes it unfetched
        "url": entry.url if entry else page.url,
        "title": (entry and entry.title) or meta.get("title"),
        "published": (entry and entry.published) or meta.get("date"),
        "outlet": (entry and entry.outlet) or meta.get("sitename"),
    }
    return article_from_mapping(record, page.url)


def read_url(
    client: httpx.Client,
    url: str,
    known: Callable[[str], bool] = lambda _url: False,
    max_entries: int = 200,
) -> Iterator[Article | Failure | KnownURL]:
    """The article at ``url``, or each new article of the feed at ``url``."""
    try:
        page = fetch(client, url)
    except SourceError as exc:
        yield Failure(url, str(exc), url)
        return
    if not looks_like_feed(page):
        yield article_from_page(page)
        return
    try:
        entries = feed_entries(page.body, url)
    except SourceError as exc:
        yield Failure(url, str(exc), url)
        return
    for entry in entries[:max_entries]:
        if known(entry.url):
            yield KnownURL(entry.url)
            continue
        try:
            yield article_from_page(fetch(client, entry.url), entry)
        except SourceError as exc:
            yield Failure(entry.url, str(exc), url)


def read_urls(
    client: httpx.Client, urls: Iterable[str], known: Callable[[str], bool] = lambda _u: False
) -> Iterator[tuple[str, Article | Failure | KnownURL]]:
    """``(url, item)`` for every URL or feed given."""
    for url in urls:
        for item in read_url(client, url, known):
            yield url, item


def feed_list(text: str) -> list[str]:
    """The URLs of a feeds file: one per line, blank lines and ``#`` comments ignored."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]
