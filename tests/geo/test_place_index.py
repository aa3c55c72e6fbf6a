"""Naming many points at once gives each point the answer it gets alone."""

from __future__ import annotations

import random

from exposure_audit.geo.place_index import PlaceIndex
from exposure_audit.geo.places import name_places, place_index, reverse_geocode


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
