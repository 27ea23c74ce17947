"""Articles from local files: ``.txt`` (optional front matter), ``.html``, ``.jsonl``, folders.

A text file may start with a small metadata header::

    ---
    outlet: Northern Ledger
    published: 2023-04-14
    title: ...
    ---
    body ...

Offsets in results index the body (the text after the header).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from spotrep.errors import BinaryInputError, InputError
from spotrep.ingest.records import article_from_mapping
from spotrep.records import Article, Failure

SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl")
GZIP_JSONL = ".jsonl.gz"
"""JSON Lines compressed with gzip (shards of a backlog), read as a stream."""
FRONT_MATTER_KEYS = frozenset({"id", "outlet", "published", "title", "url"})
MAX_FILE_BYTES = 50_000_000
"""Larger files are refused outright (the pipeline itself reads at most its first characters)."""


def decode(data: bytes, source: str) -> str:
    """UTF-8 text from ``data``, refusing binary content with a clear reason."""
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{source}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BinaryInputError(
            f"{source}: not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The ``key: value`` header of a text file (if it has one) and the body after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            return {}, text  # not our header: keep the whole file as the article
        meta[key] = value.strip()
    return meta, text[end + 5 :]


def html_text(html: str, source: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page and its title, using trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(html)
    found: dict[str, str] = {}
    if meta is not None:
        for key in ("title", "date", "url", "sitename"):
            value = getattr(meta, key, None)
            if value:
                found[key] = str(value)
    if not text.strip():
        raise InputError(f"{source}: no article text found in the HTML")
    return text, found


def articles_from_file(path: Path) -> Iterator[Article | Failure]:
    """The article(s) one file holds, or a Failure naming the file and the reason."""
    source = str(path)
    if path.name.lower().endswith(GZIP_JSONL):
        yield from _gzip_jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{source}: file is {size} bytes, over the {MAX_FILE_BYTES} limit")
        text = decode(path.read_bytes(), source)
    except (OSError, InputError) as exc:
        yield Failure(path.name, str(exc), source)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from articles_from_jsonl(text.splitlines(), source)
    elif suffix in (".html", ".htm"):
        yield _html_article(text, source)
    else:
        meta, body = split_front_matter(text)
        if not body.strip():
            yield Failure(path.name, f"{source}: empty text", source)
            return
        yield _with_source(article_from_mapping({**meta, "text": body}, path.name), source)


def _gzip_jsonl(path: Path) -> Iterator[Article | Failure]:
    import gzip

    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            yield from articles_from_jsonl(handle, str(path))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        yield Failure(path.name, f"{path}: cannot read: {exc}", str(path))


def _html_article(html: str, source: str) -> Article | Failure:
    try:
        text, meta = html_text(html, source)
    except InputError as exc:
        return Failure(Path(source).name, str(exc), source)
    record = {"text": text, "title": meta.get("title"), "url": meta.get("url"),
              "outlet": meta.get("sitename"), "published": meta.get("date")}
    return _with_source(article_from_mapping(record, Path(source).name), source)


def _with_source(article: Article | Failure, source: str) -> Article | Failure:
    if isinstance(article, Failure):
        return Failure(article.article_id, f"{source}: {article.reason}", source)
    return article


def articles_from_jsonl(lines: Iterable[str], source: str) -> Iterator[Article | Failure]:
    """One article per non-blank line; a bad line is a Failure that names its line number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not JSON ({exc.msg})", source)
            continue
        article = article_from_mapping(record, where)
        if isinstance(article, Failure) and article.article_id != where:
            yield Failure(article.article_id, f"{where}: {article.reason}", source)
        elif isinstance(article, Failure):
            yield Failure(where, article.reason, source)
        else:
            yield article


def is_article_file(path: Path) -> bool:
    """Whether a folder's file is one spotrep reads (by its name)."""
    return path.suffix.lower() in SUFFIXES or path.name.lower().endswith(GZIP_JSONL)


def read_sources(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Articles from files and folders (recursively, in name order), with failures in place."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if is_article_file(p)):
                if child.is_file() and child.name.lower() != "readme.md":
                    yield from articles_from_file(child)
        elif path.exists():
            yield from articles_from_file(path)
        else:
            yield Failure(path.name, f"{path}: no such file or folder", str(path))
