"""How much storing (and merging) adds to extraction: the target is at most 10%.

    .venv/bin/python benchmarks/store_overhead.py [-n 1000] [--corpus PATH ...]
                                                  [--db PATH|postgresql://...] [--repeat 3]

What it measures: the time ``spotrep ingest`` spends besides extraction per article (the
known-article checks, then one write transaction per article with its incident merge), as a
share of the time extraction takes on the same articles. It runs ``store.ingest.ingest``
itself, its extractor replaced by one handing back the results extracted (and timed) before.
Single process, so both are the cost on one core; the model is loaded before timing starts.
Extraction runs once; ingesting runs ``--repeat`` times, each into a fresh store, and the
median is reported (it is short, so one run is noisy on a shared machine).

The articles: by default N distinct articles built from the merge test set
(``tests/data/merge/articles.jsonl``: 31 articles, 11 incidents of 2-3 reports each, gold
grouping in ``gold.json``). Repeating those texts as they are would pile every copy onto the
same 11 incidents (hundreds of reports each), which no real feed does and which makes every
incident update cost more than the one before. Instead each copy is its own set of incidents:

- every incident's articles are first moved by whole weeks into one common week, so the 11
  incidents (in 7 countries) happen in one week, as in a feed; then copy ``k`` is moved ``k``
  more weeks. Whole weeks keep the weekday names ("on Tuesday") right; explicit day-month
  dates in the text ("on 11 May") are moved with the publication date;
- each text gets a numbered closing line, so every article is new to the store.

So the merge set's incidents recur as incidents of 2-3 reports, about 11 a week (besides the
one-report incidents of the other events the extractor finds), each merge block holding the
incidents of neighbouring days; the incident sizes are printed. A busier feed (more incidents
a day per country) has larger blocks and costs more per article: measure it with ``--corpus``,
which takes any files or folders ``spotrep ingest`` reads (e.g. a JSONL of your own articles)
and uses the first N articles (all without ``-n``) as they are, in publication order.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from spotrep.api import process
from spotrep.ingest.files import read_sources
from spotrep.ingest.records import article_from_mapping
from spotrep.records import Article, Failure, Result
from spotrep.store import Store
from spotrep.store.ingest import ingest
from spotrep.store.schema import metadata

Output = Result | Failure


@dataclass(frozen=True, slots=True)
class StoreRun:
    seconds: float
    incident_sizes: list[int]

MERGE_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "merge"
BASE_DAY = date(2024, 5, 6)
"""The week every incident of the merge set is moved into (copy 0)."""

_MONTHS = "|".join(calendar.month_name[1:])
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS})\b(?! \d{{4}})")
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTHS}) (?P<day>\d{{1,2}})\b(?!,? \d{{4}})")


def _moved_mention(m: re.Match[str], published: date, days: int) -> str:
    """A day-month mention without a year (the last such day by ``published``) moved."""
    month = list(calendar.month_name).index(m["month"])
    try:
        day = date(published.year, month, int(m["day"]))
    except ValueError:
        return m[0]  # not a date ("31 February"): leave it
    if day > published:
        day = day.replace(year=day.year - 1)
    moved = day + timedelta(days=days)
    name = calendar.month_name[moved.month]
    return f"{moved.day} {name}" if m.start("day") < m.start("month") else f"{name} {moved.day}"


def moved(record: dict[str, Any], days: int) -> dict[str, Any]:
    """The article record as if published ``days`` later, its stated day-month dates too."""
    published = date.fromisoformat(record["published"])

    def move(m: re.Match[str]) -> str:
        return _moved_mention(m, published, days)

    text = _MONTH_DAY.sub(move, _DAY_MONTH.sub(move, record["text"]))
    return {**record, "text": text, "published": (published + timedelta(days=days)).isoformat()}


def _week_shifts(records: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Days to move each article by so that every gold incident starts in ``BASE_DAY``'s week."""
    gold = json.loads((MERGE_SET / "gold.json").read_text(encoding="utf-8"))["incidents"]
    published = {r["id"]: date.fromisoformat(r["published"]) for r in records}
    shifts: dict[str, int] = {}
    for incident in gold.values():
        first = min(published[a] for a in incident["articles"])
        weeks = -((first - BASE_DAY).days // 7)
        for a in incident["articles"]:
            shifts[a] = 7 * weeks
    return shifts


def merge_set_articles(n: int) -> list[Article]:
    """``n`` distinct articles: copies of the merge set, copy ``k`` moved ``k`` weeks later."""
    path = MERGE_SET / "articles.jsonl"
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    shifts = _week_shifts(base)
    records: list[dict[str, Any]] = []
    for i in range(n):
        copy, record = divmod(i, len(base))
        record_ = moved(base[record], shifts[base[record]["id"]] + 7 * copy)
        record_["id"] = f"{record_['id']}-{i}"
        record_["text"] = f"{record_['text']}\n\n(Copy {i}.)"
        records.append(record_)
    out: list[Article] = []
    for record_ in records:
        article = article_from_mapping(record_)
        assert isinstance(article, Article)
        out.append(article)
    return in_publication_order(out)


def corpus_articles(paths: Sequence[str], n: int | None) -> list[Article]:
    found = [a for a in read_sources(paths) if isinstance(a, Article)]
    if not found:
        sys.exit("no articles found in the corpus")
    return in_publication_order(found[:n] if n else found)


def in_publication_order(articles: Sequence[Article]) -> list[Article]:
    """As a feed delivers them: the store merges in arrival order."""
    return sorted(articles, key=lambda a: (a.published or "", a.id))


def store_all(target: str, batch: Sequence[Article], outputs: Sequence[Output]) -> StoreRun:
    """``spotrep ingest`` of ``batch`` into the empty store at ``target``, extraction replaced
    by handing back ``outputs`` (already extracted): the seconds it took, the incident sizes."""
    ready = {id(a): out for a, out in zip(batch, outputs, strict=True)}

    def extracted(articles: Sequence[Article]) -> list[Output]:
        return [ready[id(a)] for a in articles]

    with Store.open(target, create=True) as store:
        if store.counts()["articles"]:
            raise SystemExit(f"{target} already holds articles: give an empty store")
        start = time.perf_counter()
        ingest(store, [("benchmark", a) for a in batch], extractor=extracted)
        seconds = time.perf_counter() - start
        sizes = [len({ref.article_id for ref in i.reports}) for i in store.incidents()]
    return StoreRun(seconds, sizes)


def empty(target: str) -> None:
    """Drop the tables a benchmark run created (the store was empty before it)."""
    with Store.open(target, create=True) as store:
        metadata.drop_all(store.engine)  # the migrations table too


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, help="articles (default 62, or the whole corpus)")
    parser.add_argument("--corpus", nargs="+", metavar="PATH",
                        help="files or folders of articles instead of the merge test set")
    parser.add_argument("--db", help="an empty store to write to, emptied again between runs "
                        "(default: temporary SQLite files)")
    parser.add_argument("--repeat", type=int, default=3, help="store runs (median reported)")
    args = parser.parse_args()
    batch = corpus_articles(args.corpus, args.n) if args.corpus else merge_set_articles(
        args.n or 62
    )
    list(process(batch[:2]))  # load the model first: its start-up is not extraction time

    start = time.perf_counter()
    outputs = list(process(batch))
    extract_s = time.perf_counter() - start
    results = [r for r in outputs if isinstance(r, Result)]

    runs: list[StoreRun] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            target = args.db or str(Path(tmp) / f"bench-{run}.db")
            if run and args.db:
                empty(target)
            runs.append(store_all(target, batch, outputs))
    store_s = statistics.median(r.seconds for r in runs)
    sizes = runs[-1].incident_sizes
    events = sum(len(r.events) for r in results)
    histogram = ", ".join(f"{k}: {v}" for k, v in sorted(Counter(sizes).items()))
    print(f"{len(results)} articles, {events} events -> {len(sizes)} incidents")
    print(f"articles per incident  {histogram}")
    per = 1000 / len(batch)
    print(f"extraction        {extract_s:8.2f} s  ({extract_s * per:.1f} ms/article)")
    print(f"store + merge     {store_s:8.2f} s  ({store_s * per:.1f} ms/article, median of "
          f"{' '.join(f'{r.seconds:.2f}' for r in runs)})")
    print(f"overhead          {store_s / extract_s * 100:8.1f} %  (target <= 10 %)")


if __name__ == "__main__":
    main()
