"""City-level accuracy of the offline place names on `fixtures/location/geocode_truth.csv`.

    python benchmarks/geocode_bench.py

Prints the figure the README quotes, the country-level figure, lookup speed, and every miss. For
comparison it also scores the plain nearest place of the same data (no time-zone border check, no
city of the suburb), which is what a straight nearest-neighbour lookup gives.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from exposure_audit.geo.place_index import haversine_many
from exposure_audit.geo.places import Place, place_index
from exposure_audit.geo.truth import score

TRUTH = Path(__file__).resolve().parent.parent / "fixtures" / "location" / "geocode_truth.csv"


def plain_nearest(lat: float, lon: float) -> Place | None:
    """Nearest place by straight distance only, named by itself (the baseline)."""
    index = place_index()
    candidates = index._candidates(lat, lon)
    if len(candidates) == 0:
        return None
    distances = haversine_many(lat, lon, index.lat[candidates], index.lon[candidates])
    best = int(candidates[int(np.argmin(distances))])
    return Place(
        name=index.name(best),
        district="",
        city=index.name(best),
        region=index.region(best),
        country=index.code(best),
        country_code=index.code(best),
        lat=float(index.lat[best]),
        lon=float(index.lon[best]),
        distance_m=float(distances.min()),
    )


def main() -> None:
    began = time.perf_counter()
    place_index()
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    ours = score(TRUTH)
    elapsed = time.perf_counter() - began
    baseline = score(TRUTH, plain_nearest)
    print(f"{ours.total} points with known towns ({TRUTH.name})")
    print()
    print("| method | city level | country |")
    print("|---|---:|---:|")
    print(
        f"| exposure-audit (time-zone border check, city of the suburb) | {ours.city_accuracy:.1%} | "
        f"{ours.country_accuracy:.1%} |"
    )
    print(f"| plain nearest place, same data | {baseline.city_accuracy:.1%} | {baseline.country_accuracy:.1%} |")
    print()
    print(f"index built in {loaded:.2f} s; {ours.total / elapsed:.0f} lookups/s")
    for expected, got in ours.misses:
        print(f"miss: expected {expected}, got {got}")


if __name__ == "__main__":
    main()
