"""Query filters shared by ``Store.events`` and ``Store.incidents`` (and every command using them).

A ``Filters`` is checked and normalized when it is built: a country becomes its ISO alpha-2
code, codes and ACLED names become codes, and a value that cannot be used raises
``FilterError`` (a ``UsageError``: exit status 2 on the command line) with one line saying why.
So a query never meets a bad value, and the SQL built from a ``Filters`` only binds parameters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import get_args

import pycountry

from spotrep import data
from spotrep._taxonomy import TAXONOMY
from spotrep.errors import FilterError
from spotrep.records import Status

TEXT_LIMIT = 500
"""Characters of ``--text``: a phrase to look for, not a document."""

MAX_KM = 20_040.0
"""Half the Earth's circumference: every point is within this distance of any other."""

STATUSES: tuple[str, ...] = get_args(Status)
PRECISIONS = (1, 2, 3)
DATE_PRECISIONS = ("day", "week", "month", "year")

BBox = tuple[float, float, float, float]
"""West, south, east, north in degrees (GeoJSON's order); west > east crosses the 180th meridian."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Every filter is optional; a record must pass all that are given.

    Dates match records whose date range overlaps ``since``..``until``. Text filters (``admin1``,
    ``actor``, ``speaker``, ``outlet``, ``text``) ignore case; ``admin1`` is the whole name, the
    others a part of it. ``code`` and ``status`` match any of their values. ``precision`` keeps
    places at that geo precision or better (1 a town, 2 near one, 3 a region); ``date_precision``
    dates at that precision or better. For incidents, ``text``, ``outlet``, ``speaker`` and
    ``status`` match any of its reports; the other filters read the merged incident.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    code: tuple[str, ...] = ()
    actor: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    status: tuple[str, ...] = ()
    min_fatalities: int | None = None
    precision: int | None = None
    date_precision: str | None = None
    min_corroboration: int | None = None
    has_conflicts: bool = False
    bbox: BBox | None = None
    near: tuple[float, float] | None = None
    km: float = 50.0
    text: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # normalizing a frozen record as it is built
        if self.since is not None and self.until is not None and self.since > self.until:
            raise FilterError(f"--since {self.since} is after --until {self.until}")
        if self.country is not None:
            set_(self, "country", country_alpha2(self.country))
        set_(self, "code", resolve_codes(_strings(self.code)))
        set_(self, "status", _statuses(_strings(self.status)))
        for name in ("admin1", "actor", "speaker", "outlet", "text"):
            set_(self, name, _phrase(name, getattr(self, name)))
        for name in ("min_fatalities", "min_corroboration", "limit"):
            _at_least(name, getattr(self, name), 1 if name == "limit" else 0)
        if self.precision is not None and self.precision not in PRECISIONS:
            raise FilterError(f"--precision must be 1, 2 or 3, got {self.precision}")
        if self.date_precision is not None and self.date_precision not in DATE_PRECISIONS:
            raise FilterError(f"--date-precision must be one of {', '.join(DATE_PRECISIONS)}, "
                              f"got {self.date_precision!r}")
        if not (isinstance(self.km, int | float) and math.isfinite(self.km)
                and 0 < self.km <= MAX_KM):
            raise FilterError(f"--km must be a distance above 0 and at most {MAX_KM:g}, "
                              f"got {self.km}")
        if self.near is not None:
            set_(self, "near", check_point(self.near))
        if self.bbox is not None:
            set_(self, "bbox", check_bbox(self.bbox))


# ---- normalizers ---------------------------------------------------------------------------


def _strings(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _phrase(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FilterError(f"--{name.replace('_', '-')} must be text, got {value!r}")
    value = value.strip()
    if len(value) > TEXT_LIMIT:
        raise FilterError(f"--{name.replace('_', '-')} is {len(value):,} characters long; "
                          f"the limit is {TEXT_LIMIT}")
    return value or None


def _at_least(name: str, value: int | None, least: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise FilterError(f"--{name.replace('_', '-')} must be a whole number of at least "
                          f"{least}, got {value!r}")


def _statuses(values: tuple[str, ...]) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(v.strip().lower() for v in values))
    unknown = [v for v in out if v not in STATUSES]
    if unknown:
        raise FilterError(f"unknown status {unknown[0]!r}; use one of {', '.join(STATUSES)}")
    return out


def check_point(point: tuple[float, float]) -> tuple[float, float]:
    lat, lon = (float(x) for x in point)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180):
        raise FilterError(f"--near {lat:g},{lon:g} is not a latitude,longitude "
                          "(latitude -90..90, longitude -180..180)")
    return lat, lon


def check_bbox(box: Iterable[float]) -> BBox:
    values = tuple(float(x) for x in box)
    if len(values) != 4:
        raise FilterError(f"--bbox wants WEST,SOUTH,EAST,NORTH, got {len(values)} numbers")
    west, south, east, north = values
    if not all(math.isfinite(v) for v in values) or not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90
    ):
        raise FilterError(f"--bbox {west:g},{south:g},{east:g},{north:g} is not WEST,SOUTH,EAST,"
                          "NORTH in degrees (south at most north)")
    return west, south, east, north


# ---- codes and countries -------------------------------------------------------------------


@cache
def code_names() -> MappingProxyType[str, tuple[str, ...]]:
    """Every way to name codes, lower-cased: a code, an ACLED sub-event type or event type."""
    names: dict[str, list[str]] = {}
    for code, n in TAXONOMY.items():
        for key in (code, n.sub_event_type, n.event_type):
            names.setdefault(key.lower(), []).append(code)
    return MappingProxyType({k: tuple(dict.fromkeys(v)) for k, v in names.items()})


def resolve_codes(values: Iterable[str]) -> tuple[str, ...]:
    """The codes named by codes (``AIR_STRIKE``) or ACLED names (``Air/drone strike``,
    ``Battles``); an unknown name is a ``FilterError`` listing the valid ones."""
    out: list[str] = []
    known = code_names()
    for value in values:
        found = known.get(value.strip().lower())
        if found is None:
            raise FilterError(
                f"unknown event code {value!r}; use a code or ACLED name: "
                + ", ".join(f"{c} ({n.sub_event_type})" for c, n in TAXONOMY.items())
                + "; or an ACLED event type: "
                + ", ".join(dict.fromkeys(n.event_type for n in TAXONOMY.values()))
            )
        out.extend(found)
    return tuple(dict.fromkeys(out))


@cache
def _country_aliases() -> MappingProxyType[str, str]:
    """Country names beyond pycountry's (``Turkey``, ``DR Congo``, ACLED's names), lower-cased."""
    out: dict[str, str] = {}
    for row in data.rows("places", "countries.tsv"):
        if len(row) > 3 and row[3].strip():
            for alias in row[3].split("|"):
                out[alias.strip().lower()] = row[0].strip()
    for names in data.records("store", "country_names.tsv"):
        out[names["name"].lower()] = names["cc"]
    return MappingProxyType(out)


def country_alpha2(value: str) -> str:
    """ISO alpha-2 for an alpha-2, alpha-3 or country name (the store keeps alpha-2)."""
    raw = value.strip()
    found = pycountry.countries.get(alpha_2=raw.upper()) if len(raw) == 2 else None
    found = found or (pycountry.countries.get(alpha_3=raw.upper()) if len(raw) == 3 else None)
    if found is not None:
        return str(found.alpha_2)
    alias = _country_aliases().get(raw.lower())
    if alias is not None:
        return alias
    try:
        return str(pycountry.countries.lookup(raw).alpha_2)
    except LookupError:
        raise FilterError(
            f"unknown country {value!r} (use a name such as 'Ukraine' or an ISO code: UA, UKR)"
        ) from None


def country_name(alpha2: str | None) -> str:
    """A country's short English name, as tables show it (``Syria``, not its official name)."""
    if not alpha2:
        return ""
    preferred = _preferred_names().get(alpha2)
    if preferred:
        return preferred
    found = pycountry.countries.get(alpha_2=alpha2)
    if found is None:
        return alpha2
    return str(getattr(found, "common_name", None) or found.name)


