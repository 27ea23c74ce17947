"""Merging the merge test set (tests/data/merge) through the store gives the incidents merging
in memory gives: the store's blocks, caps and cached members change what is compared, never
what is merged, on a set this size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotrep.ingest.records import article_from_mapping
from spotrep.merge import Report, join_article, merge_incident, reports_of
from spotrep.merge.incident import incident_id
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Result
from spotrep.store import Store
from spotrep.store.write import article_key, content_hash, identity

DATA = Path(__file__).parent.parent / "data" / "merge"


@pytest.fixture(scope="module")
def merge_set_results(pipeline: Pipeline) -> list[Result]:
    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [article_from_mapping(json.loads(line)) for line in lines if line.strip()]
    results = [r for r in pipeline.run(a for a in articles if isinstance(a, Article))
               if isinstance(r, Result)]
    assert len(results) == len(articles)
    return sorted(results, key=lambda r: (r.article.published or "", r.article.id))


def _in_memory(results: list[Result]) -> dict[str, list[Report]]:
    """``merge.join_article`` one article at a time, opening incidents under the ids the store
    gives them (ids break ties between equally good candidates)."""
    incidents: dict[str, list[Report]] = {}
    for r in results:
        key = article_key(identity(r.article), content_hash(r.article.text))
        join_article(reports_of(r, key), incidents, lambda f, k=key: incident_id(f, k))
    return incidents


@pytest.mark.model
@pytest.mark.parametrize("batch", [1, 10])
def test_the_store_merges_the_merge_test_set_as_memory_does(
    merge_set_results: list[Result], db_target: str, batch: int
) -> None:
    expected = {iid: merge_incident(iid, members).to_dict()
                for iid, members in _in_memory(merge_set_results).items()}
    with Store.open(db_target, create=True) as store:
        for start in range(0, len(merge_set_results), batch):
            store.add_batch(merge_set_results[start : start + batch])
        found = {inc.id: inc.to_dict() for inc in store.incidents()}
    assert sum(len(i["reports"]) > 1 for i in expected.values()) >= 15  # the set's incidents
    assert found == expected
