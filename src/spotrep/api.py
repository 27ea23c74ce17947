"""The Python API: text or article dicts in, ``Result`` records out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from spotrep.errors import EmptyTextError, InputError, RecordError
from spotrep.ingest.records import article_from_mapping
from spotrep.pipeline import EMPTY_TEXT, load_pipeline
from spotrep.records import Article, Failure, Result

CHUNK = 256
"""Articles taken from the input at a time, so that an endless stream is processed lazily."""


def extract(
    text: str,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Result:
    """Read one article. Raises ``InputError`` when it cannot be read: ``EmptyTextError`` for an
    empty text, ``RecordError`` for a text that is not a string."""
    record = {"text": text, "published": published, "outlet": outlet, "url": url, "title": title}
    (out,) = process([record])
    if isinstance(out, Failure):
        raise error_for(out)
    return out


def error_for(failure: Failure) -> InputError:
    """The exception that says why an article could not be read (its reason is the message)."""
    if failure.reason == EMPTY_TEXT:
        return EmptyTextError(failure.reason)
    if failure.reason.startswith("input record"):  # ingest.records: not an article object
        return RecordError(failure.reason)
    return InputError(failure.reason)


def extract_many(
    articles: Iterable[Mapping[str, Any] | Article], batch_size: int = 16
) -> Iterator[Result]:
    """Read many articles (dicts in the spec's input shape, or ``Article``), batched.

    Articles that cannot be read are skipped; ``process`` yields their ``Failure`` too.
    """
    for out in process(articles, batch_size=batch_size):
        if isinstance(out, Result):
            yield out


def process(
    articles: Iterable[Mapping[str, Any] | Article | Failure], batch_size: int = 16
) -> Iterator[Result | Failure]:
    """A ``Result`` or a ``Failure`` for every input, in input order."""
    pipeline = load_pipeline()
    it = iter(articles)
    while chunk := list(islice(it, CHUNK)):
        read = [a if isinstance(a, Article | Failure) else article_from_mapping(a) for a in chunk]
        ready = [a for a in read if isinstance(a, Article)]
        outputs = pipeline.run(ready, batch_size=batch_size)
        for item in read:
            yield item if isinstance(item, Failure) else next(outputs)
