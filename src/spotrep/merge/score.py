"""Pairwise merge precision and recall over article pairs that share an incident.

An article may report several incidents, so a pair of articles counts once for each gold
incident both report: two articles that each tell the same two incidents give two gold pairs,
and fusing the two incidents into one finds only one of them. A predicted pair counts as
found up to the number of gold incidents the two articles share; a pair that shares none is
a false pair once, however many predicted incidents hold it (as is a pair predicted more often
than gold has it: one incident split in two is no merge error, and costs nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from spotrep.merge.cluster import cluster
from spotrep.merge.reports import reports_of
from spotrep.records import Result

Pair = frozenset[str]


@dataclass(frozen=True, slots=True)
class PairScores:
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def article_pairs(clusters: Iterable[Iterable[str]]) -> Counter[Pair]:
    """Unordered pairs of distinct articles, with the number of incidents holding both."""
    pairs: Counter[Pair] = Counter()
    for members in clusters:
        for a, b in combinations(sorted(set(members)), 2):
            pairs[frozenset((a, b))] += 1
    return pairs


def pairwise_scores(
    predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]
) -> PairScores:
    """Scores of predicted incidents (each a collection of article ids) against gold ones."""
    p, g = article_pairs(predicted), article_pairs(gold)
    found = sum((p & g).values())
    false = sum(1 for pair in p if pair not in g)
    return PairScores(found, false, sum((g - p).values()))


def gold_clusters(gold: Any) -> list[list[str]]:
    """Article-id clusters from a gold file, in any of its plausible shapes.

    A list of id lists, ``{incident: [ids]}``, a list of ``{"articles": [...]}`` objects,
    ``{"incidents": ...}`` around either, or ``{article: incident}``.
    """
    if isinstance(gold, Mapping) and "incidents" in gold:
        return gold_clusters(gold["incidents"])
    if isinstance(gold, Mapping):
        values = list(gold.values())
        if all(isinstance(v, str) for v in values):  # article id -> incident id
            by_incident: dict[str, list[str]] = {}
            for article, incident in gold.items():
                by_incident.setdefault(incident, []).append(str(article))
            return list(by_incident.values())
        return [_ids(v) for v in values]
    return [_ids(v) for v in gold]


def _ids(members: Any) -> list[str]:
    if isinstance(members, Mapping):
        for key in ("articles", "article_ids", "members", "reports"):
            if key in members:
                return _ids(members[key])
        raise ValueError(f"gold incident has no article list: {sorted(members)}")
    return [str(m["article_id"]) if isinstance(m, Mapping) else str(m) for m in members]


def merged_article_clusters(results: Iterable[Result]) -> list[list[str]]:
    """The article ids of each incident found by merging ``results`` in publication order."""
    ordered = sorted(results, key=lambda r: (r.article.published or "", r.article.id))
    reports = [rep for r in ordered for rep in reports_of(r)]
    return [[r.article_id for r in members] for members in cluster(reports).values()]
