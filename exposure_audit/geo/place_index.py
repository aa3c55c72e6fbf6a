"""The nearest-place search over the place table (`geo.place_table`), with the time-zone and city rules
described in `geo.places`."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from exposure_audit.geo.distance import EARTH_RADIUS_M
from exposure_audit.geo.place_table import CELL_DEG, COLS, ROWS, PlaceTable
from exposure_audit.geo.places import CANDIDATES, CITY_REACH_M, Place
from exposure_audit.geo.timezones import timezone_at

# Candidates whose proxy is this close to the last of the nearest few are measured too (see
# `_Near.nearest_many`): a thousand times what rounding can move the proxy or the haversine term.
PROXY_MARGIN = 1e-12


@dataclass(frozen=True, slots=True)
class _Near:
    """Places around one grid cell with what every distance to them needs (radians, cosine, position on
    the unit sphere), computed once per cell: the photos of a download cluster in a few cells, so most
    searches reuse one."""

    indices: np.ndarray
    lat_rad: np.ndarray
    cos_lat: np.ndarray
    lon_rad: np.ndarray
    unit: np.ndarray  # 3 x n: each place as a point on the unit sphere
    codes: np.ndarray  # country code index of each
    population: np.ndarray

    @staticmethod
    def of(index: PlaceIndex, indices: np.ndarray) -> _Near:
        lat_rad = np.radians(index.lat[indices])
        lon_rad = np.radians(index.lon[indices])
        cos_lat = np.cos(lat_rad)
        return _Near(
            indices,
            lat_rad,
            cos_lat,
            lon_rad,
            _on_unit_sphere(lat_rad, cos_lat, lon_rad, axis=0),
            index.code_indices[indices],
            index.population[indices],
        )

    def distances_many(self, lats: Sequence[float], lons: Sequence[float]) -> np.ndarray:
        """`haversine_many` from each point to every one of these places, one row per point: the same
        operations on the same numbers (each point's radians and cosine from `math`), as one array
        operation each."""
        p1, cos_p1, lmb = _point_terms(lats, lons)
        return self._haversine(p1[:, np.newaxis], cos_p1[:, np.newaxis], lmb[:, np.newaxis], slice(None))

    def nearest_many(self, lats: Sequence[float], lons: Sequence[float]) -> tuple[list[list[float]], list[list[int]]]:
        """The `CANDIDATES` nearest of these places to each point, nearest first: their distances and
        place indices, one list per point. Of places equally far, the one listed first in the cell.

        The haversine, four sines and an arcsine per place, is worked out only for the few that can be
        among the nearest. They are found by a proxy that orders places exactly as the distance does:
        the dot product of unit vectors, which is 1 - 2a for the haversine term a (three products per
        place). Every place whose proxy is within `PROXY_MARGIN` of the last of the nearest few is
        measured, so rounding of the proxy can never leave out a place the distance would keep; the
        distances are the haversine's, to the bit."""
        p1, cos_p1, lmb = _point_terms(lats, lons)
        rows = len(p1)
        size = len(self.indices)
        wanted = min(size, CANDIDATES)
        if size > CANDIDATES:
            points = _on_unit_sphere(p1, cos_p1, lmb, axis=1)
            closeness = points @ self.unit
            last = np.partition(closeness, size - CANDIDATES, axis=1)[:, size - CANDIDATES]
            row_of, col_of = np.nonzero(closeness >= (last - PROXY_MARGIN)[:, np.newaxis])
        else:
            row_of, col_of = np.divmod(np.arange(rows * size), size)
        if len(row_of) == rows * wanted:  # the usual case: no place ties with the last one kept
            cols = col_of.reshape(rows, wanted)
            measured = self._haversine(p1[:, np.newaxis], cos_p1[:, np.newaxis], lmb[:, np.newaxis], cols)
            order = np.argsort(measured, axis=1, kind="stable")  # stable: equally far, first listed
            top_distances: list[list[float]] = np.take_along_axis(measured, order, axis=1).tolist()
            top_places: list[list[int]] = self.indices[np.take_along_axis(cols, order, axis=1)].tolist()
            return top_distances, top_places
        measured = self._haversine(p1[row_of], cos_p1[row_of], lmb[row_of], col_of)
        order = np.lexsort((col_of, measured, row_of))  # by point, then distance, then place listed first
        distances, places = measured[order].tolist(), self.indices[col_of[order]].tolist()
        bounds = np.searchsorted(row_of[order], np.arange(rows + 1)).tolist()
        spans = [(start, min(start + CANDIDATES, end)) for start, end in pairwise(bounds)]
        return [distances[a:b] for a, b in spans], [places[a:b] for a, b in spans]

    def _haversine(self, p1: np.ndarray, cos_p1: np.ndarray, lmb: np.ndarray, cols: np.ndarray | slice) -> np.ndarray:
        """`haversine_many`'s operations in its order (so the same bits), from points to the places at
        `cols`, broadcast; after the two subtractions, every step is written into their arrays, not
        into a new one (a dozen arrays allocated per cell cost more than the arithmetic)."""
        a: np.ndarray = np.subtract(self.lat_rad[cols], p1)  # dphi
        np.divide(a, 2, out=a)
        np.sin(a, out=a)
        np.square(a, out=a)
        b: np.ndarray = np.subtract(self.lon_rad[cols], lmb)  # dlmb
        np.divide(b, 2, out=b)
        np.sin(b, out=b)
        np.square(b, out=b)
        np.multiply(cos_p1 * self.cos_lat[cols], b, out=b)
        np.add(a, b, out=a)
        np.minimum(1.0, a, out=a)
        np.sqrt(a, out=a)
        np.arcsin(a, out=a)
        np.multiply(2 * EARTH_RADIUS_M, a, out=a)
        return a


def _on_unit_sphere(lat_rad: np.ndarray, cos_lat: np.ndarray, lon_rad: np.ndarray, axis: int) -> np.ndarray:
    """Points as unit vectors (x, y, z), stacked along `axis`: the places of a cell (one column each)
    and the photos' points (one row each) are made alike, so their dot product is the proxy."""
    return np.stack([cos_lat * np.cos(lon_rad), cos_lat * np.sin(lon_rad), np.sin(lat_rad)], axis=axis)


def _point_terms(lats: Sequence[float], lons: Sequence[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each point's latitude in radians, its cosine and its longitude in radians, from `math` as
    `haversine_many` has them."""
    return (
        np.array([math.radians(v) for v in lats]),
        np.array([math.cos(math.radians(v)) for v in lats]),
        np.array([math.radians(v) for v in lons]),
    )


MEMO_POINTS = 65_536  # answers kept per exact point (bursts and re-uploads repeat positions)


class PlaceIndex:
    """All places in memory as parallel arrays plus a grid of cell -> place indices."""

    def __init__(self, table: PlaceTable, countries: dict[str, str], zone_countries: dict[str, frozenset[str]]) -> None:
        self.lat = table.lat
        self.lon = table.lon
        self.population = table.population
        self.strings = table.strings  # one copy of each repeated region, district and country code
        self._names, self._name_at = table.names, table.name_at
        self._district, self._region = table.district, table.region
        self.code_indices = table.code
        # Compared often (equal codes have equal indices); a view gives Python ints as fast as a list,
        # and costs nothing to make, where a list of 155,000 took milliseconds of every start-up.
        self._code = np.ascontiguousarray(table.code, dtype=np.int32).data
        self.countries = countries
        self.zone_countries = zone_countries
        self._order, self._first = table.grid.lookup()
        self._city_order, self._city_first = table.city_grid.lookup()
        self._all_names: list[str] | None = None
        self._near: dict[tuple[int, int], _Near | None] = {}  # cell -> nearest-place candidates
        self._city_near: dict[tuple[int, int], _Near | None] = {}  # cell -> big places within reach
        self._answers: dict[tuple[float, float], Place | None] = {}
        self._fields: dict[tuple[int, int], dict[str, Any]] = {}  # (place, its city) -> `_place_fields`

    def names(self) -> list[str]:
        """Every place's name, in index order; decoded once, on first use (only town search needs all)."""
        if self._all_names is None:
            self._all_names = [self.name(i) for i in range(len(self))]
        return self._all_names

    def name(self, index: int) -> str:
        return self._names[int(self._name_at[index]) : int(self._name_at[index + 1])].decode("utf-8")

    def code(self, index: int) -> str:
        return self.strings[self._code[index]]

    def region(self, index: int) -> str:
        return self.strings[int(self._region[index])]

    def _members(self, row: int, col: int, city: bool = False) -> np.ndarray | None:
        if not 0 <= row < ROWS:
            return None
        first, order = (self._city_first, self._city_order) if city else (self._first, self._order)
        key = row * COLS + col
        start, end = first[key], first[key + 1]
        return order[start:end] if end > start else None

    def _city_near_cell(self, lat: float, lon: float) -> _Near | None:
        cell = _cell(lat, lon)
        if cell not in self._city_near:
            row, col = cell
            near = [
                hit
                for r in (row - 1, row, row + 1)
                for c in (col - 1, col, col + 1)
                if (hit := self._members(r, c % COLS, city=True)) is not None
            ]
            self._city_near[cell] = _Near.of(self, np.concatenate(near)) if near else None
        return self._city_near[cell]

    def _own_score(self, index: int, distance: float) -> float:
        """The nearest place's own score in the gravity rule: population over squared distance."""
        return float(self.population[index] / max(distance, 1000.0) ** 2)

    def _cities(
        self, chosen: list[int], distance: list[float], around: _Near | None, distances: np.ndarray | None
    ) -> list[int]:
        """The place whose urban area each point is in, for the rows of one cell at once: by population
        over squared distance (a gravity rule), among the nearest place itself and the big places
        within reach (`around`, at `distances`, one row a point). Same country only: a city across a
        border does not name this side."""
        cities = list(chosen)  # the nearest place itself, unless a big place outscores it
        if around is None or distances is None:
            return cities
        codes = self.code_indices[np.array(chosen, dtype=np.int64)]
        eligible = (distances <= CITY_REACH_M) & (around.codes[np.newaxis, :] == codes[:, np.newaxis])
        scores = around.population[np.newaxis, :] / np.maximum(distances, 1000.0) ** 2
        # The first of equal scores among the eligible ones, as the single search's argmax keeps it.
        tops = np.argmax(np.where(eligible, scores, -np.inf), axis=1).tolist()
        any_eligible = eligible.any(axis=1).tolist()
        for row, index in enumerate(chosen):
            if not any_eligible[row]:
                continue
            top = tops[row]
            if scores[row, top] > self._own_score(index, distance[row]):
                cities[row] = int(around.indices[top])
        return cities

    def __len__(self) -> int:
        return len(self.lat)

    def within(self, south: float, north: float, west: float, east: float) -> list[int]:
        """Indices of the places inside a latitude/longitude box (not across the antimeridian: a map of
        one person's places spans a few kilometres)."""
        (row0, col0), (row1, col1) = _cell(south, west), _cell(north, east)
        found = [
            hit
            for r in range(row0, row1 + 1)
            for c in range(col0, col1 + 1)
            if (hit := self._members(r, c % COLS)) is not None
        ]
        if not found:
            return []
        indices = np.concatenate(found)
        inside = (
            (self.lat[indices] >= south)
            & (self.lat[indices] <= north)
            & (self.lon[indices] >= west)
            & (self.lon[indices] <= east)
        )
        result: list[int] = indices[inside].tolist()
        return result

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
                    hit = self._members(r, int(c % cols_per_ring))
                    if hit is not None:
                        found.append(hit)
                        total += len(hit)
            if extra_ring:
                break
            if total >= CANDIDATES:
                extra_ring = True  # one more ring: a nearer place may sit just across a cell edge
        return np.concatenate(found) if found else np.array([], dtype=np.int64)

    def nearest(self, lat: float, lon: float) -> Place | None:
        key = (lat, lon)
        if key not in self._answers:
            if len(self._answers) >= MEMO_POINTS:
                self._answers.clear()
            self._answers[key] = self._nearest(lat, lon)
        return self._answers[key]

    def _near_cell(self, lat: float, lon: float) -> _Near | None:
        cell = _cell(lat, lon)
        if cell not in self._near:
            indices = self._candidates(lat, lon)  # depends on the cell only
            self._near[cell] = _Near.of(self, indices) if len(indices) else None
        return self._near[cell]

    def name_many(self, points: Iterable[tuple[float, float]]) -> None:
        """Work out the nearest place of many points at once, for `nearest` to give: the points in one
        grid cell share every distance computation as one array operation, which costs far less than
        one per point. Each answer is the one `nearest` works out alone (the same operations on the
        same numbers; a test compares them)."""
        by_cell: dict[tuple[int, int], dict[tuple[float, float], None]] = {}
        for point in points:
            if point not in self._answers:
                by_cell.setdefault(_cell(*point), {})[point] = None
        for group in by_cell.values():
            todo = list(group)
            if len(self._answers) + len(todo) > MEMO_POINTS:
                self._answers.clear()
            near = self._near_cell(*todo[0])
            if near is None:
                self._answers.update(dict.fromkeys(todo))
                continue
            lats, lons = [p[0] for p in todo], [p[1] for p in todo]
            around = self._city_near_cell(*todo[0])
            top_distances, top_places = near.nearest_many(lats, lons)
            picks = [
                self._pick(lat, lon, d, i) for (lat, lon), d, i in zip(todo, top_distances, top_places, strict=True)
            ]
            chosen = [i[k] for i, k in zip(top_places, picks, strict=True)]
            distance = [d[k] for d, k in zip(top_distances, picks, strict=True)]
            city_distances = around.distances_many(lats, lons) if around is not None else None
            cities = self._cities(chosen, distance, around, city_distances)
            for point, index, d, city in zip(todo, chosen, distance, cities, strict=True):
                self._answers[point] = self._place(index, d, city)

    def _nearest(self, lat: float, lon: float) -> Place | None:
        near = self._near_cell(lat, lon)
        if near is None:
            return None
        around = self._city_near_cell(lat, lon)
        city_distances = around.distances_many([lat], [lon]) if around is not None else None
        (top_distances,), (top_places,) = near.nearest_many([lat], [lon])
        k = self._pick(lat, lon, top_distances, top_places)
        index, distance = top_places[k], top_distances[k]
        return self._place(index, distance, self._cities([index], [distance], around, city_distances)[0])

    def _pick(self, lat: float, lon: float, distances: list[float], places: list[int]) -> int:
        """Which of the candidates (nearest first, at `distances`) names the point: the nearest, unless
        the point's time zone puts it in another country than that place and a candidate within reach
        lies in one of the zone's countries."""
        limit = distances[0] * 3 + 5000.0
        first_code = self._code[places[0]]
        # The time zone (a polygon search) can only change the answer when a candidate within reach
        # lies in another country; otherwise the nearest place stands whatever the zone says.
        rivals = False
        for d, place in zip(distances[1:], places[1:], strict=True):
            if d > limit:
                break
            if self._code[place] != first_code:
                rivals = True
                break
        allowed = self.zone_countries.get(timezone_at(lat, lon) or "", frozenset()) if rivals else frozenset()
        if allowed and self.code(places[0]) not in allowed:
            for k in range(1, len(places)):
                if distances[k] > limit:
                    break
                if self.code(places[k]) in allowed:
                    return k
        return 0

    def _place(self, index: int, distance: float, city: int) -> Place:
        fields = self._fields.get((index, city))
        if fields is None:
            if len(self._fields) >= MEMO_POINTS:  # bounded like the answers
                self._fields.clear()
            fields = self._fields[(index, city)] = self._place_fields(index, city)
        return Place(**fields, distance_m=distance)

    def _place_fields(self, index: int, city: int) -> dict[str, Any]:
        """Everything of a place but the distance: the same for every photo named after it (decoded
        once, not per photo)."""
        district, name = self.strings[int(self._district[index])], self.name(index)
        code = self.code(index)
        return {
            "name": name,
            "district": "" if district == name else district,
            "city": self.name(city) if city != index else (district or name),
            "region": self.region(index),
            "country": self.countries.get(code, code),
            "country_code": code,
            "lat": float(self.lat[index]),
            "lon": float(self.lon[index]),
        }


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor((lat + 90) / CELL_DEG), math.floor((lon + 180) / CELL_DEG) % COLS


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat), np.radians(lats)
    dphi = p2 - p1
    dlmb = np.radians(lons) - math.radians(lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    result: np.ndarray = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    return result
