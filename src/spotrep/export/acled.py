"""Rows in the ACLED codebook's columns, as ACLED writes them, for incidents or events.

Only what ACLED itself codes becomes a row: one of its 25 sub-event types, reported as having
happened (``is_acled``). Names follow ACLED: countries ("Syria", "Turkey"), regions, actor
names ("Civilians (Mali)"), ``inter`` labels. Every mapping is a data file under
``data/export/`` so it can be checked by reading it; columns spotrep cannot fill stay empty.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from spotrep import data
from spotrep._taxonomy import TAXONOMY, Names
from spotrep.export.item import Item
from spotrep.export.safe_csv import cell
from spotrep.geo.outlets import outlet_country
from spotrep.merge import Incident
from spotrep.records import Actor, Place, Toll, When
from spotrep.store import StoredEvent

Value = str | int | float | None
Row = dict[str, Value]

TIME_PRECISION = MappingProxyType({"day": 1, "week": 2, "month": 3, "year": 3})
"""ACLED time precision: 1 the day, 2 the week, 3 the month (or coarser)."""

NON_CONFLICT = "Non-conflict"


def _table(name: str) -> tuple[dict[str, str], ...]:
    return data.records("export", name)


@dataclass(frozen=True, slots=True)
class AcledOptions:
    """``numeric_inter``: ``inter1``/``inter2``/``interaction`` as ACLED's former numeric codes
    (1..8, 17) instead of its current text labels ("State forces", "State forces-Civilians")."""

    numeric_inter: bool = False


DEFAULT_OPTIONS = AcledOptions()


class Country(NamedTuple):
    alpha3: str
    iso: int
    name: str
    region: str


@functools.cache
def acled_columns(numeric_inter: bool = False) -> MappingProxyType[str, str]:
    """ACLED column -> ``str``, ``int`` or ``float``, in the codebook's order."""
    label = "int" if numeric_inter else "str"
    return MappingProxyType({
        r["column"]: label if r["type"] == "label" else r["type"]
        for r in _table("acled_columns.tsv")
    })


@functools.cache
def disorder_types() -> MappingProxyType[str, str]:
    """Code or event type -> ACLED disorder type (codes override their event type)."""
    return MappingProxyType({r["key"]: r["disorder_type"] for r in _table("disorder_types.tsv")})


@functools.cache
def inter_codes() -> MappingProxyType[str, int]:
    """ACLED actor type (its ``inter`` label) -> its former numeric code."""
    return MappingProxyType({r["kind"]: int(r["inter"]) for r in _table("inter_codes.tsv")})


@functools.cache
def countries() -> MappingProxyType[str, Country]:
    """ISO alpha-2 -> ACLED's alpha-3, numeric ``iso``, country name and region."""
    return MappingProxyType({
        r["alpha2"]: Country(r["alpha3"], int(r["iso"]), r["country"], r["region"])
        for r in _table("acled_countries.tsv")
    })


@functools.cache
def _alpha3_names() -> MappingProxyType[str, str]:
    return MappingProxyType({c.alpha3: c.name for c in countries().values()})


@functools.cache
def actor_templates() -> MappingProxyType[str, str]:
    return MappingProxyType({r["name"]: r["template"] for r in _table("actor_names.tsv")})


@functools.cache
def unnamed_actors() -> MappingProxyType[tuple[str, str], tuple[str, str]]:
    """(sub-event or event type, role) -> ACLED's actor name template and type when the
    reports name none."""
    return MappingProxyType({
        (r["type"], r["role"]): (r["name"], r["kind"]) for r in _table("unnamed_actors.tsv")
    })


@functools.cache
def source_scales() -> MappingProxyType[str, tuple[str, int]]:
    return MappingProxyType({r["where"]: (r["scale"], int(r["order"]))
                             for r in _table("source_scales.tsv")})


def is_acled(code: str, status: str = "reported") -> bool:
    """Whether ACLED codes it: one of its 25 sub-event types, reported as having happened."""
    return TAXONOMY[code].event_type != NON_CONFLICT and status == "reported"


def disorder_type(code: str) -> str | None:
    table = disorder_types()
    found = table.get(code, table.get(TAXONOMY[code].event_type))
    return found or None


# ---- actors --------------------------------------------------------------------------------


