"""Generated articles for the scale tests: short news reports written from templates here."""

from __future__ import annotations

import json
from pathlib import Path

PLACES = ("Kharkiv", "Gao", "Mosul", "Douentza", "Kherson", "Timbuktu", "Kirkuk", "Sumy")
ACTS = (
    "Artillery shells struck a market in {place} on {day}, killing {n} civilians, the regional "
    "governor said.",
    "Gunmen attacked a checkpoint near {place} on {day}, and {n} soldiers were killed, the army "
    "said in a statement.",
    "A drone strike hit a fuel depot in {place} on {day}; {n} people were wounded, according to "
    "local officials.",
    "Hundreds of people protested in {place} on {day} against rising prices, and police "
    "detained {n} demonstrators.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def article(i: int) -> dict[str, str]:
    text = ACTS[i % len(ACTS)].format(place=PLACES[i % len(PLACES)], day=DAYS[i % len(DAYS)],
                                     n=2 + i % 9)
    follow = f" It was the {1 + i % 5}th such incident in the area this month."
    return {"id": f"gen-{i:04d}", "text": text + follow, "outlet": f"Outlet {i % 3}",
            "published": f"2024-03-{1 + i % 28:02d}"}


def write_shards(folder: Path, n: int, per_shard: int) -> list[Path]:
    """``n`` generated articles in JSON Lines shards of ``per_shard`` (gzipped: odd ones)."""
    import gzip

    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for s, start in enumerate(range(0, n, per_shard)):
        stop = min(n, start + per_shard)
        lines = "".join(json.dumps(article(i)) + "\n" for i in range(start, stop))
        path = folder / (f"shard-{s:03d}.jsonl" + (".gz" if s % 2 else ""))
        if s % 2:
            path.write_bytes(gzip.compress(lines.encode()))
        else:
            path.write_text(lines, encoding="utf-8")
        paths.append(path)
    return paths
