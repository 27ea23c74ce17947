"""Readings of toponyms: which gazetteer entry each mention names, given the article.

Each name gets its likeliest reading before context (countries, then regions and divisions, then
towns by size), then the reading that agrees best with the article: "Town, State" pairs, the
countries and divisions the other names point to, the division most names could lie in, the
outlet's country. A small town alone abroad in an article about another country is a village
the gazetteer lacks (no point rather than a wrong country). Weak mentions are kept only where
they fit the area the resolved ones describe (``local_readings``).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from spotrep.geo import Entry, Gazetteer

NAMESAKE_MIN_POPULATION = 50_000
"""A division's namesake town this big is the usual reading of the bare name."""

METROPOLIS_MIN_POPULATION = 1_000_000
"""A town known by the division's name only as an alternate name must be this big."""

PRECISION: dict[str, Literal[1, 2, 3]] = {
    "populated_place": 1,
    "facility": 1,
    "region": 2,
    "admin1": 3,
    "admin2": 3,
    "country": 3,
}

_BROAD_PRIOR = {"country": 11.0, "region": 9.5, "facility": 9.0, "admin1": 7.5, "admin2": 6.5}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text with its gazetteer readings."""

    start: int
    end: int
    key: str
    candidates: tuple[Entry, ...]
    division: bool = False
    """Followed or ended by a word such as "province": read it as the division."""
    part: bool = False
    """Names a part of the place ("North Texas"): precision 2 at best."""
    strict: bool = False
    """Weak evidence that a town must fit the article's division to be kept (a name the model
    called a person: "Gunmen raided Gwoza" in an article about Borno)."""
    near_miss: bool = False
    """Read by a spelling close to a known name ("Kauda" as Kakuda): kept only where it agrees
    with the article's other places."""

DOMINANT_SHARE = 0.5
"""A country holding this share of the article's distinct place names is the article's country."""

ENGLISH_NAMED = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
"""Countries whose places English news spells as they are spelt at home: a near miss there is
another name (or a typo), not a transliteration."""


def local_readings(
    weak: Sequence[PlaceMention], chosen: Sequence[Entry | None], gazetteer: Gazetteer
) -> list[tuple[PlaceMention, Entry]]:
    """The weak mentions that name a town or county in a division the article's places lie in,
    or a division of a country they lie in, with that reading; an unknown name, the place of
    the article's country whose name is nearly the same (transliterations: "Kafr Nubl")."""
    votes = {e.id: e for e in chosen if e is not None}.values()
    divisions = {(e.cc, e.admin1) for e in votes if e.admin1}
    countries = Counter(e.cc for e in votes if e.cc)
    dominant = next(
        (cc for cc, n in countries.most_common(1) if n >= DOMINANT_SHARE * len(votes)), None
    )
    kept: list[tuple[PlaceMention, Entry]] = []
    for m in weak:
        if not m.candidates:
            transliterated = dominant is not None and dominant not in ENGLISH_NAMED
            near = gazetteer.fuzzy_key(m.key, cc=dominant) if transliterated else None
            found = [
                e
                for e in (gazetteer.lookup(near) if near else ())
                if e.cc == dominant and (not m.strict or (e.cc, e.admin1) in divisions)
            ]
            best = _best(found, functools.partial(prior, m=m))
            if best is not None:
                kept.append((m, best))
            continue
        fitting = [
            e
            for e in m.candidates
            if (
                e.feature in ("populated_place", "admin2")
                and (e.main or m.strict)
                and (e.cc, e.admin1) in divisions
            )
            or (e.feature == "admin1" and e.cc in countries and not m.strict)
        ]
        best = _best(fitting, functools.partial(prior, m=m))
        if best is not None:
            kept.append((m, best))
    return kept


def prior(e: Entry, m: PlaceMention) -> float:
    """How likely a reading is before context: countries, then regions and divisions, then
    towns by size; a division loses to its own namesake capital ("Idlib" is the town unless
    the text says "Idlib province")."""
    if m.division:
        return 10.0 if e.feature in ("admin1", "admin2", "region") else math.log10(e.population + 1)
    if e.feature in ("admin1", "admin2") and any(_capital_of(t, e) for t in m.candidates):
        return _BROAD_PRIOR[e.feature] - 3.0
    if e.feature in _BROAD_PRIOR:
        # Population only breaks ties: Florida the state before Florida, Uruguay.
        return _BROAD_PRIOR[e.feature] + 0.05 * math.log10(e.population + 1)
    # A town found under an alternate (often historical) name is weak evidence.
    return math.log10(e.population + 1) + e.main * (2.5 + 1.0 * e.capital)


def _capital_of(town: Entry, division: Entry) -> bool:
    """Whether ``town`` is a big namesake town of ``division``: Idlib, or a metropolis also
    known by the bare name (New York City, but not Oklahoma City)."""
    least = NAMESAKE_MIN_POPULATION if town.main else METROPOLIS_MIN_POPULATION
    return (
        town.feature == "populated_place"
        and town.population >= least
        and (town.cc, town.admin1) == (division.cc, division.admin1)
    )


