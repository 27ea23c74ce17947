"""A run's folder, ``runs/<id>/``: its plan, one part file and one done marker per partition.

::

    runs/<id>/manifest.json       the partitions (what a rerun must match)
    runs/<id>/parts/<key>.parquet the partition's result rows
    runs/<id>/done/<key>.json     the partition's counts, written after its part file

Files are written to a temporary name and renamed into place, so a reader sees a whole file or
none, and a retried task simply replaces its own file. A partition is done when its marker
exists; a rerun skips it.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from spotrep.errors import UsageError
from spotrep.scale.partitions import Partition

TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True, slots=True)
class PartCounts:
    """What a task returns: how many articles its partition held, read and failed."""

    key: str
    articles: int
    results: int
    failures: int
    events: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PartCounts:
        return cls(d["key"], d["articles"], d["results"], d["failures"], d["events"])


def run_id(partitions: Sequence[Partition]) -> str:
    """A name for the run of these partitions: the same inputs give the same run."""
    digest = hashlib.sha256(json.dumps([p.to_dict() for p in partitions]).encode())
    return digest.hexdigest()[:12]


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    try:
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class RunDir:
    path: Path

    @property
    def parts(self) -> Path:
        return self.path / "parts"

    @property
    def done(self) -> Path:
        return self.path / "done"

    def part_file(self, key: str) -> Path:
        return self.parts / f"{key}.parquet"

    def marker(self, key: str) -> Path:
        return self.done / f"{key}.json"

    def create(self, partitions: Sequence[Partition]) -> None:
        """Make the folders and write the plan; a folder holding another plan is refused."""
        manifest = self.path / "manifest.json"
        planned = {"partitions": [p.to_dict() for p in partitions]}
        if manifest.exists():
            if json.loads(manifest.read_text(encoding="utf-8")) != planned:
                raise UsageError(f"{self.path} holds a run of other inputs; give another --run")
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            write_atomically(manifest, json.dumps(planned, indent=1).encode())
        self.parts.mkdir(exist_ok=True)
        self.done.mkdir(exist_ok=True)

    def partitions(self) -> list[Partition]:
        manifest = self.path / "manifest.json"
        if not manifest.is_file():
            raise UsageError(f"{self.path}: not a spotrep run (no manifest.json)")
        planned = json.loads(manifest.read_text(encoding="utf-8"))
        return [Partition.from_dict(d) for d in planned["partitions"]]

    def is_done(self, key: str) -> bool:
        return self.marker(key).is_file()

    def counts(self, key: str) -> PartCounts:
        return PartCounts.from_dict(json.loads(self.marker(key).read_text(encoding="utf-8")))

    def mark_done(self, counts: PartCounts) -> None:
        write_atomically(self.marker(counts.key), json.dumps(counts.to_dict()).encode())

    def pending(self, partitions: Sequence[Partition]) -> list[Partition]:
        return [p for p in partitions if not self.is_done(p.key)]

    def remove_temp_files(self) -> int:
        """Delete what killed tasks left half-written; how many files."""
        stale = [*self.parts.glob(f".*{TEMP_SUFFIX}"), *self.done.glob(f".*{TEMP_SUFFIX}")]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    def done_parts(self) -> Iterator[Path]:
        """The part files of the done partitions, in partition order."""
        for p in self.partitions():
            if self.is_done(p.key):
                yield self.part_file(p.key)
