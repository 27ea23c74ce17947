"""Hand-built articles for the explorer's tests (our own writing; no model needed).

Two incidents reported by several outlets that disagree on the toll, a week- and a
month-precision event, an unplaced one, and an article whose text is full of markup and script
that must show as text and run nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spotrep.records import (
    Actor,
    Article,
    Claim,
    Event,
    Mention,
    Place,
    Result,
    Span,
    Speaker,
    Toll,
    When,
)
from spotrep.store import Store

HOSTILE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
           '<b onmouseover="window.__pwned = 3">bold</b>')


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    country: str
    admin1: str


MOSUL = Town("Mosul", 36.34, 43.13, "IQ", "Nineveh")
GAO = Town("Gao", 16.27, -0.04, "ML", "Gao")
KHARKIV = Town("Kharkiv", 49.99, 36.23, "UA", "Kharkiv")
LVIV = Town("Lviv", 49.84, 24.03, "UA", "Lviv")


def place(text: str, town: Town, precision: int = 1) -> Place:
    return Place(town.name, span(text, town.name), town.name, None, "populated_place",
                 town.country, town.admin1, town.lat, town.lon, precision)  # type: ignore[arg-type]


def report(
    aid: str, outlet: str, published: str, body: str, *, code: str, town: Town | None,
    day: str, killed: int | None, killed_words: str | None, attacker: str, victim: str,
    speaker: str, day_words: str = "on Tuesday", precision: str = "day",
    geo_precision: int = 1, title: str | None = None,
) -> Result:
    text = body
    evidence = span(text, text.split(". ")[0])
    toll = None
    if killed is not None and killed_words is not None:
        toll = Toll(killed, killed, killed, killed_words, span(text, killed_words))
    event = Event(
        id="e1", code=code, status="reported", trigger=None,
        actors=(Actor("actor1", attacker, attacker, "Rebel group", None, span(text, attacker)),
                Actor("actor2", victim, "Civilians", "Civilians", None, span(text, victim))),
        when=When(day_words, day, day, precision, span(text, day_words)),  # type: ignore[arg-type]
        where=None if town is None else place(text, town, geo_precision),
        fatalities=toll, claims=("c1",), evidence=(evidence,),
    )
    said = span(text, speaker)
    claim = Claim("c1", Speaker(speaker, speaker, "government", None, said), evidence,
                  "indirect", span(text, "said"), Mention("in a statement",
                                                          span(text, "in a statement")),
                  ("e1",))
    article = Article(text=text, id=aid, published=published, outlet=outlet,
                      url=f"https://example.org/{aid}", title=title or f"{outlet}: {day}")
    return Result(article=article, events=(event,), claims=(claim,))


def results() -> list[Result]:
    mosul = (
        "Gunmen attacked a market in Mosul on Tuesday, killing {n}. A police spokesman said "
        "in a statement that the attackers fled."
    )
    gao = (
        "Militants ambushed villagers near Gao on Sunday, killing {n}. The governor said "
        "in a statement that patrols were sent."
    )
    return [
        report("mosul-a", "Tigris Daily", "2024-03-06", mosul.format(n="four people"),
               code="ATTACK", town=MOSUL, day="2024-03-05", killed=4, killed_words="four people",
               attacker="Gunmen", victim="a market", speaker="A police spokesman"),
        report("mosul-b", "Northern Wire", "2024-03-06", mosul.format(n="12 people"),
               code="ATTACK", town=MOSUL, day="2024-03-05", killed=12, killed_words="12 people",
               attacker="Gunmen", victim="a market", speaker="A police spokesman"),
        report("mosul-c", "Gulf Courier", "2024-03-07", mosul.format(n="seven people"),
               code="ATTACK", town=MOSUL, day="2024-03-05", killed=7,
               killed_words="seven people", attacker="Gunmen", victim="a market",
               speaker="A police spokesman"),
        report("gao-a", "Sahel Post", "2024-05-13", gao.format(n="nine villagers"),
               code="ATTACK", town=GAO, day="2024-05-12", killed=9,
               killed_words="nine villagers", attacker="Militants", victim="villagers",
               speaker="The governor", day_words="on Sunday", geo_precision=2),
        report("gao-b", "Bamako Herald", "2024-05-14", gao.format(n="nine villagers"),
               code="ATTACK", town=GAO, day="2024-05-12", killed=9,
               killed_words="nine villagers", attacker="Militants", victim="villagers",
               speaker="The governor", day_words="on Sunday", geo_precision=2),
        report("kharkiv-week", "Kyiv Ledger", "2024-04-20",
               "Shelling hit homes in Kharkiv last week, killing two residents. The mayor said "
               "in a statement that repairs began.", code="ART_MISS_ATTACK", town=KHARKIV,
               day="2024-04-08", killed=2, killed_words="two residents", attacker="Shelling",
               victim="homes", speaker="The mayor", day_words="last week", precision="week"),
        report("lviv-month", "Kyiv Ledger", "2024-06-30",
               "Protesters marched in Lviv in June. An organiser said in a statement that "
               "thousands came.", code="PEACE_PROTEST", town=LVIV, day="2024-06-01",
               killed=None, killed_words=None, attacker="Protesters", victim="Lviv",
               speaker="An organiser", day_words="in June", precision="month"),
        report("unplaced", "Tigris Daily", "2024-02-02",
               "Fighters clashed somewhere on Friday, killing one man. A witness said "
               "in a statement that it was brief.", code="ARMED_CLASH", town=None,
               day="2024-02-02", killed=1, killed_words="one man", attacker="Fighters",
               victim="one man", speaker="A witness", day_words="on Friday"),
        report("hostile", HOSTILE, "2024-03-20",
               f"{HOSTILE} Raiders attacked a convoy in Mosul on Tuesday, killing three guards. "
               f"A source said in a statement that {HOSTILE} was posted.", code="ATTACK",
               town=MOSUL, day="2024-03-19", killed=3, killed_words="three guards",
               attacker="Raiders", victim="a convoy", speaker="A source", title=HOSTILE),
    ]


def fill(store: Store) -> None:
    for r in results():
        store.add_result(r)
