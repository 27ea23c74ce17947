"""The spotrep store: SQLite by default, PostgreSQL by URL, with versioned migrations."""

from __future__ import annotations

from spotrep.store.engine import default_db_path
from spotrep.store.filters import Filters
from spotrep.store.store import Added, Store
from spotrep.store.stored import StoredEvent, StoredFailure

__all__ = ["Added", "Filters", "Store", "StoredEvent", "StoredFailure", "default_db_path"]
