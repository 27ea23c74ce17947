"""The Python API: text or article dicts in, ``Result`` records out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from spotrep.errors import InputError
from spotrep.ingest.records import article_from_mapping, normalize_published
from spotrep.pipeline import load_pipeline
from spotrep.records import Article, Failure, Result

CHUNK = 256
"""Articles read from the input at a time, so that an endless stream is processed lazily."""


def extract(
    text: str,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Result:
    """Read one article. Raises ``InputError`` when it cannot be read (for example empty text)."""
    iso, warning = normalize_published(published)
    article = Article.create(text, published=iso, outlet=outlet, url=url, title=title)
    (out,) = load_pipeline().run([article])
    if isinstance(out, Failure):
        raise InputError(out.reason)
    return _with_warning(out, warning)


def extract_many(
    articles: Iterable[Mapping[str, Any] | Article], batch_size: int = 16
) -> Iterator[Result]:
    """Read many articles (dicts in the spec's input shape, or ``Article``), batched.

    Articles that cannot be read are skipped; use ``process`` to get their ``Failure`` too.
    """
    for out in process(articles, batch_size=batch_size):
        if isinstance(out, Result):
            yield out


def process(
    articles: Iterable[Mapping[str, Any] | Article], batch_size: int = 16
) -> Iterator[Result | Failure]:
    """A ``Result`` or a ``Failure`` for every input, in input order."""
    pipeline = load_pipeline()
    it = iter(articles)
    while chunk := list(islice(it, CHUNK)):
        ready: list[Article] = []
        notes: dict[str, str] = {}
        slots: list[Article | Failure] = []
        for item in chunk:
            if isinstance(item, Article):
                art: Article | Failure = item
            else:
                art, note = article_from_mapping(item)
                if note and isinstance(art, Article):
                    notes[art.id] = note
            slots.append(art)
            if isinstance(art, Article):
                ready.append(art)
        outputs = pipeline.run(ready, batch_size=batch_size)
        for slot in slots:
            if isinstance(slot, Failure):
                yield slot
                continue
            out = next(outputs)
            yield _with_warning(out, notes.get(slot.id)) if isinstance(out, Result) else out


def _with_warning(result: Result, warning: str | None) -> Result:
    if not warning:
        return result
    from dataclasses import replace

    return replace(result, warnings=(warning, *result.warnings))
