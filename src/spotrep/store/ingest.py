"""Ingest: articles in, results stored and merged, skipping what the store already holds.

Known articles are skipped before extraction (the costly step). Each article is stored in its
own transaction, so a killed ingest loses at most the batch being extracted, and re-running it
picks up exactly where it stopped. Every article ends up either stored or recorded as a failure
with its reason: a toll beyond the store's integer columns is dropped with a warning, and an
article the store refuses anyway is a failure of that article alone, so a resume never stops at
the same wall. ``watch`` survives any one feed: a feed that fails is recorded, backed off and
polled again later.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

import httpx
import sqlalchemy as sa

from spotrep.bounds import DEFAULT_TIME_BUDGET
from spotrep.errors import SpotrepError
from spotrep.ingest.files import read_sources
from spotrep.ingest.records import storable
from spotrep.ingest.sources import KnownURL, is_url, read_urls
from spotrep.records import Article, Event, Failure, Result, Toll
from spotrep.store.store import Store, content_hash, identity

STORE_INT_MAX = 2**31 - 1
"""The largest value of the store's integer columns (PostgreSQL ``integer``)."""
MAX_BACKOFF_ROUNDS = 32
"""A feed failing again and again is polled at least once in this many rounds."""

Extractor = Callable[[Sequence[Article]], Iterable[Result | Failure]]


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...


Item = tuple[str, Article | Failure | KnownURL]
"""A source (path, URL or feed) and one article, failure or known URL read from it."""


@dataclass(slots=True)
class Summary:
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    incidents: int = 0
    touched: set[str] = field(default_factory=set)

    def add(self, other: Summary) -> None:
        self.new += other.new
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.touched |= other.touched
        self.incidents = len(self.touched)

    def line(self) -> str:
        return (
            f"{self.new} new, {self.unchanged} unchanged, {self.failed} failed, "
            f"{self.incidents} incidents new or updated"
        )


def extract_with_spotrep(articles: Sequence[Article]) -> Iterable[Result | Failure]:
    """The real extractor with the default time budget (imported late: it loads the spaCy
    model)."""
    from spotrep.api import process

    return list(process(articles))


def extractor_with_budget(seconds: float | None) -> Extractor:
    """The real extractor with ``seconds`` of work per article (``--time-budget``)."""

    def run(articles: Sequence[Article]) -> Iterable[Result | Failure]:
        from spotrep.api import process

        return list(process(articles, time_budget=seconds))

    return run


def spotrep_extractor(time_budget: float | None) -> Extractor:
    """spotrep's extractor giving each article ``time_budget`` seconds."""
    if time_budget == DEFAULT_TIME_BUDGET:
        return extract_with_spotrep
    return extractor_with_budget(time_budget)


def ingest(
    store: Store,
    items: Iterable[Item],
    extractor: Extractor | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] = lambda _f: None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Summary:
    """Store every new article of ``items``; a summary of what happened.

    Without an ``extractor``, spotrep's extracts, here or in ``jobs`` worker processes, each
    article with ``time_budget`` seconds of work. ``on_failure`` is told of each failure as it
    is recorded (the CLI prints its reason).
    """
    summary = Summary()
    batches = _new_batches(store, items, summary, batch_size, progress, on_failure)
    if extractor is None and jobs > 1:
        # the one worker pool of ``extract --jobs`` too: chunks in flight, results in order
        from spotrep.scale.pool import WorkerPool

        with WorkerPool(jobs, time_budget=time_budget) as pool:
            pairs = (pair for batch in batches for pair in batch)
            for src, out in pool.extract_tagged(pairs):
                _store_one(store, out, src, summary, on_failure)
                if progress is not None:
                    progress.update()
    else:
        run = extractor or spotrep_extractor(time_budget)
        for batch in batches:
            sources = {id(a): src for src, a in batch}
            articles = [a for _, a in batch]
            for article, out in zip(articles, run(articles), strict=True):
                _store_one(store, out, sources[id(article)], summary, on_failure)
                if progress is not None:
                    progress.update()
    summary.incidents = len(summary.touched)
    return summary


