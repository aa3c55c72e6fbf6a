"""A year of invented activity for a persona: when and where each post was made.

The pattern is what an attacker looks for: early weekday mornings at home, weekday mornings at the
same coffee stop on the way in, weekday working hours at the workplace, weekends elsewhere.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from exposure_audit.demo.personas import Persona, Spot

LOCAL = ZoneInfo("Australia/Sydney")


@dataclass(frozen=True, slots=True, kw_only=True)
class Moment:
    when: datetime  # aware, local time
    spot: Spot | None  # where the photo was taken (None: no location)
    jitter: tuple[float, float]  # metres east, north of the spot: phones are never exact
    about_work: bool


def _weekdays(start: date, count: int, rng: random.Random) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        day += timedelta(days=rng.randint(1, 4))
        if day.weekday() < 5:
            days.append(day)
    return days


def _at(day: date, earliest: time, latest: time, rng: random.Random) -> datetime:
    span = (latest.hour * 60 + latest.minute) - (earliest.hour * 60 + earliest.minute)
    minute = earliest.hour * 60 + earliest.minute + rng.randint(0, max(0, span))
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=LOCAL)


def _jitter(rng: random.Random, metres: float) -> tuple[float, float]:
    return (rng.uniform(-metres, metres), rng.uniform(-metres, metres))


def timeline(persona: Persona, seed: int = 7) -> list[Moment]:
    """Moments for the persona's posts, oldest first. Deterministic for a given seed."""
    rng = random.Random(f"{persona.key}:{seed}")
    start = date(2025, 2, 3)
    moments: list[Moment] = []
    located = persona.geotag_habit
    for day in _weekdays(start, 16, rng):
        moments.append(
            Moment(
                when=_at(day, time(5, 40), time(6, 50), rng),
                spot=persona.home if located else None,
                jitter=_jitter(rng, 25),
                about_work=False,
            )
        )
    for day in _weekdays(start + timedelta(days=2), 13, rng):
        moments.append(
            Moment(
                when=_at(day, time(7, 5), time(8, 25), rng),
                spot=persona.cafe if located else None,
                jitter=_jitter(rng, 20),
                about_work=False,
            )
        )
    for day in _weekdays(start + timedelta(days=5), 12, rng):
        moments.append(
            Moment(
                when=_at(day, time(10, 0), time(15, 30), rng),
                spot=persona.work if located else None,
                jitter=_jitter(rng, 60),
                about_work=True,
            )
        )
    for week in range(10):
        saturday = start + timedelta(days=5 + 7 * week * 3)
        while saturday.weekday() != 5:
            saturday += timedelta(days=1)
        moments.append(
            Moment(when=_at(saturday, time(9, 0), time(17, 0), rng), spot=None, jitter=(0.0, 0.0), about_work=False)
        )
    return sorted(moments, key=lambda m: m.when)


def offset(spot: Spot, jitter: tuple[float, float]) -> tuple[float, float]:
    """The spot moved by (east, north) metres, rounded to the 6 decimals phones write."""
    import math

    east, north = jitter
    lat = spot.lat + north / 111_320.0
    lon = spot.lon + east / (111_320.0 * math.cos(math.radians(spot.lat)))
    return round(lat, 6), round(lon, 6)
