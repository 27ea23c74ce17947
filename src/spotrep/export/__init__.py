"""Exports of the store: ACLED CSV, GeoJSON, JSON Lines, GeoParquet; the project's safe CSV."""

from __future__ import annotations

from spotrep.export.acled import AcledOptions
from spotrep.export.item import Item
from spotrep.export.safe_csv import SafeWriter, neutralise
from spotrep.export.source import events, incidents
from spotrep.export.views import DEFAULT_STATUSES, parse_statuses
from spotrep.export.writers import FORMATS, Format, write

__all__ = [
    "DEFAULT_STATUSES",
    "FORMATS",
    "AcledOptions",
    "Format",
    "Item",
    "SafeWriter",
    "events",
    "incidents",
    "neutralise",
    "parse_statuses",
    "write",
]
