"""Exactly what is filtered, as a download: events as ACLED CSV, their claims as CSV, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Literal

from spotrep.export.acled import acled_columns, csv_value, event_row
from spotrep.export.writers import feature
from spotrep.records import Result
from spotrep.serve.views import claim_row
from spotrep.store import StoredEvent

ExportFormat = Literal["events-csv", "claims-csv", "geojson"]

CLAIM_COLUMNS = ("article_id", "event_id", "incident_id", "outlet", "speaker", "speaker_kind",
                 "channel", "form", "figure", "words")


def events_csv(events: Sequence[StoredEvent]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(acled_columns())
    for se in events:
        writer.writerow([csv_value(v) for v in event_row(se).values()])
    return out.getvalue()


def claims_csv(events: Sequence[StoredEvent], results: dict[str, Result]) -> str:
    """One row per (event, claim reporting it), for the filtered events."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CLAIM_COLUMNS)
    for se in events:
        res = results.get(se.article_id)
        if res is None:
            continue
        for claim in res.claims:
            if se.event.id in claim.events:
                row = claim_row(claim, res)
                row.update(event_id=se.event.id, incident_id=se.incident_id)
                writer.writerow([csv_value(row[c]) for c in CLAIM_COLUMNS])
    return out.getvalue()


def geojson(events: Sequence[StoredEvent]) -> str:
    collection = {"type": "FeatureCollection", "features": [feature(se) for se in events]}
    return json.dumps(collection, ensure_ascii=False)
