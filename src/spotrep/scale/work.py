"""The unit of work every engine runs: one partition of articles -> its part file of result rows.

``extract_partition`` is what a local worker process and a Dask worker both call. It uses the
process's cached pipeline (``load_pipeline``: loaded once per process, never sent with a task),
parses inside ``nlp.memory_zone()`` so the string store does not grow from one partition to
the next, writes its rows atomically and returns only counts.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from spotrep.bounds import DEFAULT_TIME_BUDGET
from spotrep.records import Article, Failure, Result
from spotrep.scale.partitions import Partition
from spotrep.scale.runs import PartCounts, RunDir, write_atomically

COLUMNS = ("position", "article_id", "source", "published", "text", "result", "failure")
"""A part file's columns: one row per article, the result as the contract's JSON or the
reason it failed."""


def _schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    return pa.schema([
        ("position", pa.int32()),
        ("article_id", pa.string()),
        ("source", pa.string()),
        ("published", pa.string()),
        ("text", pa.string()),
        ("result", pa.string()),
        ("failure", pa.string()),
    ])


def result_rows(
    items: Sequence[Article | Failure], outputs: Iterable[Result | Failure]
) -> list[dict[str, Any]]:
    """One row per input item: its result's JSON (as ``extract`` writes it) or its failure."""
    rows: list[dict[str, Any]] = []
    for position, (item, out) in enumerate(zip(items, outputs, strict=True)):
        source = item.source if isinstance(item, Failure) else None
        row: dict[str, Any] = {"position": position, "source": source, "text": None,
                               "result": None, "failure": None, "published": None}
        if isinstance(out, Failure):
            row.update(article_id=out.article_id, failure=out.reason,
                       source=out.source or source)
        else:
            row.update(article_id=out.article.id, published=out.article.published,
                       text=out.article.text,
                       result=json.dumps(out.to_dict(), ensure_ascii=False))
        rows.append(row)
    return rows


def encode_rows(rows: Sequence[dict[str, Any]]) -> bytes:
    """Rows as a Parquet file (zstd: result JSON compresses about tenfold)."""
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pa.Table.from_pylist(list(rows), schema=_schema())
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def read_rows(path: Path, columns: Sequence[str] = COLUMNS) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(path, columns=list(columns)).to_pylist()
    return rows


def extract_partition(
    partition: Partition, run: str | Path, time_budget: float | None = DEFAULT_TIME_BUDGET
) -> PartCounts:
    """Extract one partition into ``run``'s part file and done marker; its counts. Each
    article gets ``time_budget`` seconds (in a Dask worker's thread too: ``spotrep.bounds``).

    A partition already done is not extracted again (a duplicate or retried task).
    """
    from spotrep.api import process
    from spotrep.pipeline import load_pipeline

    folder = RunDir(Path(run))
    if folder.is_done(partition.key):
        return folder.counts(partition.key)
    items = partition.articles()
    nlp = load_pipeline().nlp
    with nlp.memory_zone():
        # every Doc and token of the partition dies in the zone: results are plain records
        outputs = list(process(items, time_budget=time_budget))
    rows = result_rows(items, outputs)
    write_atomically(folder.part_file(partition.key), encode_rows(rows))
    counts = PartCounts(
        key=partition.key,
        articles=len(rows),
        results=sum(isinstance(o, Result) for o in outputs),
        failures=sum(isinstance(o, Failure) for o in outputs),
        events=sum(len(o.events) for o in outputs if isinstance(o, Result)),
    )
    folder.mark_done(counts)
    return counts


def budgeted_task(time_budget: float | None) -> Callable[[Partition, str], PartCounts]:
    """``extract_partition`` giving each article ``time_budget`` seconds (``--time-budget``),
    as a task for either engine (a partial of a module function pickles to any worker)."""
    if time_budget == DEFAULT_TIME_BUDGET:
        return extract_partition
    return functools.partial(extract_partition, time_budget=time_budget)


def run_outputs(run: RunDir) -> Iterator[Result | Failure]:
    """The results and failures of a run's done partitions, in input order."""
    for path in run.done_parts():
        for row in read_rows(path):
            if row["failure"] is not None:
                yield Failure(row["article_id"], row["failure"], row["source"])
            else:
                yield Result.from_dict(json.loads(row["result"]), row["text"])
