"""Read-only lookups in the compiled gazetteer index."""

from __future__ import annotations

import functools
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz, process

from spotrep.data import rows
from spotrep.geo.build import build_index, data_version

CACHE_ENV = "SPOTREP_CACHE_DIR"
"""Set to a directory to keep the gazetteer index there instead of the user cache dir."""

FUZZY_MIN_POPULATION = 15000
"""Near-miss spellings are only matched against places this big (or countries, regions...):
a misspelt small town is rarer in the news than a small town that happens to be one letter off."""

_COLUMNS = (
    "p.id, p.geonameid, p.name, p.feature, p.cc, p.admin1, p.lat, p.lon, p.population, p.capital"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place; ``main`` tells whether it was found under its main name."""

    id: int
    geonameid: int | None
    name: str
    feature: str
    cc: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool = False
    main: bool = True


def default_index_path() -> Path:
    """Where this version of the index lives: ``$SPOTREP_CACHE_DIR`` or the user cache dir."""
    folder = os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("spotrep")
    return Path(folder) / f"gazetteer-{data_version()}.sqlite"


def ensure_index() -> Path:
    """Build this version's index in the cache unless it is there (what ``make setup`` runs)."""
    target = default_index_path()
    if not target.exists():
        build_index(target)
        _remove_old_versions(target)
    return target


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """An open, read-only index (a SQLite connection shared by this process's threads)."""

    db: sqlite3.Connection
    path: Path

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default: the cached one, built first if missing)."""
        target = path or ensure_index()
        if not target.exists():
            build_index(target)
        uri = f"{target.resolve().as_uri()}?mode=ro&immutable=1"
        return cls(sqlite3.connect(uri, uri=True, check_same_thread=False), target)

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Every place known under the name key ``key``."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS}, n.main FROM name n JOIN place p ON p.id = n.id WHERE n.key = ?",
            (key,),
        ).fetchall()
        return tuple(_entry(r) for r in rows)

    def surface_names(self) -> tuple[str, ...]:
        """Names to spot in text without an entity (countries, US states, curated places)."""
        return tuple(r[0] for r in self.db.execute("SELECT name FROM surface"))

    def fuzzy_key(self, key: str, cutoff: float = 85.0, cc: str | None = None) -> str | None:
        """The closest main-name key of a big place sharing the first two letters, if close
        enough overall and in its first word (alternate names are too many and too noisy to
        match loosely; "Canaan Valley" is not "Cagayan Valley"). With ``cc``, the closest
        main name of any place of that country sharing the first letter: a village spelt
        another way ("Kafr Nubl" for "Kafr Nabl") in the country the article is about."""
        if len(key) < 5:
            return None
        if cc:
            return self._transliterated_key(key, cc, cutoff)
        prefix = key[:2]
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self.db.execute(
            "SELECT DISTINCT n.key FROM name n JOIN place p ON p.id = n.id "
            "WHERE n.key >= ? AND n.key < ? AND n.main = 1 "
            "AND (p.population >= ? OR p.feature != ?)",
            (prefix, upper, FUZZY_MIN_POPULATION, "populated_place"),
        )
        keys = [r[0] for r in rows]
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        found = str(best[0])
        return found if fuzz.ratio(key.split()[0], found.split()[0]) >= 80 else None

    def _transliterated_key(self, key: str, cc: str, cutoff: float) -> str | None:
        """The main-name key of a place of ``cc`` closest to ``key`` once both are reduced to
        their romanization skeleton ("thiban" and "dhiban" meet), sharing its first letter."""
        target = skeleton(key)
        keys = _country_skeletons(self, cc)
        found = process.extractOne(
            target,
            {k: s for k, s in keys.items() if s[:1] == target[:1]},
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
        )
        return None if found is None else str(found[2])


@functools.lru_cache(maxsize=32)
def _country_skeletons(gazetteer: Gazetteer, cc: str) -> dict[str, str]:
    """The skeleton of every main-name key of ``cc`` (computed once per country and process)."""
    rows = gazetteer.db.execute(
        "SELECT DISTINCT n.key FROM name n JOIN place p ON p.id = n.id "
        "WHERE n.main = 1 AND p.cc = ?",
        (cc,),
    )
    return {k: skeleton(k) for (k,) in rows}


@functools.cache
def _transliteration() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in rows("places", "transliteration.tsv"))


def skeleton(key: str) -> str:
    """A name key with the letters romanizations disagree on made alike, doubled letters and
    spaces removed ("Khan Sheikhoun" and "khan shaykhun" become "hanshihun")."""
    out = key.replace(" ", "").replace("-", "")
    for a, b in _transliteration():
        out = out.replace(a, b)
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def _remove_old_versions(current: Path) -> None:
    """Drop indexes of earlier data versions from the cache (open handles keep working)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            old.unlink(missing_ok=True)


def _entry(row: tuple[object, ...]) -> Entry:
    gid, geonameid, name, feature, cc, admin1, lat, lon, population, capital, main = row
    assert isinstance(gid, int) and isinstance(name, str) and isinstance(feature, str)
    assert isinstance(lat, float) and isinstance(lon, float) and isinstance(population, int)
    return Entry(
        gid, geonameid if isinstance(geonameid, int) else None, name, feature,
        cc if isinstance(cc, str) else None, admin1 if isinstance(admin1, str) else None,
        lat, lon, population, bool(capital), bool(main),
    )
