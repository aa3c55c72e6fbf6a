"""The EXIF reader: every container, GPS encodings, and hostile metadata that must end as MemberError."""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from datetime import datetime
from pathlib import Path

import piexif
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exposure_audit.errors import MemberError
from exposure_audit.geo.samples import FORMATS, encode, exif_bytes, exif_dict, geotagged, picture
from exposure_audit.media.metadata import FIRST_READ, PEEK, dms_to_degrees, facts_from_tiff, read_photo_facts

LAT, LON = -34.41852, 150.87914
TAKEN = datetime(2024, 3, 4, 7, 30, 15)


class OneWay(io.RawIOBase):
    """A non-seekable stream, like a member read from inside a zip."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self._inner.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def read(data: bytes, seekable: bool = True):  # type: ignore[no-untyped-def]
    handle = io.BytesIO(data) if seekable else io.BufferedReader(OneWay(data))
    return read_photo_facts(handle)


@pytest.mark.parametrize("seekable", [True, False])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_gps_time_and_camera(fmt: str, seekable: bool) -> None:
    data = geotagged(fmt, seed=3, lat=LAT, lon=LON, taken=TAKEN, altitude=212.25)
    facts = read(data, seekable)
    assert facts.lat == pytest.approx(LAT, abs=1e-6)
    assert facts.lon == pytest.approx(LON, abs=1e-6)
    assert facts.altitude == pytest.approx(212.25)
    assert facts.taken_at == TAKEN
    assert (facts.make, facts.model) == ("Pixelcraft", "PX-7")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_gps_and_no_exif(fmt: str) -> None:
    assert not read(geotagged(fmt, seed=1, lat=None, lon=None, taken=TAKEN)).has_gps
    plain = io.BytesIO()
    if fmt == "heic":
        import pillow_heif

        pillow_heif.from_pillow(picture(1)).save(plain, format="HEIF")
    else:
        picture(1).save(plain, {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "tiff": "TIFF"}[fmt])
    facts = read(plain.getvalue())
    assert not facts.has_gps and facts.taken_at is None


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(LAT, LON), (51.5007, -0.1246), (-22.9519, -43.2105), (35.6586, 139.7454), (0.0, 0.0001), (-0.5, -179.99)],
)
def test_hemispheres_and_refs(lat: float, lon: float) -> None:
    facts = read(geotagged("jpeg", seed=1, lat=lat, lon=lon))
    assert facts.lat == pytest.approx(lat, abs=1e-6) and facts.lon == pytest.approx(lon, abs=1e-6)


def jpeg_with_gps(gps: dict[int, object]) -> bytes:
    exif = exif_dict(lat=None, lon=None, taken=TAKEN)
    exif["GPS"] = gps
    return encode(picture(1), "jpeg", piexif.dump(exif))


def test_zero_over_zero_means_no_position() -> None:
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"N",
        piexif.GPSIFD.GPSLatitude: ((0, 0), (0, 0), (0, 0)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((0, 0), (0, 0), (0, 0)),
    }
    assert not read(jpeg_with_gps(gps)).has_gps


def test_null_island_means_no_position() -> None:
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"N",
        piexif.GPSIFD.GPSLatitude: ((0, 1), (0, 1), (0, 1)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((0, 1), (0, 1), (0, 1)),
    }
    assert not read(jpeg_with_gps(gps)).has_gps


def test_decimal_degrees_in_one_rational_and_degrees_minutes() -> None:
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"S",
        piexif.GPSIFD.GPSLatitude: ((3441852, 100000),),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((150, 1), (527484, 10000)),
    }
    facts = read(jpeg_with_gps(gps))
    assert facts.lat == pytest.approx(-34.41852) and facts.lon == pytest.approx(150.87914)


def test_missing_longitude_or_bad_denominator_means_no_position() -> None:
    only_lat = {piexif.GPSIFD.GPSLatitudeRef: b"S", piexif.GPSIFD.GPSLatitude: ((34, 1), (25, 1), (6, 1))}
    assert not read(jpeg_with_gps(only_lat)).has_gps
    bad = {**only_lat, piexif.GPSIFD.GPSLongitudeRef: b"E", piexif.GPSIFD.GPSLongitude: ((150, 0), (52, 1), (0, 1))}
    assert not read(jpeg_with_gps(bad)).has_gps


def test_out_of_range_latitude_is_dropped() -> None:
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"N",
        piexif.GPSIFD.GPSLatitude: ((95, 1), (0, 1), (0, 1)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((10, 1), (0, 1), (0, 1)),
    }
    assert not read(jpeg_with_gps(gps)).has_gps


@pytest.mark.parametrize(
    ("parts", "ref", "expected"),
    [
        ([34.0, 25.0, 6.672], "S", -34.41852),
        ([150.0], "E", 150.0),
        ([12.0, 30.0], "w", -12.5),
        ([-33.5], "", -33.5),
        ([-33.5], "N", 33.5),
        ([], "N", None),
        ([1.0, None, 0.0], "N", None),
    ],
)
def test_dms_to_degrees(parts: list[float | None], ref: str, expected: float | None) -> None:
    result = dms_to_degrees(parts, ref)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_serial_number_and_datetime_fallback() -> None:
    exif = exif_dict(lat=LAT, lon=LON, serial="SN-000123")
    exif["0th"][piexif.ImageIFD.DateTime] = b"2023:12:24 18:05:00"  # type: ignore[index]
    facts = read(encode(picture(1), "jpeg", piexif.dump(exif)))
    assert facts.serial == "SN-000123" and facts.taken_at == datetime(2023, 12, 24, 18, 5)


def test_exif_after_an_xmp_segment_and_a_big_app2() -> None:
    base = geotagged("jpeg", seed=2, lat=LAT, lon=LON)
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"
    icc = b"ICC_PROFILE\x00" + b"\x01" * 60000
    extra = b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp + b"\xff\xe2" + struct.pack(">H", len(icc) + 2) + icc
    app1 = base.index(b"\xff\xe1")
    facts = read(base[:app1] + extra + base[app1:], seekable=False)
    assert facts.has_gps


@pytest.mark.parametrize("padding", [100, PEEK, 20_000, FIRST_READ - 200])
def test_metadata_past_the_first_small_read(padding: int) -> None:
    """Segments that end after the first small read are read with the rest of FIRST_READ: the same facts."""
    base = geotagged("jpeg", seed=2, lat=LAT, lon=LON)
    icc = b"ICC_PROFILE\x00" + b"\x01" * padding
    app2 = b"\xff\xe2" + struct.pack(">H", len(icc) + 2) + icc
    app1 = base.index(b"\xff\xe1")
    assert read(base[:app1] + app2 + base[app1:]) == read(base)


def test_reads_inside_a_zip_member(tmp_path: Path) -> None:
    target = tmp_path / "photos.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/b.png", geotagged("png", seed=4, lat=LAT, lon=LON))
    with zipfile.ZipFile(target) as archive, archive.open("a/b.png") as handle:
        assert read_photo_facts(handle).has_gps


# ---------------------------------------------------------------- hostile metadata


def tiff_block(entries: list[tuple[int, int, int, bytes]], next_offset: int = 0, first: int = 8) -> bytearray:
    """A little-endian TIFF block with one IFD at `first`; values are 4 raw bytes (inline or offset)."""
    data = bytearray(b"II*\x00" + struct.pack("<I", first))
    data += b"\x00" * (first - len(data))
    data += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        data += struct.pack("<HHI", tag, kind, count) + value
    data += struct.pack("<I", next_offset)
    return data


def test_sub_ifd_pointing_back_to_ifd0_is_a_loop() -> None:
    block = tiff_block([(0x8769, 4, 1, struct.pack("<I", 8))])
    with pytest.raises(MemberError, match="loop"):
        facts_from_tiff(bytes(block))


def test_gps_pointer_outside_the_block() -> None:
    with pytest.raises(MemberError, match="outside"):
        facts_from_tiff(bytes(tiff_block([(0x8825, 4, 1, struct.pack("<I", 10_000_000))])))


def test_huge_entry_count() -> None:
    block = bytearray(b"II*\x00\x08\x00\x00\x00") + struct.pack("<H", 60000) + b"\x00" * 64
    with pytest.raises(MemberError, match="entries"):
        facts_from_tiff(bytes(block))


def test_directory_running_past_the_end() -> None:
    block = bytearray(b"II*\x00\x08\x00\x00\x00") + struct.pack("<H", 40) + b"\x00" * 24
    with pytest.raises(MemberError, match="past the end"):
        facts_from_tiff(bytes(block))


def test_value_with_a_huge_count_pointing_nowhere() -> None:
    gps_at = 8 + 2 + 12 + 4
    gps = struct.pack("<H", 1) + struct.pack("<HHI", 2, 5, 0x7FFFFFFF) + struct.pack("<I", 40) + b"\x00" * 4
    block = tiff_block([(0x8825, 4, 1, struct.pack("<I", gps_at))]) + gps
    with pytest.raises(MemberError, match="outside"):
        facts_from_tiff(bytes(block))


def test_not_tiff_and_truncated_jpeg() -> None:
    with pytest.raises(MemberError):
        facts_from_tiff(b"XX*\x00\x08\x00\x00\x00")
    data = geotagged("jpeg", seed=1, lat=LAT, lon=LON)
    app1 = data.index(b"\xff\xe1")
    with pytest.raises(MemberError, match="truncated"):
        read(data[: app1 + 40])


def test_unknown_bytes_and_empty_file_are_errors_but_gif_is_not() -> None:
    with pytest.raises(MemberError):
        read(b"hello, this is not an image at all")
    with pytest.raises(MemberError):
        read(b"")
    gif = io.BytesIO()
    picture(1).save(gif, "GIF")
    assert not read(gif.getvalue()).has_gps


SAMPLE_EXIF = exif_bytes(lat=LAT, lon=LON, taken=TAKEN, serial="X1")[6:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE_EXIF) - 1), st.integers(0, 255)), min_size=1, max_size=12))
def test_corrupted_exif_never_crashes(edits: list[tuple[int, int]]) -> None:
    block = bytearray(SAMPLE_EXIF)
    for at, value in edits:
        block[at] = value
    with contextlib.suppress(MemberError):
        facts_from_tiff(bytes(block))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2000), st.binary(min_size=0, max_size=40))
def test_corrupted_jpeg_never_crashes(cut: int, junk: bytes) -> None:
    data = geotagged("jpeg", seed=1, lat=LAT, lon=LON)
    with contextlib.suppress(MemberError):
        read(data[:cut] + junk, seekable=False)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FORMATS), st.integers(0, 4000), st.binary(min_size=0, max_size=64), st.booleans())
@example("png", 16, b"", False)  # a PNG cut inside its IHDR chunk: the size fields are missing
def test_truncated_or_padded_images_never_crash(fmt: str, cut: int, junk: bytes, seekable: bool) -> None:
    data = SAMPLES[fmt]
    with contextlib.suppress(MemberError):
        read(data[: min(cut, len(data))] + junk, seekable=seekable)


SAMPLES = {fmt: geotagged(fmt, seed=9, lat=LAT, lon=LON, taken=TAKEN) for fmt in FORMATS}


@pytest.mark.parametrize(
    ("packet", "expected"),
    [
        (
            b'<x:xmpmeta><rdf:Description exif:GPSLatitude="34,25.1112S" '
            b'exif:GPSLongitude="150,52.7484E"/></x:xmpmeta>',
            (-34.41852, 150.87914),
        ),
        (
            b"<x:xmpmeta><exif:GPSLatitude>34,25,6.672S</exif:GPSLatitude>"
            b"<exif:GPSLongitude>150,52,44.904E</exif:GPSLongitude></x:xmpmeta>",
            (-34.41852, 150.87914),
        ),
        (b'<x:xmpmeta exif:GPSLatitude="34,25.1S"/>', None),  # no longitude
        (b'<x:xmpmeta exif:GPSLatitude="0,0N" exif:GPSLongitude="0,0E"/>', None),
        (b'<x:xmpmeta exif:GPSLatitude="95,0N" exif:GPSLongitude="10,0E"/>', None),
        (b'<x:xmpmeta exif:GPSLatitude="abc" exif:GPSLongitude="10,0E"/>', None),
    ],
)
def test_gps_only_in_xmp(packet: bytes, expected: tuple[float, float] | None) -> None:
    base = geotagged("jpeg", seed=1, lat=None, lon=None, taken=TAKEN)
    body = b"http://ns.adobe.com/xap/1.0/\x00" + packet
    data = base[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + base[2:]
    facts = read(data, seekable=False)
    if expected is None:
        assert not facts.has_gps
    else:
        assert facts.lat == pytest.approx(expected[0], abs=1e-5) and facts.lon == pytest.approx(expected[1], abs=1e-5)
        assert facts.taken_at == TAKEN


@pytest.mark.parametrize(
    ("fmt", "mode", "size", "options"),
    [
        ("JPEG", "RGB", (640, 480), {}),
        ("JPEG", "L", (1, 60000), {}),
        ("JPEG", "CMYK", (300, 7), {}),
        ("JPEG", "RGB", (4032, 3024), {"progressive": True}),
        ("PNG", "RGB", (640, 480), {}),
        ("PNG", "L", (1, 65535), {}),
    ],
)
def test_the_fast_size_read_agrees_with_pillow(
    fmt: str, mode: str, size: tuple[int, int], options: dict[str, bool]
) -> None:
    import io as _io

    from PIL import Image as _Image

    from exposure_audit.media.metadata import declared_size

    buffer = _io.BytesIO()
    _Image.new(mode, size).save(buffer, fmt, **options)
    with _Image.open(_io.BytesIO(buffer.getvalue())) as image:
        assert declared_size(buffer.getvalue()) == image.size
