"""Grid-accelerated DBSCAN: agrees with a brute-force DBSCAN, handles the edge cases; its two ways of
finding neighbours (all at once, one point at a time) give the same labels."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_audit.geo import cluster as grid_dbscan
from exposure_audit.geo.cluster import NOISE, clusters, dbscan
from exposure_audit.geo.distance import EARTH_RADIUS_M, haversine_m


def brute_force(points: list[tuple[float, float]], eps: float, min_samples: int) -> list[int]:
    """Textbook DBSCAN with an O(n^2) neighbour search, for comparison."""
    n = len(points)
    neighbours = [[j for j in range(n) if haversine_m(*points[i], *points[j]) <= eps] for i in range(n)]
    labels = [NOISE] * n
    visited = [False] * n
    label = 0
    for i in range(n):
        if visited[i]:
            continue
        visited[i] = True
        if len(neighbours[i]) < min_samples:
            continue
        labels[i] = label
        queue = list(neighbours[i])
        while queue:
            j = queue.pop()
            if labels[j] == NOISE:
                labels[j] = label
            if visited[j]:
                continue
            visited[j] = True
            if len(neighbours[j]) >= min_samples:
                queue.extend(neighbours[j])
        label += 1
    return labels


def core_partition(
    points: list[tuple[float, float]], labels: list[int], eps: float, min_samples: int
) -> set[frozenset[int]]:
    """Clusters as sets of core points (border points may go either way in any DBSCAN)."""
    lat = np.radians([p[0] for p in points])
    lon = np.radians([p[1] for p in points])
    core = set()
    for i in range(len(points)):  # brute force, vectorised per point
        a = np.sin((lat - lat[i]) / 2) ** 2 + np.cos(lat[i]) * np.cos(lat) * np.sin((lon - lon[i]) / 2) ** 2
        if int((2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= eps).sum()) >= min_samples:
            core.add(i)
    groups: dict[int, set[int]] = {}
    for i in core:
        groups.setdefault(labels[i], set()).add(i)
    return {frozenset(g) for g in groups.values()}


spreads = st.sampled_from([0.0003, 0.002, 0.006, 0.05])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), min_size=0, max_size=300),
    spreads,
    st.sampled_from([(-27.47, 153.02), (64.1, -21.9), (0.0, 179.99), (-89.9, 0.0)]),
    st.sampled_from([(120.0, 3), (50.0, 2), (500.0, 5)]),
)
def test_all_at_once_and_one_at_a_time_give_the_same_labels(
    points: list[tuple[float, float]],
    spread: float,
    base: tuple[float, float],
    parameters: tuple[float, int],
) -> None:
    absolute = [(base[0] + a * spread, max(-180.0, min(180.0, base[1] + b * spread))) for a, b in points]
    eps, min_samples = parameters
    at_once = dbscan(absolute, eps, min_samples)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grid_dbscan, "BATCH_LIMIT", 0)  # every point asks for its own neighbours
        one_at_a_time = dbscan(absolute, eps, min_samples)
    assert at_once == one_at_a_time


def test_a_dense_set_is_clustered_one_point_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    neighbours = grid_dbscan._Grid.neighbours

    def counted(grid: grid_dbscan._Grid, index: int) -> np.ndarray:
        asked.append(index)
        return neighbours(grid, index)

    monkeypatch.setattr(grid_dbscan._Grid, "neighbours", counted)
    monkeypatch.setattr(grid_dbscan, "BATCH_LIMIT", 50)
    home = [(-27.47 + i * 1e-5, 153.02) for i in range(20)]  # 400 pairs in one cell: over the limit
    assert dbscan(home, 120.0, 3) == [0] * 20
    assert asked


offsets = st.tuples(st.floats(-0.006, 0.006), st.floats(-0.006, 0.006))


@settings(max_examples=60, deadline=None)
@given(st.lists(offsets, min_size=0, max_size=60), st.sampled_from([(-27.47, 153.02), (64.1, -21.9), (0.0, 179.99)]))
def test_same_core_clusters_as_brute_force(points: list[tuple[float, float]], base: tuple[float, float]) -> None:
    absolute = [(base[0] + a, base[1] + b) for a, b in points]
    grid = dbscan(absolute, 120.0, 3)
    reference = brute_force(absolute, 120.0, 3)
    assert core_partition(absolute, grid, 120.0, 3) == core_partition(absolute, reference, 120.0, 3)
    assert {i for i, x in enumerate(grid) if x == NOISE} == {i for i, x in enumerate(reference) if x == NOISE}


def test_empty_single_and_pair_are_noise() -> None:
    assert clusters([]) == []
    assert clusters([(-27.5, 153.0)]) == []
    assert clusters([(-27.5, 153.0), (-27.5, 153.0001)]) == []


def test_two_separate_places_and_centroid() -> None:
    home = [(-27.4931 + 0.0002 * math.sin(i), 153.0754 + 0.0002 * math.cos(i)) for i in range(6)]
    work = [(-27.4327 + 0.0002 * math.sin(i), 153.0861 + 0.0002 * math.cos(i)) for i in range(9)]
    found = clusters(home + work + [(-27.3, 153.2)])
    assert [len(c.members) for c in found] == [9, 6]
    assert haversine_m(found[0].lat, found[0].lon, -27.4327, 153.0861) < 30
    assert found[0].radius_m < 40


def test_chain_of_points_joins_into_one_cluster() -> None:
    chain = [(-27.5, 153.0 + i * 0.0008) for i in range(10)]  # ~79 m apart: each within reach of the next
    (only,) = clusters(chain, 120.0, 3)
    assert len(only.members) == 10


def test_merged_squares_for_large_inputs_give_the_same_places() -> None:
    import random

    import numpy as np

    from exposure_audit.geo.cluster import EXACT_LIMIT, _weighted_dbscan

    rng = random.Random(3)
    centres = [(-27.4931, 153.0754), (-27.4327, 153.0861), (-27.4674, 153.0741), (-27.3210, 153.0721)]
    points = [(lat + rng.gauss(0, 0.0002), lon + rng.gauss(0, 0.0002)) for lat, lon in centres for _ in range(500)]
    points += [(-26.0 - i * 0.01, 152.0) for i in range(30)]  # lone points ~1 km apart: noise
    assert len(points) > EXACT_LIMIT
    merged = dbscan(points)
    exact = _weighted_dbscan(points, np.ones(len(points), dtype=np.int64), 120.0, 3).tolist()
    assert core_partition(points, merged, 120.0, 3) == core_partition(points, exact, 120.0, 3)
    assert merged.count(NOISE) == exact.count(NOISE) == 30
    found = clusters(points)
    assert len(found) == 4 and all(len(c.members) == 500 for c in found)
    for cluster in found:
        assert min(haversine_m(cluster.lat, cluster.lon, *c) for c in centres) < 10
