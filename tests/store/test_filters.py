"""Filters: values normalized when built, every unusable value one clear FilterError."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from spotrep.errors import FilterError, UsageError
from spotrep.store import Filters
from spotrep.store.filters import (
    TEXT_LIMIT,
    country_alpha2,
    country_name,
    parse_bbox,
    parse_km,
    parse_near,
    resolve_codes,
)


@pytest.mark.parametrize(("value", "expected"), [
    ("UA", "UA"), ("ukr", "UA"), ("Ukraine", "UA"), ("Syria", "SY"), ("Turkey", "TR"),
    ("Türkiye", "TR"), ("Russia", "RU"), ("Democratic Republic of Congo", "CD"),
    ("DR Congo", "CD"), ("Ivory Coast", "CI"), ("Palestine", "PS"), ("Kosovo", "XK"),
    ("  united kingdom ", "GB"), ("USA", "US"),
])
def test_country_names_and_codes(value: str, expected: str) -> None:
    assert country_alpha2(value) == expected
    assert Filters(country=value).country == expected


@pytest.mark.parametrize("value", ["Atlantis", "XX", "QQQ", "", "Ukrain"])
def test_unknown_country_is_one_clear_error(value: str) -> None:
    with pytest.raises(FilterError, match="unknown country") as exc:
        Filters(country=value)
    assert "\n" not in str(exc.value)
    assert isinstance(exc.value, UsageError) and isinstance(exc.value, ValueError)


@pytest.mark.parametrize(("cc", "name"), [
    ("SY", "Syria"), ("TR", "Turkey"), ("RU", "Russia"), ("UA", "Ukraine"), (None, ""),
])
def test_country_names_in_tables(cc: str | None, name: str) -> None:
    assert country_name(cc) == name


@pytest.mark.parametrize(("values", "expected"), [
    (["AIR_STRIKE"], ("AIR_STRIKE",)),
    (["air_strike"], ("AIR_STRIKE",)),
    (["Air/drone strike"], ("AIR_STRIKE",)),
    (["arrests", "ARREST"], ("ARREST",)),
    (["Battles"], ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")),
    (["explosions/remote violence", "Riots"], None),
    ([], ()),
])
def test_codes_by_code_or_acled_name(values: list[str], expected: tuple[str, ...] | None) -> None:
    found = resolve_codes(values)
    if expected is None:
        assert "AIR_STRIKE" in found and "MOB_VIOL" in found and "ARREST" not in found
    else:
        assert found == expected
        assert Filters(code=tuple(values)).code == expected


def test_a_single_code_string_is_one_code() -> None:
    assert Filters(code="ARREST").code == ("ARREST",)  # type: ignore[arg-type]


def test_unknown_code_lists_the_valid_ones() -> None:
    with pytest.raises(FilterError) as exc:
        Filters(code=("AIRSTRIKE",))
    message = str(exc.value)
    assert "unknown event code 'AIRSTRIKE'" in message
    assert "AIR_STRIKE (Air/drone strike)" in message and "Battles" in message
    assert "\n" not in message


@pytest.mark.parametrize(("bad", "message"), [
    ({"km": 0}, "--km"),
    ({"km": -3}, "--km"),
    ({"km": float("nan")}, "--km"),
    ({"km": float("inf")}, "--km"),
    ({"km": 30_000}, "--km"),
    ({"near": (95.0, 0.0)}, "--near"),
    ({"near": (0.0, 181.0)}, "--near"),
    ({"near": (float("nan"), 0.0)}, "--near"),
    ({"bbox": (30.0, 50.0, 40.0, 45.0)}, "--bbox"),
    ({"bbox": (30.0, 44.0, 200.0, 53.0)}, "--bbox"),
    ({"bbox": (1.0, 2.0, 3.0)}, "--bbox"),
    ({"text": "x" * (TEXT_LIMIT + 1)}, "the limit is"),
    ({"actor": "y" * 50_001}, "--actor"),
    ({"status": ("rumoured",)}, "unknown status"),
    ({"precision": 4}, "--precision"),
    ({"date_precision": "hour"}, "--date-precision"),
    ({"min_fatalities": -1}, "--min-fatalities"),
    ({"min_corroboration": 1.5}, "--min-corroboration"),
    ({"limit": 0}, "--limit"),
    ({"since": date(2024, 5, 1), "until": date(2024, 4, 1)}, "after --until"),
])
def test_bad_values_are_refused(bad: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError, match=message) as exc:
        Filters(**bad)
    assert "\n" not in str(exc.value)


def test_values_are_normalized() -> None:
    f = Filters(status=("Reported", "denied", "reported"), admin1="  Kharkiv Oblast ",
                text="  ", near=(50, 30), bbox=(170, -10, -170, 10))
    assert f.status == ("reported", "denied")
    assert f.admin1 == "Kharkiv Oblast" and f.text is None
    assert f.near == (50.0, 30.0)
    assert f.bbox == (170.0, -10.0, -170.0, 10.0)  # across the 180th meridian


@pytest.mark.parametrize(("parse", "value", "expected"), [
    (parse_near, "50.45,30.52", (50.45, 30.52)),
    (parse_near, "north", None),
    (parse_near, "91,0", None),
    (parse_near, "nan,0", None),
    (parse_km, "12.5", 12.5),
    (parse_km, "nan", None),
    (parse_km, "0", None),
    (parse_km, "ten", None),
    (parse_bbox, "22,44,40,53", (22.0, 44.0, 40.0, 53.0)),
    (parse_bbox, "22,44,40", None),
    (parse_bbox, "a,b,c,d", None),
])
def test_command_line_values(parse: Any, value: str, expected: Any) -> None:
    if expected is None:
        with pytest.raises(FilterError):
            parse(value)
    else:
        assert parse(value) == expected
