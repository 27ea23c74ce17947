"""Whole-pipeline throughput next to bare spaCy parsing of the same texts, in the same run.

    python benchmarks/throughput.py [--input ARTICLES.jsonl|FOLDER ...] [--articles N]

Prints words/s and articles/s for bare parsing and for the whole pipeline, their ratio, the time
each extractor adds (CPU time, as a share of bare parsing's CPU time), model load time and peak
RSS, and the parse and pipeline in CPU seconds of this process (on a shared machine the figure
to compare: others' load stretches wall time far more). Figures are printed, never asserted:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from spotrep.extractors import claims, events, places, times
from spotrep.ingest.files import read_sources
from spotrep.pipeline import Pipeline, Prepared, load_pipeline, prepare
from spotrep.records import Article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def load_articles(sources: Sequence[str], count: int) -> list[Article]:
    found = [a for a in read_sources(sources or [EXAMPLES]) if isinstance(a, Article)]
    if not found:
        sys.exit("no articles found in the inputs")
    return list(islice(cycle(found), count))


def timed(fn: Callable[[], Any]) -> tuple[float, Any, float]:
    """Wall seconds, the value, and CPU seconds of this process (on a shared machine the
    steadier figure: other jobs' load stretches wall time, not CPU time, much less)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - start, value, time.process_time() - cpu


def stage_seconds(
    pipeline: Pipeline, ready: Sequence[Prepared], docs: Sequence[Doc]
) -> dict[str, float]:
    """CPU seconds each extractor takes over already-parsed docs."""
    out = {"times": 0.0, "places": 0.0, "events": 0.0, "claims": 0.0}
    for prep, doc in zip(ready, docs, strict=True):
        for stage, seconds in article_stage_seconds(pipeline, prep, doc).items():
            out[stage] += seconds
    return out


def article_stage_seconds(pipeline: Pipeline, prep: Prepared, doc: Doc) -> dict[str, float]:
    res = pipeline.resources
    published = prep.article.published_date
    clock = time.process_time  # CPU seconds: steadier than wall time on a shared machine
    t0 = clock()
    ts = times.find_times(doc, published, res.times)
    t1 = clock()
    ps = places.find_places(doc, res.places)
    t2 = clock()
    evs = events.find_events(doc, ts, ps, published, res.events)
    t3 = clock()
    claims.find_claims(doc, evs, res.claims)
    t4 = clock()
    return {"times": t1 - t0, "places": t2 - t1, "events": t3 - t2, "claims": t4 - t3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", "-i", action="append", default=[],
                        help="articles (.jsonl, .txt, folders); default: the bundled examples")
    parser.add_argument("--articles", "-n", type=int, default=200, help="articles to process")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best kept")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    args = parser.parse_args()

    load_s, pipeline, _ = timed(load_pipeline)
    articles = load_articles(args.input, args.articles)
    ready = [p for p in (prepare(a) for a in articles) if isinstance(p, Prepared)]
    texts = [p.text for p in ready]
    list(pipeline.run(articles[:4]))  # warm caches so that neither run pays first-use costs

    # Alternate the two runs and keep each one's best, so that a busy machine skews neither.
    parse_runs, whole_runs = [], []
    for _ in range(args.repeat):
        parse_runs.append(timed(lambda: list(pipeline.nlp.pipe(texts, batch_size=args.batch_size))))
        whole_runs.append(timed(lambda: list(pipeline.run(articles, batch_size=args.batch_size))))
    parse_s, docs, _ = min(parse_runs, key=lambda run: run[0])
    whole_s, results, _ = min(whole_runs, key=lambda run: run[0])
    parse_cpu = min(run[2] for run in parse_runs)
    whole_cpu = min(run[2] for run in whole_runs)
    words = sum(1 for d in docs for t in d if not (t.is_space or t.is_punct))
    stages = stage_seconds(pipeline, ready, docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    figures = {
        "articles": len(articles),
        "words": words,
        "model_load_s": round(load_s, 2),
        "bare_parse_s": round(parse_s, 2),
        "bare_words_per_s": round(words / parse_s),
        "bare_articles_per_s": round(len(articles) / parse_s, 1),
        "pipeline_s": round(whole_s, 2),
        "pipeline_words_per_s": round(words / whole_s),
        "pipeline_articles_per_s": round(len(articles) / whole_s, 1),
        "pipeline_over_parse": round(whole_s / parse_s, 3),
        "bare_cpu_s": round(parse_cpu, 2),
        "pipeline_cpu_s": round(whole_cpu, 2),
        "pipeline_articles_per_cpu_s": round(len(articles) / whole_cpu, 1),
        "cpu_pipeline_over_parse": round(whole_cpu / parse_cpu, 3),
        "stage_share_of_parse": {k: round(v / parse_cpu, 3) for k, v in stages.items()},
        "events_found": sum(len(r.events) for r in results if hasattr(r, "events")),
        "peak_rss_mb": round(peak_mb),
    }
    if not args.json:
        print(f"{len(articles)} articles, {words} words, model loaded in {load_s:.2f}s")
        print(f"  bare spaCy parse : {figures['bare_words_per_s']:>7} words/s "
              f"{figures['bare_articles_per_s']:>6} articles/s")
        print(f"  whole pipeline   : {figures['pipeline_words_per_s']:>7} words/s "
              f"{figures['pipeline_articles_per_s']:>6} articles/s")
        print(f"  pipeline / parse : {figures['pipeline_over_parse']}x")
        print(f"  CPU time         : parse {parse_cpu:.2f} s, pipeline {whole_cpu:.2f} s "
              f"({figures['pipeline_articles_per_cpu_s']} articles per CPU second)")
        for stage, share in figures["stage_share_of_parse"].items():  # type: ignore[attr-defined]
            print(f"    {stage:<7} adds {share:.1%} of parse time")
        print(f"  peak RSS         : {figures['peak_rss_mb']} MB")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
