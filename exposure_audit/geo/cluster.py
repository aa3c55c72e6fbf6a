"""Density clustering of geotags (DBSCAN on great-circle distance), accelerated by a grid.

DBSCAN is what trackintel uses to turn staypoints into locations: a point with at least
`min_samples` points (itself included) within `eps_m` is a core point; clusters are the core
points reachable from each other plus the border points within `eps_m` of them; the rest is noise.
scikit-learn's implementation would add ~40 MB of installed libraries for a few dozen lines of
use; this one buckets points into cells `eps_m` wide, so a point's neighbours are looked for only
in the 3x3 cells around it. Every such pair is measured in one pass of array operations, and the
clusters are then grown over plain lists; only a set so dense that this would compare more than a
million pairs asks for each point's neighbours on its own. Every point is queued at most once:
ten thousand photos spread over a city cluster in about 0.05 s.
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
    """Points found close together: which ones, their centre and their radius."""

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
        self._order, self._starts, self._sizes = order, starts, ends - starts
        self._cell_rows, self._cell_cols = rows[starts], cols[starts]
        self._keys = list(zip(self._cell_rows.tolist(), self._cell_cols.tolist(), strict=True))
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

    def _cell_pairs(self, weights: np.ndarray, min_samples: int) -> tuple[np.ndarray, np.ndarray]:
        """(cell, a cell of its 3x3 block) for every cell whose block weighs at least `min_samples`."""
        cells = len(self._starts)
        # A code per cell that orders as (row, col) does, so a neighbouring cell is found by a search.
        rows = self._cell_rows - self._cell_rows.min() + 1
        cols = self._cell_cols - self._cell_cols.min() + 1
        width = int(cols.max()) + 2
        code = rows * width + cols
        firsts, seconds = [], []
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                target = code + (dr * width + dc)
                at = np.minimum(np.searchsorted(code, target), cells - 1)
                found = code[at] == target
                firsts.append(np.flatnonzero(found))
                seconds.append(at[found])
        first, second = np.concatenate(firsts), np.concatenate(seconds)
        cell_weight = np.add.reduceat(weights[self._order], self._starts)
        heavy = np.bincount(first, weights=cell_weight[second], minlength=cells) >= min_samples
        keep = heavy[first]
        return first[keep], second[keep]

    def all_neighbours(self, weights: np.ndarray, min_samples: int) -> tuple[list[bool], list[list[int]]] | None:
        """Every point's core flag and, for a core point, its neighbours, measured in a few array
        operations instead of one query per point; None when that would compare more than
        BATCH_LIMIT pairs (a dense set: then each point is queried on its own, which keeps memory flat).

        The distances are those `neighbours` measures, operation for operation (the querying point's
        cosine by `math.cos`, as there), so the neighbour sets and the labels are the same."""
        first, second = self._cell_pairs(weights, min_samples)
        counts = self._sizes[first] * self._sizes[second]
        total = int(counts.sum())
        if total > BATCH_LIMIT:
            return None
        pair = np.repeat(np.arange(len(first)), counts)
        step = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        across = self._sizes[second][pair]
        query = self._order[self._starts[first][pair] + step // across]
        other = self._order[self._starts[second][pair] + step % across]
        lat_rad = np.radians(self.lat)
        cosine = np.array([math.cos(v) for v in lat_rad.tolist()], dtype=np.float64)
        p1, p2 = lat_rad[query], lat_rad[other]
        dlmb = np.radians(self.lon[other] - self.lon[query])
        a = np.sin((p2 - p1) / 2) ** 2 + cosine[query] * np.cos(p2) * np.sin(dlmb / 2) ** 2
        near = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= self.eps_m
        query, other = query[near], other[near]
        core = np.bincount(query, weights=weights[other], minlength=len(self.lat)) >= min_samples
        keep = core[query]
        query, other = query[keep], other[keep]
        by_query = np.argsort(query, kind="stable")
        query, other = query[by_query], other[by_query]
        bounds = np.searchsorted(query, np.arange(len(self.lat) + 1)).tolist()
        others = other.tolist()
        lists = [others[bounds[i] : bounds[i + 1]] for i in range(len(self.lat))]
        return core.tolist(), lists


BATCH_LIMIT = 1_000_000  # point pairs measured at once (about 50 MB of arrays at the peak)


def _weighted_dbscan(
    points: Sequence[tuple[float, float]], weights: np.ndarray, eps_m: float, min_samples: int
) -> np.ndarray:
    """DBSCAN where a point stands for `weight` points at the same spot (core: neighbour weight sum)."""
    grid = _Grid(points, eps_m)
    batch = grid.all_neighbours(weights, min_samples)
    if batch is None:
        return _dbscan_by_query(grid, len(points), weights, min_samples)
    core, neighbours = batch
    labels = [NOISE] * len(points)
    visited = [False] * len(points)
    next_label = 0
    for start in range(len(points)):
        if visited[start]:
            continue
        visited[start] = True
        if not core[start]:
            continue  # noise for now; may become a border point of a later cluster
        labels[start] = next_label
        queue = [j for j in neighbours[start] if labels[j] == NOISE]
        for j in queue:
            labels[j] = next_label  # labelled when queued, so each point is queued once
        while queue:
            current = queue.pop()
            if visited[current]:
                continue  # a point seen earlier as noise: a border point, not expanded
            visited[current] = True
            if core[current]:
                fresh = [j for j in neighbours[current] if labels[j] == NOISE]
                for j in fresh:
                    labels[j] = next_label
                queue.extend(fresh)
        next_label += 1
    return np.array(labels, dtype=np.int64)


def _dbscan_by_query(grid: _Grid, count: int, weights: np.ndarray, min_samples: int) -> np.ndarray:
    """The same DBSCAN, asking the grid for one point's neighbours at a time (for dense sets)."""
    labels = np.full(count, NOISE, dtype=np.int64)
    visited = np.zeros(count, dtype=bool)
    next_label = 0
    for start in range(count):
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
