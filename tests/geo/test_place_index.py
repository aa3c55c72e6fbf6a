"""Naming many points at once gives each point the answer it gets alone."""

from __future__ import annotations

import random

import numpy as np

from exposure_audit.geo.place_index import PlaceIndex, _cell, _Near
from exposure_audit.geo.places import CANDIDATES, name_places, place_index, reverse_geocode


def _points() -> list[tuple[float, float]]:
    rng = random.Random(7)
    clustered = [(-27.4 - rng.random() * 0.2, 153.0 + rng.random() * 0.2) for _ in range(3000)]  # one person's photos
    anywhere = [(rng.uniform(-60, 75), rng.uniform(-180, 180)) for _ in range(3000)]
    borders = [(47.0 + rng.random() * 2, 6.0 + rng.random() * 4) for _ in range(1500)]  # four countries meet
    ocean = [(-40.0 - rng.random(), -140.0 + rng.random())]  # no place in reach
    return clustered + anywhere + borders + ocean + clustered[:50]  # and points seen twice


def _fresh() -> PlaceIndex:
    index = place_index()
    index._answers.clear()
    return index


def test_many_points_named_at_once_get_the_answers_they_get_one_by_one() -> None:
    points = _points()
    index = _fresh()
    alone = [index._nearest(lat, lon) for lat, lon in points]
    index = _fresh()
    for start in range(0, len(points), 64):
        index.name_many(points[start : start + 64])
    assert [index.nearest(lat, lon) for lat, lon in points] == alone
    assert any(a is not None for a in alone)


def test_points_that_cannot_be_named_are_left_to_reverse_geocode() -> None:
    index = _fresh()
    name_places([(0.0, 0.0), (95.0, 10.0), (-27.47, 153.03)])
    assert (0.0, 0.0) not in index._answers and (95.0, 10.0) not in index._answers
    assert reverse_geocode(0.0, 0.0) is None and reverse_geocode(95.0, 10.0) is None
    assert index._answers[(-27.47, 153.03)] == index._nearest(-27.47, 153.03)


def test_the_nearest_few_are_those_a_full_sort_of_every_distance_gives() -> None:
    """The proxy that picks which places to measure never leaves out one the distance keeps: the
    nearest few match a stable sort of every candidate's haversine distance, to the bit, ties included
    (points on a place, or on two places at the same coordinates, tie at 0 m)."""
    index = _fresh()
    rng = random.Random(3)
    on_places = [(float(index.lat[i]), float(index.lon[i])) for i in rng.sample(range(len(index)), 300)]
    points = _points()[::5] + on_places
    by_cell: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for point in points:
        by_cell.setdefault(_cell(*point), []).append(point)
    checked = 0
    for group in by_cell.values():
        near = index._near_cell(*group[0])
        if near is None:
            continue
        lats, lons = [p[0] for p in group], [p[1] for p in group]
        distances, places = near.nearest_many(lats, lons)
        every = near.distances_many(lats, lons)
        order = np.argsort(every, axis=1, kind="stable")[:, :CANDIDATES]
        assert distances == np.take_along_axis(every, order, axis=1).tolist()
        assert places == near.indices[order].tolist()
        checked += len(group)
    assert checked > 1000


def test_places_equally_far_are_all_kept_in_the_order_they_are_listed() -> None:
    index = _fresh()
    lat, lon = -27.47, 153.03
    near = index._near_cell(lat, lon)
    assert near is not None
    (distances,), (places,) = near.nearest_many([lat], [lon])
    nearest, second = places[0], places[1]
    few = _Near.of(index, np.array([second, nearest, nearest]))  # fewer places than are kept
    assert few.nearest_many([lat], [lon]) == (
        [[distances[0], distances[0], distances[1]]],
        [[nearest, nearest, second]],
    )
    # more places tie than are kept: as many are kept as asked for, all at the same distance
    crowd = _Near.of(index, np.array([*near.indices[: CANDIDATES * 4], *[nearest] * (CANDIDATES + 2)]))
    crowd_distances, crowd_places = crowd.nearest_many([lat, lat], [lon, lon])  # two points: two rows
    assert crowd_places == [[nearest] * CANDIDATES] * 2
    assert crowd_distances == [[distances[0]] * CANDIDATES] * 2
