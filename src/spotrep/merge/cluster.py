"""Incremental clustering: each new report joins the best compatible incident, or opens one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from spotrep.merge.incident import incident_id
from spotrep.merge.reports import Report
from spotrep.merge.rules import affinity, compatible


def joinable(report: Report, members: Sequence[Report]) -> bool:
    """Compatible with every member (complete linkage keeps chains of near-misses apart)."""
    return bool(members) and all(compatible(report, m) for m in members)


def best_incident(report: Report, candidates: Mapping[str, Sequence[Report]]) -> str | None:
    """The id of the candidate incident the report belongs to, or None for a new incident."""
    scored = [
        (min(affinity(report, m) for m in members), iid)
        for iid, members in candidates.items()
        if joinable(report, members)
    ]
    return max(scored)[1] if scored else None


def cluster(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Incidents (id -> member reports) built by adding the reports one at a time, in order."""
    incidents: dict[str, list[Report]] = {}
    for report in reports:
        iid = best_incident(report, incidents)
        if iid is None:
            iid = incident_id(report)
            incidents[iid] = []
        incidents[iid].append(report)
    return incidents
