"""Measure the offline place names against a table of points with known towns (city-level accuracy)."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exposure_audit.geo.places import Place, reverse_geocode


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True, slots=True)
class Score:
    total: int
    city_hits: int  # the expected city is the place or the city it belongs to
    country_hits: int
    misses: tuple[tuple[str, str], ...]  # (expected, got) for the city misses

    @property
    def city_accuracy(self) -> float:
        return self.city_hits / self.total if self.total else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_hits / self.total if self.total else 0.0


def city_matches(expected: str, place: Place | None) -> bool:
    """`expected` may list several names of one city separated by "|" (English and local)."""
    if place is None:
        return False
    names = {_norm(n) for n in expected.split("|")}
    return bool(names & {_norm(place.name), _norm(place.city)})


def score(truth_csv: Path, lookup: Callable[[float, float], Place | None] = reverse_geocode) -> Score:
    hits = countries = 0
    misses = []
    with truth_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        place = lookup(float(row["lat"]), float(row["lon"]))
        if city_matches(row["expected_city"], place):
            hits += 1
        else:
            misses.append((row["expected_city"], place.label() if place else "(none)"))
        countries += bool(place and place.country_code == row["country_code"])
    return Score(len(rows), hits, countries, tuple(misses))
