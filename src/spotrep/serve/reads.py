"""Lookups by key for the explorer: one article's result, several, one incident (``Store``'s
own lookups, which rebuild results from the rows that hold each fact)."""

from __future__ import annotations

from collections.abc import Iterable

from spotrep.merge import Incident
from spotrep.records import Result
from spotrep.store import Store


def result(store: Store, article_id: str) -> Result | None:
    """The current version's result of one article, with its text."""
    return store.result(article_id)


def results(store: Store, article_ids: Iterable[str]) -> dict[str, Result]:
    return {r.article.id: r for r in store.results(article_ids)}


def incident(store: Store, incident_id: str) -> Incident | None:
    return store.incident_by_id(incident_id)
