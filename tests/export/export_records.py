"""Records for the export tests: two reports of one strike, one protest, an attribution
that repeats the strike's toll, a planned strike, a flood, and an article with nothing in it."""

from __future__ import annotations

from spotrep.records import Actor, Article, Event, Place, Result, Span, Toll, When

KHARKIV = Place("Kharkiv", None, "Kharkiv", 706483, "populated_place", "UA", "Kharkiv Oblast",
                49.9935, 36.2304, 1)
DAKAR = Place("Dakar", None, "Dakar", 2253354, "populated_place", "SN", "Dakar", 14.6937,
              -17.4441, 1)
IDLIB = Place("Idlib", None, "Idlib Governorate", 169388, "admin1", "SY", None, 35.8, 36.6, 3)
DAY = When("on Tuesday", "2024-03-05", "2024-03-05", "day", None)


def strike(fatalities: int, text: str, code: str = "AIR_STRIKE",
           status: str = "reported", eid: str = "e1") -> Event:
    return Event(
        id=eid, code=code, status=status, trigger=None,  # type: ignore[arg-type]
        actors=(Actor("actor1", "Russian forces", "Military Forces of Russia", "State forces",
                      "RUS", None),
                Actor("actor2", "civilians", "Civilians", "Civilians", None, None),
                Actor("actor2", "a minibus", "minibus", None, None, None)),
        when=DAY, where=KHARKIV, fatalities=Toll(fatalities, text=str(fatalities)),
        evidence=(Span(0, len(text), text),),
    )


def protest(text: str) -> Event:
    return Event(
        id="e1", code="PEACE_PROTEST", status="reported", trigger=None,
        actors=(Actor("actor1", "journalists", "Protesters", "Protesters", None, None),),
        when=When("last week", "2025-02-03", "2025-02-09", "week", None), where=DAKAR,
        evidence=(Span(0, len(text), text),),
    )


def flood() -> Event:
    return Event(id="e1", code="NATURAL_DISASTER", status="reported", trigger=None, actors=(),
                 when=DAY, where=IDLIB, fatalities=Toll(10))


def results() -> list[Result]:
    a = "A strike on Kharkiv\nkilled 3."
    b = "Five died in Kharkiv strike. The group said it did it."
    c = "=HYPERLINK(\"x\") Journalists marched."
    return [
        Result(Article(a, "a1", "2024-03-06", "Outlet A", "https://a.example.ua/1"),
               (strike(3, a),)),
        Result(Article(b, "b1", "2024-03-06", "Outlet B", "https://b.example.com/1"),
               (strike(5, b), strike(5, b, code="ATTRIB", eid="e2"),
                strike(5, b, status="planned", eid="e3"))),
        Result(Article(c, "c1", "2025-02-10", "@Outlet C"), (protest(c),)),
        Result(Article("Floods in Idlib killed 10.", "f1", "2024-03-06", "Outlet F"),
               (flood(),)),
        Result(Article("Nothing happened.", "d1", None, None)),
    ]
