"""The spotrep/1 record contract as frozen, typed dataclasses.

Every class here mirrors one object of ``schema/record.schema.json``; ``to_dict`` gives the JSON
shape of the contract (field order included) and ``from_dict`` reads it back losslessly
(``Result.from_dict(r.to_dict(), r.article.text) == r``). Both are written once, in ``_Record``,
from each class's fields (and ``_JSON``, where the contract orders or adds keys differently):
no class spells its fields out. Records are immutable: stages build new ones
(``dataclasses.replace``) rather than mutating shared state.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal, Self, Union, get_args, get_origin, get_type_hints

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


class _Record:
    """The JSON (de)serialization every record shares: ``to_dict`` writes the keys of ``_JSON``
    (by default the dataclass fields, in order), records and tuples nested; ``from_dict`` reads
    each field back by its type (``_TYPES``, resolved once when the module is loaded)."""

    __slots__ = ()
    _JSON: ClassVar[tuple[str, ...]] = ()
    _TYPES: ClassVar[Mapping[str, Any]] = {}
    _ABSENT: ClassVar[Mapping[str, Any]] = {}
    """Values of required fields the contract does not carry (an article's text)."""

    def to_dict(self) -> JSON:
        keys = self._JSON or tuple(f.name for f in dataclasses.fields(self))  # type: ignore[arg-type]
        return {key: _to_json(getattr(self, key)) for key in keys}

    @classmethod
    def _read(cls, d: Mapping[str, Any]) -> Self:
        """The record whose JSON is ``d``; fields the contract does not carry keep defaults."""
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        given = {f.name: _from_json(cls._TYPES[f.name], d[f.name]) for f in fields if f.name in d}
        return cls(**{**cls._ABSENT, **given})


class _Required(_Record):
    __slots__ = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Self:
        return cls._read(d)


class _Optional(_Record):
    """A record that is often absent: ``from_dict(None)`` is None."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Self | None:
        return None if d is None else cls._read(d)


def _to_json(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


def _from_json(tp: Any, value: Any) -> Any:
    """``value`` read as type ``tp``: records from objects, tuples from arrays, the rest as is."""
    if value is None:
        return None
    origin = get_origin(tp)
    if origin is tuple:
        return tuple(_from_json(get_args(tp)[0], v) for v in value)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _from_json(inner[0], value) if len(inner) == 1 else value
    if isinstance(tp, type) and issubclass(tp, _Record):
        return tp._read(value)
    return value


@dataclass(frozen=True, slots=True)
class Span(_Optional):
    """Characters ``start:end`` of the article text; ``text`` always equals that slice."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Article(_Required):
    """One input article. ``published`` is an ISO date (``YYYY-MM-DD``) or None."""

    text: str
    id: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = "en"
    notes: tuple[str, ...] = field(default=(), compare=False)
    """Warnings found while reading the input (e.g. an unparseable date): not part of the record
    (they become the result's warnings), so neither serialized nor compared."""
    stated_chars: int | None = None
    """The text's length when the text itself is not held (a result read back without it)."""

    _JSON: ClassVar[tuple[str, ...]] = (
        "id", "url", "outlet", "published", "title", "language", "chars",
    )
    _ABSENT: ClassVar[Mapping[str, Any]] = {"text": ""}

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

    @property
    def chars(self) -> int:
        return len(self.text) if self.stated_chars is None else self.stated_chars

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Self:
        """Read an article back; its text is not part of the contract, so pass it if known."""
        article = cls._read(d)
        if text is None:
            return dataclasses.replace(article, stated_chars=d["chars"])
        return dataclasses.replace(article, text=text)


@dataclass(frozen=True, slots=True)
class Place(_Required):
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


@dataclass(frozen=True, slots=True)
class Time(_Required):
    text: str
    span: Span
    type: TimeType
    value: str | None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Actor(_Required):
    role: Role
    text: str
    name: str | None
    kind: ActorKind | None
    country: str | None
    span: Span | None


@dataclass(frozen=True, slots=True)
class When(_Required):
    """An event's date range; ``text``/``span`` are None when it came from the publication date."""

    text: str | None = None
    start: str | None = None
    end: str | None = None
    precision: Precision | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Toll(_Optional):
    """Fatalities or injuries: ``count`` is the conservative figure, ``min``/``max`` its bounds."""

    count: int | None
    min: int | None = None
    max: int | None = None
    text: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Mention(_Optional):
    """A named thing with its span: an event's weapon, a claim's channel."""

    text: str
    span: Span | None


@dataclass(frozen=True, slots=True)
class Event(Coded, _Required):
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

    _JSON: ClassVar[tuple[str, ...]] = (
        "id", "code", "event_type", "sub_event_type", "status", "trigger", "actors", "when",
        "where", "fatalities", "injuries", "weapon", "claims", "evidence", "confidence",
    )

    def __post_init__(self) -> None:
        if self.code not in TAXONOMY:
            raise ValueError(f"unknown event code {self.code!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")


@dataclass(frozen=True, slots=True)
class Speaker(_Required):
    text: str | None
    name: str | None
    kind: SpeakerKind
    role: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Claim(_Required):
    id: str
    speaker: Speaker
    content: Span
    form: ClaimForm
    cue: Span | None = None
    channel: Mention | None = None
    events: tuple[str, ...] = ()

    _JSON: ClassVar[tuple[str, ...]] = (
        "id", "speaker", "channel", "cue", "content", "form", "events",
    )


@dataclass(frozen=True, slots=True)
class Result(_Required):
    """Everything spotrep read from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    warnings: tuple[str, ...] = ()

    _JSON: ClassVar[tuple[str, ...]] = (
        "schema", "article", "events", "claims", "places", "times", "warnings",
    )

    @property
    def schema(self) -> str:
        return SCHEMA_ID

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Self:
        """Read a result back; the article text is not part of the output, so pass it if known
        (without it the article keeps its length, ``chars``)."""
        return dataclasses.replace(cls._read(d), article=Article.from_dict(d["article"], text))


@dataclass(frozen=True, slots=True)
class Failure(_Required):
    """An article that could not be read or processed, with the reason a user can act on."""

    article_id: str
    reason: str
    source: str | None = None


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


for _cls in (Span, Article, Place, Time, Actor, When, Toll, Mention, Event, Speaker, Claim,
             Result, Failure):
    _cls._TYPES = get_type_hints(_cls)
