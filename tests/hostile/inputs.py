"""Hostile downloads, generated at test time: fixture downloads with damaging members planted in them.

Big members are streamed into the zip in chunks (`zipfile.ZipFile.open(name, "w")`), so a 2 GB
member never exists in memory or as a loose file; the zips are written under the test's tmp_path.
Raw edits of a written zip (flags, names, methods) patch the local header and the central directory
entry of one member together, as a hostile writer would.
"""

from __future__ import annotations

import io
import random
import shutil
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from PIL import Image

from tests.conftest import FIXTURES

Content = bytes | Iterable[bytes]  # whole bytes, or chunks streamed into the member

FACEBOOK_JSON = FIXTURES / "facebook" / "2025-json"
FACEBOOK_HTML = FIXTURES / "facebook" / "2024-html"
INSTAGRAM_HTML = FIXTURES / "instagram" / "ig-2023-html"
LINKEDIN = FIXTURES / "linkedin" / "complete"
X_ARCHIVE = FIXTURES / "x" / "x-2024-manifest"
CAMERA_ROLL = FIXTURES / "photos" / "camera-roll"

MiB = 1 << 20


def fixture_zip(
    fixture: Path, target: Path, members: Mapping[str, Content | None] | None = None, compresslevel: int = 6
) -> Path:
    """The fixture folder as a zip, with `members` replacing files of the same name or added (None:
    left out)."""
    members = members or {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for path in sorted(fixture.rglob("*")):
            name = path.relative_to(fixture).as_posix()
            if path.is_file() and name not in members:
                archive.write(path, name)
        for name, content in members.items():
            if content is not None:
                write_member(archive, name, content)
    return target


def fixture_folder(fixture: Path, target: Path, members: Mapping[str, bytes]) -> Path:
    """The fixture as an unpacked folder with `members` replacing files or added (no zip ratio cap applies)."""
    shutil.copytree(fixture, target)
    for name, data in members.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    return target


def write_member(archive: zipfile.ZipFile, name: str, content: Content) -> None:
    if isinstance(content, bytes):
        archive.writestr(name, content)
        return
    with archive.open(name, "w", force_zip64=True) as member:
        for chunk in content:
            member.write(chunk)


def repeated(head: bytes, unit: bytes, total: int, tail: bytes) -> Iterator[bytes]:
    """`head`, then `unit` repeated to `total` bytes, then `tail`, in chunks of at most 8 MiB."""
    yield head
    block = unit * max(1, (8 * MiB) // len(unit))
    left = total
    while left > 0:
        piece = block[: min(left, len(block))]
        yield piece
        left -= len(piece)
    yield tail


def noise_text(total: int, seed: int = 7) -> Iterator[bytes]:
    """Hex text that compresses only about 2:1, so it passes the zip-bomb ratio cap; in 4 MiB chunks."""
    rng = random.Random(seed)
    left = total
    while left > 0:
        size = min(left, 4 * MiB)
        yield rng.randbytes(size // 2 + 1).hex().encode()[:size]
        left -= size


# --- raw edits of a written zip ------------------------------------------------------------------------


def _entries(data: bytes) -> list[tuple[int, int]]:
    """(central directory position, local header position) of every member, in directory order."""
    out = []
    at = data.find(b"PK\x01\x02")
    while at != -1:
        (local,) = struct.unpack_from("<I", data, at + 42)
        out.append((at, local))
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        at = data.find(b"PK\x01\x02", at + 46 + name_len + extra_len + comment_len)
    return out


def _entry_of(data: bytes, name: str) -> tuple[int, int]:
    for central, local in _entries(data):
        (length,) = struct.unpack_from("<H", data, central + 28)
        if data[central + 46 : central + 46 + length] == name.encode():
            return central, local
    raise KeyError(name)


def set_flag_bits(path: Path, name: str, bits: int) -> None:
    """Set general-purpose flag bits (0x1 encrypted, 0x800 UTF-8 name) of one member."""
    data = bytearray(path.read_bytes())
    central, local = _entry_of(bytes(data), name)
    for at in (central + 8, local + 6):
        (flags,) = struct.unpack_from("<H", data, at)
        struct.pack_into("<H", data, at, flags | bits)
    path.write_bytes(bytes(data))


def _patch(path: Path, name: str, fmt: str, value: int, central_field: int, local_field: int) -> None:
    """Write one field of a member's central directory entry and local header alike."""
    data = bytearray(path.read_bytes())
    central, local = _entry_of(bytes(data), name)
    struct.pack_into(fmt, data, central + central_field, value)
    struct.pack_into(fmt, data, local + local_field, value)
    path.write_bytes(bytes(data))


def set_method(path: Path, name: str, method: int) -> None:
    """Claim another compression method for one member (99 is WinZip AES, which nothing here reads)."""
    _patch(path, name, "<H", method, 10, 8)


def set_declared_size(path: Path, name: str, size: int) -> None:
    """Make one member claim a smaller uncompressed size than it inflates to (a lying header)."""
    _patch(path, name, "<I", size, 24, 22)


def rename(path: Path, old: str, new: bytes) -> None:
    """Give one member a raw name of the same length (bytes, so not necessarily valid text)."""
    assert len(new) == len(old.encode())
    data = bytearray(path.read_bytes())
    for at in _entry_of(bytes(data), old):
        start = at + (46 if data[at : at + 4] == b"PK\x01\x02" else 30)
        data[start : start + len(new)] = new
    path.write_bytes(bytes(data))


def symlink_member(archive: zipfile.ZipFile, name: str, target: str) -> None:
    """A member stored as a Unix symbolic link to `target`, as `zip --symlinks` writes it."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    archive.writestr(info, target)


# --- images -----------------------------------------------------------------------------------------------


def jpeg_with_app1(payload: bytes, repeat: int = 1) -> bytes:
    """A small real JPEG with `payload` (an Exif block, or anything) as APP1 segment(s) after SOI."""
    out = io.BytesIO()
    Image.new("RGB", (16, 12), (120, 90, 60)).save(out, format="JPEG")
    body = out.getvalue()
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return body[:2] + segment * repeat + body[2:]


def exif(tiff: bytes) -> bytes:
    return b"Exif\x00\x00" + tiff


def tiff_header(first_ifd: int = 8) -> bytes:
    return b"MM\x00\x2a" + struct.pack(">I", first_ifd)


def ifd(entries: list[tuple[int, int, int, int]], next_ifd: int = 0, count: int | None = None) -> bytes:
    """A big-endian IFD: (tag, type, count, value or offset) entries and the next-IFD pointer."""
    body = struct.pack(">H", len(entries) if count is None else count)
    for tag, kind, number, value in entries:
        body += struct.pack(">HHII", tag, kind, number, value)
    return body + struct.pack(">I", next_ifd)


GPS_POINTER = 0x8825


def malformed_exif_jpegs() -> dict[str, bytes]:
    """One JPEG per kind of EXIF damage a hostile file can carry."""
    return {
        # The GPS directory pointer leads far outside the block.
        "bad_offset.jpg": jpeg_with_app1(exif(tiff_header() + ifd([(GPS_POINTER, 4, 1, 0x7FFF0000)]))),
        # IFD0's next pointer leads back to IFD0, and the GPS pointer to IFD0 too: loops.
        "ifd_loop.jpg": jpeg_with_app1(exif(tiff_header() + ifd([(GPS_POINTER, 4, 1, 8)], next_ifd=8))),
        # A directory that claims 65,535 entries in a block of a few bytes.
        "huge_entry_count.jpg": jpeg_with_app1(exif(tiff_header() + ifd([], count=0xFFFF))),
        # A GPS latitude with four billion rationals.
        "huge_value_count.jpg": jpeg_with_app1(
            exif(tiff_header() + ifd([(GPS_POINTER, 4, 1, 26)]) + ifd([(2, 5, 0xFFFFFFFF, 44), (4, 5, 3, 44)]))
        ),
        # No TIFF header at all after "Exif".
        "not_tiff.jpg": jpeg_with_app1(exif(b"\x00" * 32)),
        # A thousand empty APP1 segments before the image (more marker segments than any camera writes).
        "many_segments.jpg": jpeg_with_app1(b"", repeat=1000),
        # The APP1 segment claims to run past the end of the file.
        "cut_segment.jpg": b"\xff\xd8\xff\xe1\xff\xf0Exif\x00\x00MM\x00\x2a",
    }


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG that declares width x height pixels but carries almost no image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )
