"""Local time at a coordinate: the time zone from its polygon (timezonefinder, offline), then the
wall-clock time there. Camera EXIF times are already local wall time; platform timestamps are UTC."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:  # loaded on the first look-up: most runs never need a zone (camera times are local)
    from timezonefinder import TimezoneFinder


@lru_cache(maxsize=1)
def _finder() -> TimezoneFinder:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=True)


@lru_cache(maxsize=4096)
def timezone_at(lat: float, lon: float) -> str | None:
    """IANA zone name at the point ("Australia/Sydney"), or None at sea / when unknown."""
    try:
        return _finder().timezone_at(lng=lon, lat=lat)
    except ValueError:
        return None


def local_time(lat: float, lon: float, when: datetime) -> datetime | None:
    """The naive local wall-clock time of `when` at the point.

    A naive `when` is taken to be local already (EXIF camera time) and returned as it is; an aware
    one is converted to the zone of the point. None when the zone cannot be found (open sea).
    """
    if when.tzinfo is None:
        return when
    name = timezone_at(round(lat, 3), round(lon, 3))
    if name is None:
        return None
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return when.astimezone(zone).replace(tzinfo=None)
