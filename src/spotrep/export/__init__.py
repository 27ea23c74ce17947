"""Exports of the store: ACLED-style CSV, GeoJSON, JSON Lines, Parquet."""

from __future__ import annotations

from spotrep.export.writers import FORMATS, Format, write

__all__ = ["FORMATS", "Format", "write"]
