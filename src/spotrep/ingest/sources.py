"""Articles from the web: RSS/Atom feeds and article URLs.

Fetching goes through an ``httpx.Client`` the caller may build with any transport (tests use
``httpx.MockTransport`` or a loopback server); every request goes through the policy of
``spotrep.ingest.fetch`` (internal addresses refused, robots.txt, a per-host rate limit, retries,
a total deadline per fetch), has a size cap and spotrep's user agent. Feed entries whose URL the
store already knows are not fetched at all (``known``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]
import httpx

from spotrep.errors import InputError, SourceError
from spotrep.ingest.decoding import decode_bytes
from spotrep.ingest.fetch import (
    DeadlineError,
    FetchPolicy,
    PolicyError,
    PolicyTransport,
    Resolver,
    fetch_deadline,
    resolve_host,
    user_agent,
)
from spotrep.ingest.files import html_text
from spotrep.ingest.records import article_from_mapping
from spotrep.records import Article, Failure

__all__ = ["FeedEntry", "FetchClient", "FetchPolicy", "Fetched", "KnownURL", "SourceError",
           "article_from_page", "feed_entries", "feed_list", "fetch", "is_url", "looks_like_feed",
           "make_client", "read_url", "read_urls", "user_agent"]

MAX_BYTES = 5_000_000
"""A page or feed larger than this is refused: no article or feed needs more."""

TIMEOUT = httpx.Timeout(20.0, connect=10.0)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    body: bytes
    encoding: str | None
    """The charset the server declared, if any (it may lie: ``decode_bytes`` checks)."""


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


class FetchClient(httpx.Client):
    """An ``httpx.Client`` that knows its fetch policy (``fetch`` reads the deadline)."""

    def __init__(self, policy: FetchPolicy, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.policy = policy


def make_client(
    transport: httpx.BaseTransport | None = None,
    policy: FetchPolicy | None = None,
    resolve: Resolver = resolve_host,
) -> FetchClient:
    """The client every fetch uses; pass a transport to fetch without the network and a
    resolver to say what its hosts resolve to."""
    policy = policy or FetchPolicy()
    inner = transport or httpx.HTTPTransport()
    return FetchClient(
        policy,
        transport=PolicyTransport(inner, policy, resolve=resolve),
        timeout=TIMEOUT,
        follow_redirects=True,
        max_redirects=10,
        trust_env=False,  # a proxy would hide which address is really fetched
        headers={"User-Agent": user_agent()},
    )


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def fetch(client: httpx.Client, url: str, max_bytes: int = MAX_BYTES) -> Fetched:
    """The body at ``url``, refusing HTTP errors, bodies over ``max_bytes``, internal addresses
    and anything that takes longer than the client's policy deadline in all."""
    policy = client.policy if isinstance(client, FetchClient) else FetchPolicy()
    with fetch_deadline(policy.deadline) as (extensions, watchdog):
        try:
            page = _fetch(client, url, max_bytes, extensions, watchdog.watch)
            if watchdog.fired:  # a body that ends with the connection looks complete when cut
                raise DeadlineError("cut at the deadline")
            return page
        except httpx.HTTPError as exc:
            if watchdog.fired or isinstance(exc, DeadlineError):
                raise SourceError(f"{url}: took longer than the {policy.deadline:g} s fetch "
                                  "deadline") from exc
            if isinstance(exc, PolicyError):
                raise SourceError(f"{url}: {exc}") from exc
            raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from exc
        except httpx.InvalidURL as exc:
            raise SourceError(f"{url}: not a usable URL ({exc})") from exc


def _fetch(
    client: httpx.Client,
    url: str,
    max_bytes: int,
    extensions: dict[str, Any],
    watch: Callable[[httpx.Response], None],
) -> Fetched:
    with client.stream("GET", url, extensions=extensions) as response:
        watch(response)
        if response.status_code >= 400:
            raise SourceError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
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
        content_type = response.headers.get("content-type", "")
        return Fetched(str(response.url), content_type.split(";")[0].strip().lower(),
                       b"".join(chunks), _declared_charset(content_type))


def _declared_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


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
    if not parsed.version and not out:
        raise SourceError(f"{feed_url}: XML but not an RSS or Atom feed (no <rss>, <feed> or "
                          "<rdf:RDF> root)")
    return out


def article_from_page(page: Fetched, entry: FeedEntry | None = None) -> Article | Failure:
    """The article on a fetched HTML page; feed metadata wins over what the page says."""
    try:
        decoded = decode_bytes(page.body, page.url, declared=page.encoding)
        text, meta = html_text(decoded.text, page.url)
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
    return article_from_mapping(record, page.url, decoded.notes)


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
        if not is_url(entry.url):
            yield Failure(entry.url, f"{url}: feed item link {entry.url!r} is not an http(s) "
                          "URL; not fetched", url)
        elif known(entry.url):
            yield KnownURL(entry.url)
        else:
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


def feed_list(text: str, source: str = "feeds file") -> list[str]:
    """The URLs of a feeds file: one per line, blank lines and ``#`` comments ignored.

    Anything else (a path, a bare host name) is an ``InputError`` naming the line: a feeds file
    is read unattended, and a local path in it would be read as an article.
    """
    urls: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        value = line.split("#", 1)[0].strip()
        if not value:
            continue
        if not is_url(value):
            raise InputError(f"{source}:{number}: {value[:80]!r} is not an http:// or https:// "
                             "URL (a feeds file holds URLs only)")
        urls.append(value)
    return urls
