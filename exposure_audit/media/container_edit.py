"""Rewrite the metadata parts of JPEG, PNG and WebP files while copying the image data byte for byte.

Used when all metadata goes (not only GPS): whole segments or chunks are dropped, and a new, minimal
EXIF block may be put in. Pixel data (JPEG scan, PNG IDAT, WebP VP8/VP8L/ALPH) is never decoded.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Collection

from exposure_audit.errors import MemberError
from exposure_audit.media.containers import EXIF_HEADER, _Stream, jpeg_segments, png_chunks, riff_chunks

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WEBP_ICC, WEBP_ALPHA, WEBP_EXIF, WEBP_XMP = 0x20, 0x10, 0x08, 0x04


def jpeg_without(data: bytes, drop: Collection[str], new_exif: bytes | None) -> bytes:
    """Drop marker segments of the given kinds ("exif", "xmp", "app1", "iptc", "app2", "mfe" for
    comments ...) and put `new_exif` (TIFF bytes) in an APP1 segment right after SOI/APP0."""
    stream = _Stream(io.BytesIO(data))
    stream.skip(2)
    spans, _ = jpeg_segments(stream)
    if not spans:
        raise MemberError("JPEG has no marker segments to rewrite")
    out = bytearray(data[:2])
    for span in spans:
        if span.kind not in drop:
            out += data[span.header : span.start + span.length]
        if span.kind == "me0" and new_exif is not None:  # APP0 (JFIF) stays first
            out += _app1(new_exif)
            new_exif = None
    if new_exif is not None:
        out[2:2] = _app1(new_exif)
    last = spans[-1]
    out += data[last.start + last.length :]
    return bytes(out)


def _app1(tiff: bytes) -> bytes:
    body = EXIF_HEADER + tiff
    if len(body) + 2 > 0xFFFF:
        raise MemberError("EXIF block too large for one JPEG segment")
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_without(data: bytes, drop: Collection[str], new_exif: bytes | None) -> bytes:
    """Drop chunks of the given types and put `new_exif` in an eXIf chunk before the first IDAT."""
    stream = _Stream(io.BytesIO(data))
    stream.skip(8)
    spans, _ = png_chunks(stream, b"\x00\x00\x00\x00")
    out = bytearray(PNG_SIGNATURE)
    for span in spans:
        if span.kind == "IDAT" and new_exif is not None:
            out += png_chunk(b"eXIf", new_exif)
            new_exif = None
        if span.kind not in drop:
            out += data[span.header : span.start + span.length + 4]
    return bytes(out)


def png_fix_crcs(data: bytearray) -> None:
    """Recompute every chunk's CRC (after an in-place edit of a chunk's payload)."""
    stream = _Stream(io.BytesIO(bytes(data)))
    stream.skip(8)
    spans, _ = png_chunks(stream, b"\x00\x00\x00\x00")
    for span in spans:
        end = span.start + span.length
        if end + 4 <= len(data):
            struct.pack_into(">I", data, end, zlib.crc32(data[span.header + 4 : end]))


def webp_without(data: bytes, drop: Collection[str], new_exif: bytes | None) -> bytes:
    """Drop RIFF chunks of the given types (e.g. "EXIF", "XMP ", "ICCP"), append `new_exif` as an
    EXIF chunk, and keep the VP8X feature flags and the RIFF size true."""
    stream = _Stream(io.BytesIO(data))
    stream.skip(12)
    spans, _ = riff_chunks(stream, b"\x00\x00\x00\x00")
    body = bytearray()
    for span in spans:
        if span.kind not in drop:
            end = span.start + span.length + (span.length % 2)
            body += data[span.header : end]
    if new_exif is not None:
        if not any(s.kind == "VP8X" for s in spans):
            raise MemberError("simple WebP without an extended header cannot carry EXIF")
        body += b"EXIF" + struct.pack("<I", len(new_exif)) + new_exif + (b"\x00" if len(new_exif) % 2 else b"")
    kinds = _riff_kinds(bytes(body))
    if kinds and kinds[0][0] == "VP8X":
        flags = body[8]
        for name, bit in (("ICCP", WEBP_ICC), ("EXIF", WEBP_EXIF), ("XMP ", WEBP_XMP)):
            flags = flags | bit if any(k == name for k, _ in kinds) else flags & ~bit
        body[8] = flags
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + bytes(body)


def _riff_kinds(body: bytes) -> list[tuple[str, int]]:
    stream = _Stream(io.BytesIO(body))
    spans, _ = riff_chunks(stream, b"\x00\x00\x00\x00")
    return [(s.kind, s.start) for s in spans]
