from __future__ import annotations

import pytest

from spotrep.geo.build import City, country_point


def _town(lat: float, lon: float, population: int) -> City:
    return City(1, "T", "XX", "01", lat, lon, population, ())


@pytest.mark.parametrize(
    ("towns", "expected"),
    [
        # A compact country: the middle of its towns' box, not where most people live.
        ([_town(46.0, 14.0, 280_000), _town(46.5, 16.0, 100_000)], (46.25, 15.0)),
        # An island nation whose box reaches a far island: its biggest town, not open sea.
        ([_town(-20.2, 57.5, 150_000), _town(-10.4, 56.6, 300), _town(-19.7, 63.4, 40_000)],
         (-20.2, 57.5)),
    ],
)
def test_country_point(towns: list[City], expected: tuple[float, float]) -> None:
    assert country_point(towns) == pytest.approx(expected)
