"""Properties of the EXIF reader: arbitrary bytes and arbitrary directory structures end in facts or in
MemberError and nothing else; GPS, altitude, time and camera written by piexif (big-endian) or by hand
(little-endian) read back exactly."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import datetime
from fractions import Fraction

import piexif
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from exposure_audit.errors import MemberError
from exposure_audit.media.metadata import PhotoFacts, facts_from_tiff, read_photo_facts

HUGE_COUNTS = [2**16, 2**31 - 1, 2**31, 2**32 - 1]


def _base_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 30)).save(out, format="JPEG")
    return out.getvalue()


BASE_JPEG = _base_jpeg()


def _facts(data: bytes) -> PhotoFacts:
    return read_photo_facts(io.BytesIO(data))


def _only_member_error(read: object, data: bytes) -> PhotoFacts | None:
    try:
        facts = read(data)  # type: ignore[operator]
    except MemberError:
        return None
    assert isinstance(facts, PhotoFacts)
    if facts.has_gps:
        assert facts.lat is not None and facts.lon is not None
        assert -90 <= facts.lat <= 90 and -180 <= facts.lon <= 180
    return facts


# --- arbitrary structures ----------------------------------------------------------------------------------


PLAUSIBLE = {  # tag -> (type, count) as writers use them: pointers, GPS refs and rationals, text
    0x8825: (4, 1),
    0x8769: (4, 1),
    1: (2, 2),
    2: (5, 3),
    3: (2, 2),
    4: (5, 3),
    5: (1, 1),
    6: (5, 1),
    0x010F: (2, 12),
    0x0110: (2, 8),
    0x0132: (2, 20),
    0x9003: (2, 20),
    0xA431: (2, 6),
}


@st.composite
def tiff_blocks(draw: st.DrawFn) -> bytes:
    """A TIFF block of directories whose entries, counts, offsets and next pointers are mostly what
    writers produce and sometimes anything at all: loops, overlaps, huge counts, wrong types."""
    order = draw(st.sampled_from(["<", ">"]))
    entry_counts = draw(st.lists(st.integers(min_value=0, max_value=7), max_size=4))
    offsets, at = [], 8
    for count in entry_counts:
        offsets.append(at)
        at += 2 + 12 * count + 4
    data_at, size = at, at + draw(st.integers(min_value=0, max_value=96))
    anywhere = st.integers(min_value=0, max_value=size + 16) | st.sampled_from([0, 2**32 - 1])
    directory = st.sampled_from(offsets) if offsets else anywhere
    data = st.integers(min_value=data_at, max_value=max(data_at, size - 1))
    wild = st.sampled_from([False] * 7 + [True])  # one time in eight
    magic = 43 if draw(wild) else 42
    first = draw(anywhere if draw(wild) else directory)
    block = bytearray((b"II" if order == "<" else b"MM") + struct.pack(order + "HI", magic, first))
    for count in entry_counts:
        block += struct.pack(order + "H", draw(st.sampled_from([0xFFFF, count + 1])) if draw(wild) else count)
        for _ in range(count):
            if draw(wild):
                tag = draw(st.integers(min_value=0, max_value=0xFFFF))
                kind, number = draw(st.integers(min_value=0, max_value=20)), draw(st.sampled_from(HUGE_COUNTS))
                value = draw(anywhere)
            else:
                tag = draw(st.sampled_from(sorted(PLAUSIBLE)))
                kind, number = PLAUSIBLE[tag]
                value = draw(directory if tag in (0x8825, 0x8769) else data)
            block += struct.pack(order + "HHII", tag, kind, number, value)
        block += struct.pack(order + "I", draw(st.sampled_from([0, *offsets]) | anywhere))
    block += draw(st.binary(min_size=size - len(block), max_size=size - len(block)))
    return bytes(block)


@settings(max_examples=1500, deadline=None)
@given(tiff_blocks())
def test_any_directory_structure_gives_facts_or_member_error(block: bytes) -> None:
    _only_member_error(facts_from_tiff, block)
    _only_member_error(_facts, BASE_JPEG[:2] + _app1(b"Exif\x00\x00" + block) + BASE_JPEG[2:])


def _app1(payload: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@settings(max_examples=1500, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["raw", "jpeg", "app1", "png", "webp", "tiff"]))
def test_any_bytes_in_any_container_give_facts_or_member_error(data: bytes, container: str) -> None:
    wrapped = {
        "raw": data,
        "jpeg": b"\xff\xd8" + data,
        "app1": BASE_JPEG[:2] + _app1(b"Exif\x00\x00" + data[:65000]) + BASE_JPEG[2:],
        "png": b"\x89PNG\r\n\x1a\n" + _png_chunk(b"eXIf", data) + _png_chunk(b"IEND", b""),
        "webp": b"RIFF" + struct.pack("<I", len(data) + 12) + b"WEBPEXIF" + struct.pack("<I", len(data)) + data,
        "tiff": b"II*\x00" + data,
    }[container]
    _only_member_error(_facts, wrapped)


# --- round trips -------------------------------------------------------------------------------------------

rationals = st.tuples(st.integers(min_value=0, max_value=2**31 - 1), st.integers(min_value=1, max_value=10_000))


@st.composite
def positions(draw: st.DrawFn) -> tuple[tuple[tuple[int, int], ...], str, tuple[tuple[int, int], ...], str]:
    def dms(limit: int) -> tuple[tuple[int, int], ...]:
        degrees = draw(st.integers(min_value=0, max_value=limit - 1))
        minutes = draw(st.integers(min_value=0, max_value=59))
        denominator = draw(st.integers(min_value=1, max_value=10_000))
        seconds = draw(st.integers(min_value=0, max_value=60 * denominator - 1))
        return (degrees, 1), (minutes, 1), (seconds, denominator)

    return dms(90), draw(st.sampled_from("NS")), dms(180), draw(st.sampled_from("EW"))


def _degrees(parts: tuple[tuple[int, int], ...], ref: str) -> Fraction:
    value = sum((Fraction(n, d) / factor for (n, d), factor in zip(parts, (1, 60, 3600), strict=True)), Fraction(0))
    return -value if ref in "SW" else value


times = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda t: t.replace(microsecond=0)
)
camera_text = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(positions(), rationals, st.sampled_from([0, 1]), times, camera_text, camera_text)
def test_what_piexif_writes_reads_back(
    position: tuple[tuple[tuple[int, int], ...], str, tuple[tuple[int, int], ...], str],
    altitude: tuple[int, int],
    below: int,
    taken: datetime,
    make: str,
    model: str,
) -> None:
    lat_parts, lat_ref, lon_parts, lon_ref = position
    exif = piexif.dump(
        {
            "0th": {piexif.ImageIFD.Make: make.encode(), piexif.ImageIFD.Model: model.encode()},
            "Exif": {piexif.ExifIFD.DateTimeOriginal: taken.strftime("%Y:%m:%d %H:%M:%S").encode()},
            "GPS": {
                piexif.GPSIFD.GPSLatitudeRef: lat_ref.encode(),
                piexif.GPSIFD.GPSLatitude: lat_parts,
                piexif.GPSIFD.GPSLongitudeRef: lon_ref.encode(),
                piexif.GPSIFD.GPSLongitude: lon_parts,
                piexif.GPSIFD.GPSAltitudeRef: below,
                piexif.GPSIFD.GPSAltitude: altitude,
            },
        }
    )
    out = io.BytesIO()
    piexif.insert(exif, BASE_JPEG, out)
    facts = _facts(out.getvalue())
    lat, lon = _degrees(lat_parts, lat_ref), _degrees(lon_parts, lon_ref)
    if lat == 0 and lon == 0:
        assert not facts.has_gps  # 0/0 is how cameras write "no position"
        return
    assert facts.lat == pytest.approx(float(lat), abs=1e-9) and facts.lon == pytest.approx(float(lon), abs=1e-9)
    height = Fraction(*altitude)
    assert facts.altitude == pytest.approx(float(-height if below else height), rel=1e-12)
    assert (facts.taken_at, facts.make, facts.model) == (taken, make, model)


def _little_endian_gps(
    lat_parts: tuple[tuple[int, int], ...], lat_ref: str, lon_parts: tuple[tuple[int, int], ...], lon_ref: str
) -> bytes:
    """IFD0 with only a GPS pointer, then a GPS IFD of four entries, then the rationals: by hand, "II"."""
    gps_at = 8 + 2 + 12 + 4
    values_at = gps_at + 2 + 4 * 12 + 4
    block = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<HHHII", 1, 0x8825, 4, 1, gps_at) + struct.pack("<I", 0)
    block += struct.pack("<H", 4)
    block += struct.pack("<HHI4s", 1, 2, 2, lat_ref.encode() + b"\x00\x00\x00")
    block += struct.pack("<HHII", 2, 5, 3, values_at)
    block += struct.pack("<HHI4s", 3, 2, 2, lon_ref.encode() + b"\x00\x00\x00")
    block += struct.pack("<HHII", 4, 5, 3, values_at + 24) + struct.pack("<I", 0)
    for n, d in (*lat_parts, *lon_parts):
        block += struct.pack("<II", n, d)
    return block


@settings(max_examples=300, deadline=None)
@given(positions())
def test_a_little_endian_gps_directory_reads_back_in_every_container(
    position: tuple[tuple[tuple[int, int], ...], str, tuple[tuple[int, int], ...], str],
) -> None:
    block = _little_endian_gps(*position)
    lat, lon = _degrees(position[0], position[1]), _degrees(position[2], position[3])
    containers = [
        BASE_JPEG[:2] + _app1(b"Exif\x00\x00" + block) + BASE_JPEG[2:],
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"eXIf", block) + _png_chunk(b"IEND", b""),
        block,  # a .tif file is itself the TIFF structure
    ]
    for data in containers:
        facts = _facts(data)
        if lat == 0 and lon == 0:
            assert not facts.has_gps
            continue
        assert facts.lat == pytest.approx(float(lat), abs=1e-9)
        assert facts.lon == pytest.approx(float(lon), abs=1e-9)
