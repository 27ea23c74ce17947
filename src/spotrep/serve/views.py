"""The JSON the API answers with, built from the store's records: plain dicts, no I/O.

Text from articles is returned as data (strings and character offsets), never as markup: the
page puts it into the document as text, so hostile article text stays inert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spotrep.merge import Incident
from spotrep.merge.incident import Conflict
from spotrep.records import Claim, Event, Place, Result, Span, Toll
from spotrep.store import StoredEvent

Mark = tuple[int, int, str]
"""A highlighted stretch of an article: start, end, and what it is (actor, place, ...)."""

def event_key(se: StoredEvent) -> str:
    return f"{se.article_id}/{se.event.id}"


def _count(toll: Toll | None) -> int | None:
    return None if toll is None else toll.count


def _place_fields(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"place": None, "country": None, "admin1": None, "lat": None, "lon": None,
                "geo_precision": None}
    return {"place": place.name or place.text, "country": place.country, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "geo_precision": place.precision}


def _actor(event: Event | Incident, role: str) -> str | None:
    return next((a.name or a.text for a in event.actors if a.role == role), None)


# ---- events --------------------------------------------------------------------------------


def event_row(se: StoredEvent) -> dict[str, Any]:
    e = se.event
    return {
        "id": event_key(se), "article_id": se.article_id, "event_id": e.id,
        "incident_id": se.incident_id, "date": e.when.start, "date_end": e.when.end,
        "date_precision": e.when.precision, "code": e.code, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type, "status": e.status, **_place_fields(e.where),
        "fatalities": _count(e.fatalities), "injuries": _count(e.injuries),
        "actor1": _actor(e, "actor1"), "actor2": _actor(e, "actor2"),
        "outlet": se.outlet, "published": se.published, "title": se.title,
    }


# ---- incidents -----------------------------------------------------------------------------


def toll_words(toll: Toll | None, verb: str) -> str | None:
    if toll is None or toll.count is None:
        return None
    low, high = toll.min, toll.max
    if low is not None and high is not None and low != high:
        return f"{low}-{high} {verb}"
    return f"{toll.count} {verb}"


def _value_words(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or value)
    return str(value)


def conflict_words(conflict: Conflict) -> str:
    """What the reports disagree on, in words: "4-12 killed: reports disagree"."""
    if conflict.field in ("fatalities", "injuries"):
        numbers = [v for v, _, _ in conflict.values if isinstance(v, int | float)]
        verb = "killed" if conflict.field == "fatalities" else "injured"
        if numbers:
            low, high = min(numbers), max(numbers)
            return f"{low:g}-{high:g} {verb}: reports disagree"
    seen: dict[str, list[str]] = {}
    for value, article_id, outlet in conflict.values:
        seen.setdefault(_value_words(value), []).append(outlet or article_id)
    parts = [f"{v} ({', '.join(dict.fromkeys(who))})" for v, who in seen.items()]
    return f"{conflict.field}: {' vs '.join(parts)}: reports disagree"


def incident_summary(inc: Incident) -> dict[str, Any]:
    published = sorted(r.published for r in inc.reports if r.published)
    return {
        "id": inc.id, "code": inc.code, "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type, "date": inc.when.start, "date_end": inc.when.end,
        "date_precision": inc.when.precision, **_place_fields(inc.where),
        "fatalities": _count(inc.fatalities), "injuries": _count(inc.injuries),
        "fatalities_words": toll_words(inc.fatalities, "killed"),
        "actor1": _actor(inc, "actor1"), "actor2": _actor(inc, "actor2"),
        "reports": len(inc.reports), "corroboration": inc.corroboration,
        "single_source": inc.corroboration == 1,
        "outlets": sorted({r.outlet or r.article_id for r in inc.reports}),
        "first_report": published[0] if published else None,
        "conflicts": [c.field for c in inc.conflicts],
    }


def segments(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[dict[str, Any]]:
    """``text[start:end]`` cut into plain and marked pieces; overlapping marks keep the first
    (and, from one start, the longest)."""
    inside = sorted((m for m in marks if start <= m[0] < m[1] <= end),
                    key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[dict[str, Any]] = []
    at = start
    for s, e, kind in inside:
        if s < at:
            continue
        if s > at:
            out.append({"text": text[at:s], "mark": None})
        out.append({"text": text[s:e], "mark": kind})
        at = e
    if at < end:
        out.append({"text": text[at:end], "mark": None})
    return out


def _span_mark(span: Span | None, kind: str) -> list[Mark]:
    return [] if span is None else [(span.start, span.end, kind)]


def event_marks(e: Event) -> list[Mark]:
    """The stretches an event's fields were read from: actor, place, date, number, trigger."""
    marks: list[Mark] = []
    for a in e.actors:
        marks += _span_mark(a.span, "actor")
    marks += _span_mark(e.where.span if e.where else None, "place")
    marks += _span_mark(e.when.span, "date")
    marks += _span_mark(e.fatalities.span if e.fatalities else None, "number")
    marks += _span_mark(e.injuries.span if e.injuries else None, "number")
    marks += _span_mark(e.weapon.span if e.weapon else None, "weapon")
    marks += _span_mark(e.trigger, "trigger")
    return marks


