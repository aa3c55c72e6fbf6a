"""Local time at coordinates: EXIF times stay as they are, UTC timestamps move to the local zone."""

from __future__ import annotations

from datetime import UTC, datetime

from exposure_audit.geo.timezones import local_time, timezone_at


def test_zone_names() -> None:
    assert timezone_at(-27.47, 153.02) == "Australia/Brisbane"
    assert timezone_at(-33.87, 151.21) == "Australia/Sydney"
    assert timezone_at(51.5, -0.12) == "Europe/London"


def test_utc_to_local_with_and_without_daylight_saving() -> None:
    winter_utc = datetime(2024, 1, 15, 20, 0, tzinfo=UTC)
    assert local_time(-33.87, 151.21, winter_utc) == datetime(2024, 1, 16, 7, 0)  # AEDT +11
    assert local_time(-27.47, 153.02, winter_utc) == datetime(2024, 1, 16, 6, 0)  # Queensland +10, no DST


def test_naive_camera_time_is_already_local() -> None:
    taken = datetime(2024, 1, 15, 7, 45)
    assert local_time(-33.87, 151.21, taken) == taken
