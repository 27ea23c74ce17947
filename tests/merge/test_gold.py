"""The merge test set (tests/data/merge): pairwise precision and recall of incidents.

Runs the real extractors, so it measures extraction and merging together. The targets are
precision >= 0.95 and recall >= 0.90 on the set extended with two-incident reports and
consecutive-day look-alikes (issue 12); the test holds the precision target and guards the
recall reached so far against regressions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotrep.ingest.records import article_from_mapping
from spotrep.merge.score import gold_clusters, merged_article_clusters, pairwise_scores
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Result

DATA = Path(__file__).parent.parent / "data" / "merge"
RECALL_FLOOR = 0.95
"""Recall reached (target 0.90): 0.953 (41 of 43 pairs, precision 1.000) on 1 Dec 2026 once each
mention's own day kept the Monday bomb n03c recalls apart from its Tuesday bomb; 0.907 (39 of
43) with the merge changes alone. The set grew that day from 31 articles (0.931, 27 of 29 pairs)
to 42 with incidents I12-I17; before the merge kept an article's incidents apart and told
consecutive-day look-alikes apart, the extended set scored 0.953 / 0.953 (two false pairs:
Quetta's two bombs fused). Two pairs left need "Chafe", another spelling of Tsafe that the
gazetteer lacks. Raise it as extraction improves."""


@pytest.mark.model
def test_merge_test_set_precision_and_recall(pipeline: Pipeline) -> None:
    if not (DATA / "gold.json").exists():
        pytest.skip("the merge test set (tests/data/merge) is not there yet")
    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [article_from_mapping(json.loads(line)) for line in lines if line.strip()]
    assert all(isinstance(a, Article) for a in articles)
    results = [r for r in pipeline.run(a for a in articles if isinstance(a, Article))
               if isinstance(r, Result)]
    assert len(results) == len(articles)
    gold = gold_clusters(json.loads((DATA / "gold.json").read_text(encoding="utf-8")))
    scores = pairwise_scores(merged_article_clusters(results), gold)
    summary = (f"pairwise P={scores.precision:.3f} R={scores.recall:.3f} (tp="
               f"{scores.true_positive} fp={scores.false_positive} fn={scores.false_negative})")
    assert scores.precision >= 0.95, summary
    assert scores.recall >= RECALL_FLOOR, summary
