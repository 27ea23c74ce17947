"""A store of N synthetic events for the explorer's benchmarks (no model: hand-built results).

    .venv/bin/python benchmarks/serve_data.py [-n 100000] [--db out/bench/serve-100000.db]

Deterministic (seeded): 5 events an article, in 60 towns of 20 countries jittered by up to
half a degree, over three years; ACLED codes weighted towards the common ones; 70% of dates
to the day, 15% to the week, 15% to the month; places at precision 1, 2 or 3; 40 outlets;
tolls for two events in three. Each article's text names its events' actors, towns and tolls
so the spans are real. Built once; a store already there is reused.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from spotrep.records import Actor, Article, Claim, Event, Place, Result, Span, Speaker, Toll, When
from spotrep.store import Store

TOWNS = [
    (f"Town{c}{i}", lat + i * 0.7, lon + i * 0.9, c, f"Region{c}{i % 3}")
    for c, lat, lon in [
        ("UA", 49.0, 31.0), ("SY", 35.0, 38.0), ("IQ", 33.0, 44.0), ("ML", 15.0, -3.0),
        ("NG", 10.0, 8.0), ("SO", 4.0, 45.0), ("SD", 14.0, 30.0), ("CD", -2.0, 27.0),
        ("YE", 15.0, 46.0), ("AF", 34.0, 67.0), ("MM", 20.0, 96.0), ("ET", 9.0, 39.0),
        ("BF", 12.0, -1.5), ("LY", 30.0, 17.0), ("PK", 30.0, 70.0), ("CO", 4.5, -74.0),
        ("MX", 23.0, -102.0), ("PH", 12.0, 122.0), ("KE", 0.5, 37.5), ("RU", 55.0, 37.0),
    ]
    for i in range(3)
]
CODES = ["ARMED_CLASH"] * 6 + ["AIR_STRIKE"] * 4 + ["ART_MISS_ATTACK"] * 4 + ["ATTACK"] * 5 + [
    "REM_EXPLOS", "ABDUCT_DISSAP", "PEACE_PROTEST", "PEACE_PROTEST", "PROTEST_WITH_INTER",
    "MOB_VIOL", "VIOL_DEMONSTR", "ARREST", "AGREEMENT", "DIPLO", "NATURAL_DISASTER"]
ACTORS = ["Military Forces", "Rebels", "Militia", "Police Forces", "Protesters", "Unidentified"]
OUTLETS = [f"Outlet {i}" for i in range(40)]
START = date(2022, 1, 1)
DAYS = 3 * 365
PER_ARTICLE = 5


def _span(text: str, part: str, after: int) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def article(k: int, rng: random.Random) -> Result:
    day = START + timedelta(days=rng.randrange(DAYS))
    lines, facts = [], []
    for j in range(PER_ARTICLE):
        name, lat, lon, country, admin1 = rng.choice(TOWNS)
        actor, killed = rng.choice(ACTORS), rng.randrange(30) if rng.random() < 0.67 else None
        toll = f"killing {killed} people" if killed is not None else "with no toll given"
        lines.append(f"Event {j}: {actor} struck near {name}, {toll}, an official said.")
        facts.append((name, lat + rng.uniform(-.5, .5), lon + rng.uniform(-.5, .5), country,
                      admin1, actor, killed, toll))
    text = "\n".join(lines)
    events, claims, at = [], [], 0
    for j, (name, lat, lon, country, admin1, actor, killed, toll) in enumerate(facts):
        line = _span(text, lines[j], at)
        at = line.end
        r = rng.random()
        precision = "day" if r < .7 else "week" if r < .85 else "month"
        when_day = day - timedelta(days=rng.randrange(3))
        if precision == "month":
            when_day = when_day.replace(day=1)
        geo = rng.choice((1, 1, 1, 2, 3))
        place = Place(name, _span(text, name, line.start), name, None, "populated_place",
                      country, admin1, round(lat, 5), round(lon, 5), geo)  # type: ignore[arg-type]
        fatalities = None
        if killed is not None:
            fatalities = Toll(killed, killed, killed, toll, _span(text, toll, line.start))
        events.append(Event(
            id=f"e{j}", code=rng.choice(CODES), status="reported" if rng.random() < .9
            else "denied", trigger=_span(text, "struck", line.start),
            actors=(Actor("actor1", actor, actor, None, None, _span(text, actor, line.start)),),
            when=When(None, when_day.isoformat(), when_day.isoformat(), precision),  # type: ignore[arg-type]
            where=place, fatalities=fatalities, claims=(f"c{j}",), evidence=(line,)))
        claims.append(Claim(f"c{j}", Speaker("an official", "an official", "government", None,
                                             _span(text, "an official", line.start)),
                            Span(line.start, line.end, line.text), "indirect",
                            _span(text, "said", line.start), None, (f"e{j}",)))
    a = Article(text=text, id=f"bench-{k:06d}", published=(day + timedelta(days=1)).isoformat(),
                outlet=rng.choice(OUTLETS), url=f"https://example.org/bench/{k}",
                title=f"Bench article {k}")
    return Result(article=a, events=tuple(events), claims=tuple(claims))


def build(path: Path, n_events: int, seed: int = 0) -> Path:
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    results = [article(k, rng) for k in range(n_events // PER_ARTICLE)]
    results.sort(key=lambda r: r.article.published or "")  # a feed arrives in date order
    t0 = time.perf_counter()
    with Store.open(tmp, create=True) as store:
        for k, r in enumerate(results):
            store.add_result(r)
            if k % 2000 == 0:
                print(f"  {k * PER_ARTICLE:,} events stored, {time.perf_counter() - t0:.0f} s",
                      file=sys.stderr)
    tmp.rename(path)
    return path


def default_path(n_events: int) -> Path:
    return Path("out") / "bench" / f"serve-{n_events}.db"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="events (default 100000)")
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = build(args.db or default_path(args.n), args.n)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
