"""The place table's binary form: same answers as the table built from the GeoNames data, rebuilt
when damaged or when the data changes, private to the owner."""

from __future__ import annotations

import gzip
import json
import os
import random
import stat
from pathlib import Path

import numpy as np
import pytest

from exposure_audit.geo.place_index import PlaceIndex
from exposure_audit.geo.place_store import decode_table, load_table, source_key, store_path
from exposure_audit.geo.place_table import PackedStrings, table_from_records
from exposure_audit.geo.places import _data_folder, _zone_countries

DATA = _data_folder()
SOURCES = [DATA / "geocode.gz", DATA / "countries.csv"]


@pytest.fixture(scope="module")
def built() -> PlaceIndex:
    with gzip.open(SOURCES[0]) as handle:
        return PlaceIndex(table_from_records(json.loads(handle.read())), {}, _zone_countries())


def test_stored_table_answers_as_the_table_built_from_the_data(built: PlaceIndex, tmp_path: Path) -> None:
    load_table(*SOURCES, folder=tmp_path)  # the first run writes the binary form
    path = store_path(source_key(SOURCES), tmp_path)
    assert path.exists()
    stored = decode_table(path, source_key(SOURCES))
    assert stored is not None
    loaded = PlaceIndex(stored, {}, _zone_countries())
    assert len(loaded) == len(built) > 100_000
    rng = random.Random(16)
    points = [(rng.uniform(-60, 72), rng.uniform(-180, 180)) for _ in range(300)]
    points += [
        (float(built.lat[i]) + rng.uniform(-0.2, 0.2), float(built.lon[i]) + rng.uniform(-0.2, 0.2))
        for i in rng.sample(range(len(built)), 300)
    ]
    points += [(89.99, 10.0), (-89.99, -179.99), (0.1, 179.99)]  # poles and the antimeridian
    for lat, lon in points:
        assert loaded.nearest(lat, lon) == built.nearest(lat, lon), (lat, lon)
    assert np.array_equal(loaded.population, built.population)
    assert list(stored.strings) == list(built.strings)  # decoded one by one, as they are asked for
    # The arrays are views of the mapped file, not copies made on every start-up.
    arrays = (stored.lat, stored.code, stored.grid.order, stored.grid.first, stored.city_grid.first)
    assert not any(a.flags.owndata for a in arrays)


def test_packed_strings_give_back_what_was_packed() -> None:
    values = ["", "Queensland", "Île-de-France", "", "臺北市", "NSW", ""]
    packed = PackedStrings.of("\0".join(values).encode(), b"\0")
    assert len(packed) == len(values)
    assert [packed[i] for i in range(len(values))] == values
    assert packed[-1] == "" and packed[-3] == "臺北市" and packed[1:3] == values[1:3]
    with pytest.raises(IndexError):
        packed[len(values)]


def test_store_is_owner_only(tmp_path: Path) -> None:
    load_table(*SOURCES, folder=tmp_path)
    path = store_path(source_key(SOURCES), tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_damaged_store_is_ignored_and_rewritten(tmp_path: Path) -> None:
    load_table(*SOURCES, folder=tmp_path)
    key = source_key(SOURCES)
    path = store_path(key, tmp_path)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    assert decode_table(path, key) is None
    table = load_table(*SOURCES, folder=tmp_path)
    assert len(table) > 100_000
    assert decode_table(path, key) is not None  # written again, whole


def test_a_changed_byte_anywhere_in_the_arrays_is_noticed(tmp_path: Path) -> None:
    load_table(*SOURCES, folder=tmp_path)
    key = source_key(SOURCES)
    path = store_path(key, tmp_path)
    good = bytearray(path.read_bytes())
    for at in (len(good) // 3, len(good) - 1):
        damaged = bytearray(good)
        damaged[at] ^= 0x01  # a latitude's last bit, or a grid entry: nothing structural would show it
        path.write_bytes(bytes(damaged))
        assert decode_table(path, key) is None


def test_new_data_gets_a_new_table_and_the_old_one_is_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    copies = [data / s.name for s in SOURCES]
    for source, copy in zip(SOURCES, copies, strict=True):
        copy.write_bytes(source.read_bytes())
    cache = tmp_path / "cache"
    load_table(*copies, folder=cache)
    first = store_path(source_key(copies), cache)
    assert [p.name for p in (cache / "places").iterdir()] == [first.name]
    os.utime(copies[0], ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # as a reinstall does
    assert source_key(copies) != source_key(SOURCES)
    load_table(*copies, folder=cache)
    assert [p.name for p in (cache / "places").iterdir()] == [store_path(source_key(copies), cache).name]


def test_store_of_other_data_is_not_used(tmp_path: Path) -> None:
    load_table(*SOURCES, folder=tmp_path)
    path = store_path(source_key(SOURCES), tmp_path)
    assert decode_table(path, "0" * 64) is None


def test_unwritable_cache_folder_still_gives_the_table(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")  # no folder can be made under it
    assert len(load_table(*SOURCES, folder=blocked)) > 100_000
    assert blocked.read_text() == "a file where the cache folder should be"