def _store_one(
    store: Store,
    out: Result | Failure,
    source: str,
    summary: Summary,
    on_failure: Callable[[Failure], None],
) -> None:
    if isinstance(out, Result):
        try:
            added = store.add_result(fit_store(out), source)
        except (sa.exc.SQLAlchemyError, ValueError, OverflowError, UnicodeError) as exc:
            reason = f"could not be stored: {type(exc).__name__}: {_first_line(exc)}"
            out = Failure(out.article.id, reason, source)
        else:
            if added.status == "unchanged":
                summary.unchanged += 1
            else:
                summary.new += 1
                summary.touched.update(added.incidents)
            return
    _record_failure(store, out, source, summary, on_failure)


def _record_failure(
    store: Store,
    failure: Failure,
    source: str,
    summary: Summary,
    on_failure: Callable[[Failure], None],
) -> None:
    clean = Failure(storable(failure.article_id)[0], storable(failure.reason)[0],
                    storable(failure.source)[0] if failure.source else None)
    store.add_failure(clean, storable(source)[0])
    summary.failed += 1
    on_failure(clean)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().split("\n", 1)[0] or "no detail")[:300]


def storable_article(article: Article) -> Article:
    """``article`` with NULs and lone surrogates in its fields made U+FFFD (the readers do this
    already; an Article built by hand may still hold them)."""
    changes: dict[str, Any] = {}
    for name in ("text", "id", "outlet", "url", "title"):
        value = getattr(article, name)
        if isinstance(value, str):
            clean, replaced = storable(value)
            if replaced:
                changes[name] = clean
    if not changes:
        return article
    note = f"NUL or lone surrogate characters replaced by U+FFFD in: {', '.join(changes)}"
    return dataclasses.replace(article, **changes, notes=(*article.notes, note))


def fit_store(result: Result) -> Result:
    """``result`` with tolls beyond the store's integer columns dropped, each with a warning."""
    notes: list[str] = []
    events = tuple(_fit_event(e, notes) for e in result.events)
    if not notes:
        return result
    return dataclasses.replace(result, events=events, warnings=(*result.warnings, *notes))


def _fit_event(event: Event, notes: list[str]) -> Event:
    changes: dict[str, Toll | None] = {}
    for name in ("fatalities", "injuries"):
        toll: Toll | None = getattr(event, name)
        values = [] if toll is None else [v for v in (toll.count, toll.min, toll.max) if v]
        if any(abs(v) > STORE_INT_MAX for v in values):
            changes[name] = None
            notes.append(f"event {event.id}: {name} {max(values, key=abs)} dropped: beyond "
                         f"what the store holds ({STORE_INT_MAX})")
    return dataclasses.replace(event, **changes) if changes else event  # type: ignore[arg-type]


def _new_batches(
    store: Store,
    items: Iterable[Item],
    summary: Summary,
    batch_size: int,
    progress: Progress | None,
    on_failure: Callable[[Failure], None],
) -> Iterator[list[tuple[str, Article]]]:
    """Batches of articles to extract: known ones, duplicates and failures are settled here.

    The store is asked which articles it holds ``batch_size`` items at a time, in one query:
    a round trip per article would cost PostgreSQL more than storing the article does.
    """
    seen: set[tuple[str, str]] = set()
    ready: list[tuple[str, Article]] = []

    def settled() -> None:
        if progress is not None:
            progress.update()

    it = iter(items)
    while chunk := list(islice(it, batch_size)):
        unseen: list[tuple[str, Article, tuple[str, str]]] = []
        for src, item in chunk:
            if isinstance(item, Article):
                item = storable_article(item)
                key = (identity(item), content_hash(item.text))
                if key not in seen:
                    seen.add(key)
                    unseen.append((src, item, key))
                    continue
                summary.unchanged += 1
            elif isinstance(item, Failure):
                _record_failure(store, item, item.source or src, summary, on_failure)
            else:  # a KnownURL
                summary.unchanged += 1
            settled()
        known = store.known([key for _, _, key in unseen])
        for src, article, key in unseen:
            if key in known:
                summary.unchanged += 1
                settled()
            else:
                ready.append((src, article))
        while len(ready) >= batch_size:
            yield ready[:batch_size]
            ready = ready[batch_size:]
    if ready:
        yield ready