def contains(outer: Entry, inner: Entry) -> bool:
    """Whether ``inner`` lies in the country or division ``outer``."""
    if outer.feature == "country":
        return inner.cc == outer.cc and inner.id != outer.id
    if outer.feature == "admin1":
        return _in_division_of(outer, inner)
    return False


def _in_division_of(outer: Entry, inner: Entry) -> bool:
    """Whether ``inner`` lies in the first-level division of ``outer`` (and is not it)."""
    return (inner.cc, inner.admin1) == (outer.cc, outer.admin1) and inner.id != outer.id


def resolve(
    mentions: Sequence[PlaceMention], text: str, region: str | None = None
) -> list[Entry | None]:
    """The chosen reading of every mention (None when the gazetteer has none): each name's
    reading before context, then the reading that best agrees with the others'."""
    pinned = _comma_pairs(mentions, text)
    readings: dict[str, Entry | None] = {}
    for i, m in enumerate(mentions):
        if i in pinned:
            readings[m.key] = pinned[i]
        else:
            readings.setdefault(m.key, _best(m.candidates, functools.partial(prior, m=m)))
    # One sense per article: a name once read as "Palestine, Texas" stays that Palestine.
    # (Rereading again against the new readings oscillates more than it gains.)
    settled = {mentions[i].key: e for i, e in pinned.items()}
    chosen = _reread(mentions, readings, settled, region)
    return _without_strays(mentions, _nested(mentions, chosen, text), region)

STRAY_MAX_POPULATION = 100_000
"""A town this big is known abroad: never taken for a village the gazetteer lacks."""

STRAY_MIN_CONTEXT = 2
"""Other names the article must give before one town can be a stray among them."""

STRAY_DOMINANCE = 0.66
"""Share of those other names that must lie in one other country."""


def _without_strays(
    mentions: Sequence[PlaceMention], chosen: list[Entry | None], region: str | None
) -> list[Entry | None]:
    """The readings, less any small town that is the only place of its country in an article
    whose other places lie mostly (two thirds) in one other country: "Keta village" in an
    article about Zamfara is a village the gazetteer lacks, not Keta in Ghana (a wrong country
    is worse than no point); so is a near-miss spelling read in a country no other place of the
    article lies in ("Kauda" beside Dilling, Sudan, is no Kakuda in Japan)."""
    by_name = {m.key: e for m, e in zip(mentions, chosen, strict=True) if e is not None}
    kept: list[Entry | None] = []
    for m, e in zip(mentions, chosen, strict=True):
        others = [o for k, o in by_name.items() if k != m.key]
        countries = Counter(o.cc for o in others)
        top = countries.most_common(1)[0][1] if countries else 0
        if e is not None and m.near_miss and others and e.cc not in countries:
            kept.append(None)  # a spelling guess in a country the article is not about
            continue
        stray = (
            e is not None
            and e.feature == "populated_place"
            and e.population < STRAY_MAX_POPULATION
            and e.cc != region
            and len(others) >= STRAY_MIN_CONTEXT
            and top >= STRAY_DOMINANCE * len(others)
            and e.cc not in countries
        )
        kept.append(None if stray else e)
    return kept


def _reread(
    mentions: Sequence[PlaceMention],
    readings: dict[str, Entry | None],
    settled: dict[str, Entry],
    region: str | None,
) -> list[Entry | None]:
    """Each mention's reading that best agrees with the others' first readings, the outlet's
    country and the division most names could lie in; "Town, State" pairs stay as settled."""
    # One vote per distinct name, so that a name repeated ten times cannot confirm itself.
    votes = [e for e in readings.values() if e is not None]
    countries = Counter(e.cc for e in votes if e.cc)
    divisions = Counter((e.cc, e.admin1) for e in votes if e.admin1)
    total = sum(countries.values())
    support = division_support(mentions)
    names = len({m.key for m in mentions if m.candidates})
    chosen: list[Entry | None] = []
    for m in mentions:
        own = readings[m.key]
        if m.key in settled or own is None:
            chosen.append(settled.get(m.key, own))
            continue

        def score(e: Entry, m: PlaceMention = m, own: Entry = own) -> float:
            return (
                prior(e, m)
                + _context(e, own, countries, divisions, total)
                + _shared_division(e, support, names)
                + OUTLET_REGION_BONUS * (region is not None and e.cc == region)
            )

        chosen.append(_best(m.candidates, score))
    return chosen

SHARED_DIVISION_WEIGHT = 3.0
"""Bonus for a reading in a division where all the article's other names could lie."""

OUTLET_REGION_BONUS = 2.5
"""Bonus for a reading in the outlet's country: a local paper's "Alexandria" is its own, unless
the article says otherwise."""

