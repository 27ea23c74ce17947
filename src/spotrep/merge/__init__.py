"""Incidents across articles: events from different reports of one incident, merged.

Pure functions over ``Event`` records and their articles' metadata; the store calls them with
the candidates it finds in the new event's block (``cluster.best_incident``).
"""

from __future__ import annotations

from spotrep.merge.cluster import best_incident, cluster, join_article, units
from spotrep.merge.incident import Incident, incident_id, merge_incident
from spotrep.merge.reports import Report, reports_of
from spotrep.merge.rules import compatible, date_window

__all__ = [
    "Incident",
    "Report",
    "best_incident",
    "cluster",
    "compatible",
    "date_window",
    "incident_id",
    "join_article",
    "merge_incident",
    "reports_of",
    "units",
]