def source_items(
    sources: Iterable[str],
    client: httpx.Client,
    known: Callable[[str], bool] = lambda _url: False,
) -> Iterator[Item]:
    """``(source, item)`` for every file, folder, article URL or feed URL given."""
    for source in sources:
        if is_url(source):
            yield from read_urls(client, [source], known)
        else:
            for item in read_sources([source]):
                yield source, item


def watch(
    store: Store,
    feeds: Sequence[str],
    client: httpx.Client,
    every: float,
    rounds: int | None = None,
    extractor: Extractor | None = None,
    sleep: Callable[[float], None] = time.sleep,
    report: Callable[[Summary], None] = lambda _s: None,
    on_failure: Callable[[Failure], None] = lambda _f: None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> list[Summary]:
    """Poll ``feeds`` every ``every`` seconds (``rounds`` times, or until interrupted); without
    an ``extractor``, spotrep's gives each article ``time_budget`` seconds.

    One feed failing (unreachable, not a feed, or anything unexpected) is recorded as a failure
    and skipped for 1, 2, 4, ... rounds (at most ``MAX_BACKOFF_ROUNDS``); the others go on.
    """
    done: list[Summary] = []
    backoff = Backoff()
    extractor = extractor or spotrep_extractor(time_budget)
    while rounds is None or len(done) < rounds:
        if done:
            sleep(every)
        summary = Summary()
        for feed in feeds:
            if backoff.skip(feed):
                continue
            failed = poll_feed(store, feed, client, extractor, summary, on_failure)
            backoff.record(feed, failed)
        report(summary)
        done.append(summary)
    return done


def poll_feed(
    store: Store,
    feed: str,
    client: httpx.Client,
    extractor: Extractor | None,
    summary: Summary,
    on_failure: Callable[[Failure], None],
) -> bool:
    """Ingest what is new in one feed; whether the feed itself failed."""
    failed = False

    def watched() -> Iterator[Item]:
        nonlocal failed
        for source, item in source_items([feed], client, known=store.has_url):
            if isinstance(item, Failure) and item.article_id == feed:
                failed = True
            yield source, item

    try:
        summary.add(ingest(store, watched(), extractor=extractor, on_failure=on_failure))
    except (SpotrepError, httpx.HTTPError, OSError, sa.exc.OperationalError) as exc:
        failure = Failure(feed, f"poll failed: {type(exc).__name__}: {_first_line(exc)}", feed)
        try:
            _record_failure(store, failure, feed, summary, on_failure)
        except sa.exc.SQLAlchemyError:  # the store itself is away: say so, try next round
            summary.failed += 1
            on_failure(failure)
        return True
    return failed


@dataclass(slots=True)
class Backoff:
    """Rounds to skip per failing feed: doubling with each failure in a row, capped."""

    failures: dict[str, int] = field(default_factory=dict)
    wait: dict[str, int] = field(default_factory=dict)

    def skip(self, feed: str) -> bool:
        """Whether to skip ``feed`` this round (counting the round as waited)."""
        left = self.wait.get(feed, 0)
        if left > 0:
            self.wait[feed] = left - 1
        return left > 0

    def record(self, feed: str, failed: bool) -> None:
        if not failed:
            self.failures.pop(feed, None)
            return
        self.failures[feed] = self.failures.get(feed, 0) + 1
        self.wait[feed] = min(2 ** (self.failures[feed] - 1), MAX_BACKOFF_ROUNDS)


def parse_every(value: str) -> float:
    """Seconds in a duration like ``90s``, ``15m``, ``2h`` or a plain number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    raw = value.strip().lower()
    scale = units.get(raw[-1:])
    number = raw[:-1] if scale else raw
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"not a duration: {value!r} (e.g. 30s, 15m, 1h)") from None
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {value!r}")
    return seconds
