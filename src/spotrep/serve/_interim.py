"""The filters the store does not take yet, applied to the records it returns.

Interim: the store's own ``Filters`` is gaining admin1, actor, speaker, outlet, status,
fatalities, precision, corroboration, conflicts and a bounding box. Until then ``serve`` keeps
the records that pass them here; when the store filters them itself, ``Query.store_filters``
passes them on and this module is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence

from spotrep.merge import Incident
from spotrep.records import Actor, Place
from spotrep.serve import reads
from spotrep.serve.query import DATE_PRECISIONS, BBox, Query
from spotrep.store import Store, StoredEvent


def _has(part: str | None, *values: str | None) -> bool:
    return part is None or any(v is not None and part.lower() in v.lower() for v in values)


def _actor_named(part: str | None, actors: Sequence[Actor]) -> bool:
    return part is None or any(_has(part, a.name, a.text) for a in actors)


def _in_box(place: Place | None, box: BBox | None) -> bool:
    if box is None:
        return True
    if place is None or place.lat is None or place.lon is None:
        return False
    w, s, e, n = box
    lon_ok = w <= place.lon <= e if w <= e else (place.lon >= w or place.lon <= e)
    return lon_ok and s <= place.lat <= n


def _place_ok(q: Query, place: Place | None) -> bool:
    if q.admin1 is not None and (place is None or (place.admin1 or "").lower() != q.admin1.lower()):
        return False
    if q.precision is not None and (place is None or (place.precision or 9) > q.precision):
        return False
    return _in_box(place, q.bbox)


def _date_ok(q: Query, precision: str | None) -> bool:
    if q.date_precision is None:
        return True
    rank = DATE_PRECISIONS.index
    return precision in DATE_PRECISIONS and rank(precision) <= rank(q.date_precision)


def needs_incident_facts(q: Query) -> bool:
    return q.min_corroboration is not None or q.has_conflicts


def events(store: Store, q: Query, found: Sequence[StoredEvent]) -> list[StoredEvent]:
    facts = reads.incident_facts(store) if needs_incident_facts(q) else {}
    speakers = reads.speakers(store) if q.speaker is not None else {}
    out = []
    for se in found:
        e = se.event
        if q.code and e.code not in q.code:
            continue
        if q.status and e.status not in q.status:
            continue
        if q.min_fatalities is not None and (
                e.fatalities is None or (e.fatalities.count or 0) < q.min_fatalities):
            continue
        if not (_place_ok(q, e.where) and _date_ok(q, e.when.precision)
                and _actor_named(q.actor, e.actors) and _has(q.outlet, se.outlet)):
            continue
        if q.speaker is not None and not any(
                _has(q.speaker, speakers.get((se.article_id, c))) for c in e.claims):
            continue
        if needs_incident_facts(q):
            corroboration, conflicted = facts.get(se.incident_id or "", (1, False))
            if corroboration < (q.min_corroboration or 0) or (q.has_conflicts and not conflicted):
                continue
        out.append(se)
    return out


def incidents(store: Store, q: Query, found: Sequence[Incident]) -> list[Incident]:
    member_ids: set[str] | None = None
    if q.speaker is not None or q.status:
        # report-level filters: an incident passes when one of its reports does
        by_report = Query(speaker=q.speaker, status=q.status)
        member_ids = {se.incident_id for se in events(store, by_report, store.events())
                      if se.incident_id}
    out = []
    for inc in found:
        if q.code and inc.code not in q.code:
            continue
        if q.min_fatalities is not None and (
                inc.fatalities is None or (inc.fatalities.count or 0) < q.min_fatalities):
            continue
        if not (_place_ok(q, inc.where) and _date_ok(q, inc.when.precision)
                and _actor_named(q.actor, inc.actors)
                and _has(q.outlet, *(r.outlet for r in inc.reports))):
            continue
        if inc.corroboration < (q.min_corroboration or 0) or (q.has_conflicts
                                                              and not inc.conflicts):
            continue
        if member_ids is not None and inc.id not in member_ids:
            continue
        out.append(inc)
    return out
