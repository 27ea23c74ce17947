"""The 30 event codes of the spotrep/1 contract with their ACLED event and sub-event types."""

from __future__ import annotations

from types import MappingProxyType

from spotrep import data


def _load() -> MappingProxyType[str, tuple[str, str]]:
    rows = data.records("taxonomy.tsv")
    return MappingProxyType({r["code"]: (r["event_type"], r["sub_event_type"]) for r in rows})


TAXONOMY = _load()
"""code -> (event_type, sub_event_type), read once from ``data/taxonomy.tsv``."""

CODES = tuple(TAXONOMY)
