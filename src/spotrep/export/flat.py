"""One flat, typed record per incident or event: what GeoJSON properties and Parquet columns
hold, so QGIS, kepler.gl, pandas and duckdb can style and filter on plain columns.

The ACLED columns come from ``acled.acled_row`` (one naming of countries, actors and types);
the rest says what the record is (``status``, the evidence sentence) and how well it is
supported (``reports``, ``corroboration``, ``conflicts`` as text).
"""

from __future__ import annotations

from types import MappingProxyType

from spotrep.export.acled import Row, acled_row, is_acled
from spotrep.export.item import Item
from spotrep.export.views import code_of, status_of
from spotrep.merge import Incident

FLAT_COLUMNS = MappingProxyType({
    "id": "str", "kind": "str", "code": "str", "event_type": "str", "sub_event_type": "str",
    "disorder_type": "str", "acled": "bool", "status": "str", "evidence": "str",
    "date_start": "date", "date_end": "date", "date_precision": "str", "time_precision": "int",
    "country_code": "str", "country": "str", "region": "str", "admin1": "str", "admin2": "str",
    "location": "str", "latitude": "float", "longitude": "float", "geo_precision": "int",
    "fatalities": "int", "fatalities_max": "int", "injuries": "int",
    "actor1": "str", "assoc_actor_1": "str", "inter1": "str",
    "actor2": "str", "assoc_actor_2": "str", "inter2": "str", "interaction": "str",
    "outlets": "str", "reports": "int", "corroboration": "int", "conflicts": "str",
    "note": "str",
    "article_id": "str", "incident_id": "str", "url": "str", "timestamp": "int",
})
"""Column -> type (``date`` is an ISO date string in GeoJSON, a date in Parquet)."""

_FROM_ACLED = ("event_type", "sub_event_type", "disorder_type", "time_precision", "country",
               "region", "admin1", "admin2", "location", "latitude", "longitude",
               "geo_precision", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
               "inter2", "interaction", "timestamp")


def conflicts_text(inc: Incident) -> str | None:
    """``fatalities: 3 (Outlet A), 5 (Outlet B) | where: ...``: every disagreement, readable."""
    parts = [f"{c.field}: " + ", ".join(f"{v} ({o or a})" for v, a, o in c.values)
             for c in inc.conflicts]
    return " | ".join(parts) or None


def flat_row(item: Item) -> Row:
    acled = acled_row(item)
    out: Row = {k: acled[k] for k in _FROM_ACLED}
    r = item.record
    code = code_of(item)
    if isinstance(r, Incident):
        when, where, tolls = r.when, r.where, (r.fatalities, r.injuries)
        outlets = [rep.outlet or rep.article_id for rep in r.reports]
        extra: Row = {"kind": "incident", "evidence": None, "reports": len(r.reports),
                      "corroboration": r.corroboration, "conflicts": conflicts_text(r),
                      "article_id": None, "incident_id": r.id, "url": None}
    else:
        e = r.event
        when, where, tolls = e.when, e.where, (e.fatalities, e.injuries)
        outlets = [r.outlet or r.article_id]
        extra = {"kind": "event", "evidence": " ".join(" ".join(s.text.split())
                                                       for s in e.evidence) or None,
                 "reports": 1, "corroboration": 1, "conflicts": None,
                 "article_id": r.article_id, "incident_id": r.incident_id, "url": r.url}
    fatalities, injuries = tolls
    out.update(extra)
    out.update({
        "id": item.id, "code": code, "acled": is_acled(code, status_of(item)),
        "status": status_of(item), "date_start": when.start, "date_end": when.end or when.start,
        "date_precision": when.precision, "country_code": where.country if where else None,
        "fatalities": (fatalities.count if fatalities else None) or 0,
        "fatalities_max": fatalities.max if fatalities and fatalities.max is not None else (
            fatalities.count if fatalities else None),
        "injuries": (injuries.count if injuries else None) or 0,
        "outlets": "; ".join(dict.fromkeys(outlets)), "note": item.note,
    })
    return {k: out.get(k) for k in FLAT_COLUMNS}
