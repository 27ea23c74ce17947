"""The 30 event codes of the spotrep/1 contract with their ACLED event and sub-event types."""

from __future__ import annotations

import csv
from importlib import resources
from types import MappingProxyType


def _load() -> MappingProxyType[str, tuple[str, str]]:
    text = resources.files("spotrep.data").joinpath("taxonomy.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return MappingProxyType({r["code"]: (r["event_type"], r["sub_event_type"]) for r in rows})


TAXONOMY = _load()
"""code -> (event_type, sub_event_type), read once from ``data/taxonomy.tsv``."""

CODES = tuple(TAXONOMY)
