"""The filters of every list endpoint, read from the query string: the CLI's filters by name.

``read_query`` is the one FastAPI dependency that parses them; ``Query.store_filters`` is what
the store filters in SQL. The filters the store does not take yet are applied in ``_interim``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import HTTPException
from fastapi import Query as Param

from spotrep._taxonomy import TAXONOMY
from spotrep.store import Filters
from spotrep.store.filters import country_alpha2

BBox = tuple[float, float, float, float]
"""West, south, east, north in degrees; west > east crosses the 180th meridian."""

STATUSES = ("reported", "denied", "hypothetical", "threatened", "planned")
DATE_PRECISIONS = ("day", "week", "month", "year")
TEXT_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Query:
    """Every filter is optional; a record must pass all that are given."""

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
    text: str | None = None

    def store_filters(self) -> Filters:
        """The part of the query the store filters itself (in SQL)."""
        return Filters(since=self.since, until=self.until, country=self.country,
                       code=self.code, text=self.text)


def _bad(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def resolve_code(value: str) -> tuple[str, ...]:
    """The codes a ``code`` value names: a code (AIR_STRIKE), an ACLED event or sub-event type."""
    v = value.strip()
    if v.upper() in TAXONOMY:
        return (v.upper(),)
    low = v.lower()
    found = tuple(c for c, n in TAXONOMY.items()
                  if n.event_type.lower() == low or n.sub_event_type.lower() == low)
    if not found:
        raise _bad(f"unknown code {value!r}: use a code such as AIR_STRIKE or an ACLED type")
    return found


def parse_bbox(value: str) -> BBox:
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise _bad(f"bbox wants WEST,SOUTH,EAST,NORTH in degrees, got {value!r}") from None
    if not all(math.isfinite(x) for x in (w, s, e, n)):
        raise _bad("bbox values must be finite numbers")
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise _bad(f"bbox {value!r} is not WEST,SOUTH,EAST,NORTH within -180..180, -90..90")
    return (w, s, e, n)


def _phrase(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > TEXT_LIMIT:
        raise _bad(f"{name} is {len(value):,} characters long; the limit is {TEXT_LIMIT}")
    return value.strip() or None


Text = Annotated[str | None, Param(max_length=TEXT_LIMIT)]
Count = Annotated[int | None, Param(ge=0, le=1_000_000_000)]


def read_query(
    since: date | None = None,
    until: date | None = None,
    country: Text = None,
    admin1: Text = None,
    code: Annotated[list[str] | None, Param(description="code or ACLED (sub-)event type; "
                                            "repeatable")] = None,
    actor: Text = None,
    speaker: Text = None,
    outlet: Text = None,
    status: Annotated[list[Literal["reported", "denied", "hypothetical", "threatened",
                                   "planned"]] | None, Param()] = None,
    min_fatalities: Count = None,
    precision: Annotated[int | None, Param(ge=1, le=3, description="geo precision or better "
                                           "(1 town, 2 near one, 3 region)")] = None,
    date_precision: Literal["day", "week", "month", "year"] | None = None,
    min_corroboration: Count = None,
    has_conflicts: bool = False,
    bbox: Annotated[str | None, Param(max_length=200, description="WEST,SOUTH,EAST,NORTH")] = None,
    text: Text = None,
) -> Query:
    """The query string's filters, checked: a bad value is a 400 with a one-line reason."""
    if since is not None and until is not None and since > until:
        raise _bad(f"since {since} is after until {until}")
    if country is not None and country.strip():
        try:
            country = country_alpha2(country)
        except (ValueError, LookupError) as exc:
            raise _bad(str(exc)) from None
    else:
        country = None
    codes: tuple[str, ...] = ()
    for value in code or ():
        codes += tuple(c for c in resolve_code(value) if c not in codes)
    return Query(
        since=since, until=until, country=country, admin1=_phrase("admin1", admin1),
        code=codes, actor=_phrase("actor", actor), speaker=_phrase("speaker", speaker),
        outlet=_phrase("outlet", outlet), status=tuple(dict.fromkeys(status or ())),
        min_fatalities=min_fatalities, precision=precision, date_precision=date_precision,
        min_corroboration=min_corroboration, has_conflicts=has_conflicts,
        bbox=parse_bbox(bbox) if bbox else None, text=_phrase("text", text),
    )