@cache
def _preferred_names() -> MappingProxyType[str, str]:
    rows = data.records("store", "country_names.tsv")
    return MappingProxyType({r["cc"]: r["name"] for r in rows if r["preferred"] == "yes"})


# ---- parsers for command-line values -------------------------------------------------------


def parse_near(value: str) -> tuple[float, float]:
    """``LAT,LON`` as two floats."""
    lat, sep, lon = value.partition(",")
    try:
        if not sep:
            raise ValueError
        point = float(lat), float(lon)
    except ValueError:
        raise FilterError(f"--near wants LAT,LON (e.g. 50.45,30.52), got {value!r}") from None
    return check_point(point)


def parse_bbox(value: str) -> BBox:
    """``WEST,SOUTH,EAST,NORTH`` as four floats."""
    try:
        numbers = [float(x) for x in value.split(",")]
    except ValueError:
        raise FilterError(f"--bbox wants WEST,SOUTH,EAST,NORTH (e.g. 22,44,40,53), "
                          f"got {value!r}") from None
    return check_bbox(numbers)


def parse_km(value: str) -> float:
    try:
        km = float(value)
    except ValueError:
        raise FilterError(f"--km wants a number of kilometres, got {value!r}") from None
    if not (math.isfinite(km) and 0 < km <= MAX_KM):
        raise FilterError(f"--km must be a distance above 0 and at most {MAX_KM:g}, got {value}")
    return km


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A lat/lon box that contains the circle, for an indexable first cut in SQL."""
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lon - min(dlon, 180.0), lon + min(dlon, 180.0)