class Named(NamedTuple):
    """An actor as ACLED names and types it."""

    name: str
    kind: str


def acled_actor_name(actor: Actor, country: str | None) -> str:
    """``actor``'s name in ACLED's style: "Civilians (Mali)", "Military Forces of Russia"."""
    name = actor.name or actor.text
    template = actor_templates().get(name)
    if template is None:
        return name
    own = _alpha3_names().get(actor.country or "")
    fill = {"country": own or country, "actor_country": own}
    needed = [k for k in fill if "{" + k + "}" in template]
    if any(fill[k] is None for k in needed):
        return name
    return template.format(**{k: fill[k] for k in needed})


def unnamed_actor(names: Names, role: str, country: str | None) -> Named | None:
    """ACLED's actor for a role the reports leave unnamed, if ACLED has one."""
    table = unnamed_actors()
    found = table.get((names.sub_event_type, role)) or table.get((names.event_type, role))
    if found is None:
        return None
    template, kind = found
    if country is None:
        template = template.replace(" ({country})", "").replace(" of {country}", "")
    return Named(template.format(country=country), kind)


def acled_actors(
    actors: Sequence[Actor], role: str, names: Names | None, country: str | None
) -> list[Named]:
    """The ACLED actors in ``role``: typed ones only (a "minibus", "three" or "the town" is no
    actor), once each; ACLED's unnamed actor of the event type when none is named."""
    out: dict[str, Named] = {}
    for a in actors:
        if a.role == role and a.kind:
            name = acled_actor_name(a, country)
            out.setdefault(name.casefold(), Named(name, a.kind))
    if not out and names is not None:
        default = unnamed_actor(names, role, country)
        return [default] if default is not None else []
    return list(out.values())


def inter_value(kind: str | None, options: AcledOptions) -> str | int | None:
    if kind is None:
        return None
    return inter_codes()[kind] if options.numeric_inter else kind


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: lower inter first; one-sided events end in 0."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def interaction_label(kind1: str | None, kind2: str | None) -> str | None:
    """ACLED's interaction label: "State forces-Civilians" (lower code first), "Protesters only"."""
    if kind1 is None:
        return None
    if kind2 is None:
        return f"{kind1} only"
    low, high = sorted((kind1, kind2), key=lambda k: inter_codes()[k])
    return f"{low}-{high}"


# ---- places, sources, ids ------------------------------------------------------------------


def country_of(place: Place | None) -> Country | None:
    return countries().get(place.country or "") if place is not None else None


def admin_names(place: Place | None) -> tuple[str | None, str | None]:
    """``admin1`` and ``admin2`` as the gazetteer gives them (a division is its own admin)."""
    if place is None:
        return None, None
    admin1 = place.name if place.feature == "admin1" else place.admin1
    admin2 = place.name if place.feature == "admin2" else None
    return admin1, admin2


def source_scale(urls: Iterable[str | None], event_country: str | None) -> str | None:
    """ACLED's source scale from where each outlet publishes: "National", "International",
    "National-International"; None when no outlet's country is known."""
    table = source_scales()
    found: set[tuple[str, int]] = set()
    for url in urls:
        cc = outlet_country(url)
        if cc is not None and event_country is not None:
            found.add(table["same_country" if cc == event_country else "other_country"])
    return "-".join(s for s, _ in sorted(found, key=lambda x: x[1])) or None


def event_id_cnty(record_id: str, country: Country | None) -> str:
    """ISO alpha-3 letters and a number stable for the record ("SYR104958373151")."""
    number = int(hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:12], 16)
    return f"{country.alpha3 if country else 'XXX'}{number}"


def one_line(text: str | None) -> str | None:
    """Notes on one line: every run of whitespace (line breaks included) one space."""
    return " ".join(text.split()) or None if text else None


def toll_notes(inc: Incident) -> str | None:
    """The tolls the reports disagree on, so the conservative figure never hides them:
    "Fatalities reported: 3 (Outlet A), 5 (Outlet B); the lowest is kept." """
    parts = []
    for c in inc.conflicts:
        if c.field in ("fatalities", "injuries"):
            values = ", ".join(f"{v} ({o or a})" for v, a, o in c.values)
            parts.append(f"{c.field.capitalize()} reported: {values}")
    return "; ".join(parts) + "; the lowest is kept." if parts else None