NATIONS = frozenset(("GB", n) for n in ("England", "Scotland", "Wales", "Northern Ireland"))
"""First-level divisions as big as countries: sharing one says no more than sharing the country."""


def _context(
    e: Entry,
    own: Entry,
    countries: Counter[str],
    divisions: Counter[tuple[str | None, str]],
    total: int,
) -> float:
    """Agreement of a reading with the rest of the article (this name's own vote removed)."""
    same_country = countries[e.cc] - int(own.cc == e.cc) if e.cc else 0
    bonus = 0.0
    if same_country > 0:
        bonus += 1.0 + 2.0 * same_country / max(1, total - 1)
    if e.admin1 and (e.cc, e.admin1) not in NATIONS:
        same_division = divisions[(e.cc, e.admin1)] - int((own.cc, own.admin1) == (e.cc, e.admin1))
        bonus += 2.0 * (same_division > 0) + 0.5 * min(max(same_division - 1, 0), 2)
    return bonus


def division_support(mentions: Sequence[PlaceMention]) -> Counter[tuple[str | None, str]]:
    """For each first-level division, how many distinct names of the article could lie in it:
    local news names several small places of one state, each ambiguous alone ("Watertown",
    "Delano", "Scott County") but most readings meeting in one state."""
    support: Counter[tuple[str | None, str]] = Counter()
    seen: set[str] = set()
    for m in mentions:
        if m.key in seen:
            continue
        seen.add(m.key)
        support.update(
            {(e.cc, e.admin1) for e in m.candidates if e.admin1 and e.feature != "country"}
        )
    return support


def _shared_division(e: Entry, support: Counter[tuple[str | None, str]], names: int) -> float:
    """Bonus for a reading in the division where most of the article's other names could lie."""
    if not e.admin1 or e.feature == "country" or (e.cc, e.admin1) in NATIONS or names < 3:
        return 0.0
    others = support[(e.cc, e.admin1)] - 1
    return SHARED_DIVISION_WEIGHT * others / (names - 1) if others >= 2 else 0.0


def _best(candidates: Sequence[Entry], score: Callable[[Entry], float]) -> Entry | None:
    return max(candidates, key=score, default=None)


def _comma_pairs(mentions: Sequence[PlaceMention], text: str) -> dict[int, Entry]:
    """Readings fixed by "Town, State" / "Town, Country": the town must lie in the second name."""
    pinned: dict[int, Entry] = {}
    for i in range(len(mentions) - 1):
        town, area = mentions[i], mentions[i + 1]
        if text[town.end : area.start].strip() != ",":
            continue
        pairs = [(a, t) for a in area.candidates for t in town.candidates if contains(a, t)]
        if pairs:
            a, t = max(pairs, key=lambda p: prior(p[1], town) + prior(p[0], area))
            pinned[i], pinned[i + 1] = t, a
    return pinned


def lies_in(outer: Entry, inner: Entry) -> bool:
    """Whether ``inner`` can be a place inside ``outer``: in its country or division, or, for a
    town, in the town's own division ("the Lido beach in Mogadishu")."""
    if outer.feature == "populated_place":
        return _in_division_of(outer, inner)
    return contains(outer, inner)


def _nested(
    mentions: Sequence[PlaceMention], chosen: list[Entry | None], text: str
) -> list[Entry | None]:
    """The readings, with each name told as lying "in" the next one ("a beach in Mogadishu",
    "the Kashkash village in Hasaka") read inside it: its reading that lies there, else none when
    it is a small place (one the gazetteer lacks under that name there; a town this big is
    known abroad and stays: "refugees from Aleppo in Turkey"). A country lies in nothing."""
    out = list(chosen)
    for i in range(len(mentions) - 1):
        inner, outer, area = mentions[i], mentions[i + 1], chosen[i + 1]
        here = chosen[i]
        if area is None or here is None or here.feature == "country":
            continue
        if text[inner.end : outer.start].strip().lower() != "in" or lies_in(area, here):
            continue
        inside = [e for e in inner.candidates if lies_in(area, e)]
        best = _best(inside, functools.partial(prior, m=inner))
        small = here.population < STRAY_MAX_POPULATION and here.feature in PRECISION_ONE
        out[i] = best if best is not None else (None if small else here)
    return out


PRECISION_ONE = frozenset(f for f, p in PRECISION.items() if p == 1)
"""Features that are points (towns, facilities): a small one can be a stray."""


def focus_entry(chosen: Sequence[Entry | None], in_lead: Sequence[bool]) -> Entry | None:
    """The article's main specific place: its most frequent town or facility, a mention in the
    first sentence (the dateline) counting three times; the first one on ties."""
    votes: Counter[int] = Counter()
    for e, lead in zip(chosen, in_lead, strict=True):
        if e is not None and PRECISION[e.feature] == 1:
            votes[e.id] += 3 if lead else 1
    if not votes:
        return None
    top = max(votes.values())
    return next(e for e in chosen if e is not None and votes.get(e.id) == top)