def _claim_figure(claim: Claim, events: Sequence[Event]) -> str | None:
    """The toll a claim states: that of an event it reports, read inside the claim's words."""
    c = claim.content
    for e in events:
        for toll, verb in ((e.fatalities, "killed"), (e.injuries, "injured")):
            if toll is not None and toll.span is not None and c.start <= toll.span.start \
                    and toll.span.end <= c.end:
                return toll_words(toll, verb)
    return None


def claim_row(claim: Claim, result: Result) -> dict[str, Any]:
    reported = [e for e in result.events if e.id in claim.events]
    return {
        "article_id": result.article.id, "claim_id": claim.id, "outlet": result.article.outlet,
        "speaker": claim.speaker.name or claim.speaker.text, "speaker_kind": claim.speaker.kind,
        "channel": claim.channel.text if claim.channel else None, "form": claim.form,
        "figure": _claim_figure(claim, reported), "words": claim.content.text,
        "events": list(claim.events),
    }


def incident_detail(inc: Incident, results: dict[str, Result]) -> dict[str, Any]:
    reports = []
    claims: list[dict[str, Any]] = []
    for ref in inc.reports:
        res = results.get(ref.article_id)
        event = next((e for e in res.events if e.id == ref.event_id), None) if res else None
        entry: dict[str, Any] = {**ref.to_dict(), "title": None, "url": None, "status": None,
                                 "code": None, "fatalities_words": None, "evidence": []}
        if res is not None and event is not None:
            marks = event_marks(event)
            text = res.article.text
            entry.update(
                title=res.article.title, url=res.article.url, status=event.status,
                code=event.code, fatalities_words=toll_words(event.fatalities, "killed"),
                evidence=[segments(text, s.start, s.end, marks) for s in event.evidence],
            )
            for c in res.claims:
                if event.id in c.events and not any(
                        x["article_id"] == res.article.id and x["claim_id"] == c.id
                        for x in claims):
                    claims.append(claim_row(c, res))
        reports.append(entry)
    return {
        **incident_summary(inc),
        "actors": [a.to_dict() for a in inc.actors],
        "conflict_details": [{**c.to_dict(), "words": conflict_words(c)} for c in inc.conflicts],
        "report_list": reports,
        "claims": claims,
    }


# ---- articles ------------------------------------------------------------------------------


def article_view(res: Result) -> dict[str, Any]:
    """The article's text cut into pieces, with the spans of every event and claim marked."""
    marks: list[Mark] = []
    for e in res.events:
        marks += event_marks(e)
    for c in res.claims:
        marks += _span_mark(c.speaker.span, "speaker")
    text = res.article.text
    a = res.article
    return {
        "article": {"id": a.id, "url": a.url, "outlet": a.outlet, "published": a.published,
                    "title": a.title, "chars": len(text)},
        "text": text,
        "segments": segments(text, 0, len(text), marks),
        "events": [{"id": e.id, "code": e.code, "event_type": e.event_type, "status": e.status,
                    "date": e.when.start, **_place_fields(e.where),
                    "fatalities": _count(e.fatalities),
                    "spans": [{"start": s, "end": t, "field": k} for s, t, k in event_marks(e)]}
                   for e in res.events],
        "claims": [claim_row(c, res) for c in res.claims],
        "warnings": list(res.warnings),
    }