# ---- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coded:
    """What an ACLED row is made of, whether it comes from an incident or an event."""

    id: str
    code: str
    actors: Sequence[Actor]
    when: When
    where: Place | None
    fatalities: Toll | None
    sources: Sequence[str]
    notes: str | None


def coded(item: Item) -> Coded:
    r = item.record
    if isinstance(r, Incident):
        notes = " ".join(n for n in (toll_notes(r), item.note) if n) or None
        return Coded(item.id, r.code, r.actors, r.when, r.where, r.fatalities,
                     [rep.outlet or "" for rep in r.reports], notes)
    e = r.event
    notes = " ".join([*(s.text for s in e.evidence), item.note or ""]).strip() or None
    return Coded(item.id, e.code, e.actors, e.when, e.where, e.fatalities, [r.outlet or ""],
                 notes)


def acled_row(item: Item, options: AcledOptions = DEFAULT_OPTIONS) -> Row:
    """One ACLED row; every codebook column is present, None where spotrep does not know."""
    c = coded(item)
    names = TAXONOMY[c.code]
    country = country_of(c.where)
    cname = country.name if country else None
    a1 = acled_actors(c.actors, "actor1", names, cname)
    a2 = acled_actors(c.actors, "actor2", names, cname)
    if not a1:  # ACLED's actor1 is always filled; actor order implies no direction
        a1, a2 = a2, []
    assoc1 = [n.name for n in a1[1:] + acled_actors(c.actors, "assoc_actor_1", None, cname)]
    assoc2 = [n.name for n in a2[1:] + acled_actors(c.actors, "assoc_actor_2", None, cname)]
    kind1 = a1[0].kind if a1 else None
    kind2 = a2[0].kind if a2 else None
    codes = inter_codes()
    admin1, admin2 = admin_names(c.where)
    where = c.where
    known: Row = {
        "event_id_cnty": event_id_cnty(c.id, country),
        "event_date": c.when.start,
        "year": int(c.when.start[:4]) if c.when.start else None,
        "time_precision": TIME_PRECISION.get(c.when.precision or ""),
        "disorder_type": disorder_type(c.code),
        "event_type": names.event_type,
        "sub_event_type": names.sub_event_type,
        "actor1": a1[0].name if a1 else None,
        "assoc_actor_1": "; ".join(dict.fromkeys(assoc1)) or None,
        "inter1": inter_value(kind1, options),
        "actor2": a2[0].name if a2 else None,
        "assoc_actor_2": "; ".join(dict.fromkeys(assoc2)) or None,
        "inter2": inter_value(kind2, options),
        "interaction": (
            interaction(codes.get(kind1 or ""), codes.get(kind2 or ""))
            if options.numeric_inter else interaction_label(kind1, kind2)
        ),
        "civilian_targeting": "Civilian targeting" if kind2 == "Civilians" else None,
        "iso": country.iso if country else None,
        "region": country.region if country else None,
        "country": cname,
        "admin1": admin1,
        "admin2": admin2,
        "location": where.name if where else None,
        "latitude": where.lat if where else None,
        "longitude": where.lon if where else None,
        "geo_precision": where.precision if where else None,
        "source": "; ".join(dict.fromkeys(s for s in c.sources if s)) or None,
        "source_scale": source_scale(item.urls, where.country if where else None),
        "notes": one_line(c.notes),
        "fatalities": (c.fatalities.count if c.fatalities else None) or 0,
        "timestamp": item.timestamp,
    }
    return {column: known.get(column) for column in acled_columns(options.numeric_inter)}


# ---- for callers holding records rather than export items (the web explorer) ---------------


def event_row(se: StoredEvent, options: AcledOptions = DEFAULT_OPTIONS) -> Row:
    """The ACLED row of one stored event (no ingest time known)."""
    return acled_row(Item(se, None, (se.url,)), options)


def incident_row(inc: Incident, options: AcledOptions = DEFAULT_OPTIONS) -> Row:
    """The ACLED row of one incident (no ingest time or article addresses known)."""
    return acled_row(Item(inc, None, ()), options)


def csv_value(value: Value) -> str:
    """One CSV cell, formula starts neutralised (``safe_csv.cell``)."""
    return cell(value)
