"""Hand-built results and a stand-in extractor for the store tests (no model needed)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sqlalchemy as sa

from spotrep.records import Actor, Article, Event, Place, Result, Toll, When
from spotrep.store.engine import create_engine, database_url

KHARKIV = ("Kharkiv", 49.9935, 36.2304, "UA", "Kharkiv Oblast")
KYIV = ("Kyiv", 50.4501, 30.5234, "UA", "Kyiv City")


def build_event(
    id: str = "e1",
    code: str = "AIR_STRIKE",
    day: str = "2024-03-05",
    place: tuple[str, float, float, str, str] | None = KHARKIV,
    fatalities: int | None = None,
    status: str = "reported",
    actor1: str | None = None,
) -> Event:
    where = None
    if place is not None:
        name, lat, lon, country, admin1 = place
        where = Place(name, None, name, None, "populated_place", country, admin1, lat, lon, 1)
    actors = (Actor("actor1", actor1, actor1, "State forces", None, None),) if actor1 else ()
    return Event(
        id=id, code=code, status=status, trigger=None,  # type: ignore[arg-type]
        actors=actors,
        when=When("on Tuesday", day, day, "day", None),
        where=where,
        fatalities=None if fatalities is None else Toll(fatalities),
    )


def build_result(
    article_id: str,
    events: tuple[Event, ...] = (),
    text: str | None = None,
    outlet: str | None = "Outlet",
    url: str | None = None,
    published: str = "2024-03-06",
) -> Result:
    article = Article(
        text=text or f"Text of article {article_id}: a strike hit the city.",
        id=article_id, published=published, outlet=outlet, url=url, title=f"Title {article_id}",
    )
    return Result(article=article, events=events)


def fake_extractor(articles: Iterable[Article]) -> Iterator[Result]:
    """Stands in for the model: one air strike in Kharkiv per article, dated by its text."""
    for a in articles:
        day = "2024-03-05" if "March 5" in a.text else "2024-04-01"
        yield Result(article=a, events=(build_event(day=day, fatalities=len(a.text) % 7),))


def row_count(target: str, table: str) -> int:
    engine = create_engine(database_url(target))
    try:
        with engine.connect() as conn:
            return int(conn.scalar(sa.text(f"SELECT count(*) FROM {table}")) or 0)
    finally:
        engine.dispose()
