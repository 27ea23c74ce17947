"""Query filters shared by ``Store.events`` and ``Store.incidents`` (and their commands)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pycountry


@dataclass(frozen=True, slots=True)
class Filters:
    """Every filter is optional; dates match records whose date range overlaps the range."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    code: str | None = None
    near: tuple[float, float] | None = None
    km: float = 50.0
    text: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.km <= 0:
            raise ValueError(f"--km must be positive, got {self.km}")
        if self.near is not None:
            lat, lon = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"--near {lat},{lon} is not a latitude,longitude")


def country_alpha2(value: str) -> str:
    """ISO alpha-2 for an alpha-2, alpha-3 or country name (the store keeps alpha-2)."""
    raw = value.strip()
    found = pycountry.countries.get(alpha_2=raw.upper()) if len(raw) == 2 else None
    found = found or (pycountry.countries.get(alpha_3=raw.upper()) if len(raw) == 3 else None)
    if found is None:
        try:
            found = pycountry.countries.lookup(raw)
        except LookupError:
            raise ValueError(f"unknown country {value!r} (use a name or ISO code)") from None
    return str(found.alpha_2)


def parse_near(value: str) -> tuple[float, float]:
    """``LAT,LON`` as two floats."""
    lat, sep, lon = value.partition(",")
    try:
        if not sep:
            raise ValueError
        return float(lat), float(lon)
    except ValueError:
        raise ValueError(f"--near wants LAT,LON (e.g. 50.45,30.52), got {value!r}") from None


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A lat/lon box that contains the circle, for an indexable first cut in SQL."""
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lon - min(dlon, 180.0), lon + min(dlon, 180.0)
