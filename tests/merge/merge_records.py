"""Hand-built Events and Reports: merging is pure, so its tests need no model and no store."""

from __future__ import annotations

from typing import Any

from spotrep.merge import Report
from spotrep.records import Actor, Event, Mention, Place, Toll, When

KHARKIV = ("Kharkiv", 49.9935, 36.2304, 1, "UA", "Kharkiv Oblast")
CHUHUIV = ("Chuhuiv", 49.8353, 36.6880, 1, "UA", "Kharkiv Oblast")  # ~37 km from Kharkiv
KYIV = ("Kyiv", 50.4501, 30.5234, 1, "UA", "Kyiv City")


def place(spec: tuple[str, float, float, int, str, str] | None) -> Place | None:
    if spec is None:
        return None
    name, lat, lon, precision, country, admin1 = spec
    feature = "admin1" if name.endswith("Oblast") else "populated_place"
    return Place(name, None, name, None, feature, country, admin1, lat, lon,  # type: ignore[arg-type]
                 precision)  # type: ignore[arg-type]


def build_event(
    id: str = "e1",
    code: str = "AIR_STRIKE",
    day: str | None = "2024-03-05",
    end: str | None = None,
    precision: str | None = "day",
    when_text: str | None = "on Tuesday",
    where: tuple[str, float, float, int, str, str] | None = KHARKIV,
    fatalities: int | None = None,
    injuries: int | None = None,
    actor1: str | None = None,
    status: str = "reported",
    weapon: str | None = None,
) -> Event:
    actors = (Actor("actor1", actor1, actor1, None, None, None),) if actor1 else ()
    return Event(
        id=id,
        code=code,
        status=status,  # type: ignore[arg-type]
        trigger=None,
        actors=actors,
        when=When(when_text, day, end or day, precision, None),  # type: ignore[arg-type]
        where=place(where),
        fatalities=None if fatalities is None else Toll(fatalities),
        injuries=None if injuries is None else Toll(injuries),
        weapon=None if weapon is None else Mention(weapon, None),
    )


def build_report(
    article: str, outlet: str | None = None, published: str | None = "2024-03-06", **kw: Any
) -> Report:
    return Report(build_event(**kw), article, outlet, published)
