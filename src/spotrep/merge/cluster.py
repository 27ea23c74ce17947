"""Incremental clustering: each incident an article reports joins the best incident.

An article may report several incidents (the main one, another told beside it, an earlier one
as background), and the extractor may split one incident into several events (a shelling and
its casualties, a riot and the post burned). The events of one article that may be one incident
(``rules.same_report``) form one *unit*, which joins an incident as a whole; an incident takes
at most one unit of an article, since the article's other units tell other incidents.

A unit joins an incident when some pair of their events is compatible (``rules.compatible``)
and no pair contradicts (``rules.conflicting``: contradicting named attackers, the same place
days apart, the same day far apart, a protest vs a riot by different crowds). Linking through
any member, not every member, lets a report that matches one outlet's account join reports
that describe the incident differently; the conflict guard keeps look-alikes apart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, MutableMapping, Sequence

from spotrep.merge.incident import incident_id
from spotrep.merge.reports import Report
from spotrep.merge.rules import affinity, compatible, conflicting, related_codes, same_report


def units(reports: Sequence[Report]) -> list[list[Report]]:
    """One article's reports grouped into units (transitively), in first-report order."""
    groups: list[list[Report]] = []
    for report in reports:
        linked = [g for g in groups if any(same_report(report, r) for r in g)]
        merged = [report]
        for g in linked:
            merged = g + merged
            groups.remove(g)
        groups.append(merged)
    order = {id(r): i for i, r in enumerate(reports)}
    return sorted((sorted(g, key=lambda r: order[id(r)]) for g in groups),
                  key=lambda g: order[id(g[0])])


def distinct_others(unit: Sequence[Report], members: Sequence[Report]) -> list[Report]:
    """The members from other articles, one per signature (the rules cannot tell them apart)."""
    articles = {r.article for r in unit}
    distinct: dict[Hashable, Report] = {}
    for m in members:
        if m.article not in articles:
            distinct.setdefault(m.signature, m)
    return list(distinct.values())


def join_score(unit: Sequence[Report], others: Sequence[Report]) -> float | None:
    """How well the unit fits an incident whose members from other articles are ``others``
    (the best affinity of a compatible pair), or None when no pair of events is compatible or
    some pair conflicts."""
    scores = [affinity(r, m) for r in unit for m in others if compatible(r, m)]
    if not scores or any(conflicting(r, m) for r in unit for m in others):
        return None
    return max(scores)


def joinable(unit: Sequence[Report], members: Sequence[Report]) -> bool:
    """Some pair of events compatible, and none in conflict."""
    return join_score(unit, distinct_others(unit, members)) is not None


def best_unit_incident(
    unit: Sequence[Report],
    candidates: Mapping[str, Sequence[Report]],
    others: MutableMapping[str, list[Report]] | None = None,
) -> str | None:
    """The id of the candidate incident the unit belongs to, or None for a new incident.

    ``others`` caches each candidate's ``distinct_others`` across the units of one article.
    """
    memo: MutableMapping[str, list[Report]] = {} if others is None else others
    related = frozenset().union(*(related_codes(r.event.code) for r in unit))
    scored: list[tuple[float, str]] = []
    for iid, members in candidates.items():
        if iid not in memo:
            memo[iid] = distinct_others(unit, members)
        if not any(m.event.code in related for m in memo[iid]):
            continue  # no pair can be compatible (a quick test for the common case)
        score = join_score(unit, memo[iid])
        if score is not None:
            scored.append((score, iid))
    return max(scored)[1] if scored else None


def best_incident(report: Report, candidates: Mapping[str, Sequence[Report]]) -> str | None:
    """The id of the candidate incident one report belongs to, or None for a new incident."""
    return best_unit_incident([report], candidates)


def join_article(
    reports: Sequence[Report],
    incidents: MutableMapping[str, list[Report]],
    new_id: Callable[[Report], str] = incident_id,
) -> list[tuple[str, Report]]:
    """Add one article's reports to ``incidents`` (in place); which incident each joined."""
    joined: list[tuple[str, Report]] = []
    # the members from other articles stay the same while this article's units join
    others: dict[str, list[Report]] = {}
    taken: set[str] = set()  # incidents one of this article's units joined or opened
    for unit in units(reports):
        open_to_unit = {i: m for i, m in incidents.items() if i not in taken}
        iid = best_unit_incident(unit, open_to_unit, others)
        if iid is None:
            iid = new_id(unit[0])
        # a new list: the caller's member lists (a store's cache) are left as they were
        incidents[iid] = [*incidents.get(iid, ()), *unit]
        others.setdefault(iid, [])
        taken.add(iid)
        joined += [(iid, r) for r in unit]
    return joined


def cluster(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Incidents (id -> member reports) built by adding the articles one at a time, in order.

    Reports of one article must be consecutive (``reports_of`` gives them so).
    """
    incidents: dict[str, list[Report]] = {}
    batch: list[Report] = []
    for report in reports:
        if batch and report.article != batch[0].article:
            join_article(batch, incidents)
            batch = []
        batch.append(report)
    if batch:
        join_article(batch, incidents)
    return incidents
