"""Partitions: the input of a run cut into pieces of work, the same for every engine.

A partition is a run of consecutive articles of the input: a slice of one JSON Lines shard
(``.jsonl`` or ``.jsonl.gz``), or a group of consecutive small files (``.txt``, ``.html``).
The plan is a pure function of the inputs and the partition size, so a rerun of the same
command finds the same partitions (and skips those already done).
"""

from __future__ import annotations

import glob
import gzip
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from spotrep.errors import UsageError
from spotrep.ingest.files import articles_from_file, articles_from_jsonl, is_article_file
from spotrep.records import Article, Failure

PARTITION_SIZE = 200
"""Articles per partition: about 20 s of one core, small enough to lose little on a retry."""

SHARD_SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True, slots=True)
class Partition:
    """Articles ``start`` to ``stop`` (item positions) of the files ``sources``, read in order."""

    key: str
    sources: tuple[str, ...]
    start: int = 0
    stop: int | None = None

    def articles(self) -> list[Article | Failure]:
        """The partition's articles (and the failures of unreadable ones), in input order."""
        return list(islice(_read(self.sources), self.start, self.stop))

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "sources": list(self.sources), "start": self.start,
                "stop": self.stop}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Partition:
        return cls(d["key"], tuple(d["sources"]), d["start"], d["stop"])


def is_shard(path: Path) -> bool:
    return path.name.lower().endswith(SHARD_SUFFIXES)


def open_shard(path: Path) -> TextIO:
    """A JSON Lines shard for reading, decompressed if it ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _read(sources: Iterable[str]) -> Iterator[Article | Failure]:
    for name in sources:
        path = Path(name)
        if is_shard(path):
            # streamed: a shard may be far larger than the size limit for a single file
            try:
                with open_shard(path) as handle:
                    yield from articles_from_jsonl(handle, name)
            except (OSError, UnicodeDecodeError, EOFError) as exc:
                yield Failure(path.name, f"{name}: cannot read: {exc}", name)
        else:
            yield from articles_from_file(path)


def input_files(inputs: Sequence[str]) -> list[Path]:
    """The files the inputs name: files, folders (recursively, in name order) and globs."""
    found: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p.resolve() for p in path.rglob("*") if _readable(p))
        elif path.is_file():
            found.append(path.resolve())
        elif matches := sorted(glob.glob(raw, recursive=True)):  # noqa: PTH207 (a quoted glob)
            found += [Path(m).resolve() for m in matches if Path(m).is_file()]
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return found


def _readable(path: Path) -> bool:
    if not path.is_file() or path.name.lower() == "readme.md":
        return False
    return is_article_file(path)


def count_items(path: Path) -> int:
    """How many articles a shard holds (its non-blank lines)."""
    with open_shard(path) as handle:
        return sum(1 for line in handle if line.strip())


def plan(inputs: Sequence[str], size: int = PARTITION_SIZE) -> list[Partition]:
    """The partitions of the inputs, in input order, each of at most ``size`` articles."""
    parts: list[Partition] = []
    group: list[str] = []

    def add(sources: Sequence[str], start: int = 0, stop: int | None = None) -> None:
        parts.append(Partition(f"{len(parts):06d}", tuple(sources), start, stop))

    for path in input_files(inputs):
        if not is_shard(path):
            group.append(str(path))
            if len(group) == size:
                add(group)
                group = []
            continue
        if group:
            add(group)
            group = []
        n = count_items(path)
        for start in range(0, max(n, 1), size):
            add([str(path)], start, min(start + size, n))
    if group:
        add(group)
    return parts
