"""Ingest: articles in, results stored and merged, skipping what the store already holds.

Known articles are skipped before extraction (the costly step). Each article is stored in its
own transaction, so a killed ingest loses at most the batch being extracted, and re-running it
picks up exactly where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

import httpx

from spotrep.ingest.files import read_sources
from spotrep.ingest.sources import KnownURL, is_url, read_urls
from spotrep.records import Article, Failure, Result
from spotrep.store.store import Store, content_hash, identity

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

    def line(self) -> str:
        return (
            f"{self.new} new, {self.unchanged} unchanged, {self.failed} failed, "
            f"{self.incidents} incidents new or updated"
        )


def extract_with_spotrep(articles: Sequence[Article]) -> Iterable[Result | Failure]:
    """The real extractor (imported late: it loads the spaCy model)."""
    from spotrep.api import process

    return list(process(articles))


def ingest(
    store: Store,
    items: Iterable[Item],
    extractor: Extractor | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    progress: Progress | None = None,
) -> Summary:
    """Store every new article of ``items``; a summary of what happened."""
    summary = Summary()
    batches = _new_batches(store, items, summary, batch_size, progress)
    if extractor is None and jobs > 1:
        # the one worker pool of ``extract --jobs`` too: chunks in flight, results in order
        from spotrep.scale.pool import WorkerPool

        with WorkerPool(jobs) as pool:
            pairs = (pair for batch in batches for pair in batch)
            for src, out in pool.extract_tagged(pairs):
                _store_one(store, out, src, summary)
                if progress is not None:
                    progress.update()
    else:
        run = extractor or extract_with_spotrep
        for batch in batches:
            sources = {id(a): src for src, a in batch}
            articles = [a for _, a in batch]
            for article, out in zip(articles, run(articles), strict=True):
                _store_one(store, out, sources[id(article)], summary)
                if progress is not None:
                    progress.update()
    summary.incidents = len(summary.touched)
    return summary


def _store_one(store: Store, out: Result | Failure, source: str, summary: Summary) -> None:
    if isinstance(out, Failure):
        store.add_failure(out, source)
        summary.failed += 1
        return
    added = store.add_result(out, source)
    if added.status == "unchanged":
        summary.unchanged += 1
    else:
        summary.new += 1
        summary.touched.update(added.incidents)


def _new_batches(
    store: Store,
    items: Iterable[Item],
    summary: Summary,
    batch_size: int,
    progress: Progress | None,
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
                key = (identity(item), content_hash(item.text))
                if key not in seen:
                    seen.add(key)
                    unseen.append((src, item, key))
                    continue
                summary.unchanged += 1
            elif isinstance(item, Failure):
                store.add_failure(item, item.source or src)
                summary.failed += 1
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
) -> list[Summary]:
    """Poll ``feeds`` every ``every`` seconds (``rounds`` times, or until interrupted)."""
    done: list[Summary] = []
    while rounds is None or len(done) < rounds:
        if done:
            sleep(every)
        items = source_items(feeds, client, known=store.has_url)
        summary = ingest(store, items, extractor=extractor)
        report(summary)
        done.append(summary)
    return done


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
