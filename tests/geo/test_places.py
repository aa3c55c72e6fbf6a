"""Offline place names: accuracy floor on the truth table, borders, sea, never a street address."""

from __future__ import annotations

from pathlib import Path

import pytest

from exposure_audit.geo.places import format_distance, reverse_geocode
from exposure_audit.geo.truth import score

TRUTH = Path(__file__).resolve().parents[2] / "fixtures" / "location" / "geocode_truth.csv"


def test_city_level_accuracy_floor_on_the_truth_table() -> None:
    result = score(TRUTH)
    assert result.total >= 200
    assert result.city_accuracy >= 0.93, result.misses
    assert result.country_accuracy >= 0.99


@pytest.mark.parametrize(
    ("lat", "lon", "country"),
    [
        (42.3050, -83.0200, "CA"),  # Windsor, just across the river from Detroit
        (42.3350, -83.0500, "US"),  # Detroit
        (31.7400, -106.4700, "MX"),  # Ciudad Juárez, south of the Rio Grande
        (47.5560, 7.5900, "CH"),  # Basel
        (48.5720, 7.8200, "DE"),  # Kehl, east of the Rhine
        (1.4600, 103.7600, "MY"),  # Johor Bahru across the strait from Singapore
    ],
)
def test_border_towns_land_in_the_right_country(lat: float, lon: float, country: str) -> None:
    place = reverse_geocode(lat, lon)
    assert place is not None and place.country_code == country


def test_suburb_names_its_city_and_distance() -> None:
    place = reverse_geocode(-34.41852, 150.87914)
    assert place is not None
    assert place.city == "Wollongong" and place.region == "New South Wales" and place.country == "Australia"
    assert 0 < place.distance_m < 3000
    assert place.describe().endswith("(Wollongong), New South Wales, Australia")


def test_no_location_and_invalid() -> None:
    assert reverse_geocode(0.0, 0.0) is None
    assert reverse_geocode(95.0, 10.0) is None
    far = reverse_geocode(-40.0, -140.0)  # open Pacific: still the nearest place, with a large distance
    assert far is not None and far.distance_m > 500_000


@pytest.mark.parametrize(
    ("metres", "text"), [(0, "0 m"), (44, "40 m"), (999, "1000 m"), (1000, "1.0 km"), (12_345, "12.3 km")]
)
def test_format_distance(metres: float, text: str) -> None:
    assert format_distance(metres) == text
