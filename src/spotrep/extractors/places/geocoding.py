"""``find_places``: the toponyms of a Doc, each read as one gazetteer entry, in text order."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from spotrep.extractors.places.cues import PlaceResources
from spotrep.extractors.places.readings import (
    PRECISION,
    PlaceMention,
    focus_entry,
    local_readings,
    resolve,
)
from spotrep.extractors.places.toponyms import FEATURES, find_toponyms, weak_toponyms
from spotrep.geo import Entry
from spotrep.records import Place, Span


def find_places(doc: Doc, res: PlaceResources, region: str | None = None) -> tuple[Place, ...]:
    """Every place mention in ``doc``, geocoded, in text order; ``region`` is the country the
    outlet publishes from, if known (a prior for names found in several countries)."""
    text = doc.text
    mentions = find_toponyms(doc, res)
    chosen = resolve(mentions, text, region)
    local = local_readings(weak_toponyms(doc, res, mentions), chosen, res.gazetteer)
    if local:
        pairs = sorted([*zip(mentions, chosen, strict=True), *local], key=lambda p: p[0].start)
        mentions, chosen = [m for m, _ in pairs], [e for _, e in pairs]
    lead_end = next(iter(doc.sents)).end_char if doc.has_annotation("SENT_START") else 0
    focus = focus_entry(chosen, [m.start < lead_end for m in mentions])
    near = _sentence_towns(doc, mentions, chosen)
    return tuple(
        _place(text, m, e, near.get(i, focus))
        for i, (m, e) in enumerate(zip(mentions, chosen, strict=True))
    )


def _sentence_towns(
    doc: Doc, mentions: Sequence[PlaceMention], chosen: Sequence[Entry | None]
) -> dict[int, Entry]:
    """For each unknown name, the town its own sentence places it in: the first town named
    after it ("Eglinton Avenue West in Mississauga", "Royal Street, New Orleans"), else the
    nearest one before it. Unknown names with no town in their sentence are left out."""
    if not doc.has_annotation("SENT_START"):
        return {}
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    towns = [
        (m.start, e)
        for m, e in zip(mentions, chosen, strict=True)
        if e is not None and PRECISION[e.feature] == 1
    ]
    found: dict[int, Entry] = {}
    for i, (m, e) in enumerate(zip(mentions, chosen, strict=True)):
        if e is not None:
            continue
        lo, hi = next(((a, b) for a, b in bounds if a <= m.start < b), (m.start, m.end))
        after = [t for start, t in towns if m.end <= start < hi]
        before = [t for start, t in towns if lo <= start < m.start]
        if after or before:
            found[i] = after[0] if after else before[-1]
    return found


def _place(text: str, m: PlaceMention, e: Entry | None, focus: Entry | None) -> Place:
    span = Span.of(text, m.start, m.end)
    if e is not None:
        precision = PRECISION[e.feature]
        return Place(
            span.text,
            span,
            e.name,
            e.geonameid,
            FEATURES[e.feature],
            e.cc,
            e.admin1 if e.feature != "country" else None,
            e.lat,
            e.lon,
            2 if m.part and precision == 1 else precision,
        )
    # An unknown name (a street, a building) most likely lies in the town its sentence names,
    # else in the article's main town.
    if focus is not None:
        return Place(
            span.text, span, None, None, "other", focus.cc, focus.admin1, focus.lat, focus.lon, 2
        )
    return Place(span.text, span, None, None, "other", None, None, None, None, None)
