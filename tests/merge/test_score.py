"""Pairwise precision and recall of merged incidents against gold."""

from __future__ import annotations

from typing import Any

import pytest

from spotrep.merge.score import gold_clusters, pairwise_scores


@pytest.mark.parametrize(("predicted", "gold", "p", "r"), [
    ([["a", "b", "c"]], [["a", "b", "c"]], 1.0, 1.0),
    ([["a", "b"], ["c"]], [["a", "b", "c"]], 1.0, 1 / 3),
    ([["a", "b", "c", "d"]], [["a", "b"], ["c", "d"]], 2 / 6, 1.0),
    ([["a"], ["b"]], [["a"], ["b"]], 1.0, 1.0),  # no pairs anywhere: nothing wrong
    ([["a", "b"]], [["a"], ["b"]], 0.0, 1.0),
])
def test_pairwise_scores(
    predicted: list[list[str]], gold: list[list[str]], p: float, r: float
) -> None:
    s = pairwise_scores(predicted, gold)
    assert s.precision == pytest.approx(p)
    assert s.recall == pytest.approx(r)


@pytest.mark.parametrize(("predicted", "counts"), [
    # a and b both tell incidents X and Y; c tells X only
    ([["a", "b", "c"], ["a", "b"]], (4, 0, 0)),
    ([["a", "b", "c"]], (3, 0, 1)),  # X and Y fused: one of the two a-b pairs is lost
    ([["a", "c"], ["b", "c"], ["a", "b"], ["a", "b"]], (4, 0, 0)),  # X split: no error
    ([["a", "b", "c"], ["a", "b"], ["a", "b"]], (4, 0, 0)),  # a-b three times: found twice
    ([["a", "b", "c", "d"], ["a", "b"]], (4, 3, 0)),
])
def test_pairs_count_once_per_shared_incident(
    predicted: list[list[str]], counts: tuple[int, int, int]
) -> None:
    gold = {"X": ["a", "b", "c"], "Y": ["a", "b"], "Z": ["d"]}
    s = pairwise_scores(predicted, gold_clusters(gold))
    assert (s.true_positive, s.false_positive, s.false_negative) == counts


def test_duplicate_article_in_a_cluster_is_one_article() -> None:
    s = pairwise_scores([["a", "a", "b"]], [["a", "b"]])
    assert (s.true_positive, s.false_positive, s.false_negative) == (1, 0, 0)


@pytest.mark.parametrize("gold", [
    [["a", "b"], ["c"]],
    {"i1": ["a", "b"], "i2": ["c"]},
    {"incidents": [{"id": "i1", "articles": ["a", "b"]}, {"id": "i2", "articles": ["c"]}]},
    {"a": "i1", "b": "i1", "c": "i2"},
    [{"reports": [{"article_id": "a"}, {"article_id": "b"}]}, {"article_ids": ["c"]}],
])
def test_gold_shapes(gold: Any) -> None:
    assert sorted(map(sorted, gold_clusters(gold))) == [["a", "b"], ["c"]]


def test_gold_without_article_list_is_refused() -> None:
    with pytest.raises(ValueError, match="no article list"):
        gold_clusters([{"id": "i1"}])
