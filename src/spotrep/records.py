"""The spotrep/1 record contract as frozen, typed dataclasses.

Every class here mirrors one object of ``schema/record.schema.json``; ``to_dict`` gives the JSON
shape of the contract (field order included) and ``Result.from_dict`` reads it back. Records are
immutable: stages build new ones (``dataclasses.replace``) rather than mutating shared state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from spotrep._taxonomy import TAXONOMY, Coded

SCHEMA_ID = "spotrep/1"

Status = Literal["reported", "denied", "hypothetical", "threatened", "planned"]
Role = Literal["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]
ActorKind = Literal[
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
]
Precision = Literal["day", "week", "month", "year"]
Feature = Literal["country", "admin1", "admin2", "populated_place", "region", "facility", "other"]
SpeakerKind = Literal[
    "person", "organization", "government", "media", "anonymous", "outlet", "unknown"
]
ClaimForm = Literal["direct", "indirect", "mixed", "according_to", "unattributed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of the article text; ``text`` always equals that slice."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Span | None:
        return None if d is None else cls(d["start"], d["end"], d["text"])


def _span(d: Mapping[str, Any] | None) -> Span | None:
    return Span.from_dict(d)


def _span_dict(span: Span | None) -> JSON | None:
    return None if span is None else span.to_dict()


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``published`` is an ISO date (``YYYY-MM-DD``) or None."""

    text: str
    id: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = "en"
    notes: tuple[str, ...] = ()
    """Warnings found while reading the input (e.g. an unparseable date); not serialized."""

    @classmethod
    def create(
        cls,
        text: str,
        *,
        id: str | None = None,
        published: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> Article:
        """An article whose id defaults to the sha256 of its text, as the contract says."""
        return cls(
            text=text,
            id=id or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            published=published,
            outlet=outlet,
            url=url,
            title=title,
            notes=notes,
        )

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published) if self.published else None

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "chars": len(self.text),
        }


