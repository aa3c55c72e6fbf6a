"""Town and suburb names for the map: the populated places of the GeoNames table (`geo.places`) that lie
around a person's places, so the map says "between Gwynneville and Fairy Meadow" rather than showing
circles on an empty background. Only populated places (1,000 people or more) are in the table: never
a street, never a building.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from exposure_audit.geo.distance import haversine_m

SEARCH_M = 8_000.0  # how far around the places' extent towns are looked up
NEAREST_REACH_M = 6_000.0  # a place's nearest town farther than this does not widen the map


@dataclass(frozen=True, slots=True, kw_only=True)
class Town:
    name: str
    lat: float
    lon: float
    population: float


def towns_around(spots: Sequence[tuple[float, float]]) -> list[Town]:
    """The populated places within SEARCH_M of the box around `spots` (lat, lon), biggest first; none
    when the place data is not installed or damaged (the map is drawn without names then)."""
    if not spots:
        return []
    from exposure_audit.geo.places import place_index

    try:
        index = place_index()
    except (RuntimeError, OSError, ValueError, KeyError):
        return []
    lats, lons = [s[0] for s in spots], [s[1] for s in spots]
    dlat = SEARCH_M / 111_320.0
    dlon = dlat / max(0.05, math.cos(math.radians((min(lats) + max(lats)) / 2)))
    found = index.within(
        max(-90.0, min(lats) - dlat),
        min(90.0, max(lats) + dlat),
        max(-180.0, min(lons) - dlon),
        min(180.0, max(lons) + dlon),
    )
    towns = [
        Town(
            name=index.name(i), lat=float(index.lat[i]), lon=float(index.lon[i]), population=float(index.population[i])
        )
        for i in found
    ]
    return sorted(towns, key=lambda t: (-t.population, t.name))


def nearest(towns: Sequence[Town], lat: float, lon: float, reach_m: float = math.inf) -> Town | None:
    best = min(towns, key=lambda t: haversine_m(lat, lon, t.lat, t.lon), default=None)
    if best is None or haversine_m(lat, lon, best.lat, best.lon) > reach_m:
        return None
    return best
