"""Rows in the ACLED codebook's columns, filled where spotrep knows the value, else empty.

Column names and types come from ``data/export/acled_columns.tsv``; the disorder type and the
actor ``inter`` codes from the other tables there, so the mapping can be checked by reading data.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import pycountry

from spotrep import data
from spotrep._taxonomy import TAXONOMY
from spotrep.merge import Incident
from spotrep.records import Actor, Place, Toll, When
from spotrep.store import StoredEvent

Value = str | int | float | None
Row = dict[str, Value]

TIME_PRECISION = MappingProxyType({"day": 1, "week": 2, "month": 3, "year": 3})
"""ACLED time precision: 1 the day, 2 the week, 3 the month (or coarser)."""


def _table(name: str) -> tuple[dict[str, str], ...]:
    return data.records("export", name)


@functools.cache
def acled_columns() -> MappingProxyType[str, str]:
    """ACLED column -> ``str``, ``int`` or ``float``, in the codebook's order."""
    return MappingProxyType({r["column"]: r["type"] for r in _table("acled_columns.tsv")})


@functools.cache
def disorder_types() -> MappingProxyType[str, str]:
    """Code or event type -> ACLED disorder type (codes override their event type)."""
    return MappingProxyType({r["key"]: r["disorder_type"] for r in _table("disorder_types.tsv")})


@functools.cache
def inter_codes() -> MappingProxyType[str, int]:
    return MappingProxyType({r["kind"]: int(r["inter"]) for r in _table("inter_codes.tsv")})


def disorder_type(code: str) -> str | None:
    table = disorder_types()
    found = table.get(code, table.get(TAXONOMY[code].event_type))
    return found or None


def _names(actors: Sequence[Actor], role: str) -> list[str]:
    return [a.name or a.text for a in actors if a.role == role]


def _inter(actors: Sequence[Actor], role: str) -> int | None:
    kinds = [a.kind for a in actors if a.role == role and a.kind]
    return inter_codes().get(kinds[0]) if kinds else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: lower inter first; one-sided events end in 0."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _country(alpha2: str | None) -> tuple[int | None, str | None]:
    found = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return (int(found.numeric), str(found.name)) if found else (None, None)


def acled_row(
    id: str,
    code: str,
    actors: Sequence[Actor],
    when: When,
    where: Place | None,
    fatalities: Toll | None,
    sources: Sequence[str],
    notes: str | None = None,
) -> Row:
    """One ACLED row; every codebook column is present, None where spotrep does not know."""
    a1, a2 = _names(actors, "actor1"), _names(actors, "actor2")
    inter1, inter2 = _inter(actors, "actor1"), _inter(actors, "actor2")
    iso, country = _country(where.country if where else None)
    civilians = any(a.role == "actor2" and a.kind == "Civilians" for a in actors)
    known: Row = {
        "event_id_cnty": id,
        "event_date": when.start,
        "year": int(when.start[:4]) if when.start else None,
        "time_precision": TIME_PRECISION.get(when.precision or ""),
        "disorder_type": disorder_type(code),
        "event_type": TAXONOMY[code].event_type,
        "sub_event_type": TAXONOMY[code].sub_event_type,
        "actor1": a1[0] if a1 else None,
        "assoc_actor_1": "; ".join(a1[1:] + _names(actors, "assoc_actor_1")) or None,
        "inter1": inter1,
        "actor2": a2[0] if a2 else None,
        "assoc_actor_2": "; ".join(a2[1:] + _names(actors, "assoc_actor_2")) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": iso,
        "country": country,
        "admin1": where.admin1 if where else None,
        "location": where.name if where else None,
        "latitude": where.lat if where else None,
        "longitude": where.lon if where else None,
        "geo_precision": where.precision if where else None,
        "source": "; ".join(dict.fromkeys(s for s in sources if s)) or None,
        "notes": notes,
        "fatalities": fatalities.count if fatalities else None,
    }
    return {column: known.get(column) for column in acled_columns()}


def incident_row(inc: Incident) -> Row:
    return acled_row(
        inc.id, inc.code, inc.actors, inc.when, inc.where, inc.fatalities,
        [r.outlet or "" for r in inc.reports],
    )


def event_row(se: StoredEvent) -> Row:
    e = se.event
    notes = " ".join(s.text for s in e.evidence) or None
    return acled_row(
        f"{se.article_id}/{e.id}", e.code, e.actors, e.when, e.where, e.fatalities,
        [se.outlet or ""], notes,
    )


def csv_value(value: Any) -> str:
    return "" if value is None else str(value)
