"""Records as the store keeps them: compact JSON holding each fact once.

A record's contract JSON repeats its article: every span carries the text it covers (an
event's evidence is whole sentences), and an actor's, place's or toll's ``text`` is usually
its span's text again. The store holds the article text once, in ``articles.text``, so a
stored record keeps only what the text and the row's columns do not give:

- a span whose text is the article's slice is ``[start, end]`` (any other span keeps its
  text: nothing is lost even for a record built by hand);
- a record's ``text`` equal to its span's text is left out (a ``null`` text beside a span is
  kept as ``null``);
- ``null`` values and empty lists are left out, and so are keys the code gives
  (``event_type``, ``sub_event_type``);
- the fields a table keeps in columns (``held``) are left out and given back on reading.

``unpack(pack(r, text, held), text, **columns) == r`` for every record (``tests/store``).
Readers of the ``events`` table call ``event(json, text)`` with the article's text.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
from collections.abc import Mapping
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import orjson

from spotrep.merge import Incident
from spotrep.merge.incident import Conflict, ReportRef
from spotrep.records import Actor, Claim, Event, Place, Span, Time, Toll, When

R = TypeVar("R")

DERIVED = frozenset({"event_type", "sub_event_type"})
"""Keys of the contract JSON that a record computes from its code."""

_SPAN_KEYS = frozenset({"start", "end", "text"})


def dumps(value: Any) -> str:
    """Compact JSON, non-ASCII as itself (orjson: the write path encodes every record it
    stores, and the standard library's encoder took a fifth of its time in Python)."""
    return orjson.dumps(value).decode()


def pack(record: Any, text: str, held: Mapping[str, str] | None = None) -> str:
    """The stored JSON of ``record`` (an Event, Claim, Place, Time...) of the article ``text``,
    without the fields (``speaker.name``: a field of a field) that ``held`` maps columns to."""
    packed = _packed_record(record, text)
    for path in (held or {}).values():
        *parents, name = path.split(".")
        inner = packed
        for p in parents:
            inner = inner.get(p) or {}
        inner.pop(name, None)
    return dumps(packed)


def packed_value(value: Any, text: str) -> Any:
    """A contract JSON value (a record's ``to_dict``, a list of them) as stored."""
    return _packed(value, text)


def _json_keys(cls: type) -> tuple[str, ...] | None:
    """The keys ``to_dict`` writes for a record class (None: not a record)."""
    return _keys_of(cls)  # typed entry to the cache: mypy takes no ``type`` as Hashable


@functools.cache
def _keys_of(cls: Any) -> tuple[str, ...] | None:
    if not (dataclasses.is_dataclass(cls) and hasattr(cls, "to_dict")):
        return None
    return getattr(cls, "_JSON", ()) or tuple(f.name for f in dataclasses.fields(cls))


def _packed_record(value: Any, text: str) -> Any:
    """``_packed(value.to_dict(), text)`` read off the record itself: the write path packs
    every event, claim and place, and building the contract JSON first cost as much again
    (and computes the derived keys only to drop them)."""
    if isinstance(value, tuple):
        return [_packed_record(v, text) for v in value]
    keys = _json_keys(type(value))
    if keys is None:
        return _packed(value, text)
    if len(keys) == 3 and _SPAN_KEYS.issuperset(keys):
        start, end, span_text = value.start, value.end, value.text
        if text[start:end] == span_text:
            return [start, end]
        return {k: getattr(value, k) for k in keys}
    span = getattr(value, "span", None) if "span" in keys else None
    span_keys = _json_keys(type(span)) if span is not None else None
    spanned = span_keys is not None and len(span_keys) == 3 and _SPAN_KEYS.issuperset(span_keys)
    out: dict[str, Any] = {}
    for key in keys:
        if key in DERIVED:
            continue
        v = getattr(value, key)
        if key == "text" and spanned:
            if v != getattr(span, "text", None):
                out[key] = v  # even None: a missing text beside a span is the span's
            continue
        if v is None or v == () or v == []:
            continue
        out[key] = _packed_record(v, text)
    return out


def _packed(value: Any, text: str) -> Any:
    if isinstance(value, list):
        return [_packed(v, text) for v in value]
    if not isinstance(value, dict):
        return value
    if value.keys() == _SPAN_KEYS:
        start, end = value["start"], value["end"]
        return [start, end] if text[start:end] == value["text"] else value
    span = value.get("span")
    spanned = isinstance(span, dict) and span.keys() == _SPAN_KEYS
    span_text = span.get("text") if isinstance(span, dict) else None
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key in DERIVED:
            continue
        if key == "text" and spanned:
            if v != span_text:
                out[key] = v  # even None: a missing text beside a span is the span's
            continue
        if v is None or v == []:
            continue
        out[key] = _packed(v, text)
    return out


def unpack(
    cls: type[R], data: str | Mapping[str, Any], text: str,
    held: Mapping[str, str] | None = None, columns: Mapping[Any, Any] | None = None,
) -> R:
    """The record of type ``cls`` stored as ``data`` (``pack``), the article's ``text`` giving
    its spans' text and ``columns`` the values of the fields ``held`` maps columns to."""
    value = json.loads(data) if isinstance(data, str) else dict(data)
    for column, path in (held or {}).items():
        given = (columns or {})[column]
        if given is None:
            continue  # left out as null
        *parents, name = path.split(".")
        inner = value
        for p in parents:
            inner = inner.setdefault(p, {})
        inner[name] = given
    return _record(cls, value, text)  # type: ignore[no-any-return]


def event(data: str, text: str) -> Event:
    """An ``events`` row's event (its ``json`` column) of the article ``text``."""
    return unpack(Event, data, text)


CLAIM_HELD = {"claim_id": "id", "form": "form", "speaker_name": "speaker.name",
              "speaker_kind": "speaker.kind"}
"""The fields of a claim the ``claims`` table keeps in columns, by column."""


def claim(data: str, text: str, columns: Mapping[Any, Any]) -> Claim:
    """A ``claims`` row's claim: ``json`` with the ``CLAIM_HELD`` columns."""
    return unpack(Claim, data, text, CLAIM_HELD, columns)


PLACE_HELD = {name: name for name in ("name", "geonameid", "feature", "country", "admin1",
                                      "lat", "lon", "precision")}
"""The fields of a place the ``places`` table keeps in columns of the same names."""


def place(data: str, text: str, columns: Mapping[Any, Any]) -> Place:
    """A ``places`` row's place: ``json`` with the ``PLACE_HELD`` columns."""
    return unpack(Place, data, text, PLACE_HELD, columns)


INCIDENT_DERIVED = DERIVED | {"corroboration"}
"""Keys of an incident's JSON it computes (from its code, from its reports)."""


def incident_json(inc: Incident) -> str:
    """The stored JSON of a merged incident: packed as records are (it has no spans)."""
    d = {k: v for k, v in inc.to_dict().items() if k not in INCIDENT_DERIVED}
    return dumps(_packed(d, ""))


def incident(data: str) -> Incident:
    """An ``incidents`` row's incident (its ``json`` column)."""
    d = json.loads(data)
    return Incident(
        id=d["id"], code=d["code"],
        actors=tuple(_record(Actor, a, "") for a in d.get("actors", ())),
        when=_record(When, d.get("when") or {}, ""),
        where=_value(Place, d.get("where"), ""),
        fatalities=_value(Toll, d.get("fatalities"), ""),
        injuries=_value(Toll, d.get("injuries"), ""),
        reports=tuple(ReportRef(r["article_id"], r["event_id"], r.get("outlet"),
                                r.get("published")) for r in d.get("reports", ())),
        conflicts=tuple(
            Conflict(c["field"], tuple((v.get("value"), v["article_id"], v.get("outlet"))
                                       for v in c["values"]), c.get("conservative"))
            for c in d.get("conflicts", ())),
    )


def span_bounds(value: Any) -> tuple[int, int] | None:
    """``(start, end)`` of a span as stored (``[start, end]`` or a whole span), or None."""
    if isinstance(value, list):
        return (value[0], value[1])
    if isinstance(value, Mapping):
        return (value["start"], value["end"])
    return None


def times(data: list[Any], text: str) -> tuple[Time, ...]:
    return tuple(_record(Time, t, text) for t in data)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _value(tp: Any, value: Any, text: str) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin is tuple:
        return tuple(_value(get_args(tp)[0], v, text) for v in value)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _value(inner[0], value, text) if len(inner) == 1 else value
    if tp is Span:
        if isinstance(value, list):
            start, end = value
            return Span(start, end, text[start:end])
        return Span(value["start"], value["end"], value["text"])
    if isinstance(tp, type) and dataclasses.is_dataclass(tp) and isinstance(value, Mapping):
        return _record(tp, value, text)
    return value


def _record(cls: type, value: Mapping[str, Any], text: str) -> Any:
    hints = _hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    kwargs: dict[str, Any] = {}
    for name in names:
        if name in value:
            kwargs[name] = _value(hints[name], value[name], text)
        elif name != "text" or value.get("span") is None:
            # left out as null or empty (the text beside a span is filled in below)
            kwargs[name] = () if get_origin(hints[name]) is tuple else None
    if "text" in names and "text" not in kwargs:
        kwargs["text"] = _value(Span, value["span"], text).text
    return cls(**kwargs)
