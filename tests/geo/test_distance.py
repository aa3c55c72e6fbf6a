"""Great-circle distance and centroid."""

from __future__ import annotations

import pytest

from exposure_audit.geo.distance import centroid, haversine_m, valid_coordinate


def test_known_distances() -> None:
    assert haversine_m(-33.8688, 151.2093, -37.8136, 144.9631) == pytest.approx(713_000, rel=0.01)
    assert haversine_m(0, 0, 0, 1) == pytest.approx(111_195, rel=0.001)
    assert haversine_m(10, 10, 10, 10) == 0


def test_centroid_across_the_antimeridian() -> None:
    lat, lon = centroid([(0.0, 179.9), (0.0, -179.9)])
    assert abs(lat) < 1e-9 and abs(abs(lon) - 180.0) < 1e-6


@pytest.mark.parametrize(
    ("lat", "lon", "ok"), [(0, 0, False), (0, 0.0001, True), (90, 180, True), (91, 0, False), (float("nan"), 1, False)]
)
def test_valid_coordinate(lat: float, lon: float, ok: bool) -> None:
    assert valid_coordinate(lat, lon) is ok
