"""The Python API: text or article dicts in, ``Result`` records out."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from spotrep.bounds import DEFAULT_TIME_BUDGET
from spotrep.errors import InputError
from spotrep.ingest.records import article_from_mapping
from spotrep.pipeline import load_pipeline
from spotrep.records import Article, Failure, Result

CHUNK = 256
"""Articles taken from the input at a time, so that an endless stream is processed lazily."""


def extract(
    text: str,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Result:
    """Read one article. Raises ``InputError`` when it cannot be read (for example empty text,
    or more than ``time_budget`` seconds of work)."""
    record = {"text": text, "published": published, "outlet": outlet, "url": url, "title": title}
    (out,) = process([record], time_budget=time_budget)
    if isinstance(out, Failure):
        raise InputError(out.reason)
    return out


def extract_many(
    articles: Iterable[Mapping[str, Any] | Article],
    batch_size: int = 16,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Iterator[Result]:
    """Read many articles (dicts in the spec's input shape, or ``Article``), batched.

    Articles that cannot be read are skipped; ``process`` yields their ``Failure`` too.
    """
    for out in process(articles, batch_size=batch_size, time_budget=time_budget):
        if isinstance(out, Result):
            yield out


def process(
    articles: Iterable[Mapping[str, Any] | Article | Failure],
    batch_size: int = 16,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Iterator[Result | Failure]:
    """A ``Result`` or a ``Failure`` for every input, in input order.

    Each article gets ``time_budget`` seconds of work (None: no limit); one that needs more
    becomes a ``Failure`` ("took longer than N s") and the others go on.
    """
    pipeline = load_pipeline()
    if time_budget != pipeline.time_budget:
        pipeline = dataclasses.replace(pipeline, time_budget=time_budget)
    it = iter(articles)
    while chunk := list(islice(it, CHUNK)):
        read = [_read(a) for a in chunk]
        ready = [a for a in read if isinstance(a, Article)]
        outputs = pipeline.run(ready, batch_size=batch_size)
        for item in read:
            yield item if isinstance(item, Failure) else next(outputs)


def _read(item: object) -> Article | Failure:
    if isinstance(item, Article | Failure):
        return item
    try:
        return article_from_mapping(item)
    except Exception as exc:  # a mapping whose get() misbehaves, say; fail only this one
        return Failure("?", f"unreadable input record: {type(exc).__name__}: {exc}")
