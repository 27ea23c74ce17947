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
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from spotrep.errors import InputError
from spotrep.ingest.decoding import decode_bytes
from spotrep.ingest.records import article_from_mapping
from spotrep.records import Article, Failure

SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl")
GZIP_JSONL = ".jsonl.gz"
"""JSON Lines compressed with gzip (shards of a backlog), read as a stream."""
FRONT_MATTER_KEYS = frozenset({"id", "outlet", "published", "title", "url"})
_HEADER_KEY = re.compile(r"[a-z_][a-z0-9_-]{0,40}")
MAX_HTML_DEPTH = 200
"""Pages nesting deeper than this lose their text in libxml2's HTML parser (limit ~255)."""
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
MAX_FILE_BYTES = 50_000_000
"""Larger files are refused outright (the pipeline itself reads at most its first characters)."""


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The ``key: value`` header of a text file (if it has one) and the body after it.

    Keys spotrep does not know stay in the header (``front_matter_notes`` names them); a line
    that is not ``key: value`` means the file has no header and all of it is the article.
    """
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not _HEADER_KEY.fullmatch(key):
            return {}, text  # not a header: keep the whole file as the article
        meta[key] = value.strip()
    return meta, text[end + 5 :]


def front_matter_notes(meta: dict[str, str]) -> tuple[str, ...]:
    unknown = sorted(set(meta) - FRONT_MATTER_KEYS)
    if not unknown:
        return ()
    return (f"unknown front-matter key(s) ignored: {', '.join(unknown)} (known: "
            f"{', '.join(sorted(FRONT_MATTER_KEYS))})",)


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
        depth = nesting_depth(html)
        if depth > MAX_HTML_DEPTH:
            raise InputError(f"{source}: no article text found in the HTML: its elements nest "
                             f"{depth} deep, deeper than the HTML parser reads (about 255)")
        raise InputError(f"{source}: no article text found in the HTML")
    return text, found


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest (a tag count, not a parse: it only explains)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


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
        decoded = decode_bytes(path.read_bytes(), source)
    except (OSError, InputError) as exc:
        yield Failure(path.name, str(exc), source)
        return
    text, notes = decoded.text, decoded.notes
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from articles_from_jsonl(text.split("\n"), source, notes)
    elif suffix in (".html", ".htm"):
        yield _html_article(text, source, notes)
    else:
        meta, body = split_front_matter(text)
        if not body.strip():
            yield Failure(path.name, f"{source}: empty text", source)
            return
        notes += front_matter_notes(meta)
        record = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS}
        yield _with_source(article_from_mapping({**record, "text": body}, path.name, notes),
                           source)


def _gzip_jsonl(path: Path) -> Iterator[Article | Failure]:
    import gzip

    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            yield from articles_from_jsonl(handle, str(path))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        yield Failure(path.name, f"{path}: cannot read: {exc}", str(path))


def _html_article(html: str, source: str, notes: tuple[str, ...] = ()) -> Article | Failure:
    try:
        text, meta = html_text(html, source)
    except InputError as exc:
        return Failure(Path(source).name, str(exc), source)
    record = {"text": text, "title": meta.get("title"), "url": meta.get("url"),
              "outlet": meta.get("sitename"), "published": meta.get("date")}
    return _with_source(article_from_mapping(record, Path(source).name, notes), source)


def _with_source(article: Article | Failure, source: str) -> Article | Failure:
    if isinstance(article, Failure):
        return Failure(article.article_id, f"{source}: {article.reason}", source)
    return article


def articles_from_jsonl(
    lines: Iterable[str], source: str, notes: tuple[str, ...] = ()
) -> Iterator[Article | Failure]:
    """One article per non-blank line; a bad line is a Failure that names its line number.

    Split the input on ``\\n`` only: U+2028 and U+0085 are valid inside JSON strings.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        record, problem = _json_line(line)
        if problem is not None:
            yield Failure(where, problem, source)
            continue
        article = article_from_mapping(record, where, notes)
        if isinstance(article, Failure) and article.article_id != where:
            yield Failure(article.article_id, f"{where}: {article.reason}", source)
        elif isinstance(article, Failure):
            yield Failure(where, article.reason, source)
        else:
            yield article


def jsonl_lines(stream: BinaryIO) -> Iterator[str]:
    """The lines of a binary stream (stdin) split on ``\\n`` only, each decoded as UTF-8; bytes
    that are not UTF-8 become lone surrogates, which the reader turns into U+FFFD with a note
    (one bad byte must not end the stream)."""
    for raw in stream:
        yield raw.rstrip(b"\r\n").decode("utf-8", errors="surrogateescape")


def _json_line(line: str) -> tuple[object, str | None]:
    """The value on one JSONL line, or why it is not one."""
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, "not an article: JSON nested too deeply"
    except ValueError as exc:  # e.g. an integer literal of more than 4,300 digits
        return None, f"not JSON ({exc})"


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
