"""Density clustering of geotags (DBSCAN on great-circle distance), accelerated by a grid.

DBSCAN is what trackintel uses to turn staypoints into locations: a point with at least
`min_samples` points (itself included) within `eps_m` is a core point; clusters are the core
points reachable from each other plus the border points within `eps_m` of them; the rest is noise.
scikit-learn's implementation would add ~40 MB of installed libraries for a few hundred lines of
use; this one buckets points into cells `eps_m` wide, so each neighbour query looks at 3x3 cells
and the whole run is close to linear in the number of points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from exposure_audit.geo.distance import EARTH_RADIUS_M, centroid, haversine_m

NOISE = -1


@dataclass(frozen=True, slots=True)
class Cluster:
    label: int
    members: tuple[int, ...]  # indices into the input points
    lat: float  # centroid
    lon: float
    radius_m: float  # largest distance of a member from the centroid


class _Grid:
    def __init__(self, points: Sequence[tuple[float, float]], eps_m: float) -> None:
        self.points = points
        self.eps_m = eps_m
        # One lon step for the whole set (taken at the highest |lat|), so neighbouring cells line up.
        top = max((abs(lat) for lat, _ in points), default=0.0)
        self.lat_step = math.degrees(eps_m / EARTH_RADIUS_M)
        self.lon_step = self.lat_step / max(0.01, math.cos(math.radians(min(89.0, top))))
        self.cells: dict[tuple[int, int], list[int]] = {}
        for index, (lat, lon) in enumerate(points):
            self.cells.setdefault(self.key(lat, lon), []).append(index)

    def key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.lat_step), math.floor(lon / self.lon_step)

    def neighbours(self, index: int) -> list[int]:
        lat, lon = self.points[index]
        row, col = self.key(lat, lon)
        found = []
        for r in (row - 1, row, row + 1):
            for c in (col - 1, col, col + 1):
                for other in self.cells.get((r, c), ()):
                    o_lat, o_lon = self.points[other]
                    if haversine_m(lat, lon, o_lat, o_lon) <= self.eps_m:
                        found.append(other)
        return found


def dbscan(points: Sequence[tuple[float, float]], eps_m: float = 120.0, min_samples: int = 3) -> list[int]:
    """A cluster label per point (0, 1, ...) or NOISE; labels are numbered in order of first point."""
    labels = [NOISE] * len(points)
    visited = [False] * len(points)
    grid = _Grid(points, eps_m)
    next_label = 0
    for start in range(len(points)):
        if visited[start]:
            continue
        visited[start] = True
        seeds = grid.neighbours(start)
        if len(seeds) < min_samples:
            continue  # noise for now; may become a border point of a later cluster
        labels[start] = next_label
        queue = list(seeds)
        while queue:
            current = queue.pop()
            if labels[current] == NOISE:
                labels[current] = next_label
            if visited[current]:
                continue
            visited[current] = True
            around = grid.neighbours(current)
            if len(around) >= min_samples:
                queue.extend(around)
        next_label += 1
    return labels


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
