"""The 30 event codes of the spotrep/1 contract with their ACLED event and sub-event types."""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

from spotrep import data


class Names(NamedTuple):
    """ACLED's names for one code."""

    event_type: str
    sub_event_type: str


def _load() -> MappingProxyType[str, Names]:
    rows = data.records("taxonomy.tsv")
    return MappingProxyType({r["code"]: Names(r["event_type"], r["sub_event_type"]) for r in rows})


TAXONOMY = _load()
"""code -> its ACLED names, read once from ``data/taxonomy.tsv``."""

CODES = tuple(TAXONOMY)


class Coded:
    """The ACLED names of ``self.code``, for records coded to the taxonomy (events, incidents)."""

    __slots__ = ()
    code: str

    @property
    def event_type(self) -> str:
        return TAXONOMY[self.code].event_type

    @property
    def sub_event_type(self) -> str:
        return TAXONOMY[self.code].sub_event_type
