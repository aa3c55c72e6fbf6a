"""What many geotags reveal together: places (clusters), a likely home, a likely workplace, routines.

The labels follow the OSNA method used by trackintel for geotagged posts: activity on weekdays between
02:00 and 08:00 local time is "rest" (home), between 08:00 and 19:00 "work", the rest of the week
"leisure", weighted lower. A place needs activity in its window on at least two different days
before it gets a label, the workplace must be another place than the home, and a place where the
person is mostly seen during work hours is never called home, so one geotag or one place alone
cannot be mislabelled.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from exposure_audit.geo.cluster import Cluster, clusters
from exposure_audit.geo.distance import haversine_m
from exposure_audit.runtime.pickling import pickled_by_slots

CLUSTER_RADIUS_M = 120.0  # DBSCAN eps: a building and its street
CLUSTER_MIN_POINTS = 3
NEAR_M = 150.0  # "within 150 m of <place>"
MIN_LABEL_POINTS = 3
MIN_LABEL_DAYS = 2
ROUTINE_MIN_POINTS = 5
ROUTINE_MIN_DAYS = 4
ROUTINE_WINDOW_MIN = 90
LEISURE_WEIGHT = 0.5


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class GeoObservation:
    """What a location correlator keeps of one geotagged item (small and picklable)."""

    lat: float
    lon: float
    local: datetime | None  # naive local wall-clock time at the coordinates
    platform: str
    precision: str
    origin: str
    identity: str
    archive: str
    member: str
    pointer: str


def window(local: datetime) -> str:
    """OSNA window of a local time: "rest", "work" or "leisure"."""
    weekday = local.weekday() < 5
    if weekday and 2 <= local.hour < 8:
        return "rest"
    if weekday and 8 <= local.hour < 19:
        return "work"
    return "leisure"


@dataclass(frozen=True, slots=True)
class PlaceActivity:
    """A place the geotags keep coming back to, and the geotags there."""

    cluster: Cluster
    observations: tuple[GeoObservation, ...]

    @property
    def lat(self) -> float:
        return self.cluster.lat

    @property
    def lon(self) -> float:
        return self.cluster.lon

    def count(self, name: str) -> int:
        return sum(1 for o in self.observations if o.local is not None and window(o.local) == name)

    def days(self, name: str) -> int:
        return len({o.local.date() for o in self.observations if o.local is not None and window(o.local) == name})

    @property
    def platforms(self) -> tuple[str, ...]:
        counts = Counter(o.platform for o in self.observations)
        return tuple(p for p, _ in counts.most_common())

    def qualifies(self, name: str) -> bool:
        return self.count(name) >= MIN_LABEL_POINTS and self.days(name) >= MIN_LABEL_DAYS


@dataclass(frozen=True, slots=True)
class Routine:
    """Weekday geotags at one place in the same time window."""

    place: PlaceActivity
    count: int  # geotags within NEAR_M of the place in the window on weekdays
    days: int
    start_minute: int  # window rounded out to half hours, minutes after midnight
    end_minute: int

    @property
    def period(self) -> str:
        hour = self.start_minute // 60
        return "mornings" if 4 <= hour < 12 else "afternoons" if hour < 17 else "evenings" if hour < 22 else "nights"

    def window_text(self) -> str:
        return f"between {_clock(self.start_minute)} and {_clock(self.end_minute)}"

    def clock_range(self) -> str:
        return f"{_clock(self.start_minute)}-{_clock(self.end_minute)}"


def _clock(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


@dataclass(frozen=True, slots=True)
class Patterns:
    """What the geotags reveal together: the places, the likely home and work, the routines."""

    places: tuple[PlaceActivity, ...]
    home: PlaceActivity | None
    work: PlaceActivity | None
    routines: tuple[Routine, ...]


def dedupe(observations: Sequence[GeoObservation]) -> list[GeoObservation]:
    """One observation per moment and spot: a post and its photo at the same minute count once."""
    seen: set[object] = set()
    unique = []
    for o in observations:
        local = o.local  # naive local time: its minute is its fields, without building a datetime
        key: object = (
            (round(o.lat, 3), round(o.lon, 3), local.year, local.month, local.day, local.hour, local.minute)
            if local is not None
            else o.identity
        )
        if key not in seen:
            seen.add(key)
            unique.append(o)
    return unique


def find_routine(place: PlaceActivity) -> Routine | None:
    """The busiest 90-minute weekday time-of-day window at a place, if it recurs on enough days."""
    timed = sorted(
        (
            (o.local.hour * 60 + o.local.minute, o)
            for o in place.observations
            if o.local is not None
            and o.local.weekday() < 5
            and haversine_m(o.lat, o.lon, place.lat, place.lon) <= NEAR_M
        ),
        key=lambda p: p[0],
    )
    best: tuple[int, int] | None = None
    left = 0
    for right in range(len(timed)):
        while timed[right][0] - timed[left][0] > ROUTINE_WINDOW_MIN:
            left += 1
        if best is None or right - left > best[1] - best[0]:
            best = (left, right)
    if best is None:
        return None
    members = [o for _, o in timed[best[0] : best[1] + 1]]
    days = len({o.local.date() for o in members if o.local is not None})
    if len(members) < ROUTINE_MIN_POINTS or days < ROUTINE_MIN_DAYS:
        return None
    start = math.floor(timed[best[0]][0] / 30) * 30
    end = max(start + 30, math.ceil((timed[best[1]][0] + 1) / 30) * 30)
    count = sum(1 for minute, _ in timed if start <= minute <= end)
    return Routine(place, count, days, start, end)


def analyse(observations: Sequence[GeoObservation]) -> Patterns:
    unique = dedupe(observations)
    found = clusters([(o.lat, o.lon) for o in unique], CLUSTER_RADIUS_M, CLUSTER_MIN_POINTS)
    places = tuple(PlaceActivity(c, tuple(unique[i] for i in c.members)) for c in found)
    homes = [p for p in places if p.qualifies("rest") and p.count("rest") >= p.count("work")]
    home = max(
        homes, key=lambda p: (p.count("rest") + LEISURE_WEIGHT * p.count("leisure"), len(p.observations)), default=None
    )
    works = [p for p in places if p is not home and p.qualifies("work") and p.count("work") > p.count("rest")]
    work = max(works, key=lambda p: (p.count("work"), len(p.observations)), default=None)
    routines = tuple(r for p in places if p is not home and p is not work if (r := find_routine(p)) is not None)
    return Patterns(places, home, work, routines)
