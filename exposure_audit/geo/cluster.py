"""Density clustering of geotags (DBSCAN on great-circle distance), accelerated by a grid.

DBSCAN is what trackintel uses to turn staypoints into locations: a point with at least
`min_samples` points (itself included) within `eps_m` is a core point; clusters are the core
points reachable from each other plus the border points within `eps_m` of them; the rest is noise.
scikit-learn's implementation would add ~40 MB of installed libraries for a few dozen lines of
use; this one buckets points into cells `eps_m` wide, so each neighbour query measures only the
points of 3x3 cells (vectorised with numpy), and every point is queued at most once: thousands of
photos taken at home cluster in well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from exposure_audit.geo.distance import EARTH_RADIUS_M, centroid, haversine_m

NOISE = -1
EXACT_LIMIT = 1500  # above this many points, nearby points are merged first (see `dbscan`)


@dataclass(frozen=True, slots=True)
class Cluster:
    label: int
    members: tuple[int, ...]  # indices into the input points
    lat: float  # centroid
    lon: float
    radius_m: float  # largest distance of a member from the centroid


class _Grid:
    """Points bucketed into cells `eps_m` tall and wide; a neighbour query looks at 3x3 cells with numpy."""

    def __init__(self, points: Sequence[tuple[float, float]], eps_m: float) -> None:
        self.eps_m = eps_m
        self.lat = np.array([p[0] for p in points], dtype=np.float64)
        self.lon = np.array([p[1] for p in points], dtype=np.float64)
        # One lon step for the whole set (taken at the highest |lat|), so neighbouring cells line up.
        top = float(np.abs(self.lat).max()) if len(points) else 0.0
        self.lat_step = math.degrees(eps_m / EARTH_RADIUS_M)
        self.lon_step = self.lat_step / max(0.01, math.cos(math.radians(min(89.0, top))))
        rows = np.floor(self.lat / self.lat_step).astype(np.int64)
        cols = np.floor(self.lon / self.lon_step).astype(np.int64)
        # The cells by sorting, not by a loop over the points: each cell's points in input order (the
        # sort is stable), as slices of one array. A point knows its cell by number.
        order = np.lexsort((cols, rows))
        rows, cols = rows[order], cols[order]
        change = np.flatnonzero((rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])) + 1
        starts = np.concatenate(([0], change)).astype(np.int64)
        ends = np.concatenate((change, [len(order)])).astype(np.int64)
        self._keys = list(zip(rows[starts].tolist(), cols[starts].tolist(), strict=True))
        self.cells = {key: order[s:e] for key, s, e in zip(self._keys, starts.tolist(), ends.tolist(), strict=True)}
        cell_of = np.empty(len(order), dtype=np.int64)
        cell_of[order] = np.repeat(np.arange(len(starts), dtype=np.int64), ends - starts)
        self._cell_of: list[int] = cell_of.tolist()
        self._around: dict[int, np.ndarray] = {}
        self._weight: dict[int, int] = {}

    def _block(self, cell: int) -> np.ndarray:
        """Indices of the points in the 3x3 cells around a cell (cached: dense cells are queried often)."""
        found = self._around.get(cell)
        if found is None:
            row, col = self._keys[cell]
            parts = [
                self.cells[k]
                for r in (row - 1, row, row + 1)
                for c in (col - 1, col, col + 1)
                if (k := (r, c)) in self.cells
            ]
            found = np.concatenate(parts)
            self._around[cell] = found
        return found

    def block_weight(self, index: int, weights: np.ndarray) -> int:
        """The weight of every point in the 3x3 cells around a point's cell: at least its neighbours'."""
        cell = self._cell_of[index]
        total = self._weight.get(cell)
        if total is None:
            total = self._weight[cell] = int(weights[self._block(cell)].sum())
        return total

    def neighbours(self, index: int) -> np.ndarray:
        candidates = self._block(self._cell_of[index])
        p1 = math.radians(float(self.lat[index]))
        p2 = np.radians(self.lat[candidates])
        dlmb = np.radians(self.lon[candidates] - self.lon[index])
        a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
        distance = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, a)))
        result: np.ndarray = candidates[distance <= self.eps_m]
        return result


def _weighted_dbscan(
    points: Sequence[tuple[float, float]], weights: np.ndarray, eps_m: float, min_samples: int
) -> np.ndarray:
    """DBSCAN where a point stands for `weight` points at the same spot (core: neighbour weight sum)."""
    labels = np.full(len(points), NOISE, dtype=np.int64)
    visited = np.zeros(len(points), dtype=bool)
    grid = _Grid(points, eps_m)
    next_label = 0
    for start in range(len(points)):
        if visited[start]:
            continue
        visited[start] = True
        # A point whose surrounding cells hold too little weight cannot be a core point, whatever the
        # distances: scattered photos are settled without measuring any (the labels are the same).
        if grid.block_weight(start, weights) < min_samples:
            continue
        seeds = grid.neighbours(start)
        if weights[seeds].sum() < min_samples:
            continue  # noise for now; may become a border point of a later cluster
        labels[start] = next_label
        fresh = seeds[labels[seeds] == NOISE]
        labels[fresh] = next_label  # labelled when queued, so each point is queued once
        queue = fresh.tolist()
        while queue:
            current = queue.pop()
            if visited[current]:
                continue  # a point seen earlier as noise: a border point, not expanded
            visited[current] = True
            if grid.block_weight(current, weights) < min_samples:
                continue  # a border point: it cannot be core, so it is not expanded
            around = grid.neighbours(current)
            if weights[around].sum() >= min_samples:
                fresh = around[labels[around] == NOISE]
                labels[fresh] = next_label
                queue.extend(fresh.tolist())
        next_label += 1
    return labels


def snap(
    points: Sequence[tuple[float, float]], step_m: float
) -> tuple[list[tuple[float, float]], np.ndarray, np.ndarray]:
    """Points merged per square of `step_m`: (mean position per square, count per square, square of each point)."""
    lat = np.array([p[0] for p in points], dtype=np.float64)
    lon = np.array([p[1] for p in points], dtype=np.float64)
    lat_step = math.degrees(step_m / EARTH_RADIUS_M)
    lon_step = lat_step / max(0.01, math.cos(math.radians(min(89.0, float(np.abs(lat).max())))))
    keys = np.floor(lat / lat_step).astype(np.int64) * 10_000_000 + np.floor(lon / lon_step).astype(np.int64)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    mean_lat = np.bincount(inverse, lat) / counts
    mean_lon = np.bincount(inverse, lon) / counts
    return list(zip(mean_lat.tolist(), mean_lon.tolist(), strict=True)), counts, inverse


def dbscan(points: Sequence[tuple[float, float]], eps_m: float = 120.0, min_samples: int = 3) -> list[int]:
    """A cluster label per point (0, 1, ...) or NOISE.

    Up to EXACT_LIMIT points the result is exact DBSCAN. Beyond it, points are first merged into
    squares of eps/20 (6 m for 120 m), so thousands of photos taken at home cost what a few dozen
    do; a distance is then off by at most eps/14, which moves no real place across the 120 m line.
    """
    if not points:
        return []
    if len(points) <= EXACT_LIMIT:
        result: list[int] = _weighted_dbscan(points, np.ones(len(points), dtype=np.int64), eps_m, min_samples).tolist()
        return result
    squares, counts, inverse = snap(points, eps_m / 20)
    labels = _weighted_dbscan(squares, counts, eps_m, min_samples)
    merged: list[int] = labels[inverse].tolist()
    return merged


def clusters(points: Sequence[tuple[float, float]], eps_m: float = 120.0, min_samples: int = 3) -> list[Cluster]:
    """Clusters with centroids and radii, largest first (ties: first seen first)."""
    labels = dbscan(points, eps_m, min_samples)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        if label != NOISE:
            groups.setdefault(label, []).append(index)
    result = []
    for label, members in groups.items():
        lat, lon = centroid([points[i] for i in members])
        radius = max(haversine_m(lat, lon, *points[i]) for i in members)
        result.append(Cluster(label, tuple(members), lat, lon, radius))
    result.sort(key=lambda c: (-len(c.members), c.label))
    return result
