"""Loading a run into the store: each part in one transaction, recorded, merged by date.

A part's articles are stored and merged in publication order, and the parts in the order of
their earliest publication date, so a run of date-ordered shards (one a day) merges as if the
whole backlog had been read in date order. A loaded part is recorded by its content digest in
the same transaction: loading a run twice, or a part again after an interruption, changes
nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spotrep.records import Failure, Result
from spotrep.scale.runs import RunDir
from spotrep.scale.work import read_rows
from spotrep.store import Store


@dataclass(slots=True)
class LoadSummary:
    parts: int = 0
    skipped: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    incidents: int = 0

    def line(self) -> str:
        return (f"{self.parts} parts loaded ({self.skipped} loaded before): {self.new} new, "
                f"{self.unchanged} unchanged, {self.failed} failed, "
                f"{self.incidents} incidents new or updated")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _by_date(row: dict[str, Any]) -> tuple[str, str, int]:
    return (row["published"] or "9999", row["article_id"], row["position"])


def _item(row: dict[str, Any]) -> Result | Failure:
    if row["failure"] is not None:
        return Failure(row["article_id"], row["failure"], row["source"])
    return Result.from_dict(json.loads(row["result"]), row["text"])


def load_run(
    store: Store, run: RunDir, progress: Callable[[int], object] = lambda _n: None
) -> LoadSummary:
    """Load every done part of ``run`` not loaded before; what happened."""
    summary = LoadSummary()
    loaded = store.loaded_parts()
    parts: list[tuple[str, str, Path]] = []
    for path in run.done_parts():
        digest = _digest(path)
        if digest in loaded:
            summary.skipped += 1
            progress(1)
            continue
        dates = [r["published"] for r in read_rows(path, ("published",)) if r["published"]]
        parts.append((min(dates, default="9999"), digest, path))
    touched: set[str] = set()
    for _first, digest, path in sorted(parts):
        rows = sorted(read_rows(path), key=_by_date)
        items = [_item(r) for r in rows]
        added = store.add_batch(items, source=str(path), part=(digest, len(items)))
        progress(1)
        if added is None:  # another loader took it meanwhile
            summary.skipped += 1
            continue
        summary.parts += 1
        summary.failed += sum(isinstance(i, Failure) for i in items)
        for a in added:
            if a.status == "unchanged":
                summary.unchanged += 1
            else:
                summary.new += 1
                touched.update(a.incidents)
    summary.incidents = len(touched)
    return summary
