"""How much storing (and merging) adds to extraction: the target is at most 10%.

    .venv/bin/python benchmarks/store_overhead.py [-n 62] [--db PATH|postgresql://...]

Extracts N articles (the merge test set, repeated with a suffix so every text is new), then
stores the results in a fresh store the way ``spotrep ingest`` does (a known-article check, then
one transaction per article with its incident merge). Prints both times and the overhead;
single process, so it measures the cost on one core.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from spotrep.api import process
from spotrep.ingest.records import article_from_mapping
from spotrep.records import Article, Result
from spotrep.store import Store

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "merge" / "articles.jsonl"


def articles(n: int) -> list[Article]:
    """``n`` distinct articles: the test set's, repeated with a numbered closing line."""
    base = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    out: list[Article] = []
    for i in range(n):
        record = dict(base[i % len(base)])
        record["id"] = f"{record['id']}-{i}"
        record["text"] = f"{record['text']}\n\n(Copy {i}.)"
        article = article_from_mapping(record)
        assert isinstance(article, Article)
        out.append(article)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=62)
    parser.add_argument("--db", help="store to write to (default: a temporary SQLite file)")
    args = parser.parse_args()
    batch = articles(args.n)
    list(process(batch[:2]))  # load the model first: its start-up is not extraction time

    start = time.perf_counter()
    results = [r for r in process(batch) if isinstance(r, Result)]
    extract_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        target = args.db or str(Path(tmp) / "bench.db")
        with Store.open(target) as store:
            if store.counts()["articles"]:
                raise SystemExit(f"{target} already holds articles: give an empty store")
            start = time.perf_counter()
            for r in results:
                if not store.has_article(r.article):
                    store.add_result(r, source="benchmark")
            store_s = time.perf_counter() - start
            counts = store.counts()
    events = sum(len(r.events) for r in results)
    print(f"{len(results)} articles, {events} events -> {counts['incidents']} incidents")
    per = 1000 / len(results)
    print(f"extraction        {extract_s:8.2f} s  ({extract_s * per:.1f} ms/article)")
    print(f"store + merge     {store_s:8.2f} s  ({store_s * per:.1f} ms/article)")
    print(f"overhead          {store_s / extract_s * 100:8.1f} %  (target <= 10 %)")


if __name__ == "__main__":
    main()
