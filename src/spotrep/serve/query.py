"""The filters of every list endpoint, read from the query string: the CLI's filters by name.

``read_filters`` is the one FastAPI dependency that parses them into the store's ``Filters``
(which checks and normalizes them: a country name becomes its code, an ACLED name its codes);
a value it cannot use is a 400 with the store's one-line reason.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import HTTPException
from fastapi import Query as Param

from spotrep.errors import FilterError
from spotrep.store import Filters
from spotrep.store.filters import MAX_KM, TEXT_LIMIT, parse_bbox, parse_near

Text = Annotated[str | None, Param(max_length=TEXT_LIMIT)]
Count = Annotated[int | None, Param(ge=0, le=1_000_000_000)]
Status = Literal["reported", "denied", "hypothetical", "threatened", "planned"]


def read_filters(
    since: date | None = None,
    until: date | None = None,
    country: Annotated[str | None, Param(max_length=TEXT_LIMIT,
                                         description="name or ISO code")] = None,
    admin1: Text = None,
    code: Annotated[list[str] | None, Param(description="code or ACLED (sub-)event type; "
                                            "repeatable")] = None,
    actor: Text = None,
    speaker: Text = None,
    outlet: Text = None,
    status: Annotated[list[Status] | None, Param()] = None,
    min_fatalities: Count = None,
    precision: Annotated[int | None, Param(ge=1, le=3, description="geo precision or better "
                                           "(1 town, 2 near one, 3 region)")] = None,
    date_precision: Literal["day", "week", "month", "year"] | None = None,
    min_corroboration: Count = None,
    has_conflicts: bool = False,
    bbox: Annotated[str | None, Param(max_length=200, description="WEST,SOUTH,EAST,NORTH")] = None,
    near: Annotated[str | None, Param(max_length=100, description="LAT,LON: within km of "
                                      "it")] = None,
    km: Annotated[float, Param(gt=0, le=MAX_KM, description="the distance from near")] = 50.0,
    text: Text = None,
) -> Filters:
    """The query string's filters, checked: a bad value is a 400 with a one-line reason."""
    try:
        return Filters(
            since=since, until=until, country=country.strip() or None if country else None,
            admin1=admin1, code=tuple(code or ()), actor=actor, speaker=speaker, outlet=outlet,
            status=tuple(status or ()), min_fatalities=min_fatalities, precision=precision,
            date_precision=date_precision, min_corroboration=min_corroboration,
            has_conflicts=has_conflicts, bbox=parse_bbox(bbox) if bbox else None,
            near=parse_near(near) if near else None, km=km, text=text,
        )
    except FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc).replace("--", "")) from None