@dataclass(frozen=True, slots=True)
class Place:
    text: str | None
    span: Span | None
    name: str | None
    geonameid: int | None
    feature: Feature
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: Literal[1, 2, 3] | None

    def to_dict(self) -> JSON:
        return {
            "text": self.text,
            "span": _span_dict(self.span),
            "name": self.name,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Place:
        return cls(
            d["text"], _span(d["span"]), d["name"], d["geonameid"], d["feature"],
            d["country"], d["admin1"], d["lat"], d["lon"], d["precision"],
        )


@dataclass(frozen=True, slots=True)
class Time:
    text: str
    span: Span
    type: TimeType
    value: str | None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> JSON:
        return {
            "text": self.text,
            "span": self.span.to_dict(),
            "type": self.type,
            "value": self.value,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Time:
        span = Span.from_dict(d["span"])
        assert span is not None
        return cls(d["text"], span, d["type"], d["value"], d["start"], d["end"])


@dataclass(frozen=True, slots=True)
class Actor:
    role: Role
    text: str
    name: str | None
    kind: ActorKind | None
    country: str | None
    span: Span | None

    def to_dict(self) -> JSON:
        return {
            "role": self.role,
            "text": self.text,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "span": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Actor:
        return cls(d["role"], d["text"], d["name"], d["kind"], d["country"], _span(d["span"]))


@dataclass(frozen=True, slots=True)
class When:
    """An event's date range; ``text``/``span`` are None when it came from the publication date."""

    text: str | None = None
    start: str | None = None
    end: str | None = None
    precision: Precision | None = None
    span: Span | None = None

    def to_dict(self) -> JSON:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "span": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> When:
        return cls(d["text"], d["start"], d["end"], d["precision"], _span(d["span"]))


@dataclass(frozen=True, slots=True)
class Toll:
    """Fatalities or injuries: ``count`` is the conservative figure, ``min``/``max`` its bounds."""

    count: int | None
    min: int | None = None
    max: int | None = None
    text: str | None = None
    span: Span | None = None

    def to_dict(self) -> JSON:
        return {
            "count": self.count,
            "min": self.min,
            "max": self.max,
            "text": self.text,
            "span": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Toll | None:
        if d is None:
            return None
        return cls(d["count"], d["min"], d["max"], d["text"], _span(d["span"]))


@dataclass(frozen=True, slots=True)
class Mention:
    """A named thing with its span: an event's weapon, a claim's channel."""

    text: str
    span: Span | None

    def to_dict(self) -> JSON:
        return {"text": self.text, "span": _span_dict(self.span)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Mention | None:
        return None if d is None else cls(d["text"], _span(d["span"]))


@dataclass(frozen=True, slots=True)
class Event(Coded):
    id: str
    code: str
    status: Status
    trigger: Span | None
    actors: tuple[Actor, ...] = ()
    when: When = field(default_factory=When)
    where: Place | None = None
    fatalities: Toll | None = None
    injuries: Toll | None = None
    weapon: Mention | None = None
    claims: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5

    def __post_init__(self) -> None:
        if self.code not in TAXONOMY:
            raise ValueError(f"unknown event code {self.code!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "code": self.code,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "status": self.status,
            "trigger": _span_dict(self.trigger),
            "actors": [a.to_dict() for a in self.actors],
            "when": self.when.to_dict(),
            "where": None if self.where is None else self.where.to_dict(),
            "fatalities": None if self.fatalities is None else self.fatalities.to_dict(),
            "injuries": None if self.injuries is None else self.injuries.to_dict(),
            "weapon": None if self.weapon is None else self.weapon.to_dict(),
            "claims": list(self.claims),
            "evidence": [s.to_dict() for s in self.evidence],
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        return cls(
            id=d["id"],
            code=d["code"],
            status=d["status"],
            trigger=_span(d["trigger"]),
            actors=tuple(Actor.from_dict(a) for a in d["actors"]),
            when=When.from_dict(d["when"]),
            where=None if d["where"] is None else Place.from_dict(d["where"]),
            fatalities=Toll.from_dict(d["fatalities"]),
            injuries=Toll.from_dict(d["injuries"]),
            weapon=Mention.from_dict(d["weapon"]),
            claims=tuple(d["claims"]),
            evidence=tuple(Span(s["start"], s["end"], s["text"]) for s in d["evidence"]),
            confidence=d["confidence"],
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str | None
    name: str | None
    kind: SpeakerKind
    role: str | None = None
    span: Span | None = None

    def to_dict(self) -> JSON:
        return {
            "text": self.text,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "span": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Speaker:
        return cls(d["text"], d["name"], d["kind"], d["role"], _span(d["span"]))


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    speaker: Speaker
    content: Span
    form: ClaimForm
    cue: Span | None = None
    channel: Mention | None = None
    events: tuple[str, ...] = ()

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict(),
            "channel": None if self.channel is None else self.channel.to_dict(),
            "cue": _span_dict(self.cue),
            "content": self.content.to_dict(),
            "form": self.form,
            "events": list(self.events),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Claim:
        content = Span.from_dict(d["content"])
        assert content is not None
        return cls(
            id=d["id"],
            speaker=Speaker.from_dict(d["speaker"]),
            content=content,
            form=d["form"],
            cue=_span(d["cue"]),
            channel=Mention.from_dict(d["channel"]),
            events=tuple(d["events"]),
        )


@dataclass(frozen=True, slots=True)
class Result:
    """Everything spotrep read from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> JSON:
        return {
            "schema": SCHEMA_ID,
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str = "") -> Result:
        """Read a result back; the article text is not part of the output, so pass it if known."""
        a = d["article"]
        article = Article(
            text=text,
            id=a["id"],
            published=a["published"],
            outlet=a["outlet"],
            url=a["url"],
            title=a["title"],
            language=a["language"],
        )
        return cls(
            article=article,
            events=tuple(Event.from_dict(e) for e in d["events"]),
            claims=tuple(Claim.from_dict(c) for c in d["claims"]),
            places=tuple(Place.from_dict(p) for p in d["places"]),
            times=tuple(Time.from_dict(t) for t in d["times"]),
            warnings=tuple(d["warnings"]),
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that could not be read or processed, with the reason a user can act on."""

    article_id: str
    reason: str
    source: str | None = None

    def to_dict(self) -> JSON:
        return {"article_id": self.article_id, "reason": self.reason, "source": self.source}


def spans_of(result: Result) -> Sequence[Span]:
    """Every Span a result holds, for checking that each matches the article text."""
    out: list[Span] = []

    def add(s: Span | None) -> None:
        if s is not None:
            out.append(s)

    for e in result.events:
        add(e.trigger)
        for a in e.actors:
            add(a.span)
        add(e.when.span)
        if e.where is not None:
            add(e.where.span)
        for toll in (e.fatalities, e.injuries):
            if toll is not None:
                add(toll.span)
        if e.weapon is not None:
            add(e.weapon.span)
        out.extend(e.evidence)
    for c in result.claims:
        add(c.speaker.span)
        add(c.cue)
        add(c.content)
        if c.channel is not None:
            add(c.channel.span)
    for p in result.places:
        add(p.span)
    for t in result.times:
        add(t.span)
    return out
