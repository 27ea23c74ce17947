from __future__ import annotations

from pathlib import Path

import pytest

from spotrep.geo import (
    Gazetteer,
    build_index,
    data_version,
    default_index_path,
    ensure_index,
    name_key,
)
from spotrep.geo.index import skeleton


def readings(gazetteer: Gazetteer, name: str) -> set[tuple[str, str | None]]:
    return {(e.feature, e.cc) for e in gazetteer.lookup(name_key(name))}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Deir ez-Zor", ("populated_place", "SY")),
        ("Dayr az Zawr", ("populated_place", "SY")),
        ("Deir ez-Zor", ("admin1", "SY")),
        ("Kharkov", ("populated_place", "UA")),
        ("Kharkiv", ("populated_place", "UA")),
        ("Georgia", ("country", "GE")),
        ("Georgia", ("admin1", "US")),
        ("U.S.", ("country", "US")),
        ("Britain", ("country", "GB")),
        ("La.", ("admin1", "US")),
        ("Donbas", ("region", "UA")),
        ("the Gaza Strip", ("region", "PS")),
        ("Middle East", ("region", None)),
        ("Europe", ("region", None)),
        ("Al-Tanf", ("facility", "SY")),
    ],
)
def test_lookup_finds(gazetteer: Gazetteer, name: str, expected: tuple[str, str | None]) -> None:
    assert expected in readings(gazetteer, name)


@pytest.mark.parametrize("name", ["Syrian", "Iraqi", "Russian", "the", "Joe Buccino", "MPW"])
def test_lookup_finds_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name_key(name)) == ()


def test_entries_carry_geocodes(gazetteer: Gazetteer) -> None:
    (town,) = [e for e in gazetteer.lookup("deir zor") if e.feature == "populated_place"]
    assert town.geonameid == 170794
    assert town.admin1 == "Deir ez-Zor"
    assert abs(town.lat - 35.336) < 0.1 and abs(town.lon - 40.140) < 0.1


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Deir ez-Zur", "deir zor"),
        ("Mariupul", "mariupol"),
        ("Canaan Valley", None),
        ("Xyzzyq", None),
        ("Bo", None),
    ],
)
def test_fuzzy_key(gazetteer: Gazetteer, name: str, found: str | None) -> None:
    assert gazetteer.fuzzy_key(name_key(name)) == found


def test_surface_names_are_spotting_names(gazetteer: Gazetteer) -> None:
    names = set(gazetteer.surface_names())
    assert {"Syria", "Texas", "Gaza Strip", "Middle East"} <= names
    assert "Deir ez-Zor" not in names  # towns are left to the model's entities


def test_build_is_atomic_and_repeatable(tmp_path: Path) -> None:
    target = tmp_path / "idx.sqlite"
    build_index(target, city_file="cities15000.json")
    first = target.stat().st_size
    build_index(target, city_file="cities15000.json")
    assert target.stat().st_size == first
    assert [p.name for p in tmp_path.iterdir()] == ["idx.sqlite"]


def test_default_index_path_honours_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTREP_CACHE_DIR", str(tmp_path))
    path = default_index_path()
    assert path.parent == tmp_path
    assert data_version() in path.name
    assert "gnc3.0.2" in data_version()


def test_ensure_index_builds_once_and_drops_old_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPOTREP_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "gazetteer-f0-old.sqlite"
    stale.write_bytes(b"")
    monkeypatch.setattr("spotrep.geo.index.build_index", lambda p: Path(p).write_bytes(b"x"))
    path = ensure_index()
    assert path.read_bytes() == b"x" and not stale.exists()
    monkeypatch.setattr("spotrep.geo.index.build_index", lambda p: pytest.fail("rebuilt"))
    assert ensure_index() == path


@pytest.mark.parametrize(
    ("name", "cc", "found"),
    [
        ("Jerabulus", "SY", "jarabulus"),  # the second letter differs: only the country search
        ("Jerabulus", None, None),
        ("Jerabulus", "TR", None),
        ("Jarabulus", "SY", "jarabulus"),
        # romanizations of one name: kh/sh vowels, q/k, ou/u
        ("Khan Sheikhoun", "SY", "khan shaykhun"),
        ("Kamishli", "SY", "qamishli"),
        ("Kirkouk", "IQ", "kirkuk"),
        ("Mossoul", "IQ", "mosul"),
        ("Kirkouk", "SY", None),
        ("Zzyzxville", "SY", None),
    ],
)
def test_fuzzy_key_within_a_country(
    gazetteer: Gazetteer, name: str, cc: str | None, found: str | None
) -> None:
    assert gazetteer.fuzzy_key(name_key(name), cc=cc) == found


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("dhiban", "diban"),
        ("thiban", "diban"),
        ("khan shaykhun", "hanshihun"),
        ("khan sheikhoun", "hanshihun"),
        ("qamishli", "kamishli"),
        ("jarabulus", "jarabulus"),
    ],
)
def test_skeleton(key: str, expected: str) -> None:
    assert skeleton(key) == expected
