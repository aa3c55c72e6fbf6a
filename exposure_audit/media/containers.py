"""Where the EXIF block sits in each image container: JPEG APP1, PNG eXIf, WebP EXIF, TIFF, HEIC.

The walkers read segment and chunk headers only and skip over pixel data (seeking when the stream
allows it), so finding the EXIF of a 4 MB JPEG costs a few kilobytes of reading. They return the
absolute position of the TIFF header in the file too, so that `strip_gps` can edit those bytes in
place without touching anything else.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import IO

from exposure_audit.errors import MemberError

MAX_SEGMENTS = 512  # JPEG marker segments before the scan; real files have < 20
MAX_CHUNKS = 100_000  # PNG / WebP chunks (PNG may split IDAT into many small chunks)
EXIF_HEADER = b"Exif\x00\x00"
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the file: where it starts and how long it is."""

    start: int
    length: int
    kind: str = ""  # "exif", "xmp", "icc", "iptc", chunk type ...
    header: int = 0  # for PNG/WebP chunks and JPEG segments: where the chunk/segment header starts


@dataclass(frozen=True, slots=True)
class Located:
    """Where an image file keeps its metadata: its format, EXIF payload and XMP packet."""

    format: str  # "jpeg", "png", "webp", "tiff", "heif", "other"
    exif: bytes | None  # the TIFF-structured EXIF payload, if any
    exif_start: int = -1  # absolute position of the TIFF header in the file, -1 when unknown
    xmp: bytes | None = None  # the XMP packet of a JPEG (editors may keep GPS only there)


class _Stream:
    """Sequential reading with a position counter; skips by seeking when possible."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.pos = 0
        try:
            self.seekable = handle.seekable()
        except (AttributeError, ValueError, OSError):
            self.seekable = False

    def read(self, n: int) -> bytes:
        data = self.handle.read(n)
        self.pos += len(data)
        return data

    def exact(self, n: int, what: str) -> bytes:
        data = self.read(n)
        if len(data) != n:
            raise MemberError(f"truncated image ({what} cut short)")
        return data

    def skip(self, n: int) -> bool:
        """Skip n bytes; False when the file ends first."""
        if self.seekable:
            self.handle.seek(n, io.SEEK_CUR)
            self.pos += n
            return True
        left = n
        while left > 0:
            got = len(self.read(min(left, 1 << 16)))
            if got == 0:
                return False
            left -= got
        return True


def sniff(head: bytes) -> str:
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:8] == b"ftyp" and (head[8:12] in HEIF_BRANDS or any(b in head[16:64] for b in HEIF_BRANDS)):
        return "heif"
    if head[:6] in (b"GIF87a", b"GIF89a") or head[:2] == b"BM" or head[4:8] == b"ftyp":
        return "other"  # GIF, BMP, MP4/MOV: no EXIF block to read here
    return "unknown"


def jpeg_segments(stream: _Stream, xmp_sink: list[bytes] | None = None) -> tuple[list[Span], bytes | None]:
    """Marker segments of a JPEG up to the start of scan (after SOI has been consumed), and the
    TIFF payload of the first EXIF APP1 segment."""
    spans: list[Span] = []
    payload: bytes | None = None
    for _ in range(MAX_SEGMENTS):
        byte = stream.read(1)
        if not byte:
            return spans, payload
        if byte != b"\xff":
            raise MemberError("malformed JPEG (marker expected)")
        marker = stream.read(1)
        while marker == b"\xff":  # fill bytes before a marker
            marker = stream.read(1)
        if not marker:
            return spans, payload
        code = marker[0]
        if code in (0xD9, 0xDA):  # end of image / start of scan: no metadata after this
            return spans, payload
        if 0xD0 <= code <= 0xD7 or code in (0x01, 0xD8):
            continue
        header = stream.pos - 2
        (length,) = struct.unpack(">H", stream.exact(2, "segment length"))
        if length < 2:
            raise MemberError("malformed JPEG (segment length below 2)")
        body_start = stream.pos
        if code == 0xE1:
            body = stream.exact(length - 2, "APP1 segment")
            if body.startswith(EXIF_HEADER):
                spans.append(Span(body_start + 6, length - 8, "exif", header))
                if payload is None:
                    payload = body[6:]
            elif body.startswith(XMP_HEADER):
                spans.append(Span(body_start, length - 2, "xmp", header))
                if xmp_sink is not None:
                    xmp_sink.append(body[len(XMP_HEADER) :])
            else:
                spans.append(Span(body_start, length - 2, "app1", header))
            continue
        kind = {0xE2: "app2", 0xED: "iptc"}.get(code, f"m{code:02x}")
        spans.append(Span(body_start, length - 2, kind, header))
        if not stream.skip(length - 2):
            return spans, payload
    raise MemberError("malformed JPEG (too many marker segments)")


def jpeg_in_memory(data: bytes) -> Located | None:
    """The EXIF of a JPEG whose metadata segments all lie in `data` (its first bytes), found without
    stream calls; None when anything is unusual (a segment running past `data`, bad markers, more than
    MAX_SEGMENTS), so the caller reads the file the careful way, which reports the damage exactly."""
    if data[:2] != b"\xff\xd8":
        return None
    pos, end = 2, len(data)
    payload: bytes | None = None
    exif_start = -1
    xmp: bytes | None = None
    for _ in range(MAX_SEGMENTS):
        if pos + 2 > end or data[pos] != 0xFF:
            return None
        code = data[pos + 1]
        if code == 0xFF:  # a fill byte before a marker
            pos += 1
            continue
        if code in (0xD9, 0xDA):  # end of image / start of scan: no metadata after this
            return Located("jpeg", payload, exif_start if payload is not None else -1, xmp)
        if 0xD0 <= code <= 0xD7 or code in (0x01, 0xD8):
            pos += 2
            continue
        if pos + 4 > end:
            return None
        length = (data[pos + 2] << 8) | data[pos + 3]
        if length < 2 or pos + 2 + length > end:
            return None
        if code == 0xE1:
            body_start, body_end = pos + 4, pos + 2 + length
            if data.startswith(EXIF_HEADER, body_start, body_end):
                if payload is None:
                    payload, exif_start = data[body_start + 6 : body_end], body_start + 6
            elif data.startswith(XMP_HEADER, body_start, body_end) and xmp is None:
                xmp = data[body_start + len(XMP_HEADER) : body_end]
        pos += 2 + length
    return None


def _jpeg(stream: _Stream) -> Located:
    xmp: list[bytes] = []
    spans, payload = jpeg_segments(stream, xmp)
    exif_span = next((s for s in spans if s.kind == "exif"), None)
    if exif_span is None or payload is None:
        return Located("jpeg", None, xmp=xmp[0] if xmp else None)
    return Located("jpeg", payload, exif_span.start, xmp[0] if xmp else None)


def riff_chunks(stream: _Stream, want: bytes) -> tuple[list[Span], bytes | None]:
    """WebP chunks after the 12-byte RIFF header; the payload of the first chunk typed `want`."""
    spans: list[Span] = []
    payload: bytes | None = None
    for _ in range(MAX_CHUNKS):
        head = stream.read(8)
        if len(head) < 8:
            return spans, payload
        kind = head[:4]
        (size,) = struct.unpack("<I", head[4:])
        start = stream.pos
        spans.append(Span(start, size, kind.decode("latin-1"), start - 8))
        if kind == want and payload is None:
            payload = stream.exact(size, "EXIF chunk")
            if size % 2 and not stream.skip(1):
                return spans, payload
        elif not stream.skip(size + (size % 2)):
            return spans, payload
    raise MemberError("malformed WebP (too many chunks)")


def png_chunks(stream: _Stream, want: bytes) -> tuple[list[Span], bytes | None]:
    """PNG chunks after the signature; the payload of the first chunk typed `want`."""
    spans: list[Span] = []
    payload: bytes | None = None
    for _ in range(MAX_CHUNKS):
        head = stream.read(8)
        if len(head) < 8:
            return spans, payload
        (size,) = struct.unpack(">I", head[:4])
        kind = head[4:]
        start = stream.pos
        spans.append(Span(start, size, kind.decode("latin-1"), start - 8))
        if kind == want and payload is None:
            payload = stream.exact(size, "eXIf chunk")
            stream.skip(4)
        elif not stream.skip(size + 4):
            return spans, payload
        if kind == b"IEND":
            return spans, payload
    raise MemberError("malformed PNG (too many chunks)")


def _strip_exif_prefix(payload: bytes) -> tuple[bytes, int]:
    """Some writers put "Exif\\0\\0" before the TIFF header inside PNG/WebP/HEIF; skip it."""
    for at in range(0, min(len(payload), 16)):
        if payload[at : at + 4] in (b"II*\x00", b"MM\x00*"):
            return payload[at:], at
    return payload, 0


def _heif(data: bytes) -> Located:
    try:
        import pillow_heif

        heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=False)
        raw = heif.info.get("exif") or b""
    except Exception as exc:  # libheif raises its own error types for broken containers
        raise MemberError(f"not a readable HEIF image ({type(exc).__name__})") from exc
    if not raw:
        return Located("heif", None)
    tiff, _ = _strip_exif_prefix(bytes(raw))
    at = data.find(tiff[:64]) if len(tiff) >= 8 else -1
    return Located("heif", tiff, at)


def locate_exif(handle: IO[bytes], whole_file_cap: int = 256 * 1024 * 1024) -> Located:
    """The EXIF block of an image, read with as little I/O as the container allows."""
    stream = _Stream(handle)
    head = stream.read(64)
    fmt = sniff(head)
    if fmt == "jpeg":
        return _jpeg(_Rewound(head[2:], stream))
    if fmt == "png":
        rest = _Rewound(head[8:], stream)
        spans, payload = png_chunks(rest, b"eXIf")
        return _payload("png", spans, payload, "eXIf")
    if fmt == "webp":
        rest = _Rewound(head[12:], stream)
        spans, payload = riff_chunks(rest, b"EXIF")
        return _payload("webp", spans, payload, "EXIF")
    if fmt in ("tiff", "heif"):
        data = head + stream.read(whole_file_cap + 1)
        if len(data) > whole_file_cap:
            raise MemberError("image is too large to read its metadata")
        return Located("tiff", data, 0) if fmt == "tiff" else _heif(data)
    if fmt == "other":
        return Located("other", None)
    if not head:
        raise MemberError("empty file")
    raise MemberError("not a recognised image format")


def _payload(fmt: str, spans: list[Span], payload: bytes | None, kind: str) -> Located:
    if payload is None:
        return Located(fmt, None)
    span = next(s for s in spans if s.kind == kind)
    tiff, shift = _strip_exif_prefix(payload)
    return Located(fmt, tiff, span.start + shift)


class _Rewound(_Stream):
    """A stream that first replays bytes already read (the sniffed head), keeping positions true."""

    def __init__(self, replay: bytes, inner: _Stream) -> None:
        self.handle = inner.handle
        self.seekable = inner.seekable
        self._replay = replay
        self.pos = inner.pos - len(replay)

    def read(self, n: int) -> bytes:
        if self._replay:
            first, self._replay = self._replay[:n], self._replay[n:]
            rest = self.handle.read(n - len(first)) if n > len(first) else b""
            self.pos += len(first) + len(rest)
            return first + rest
        return super().read(n)

    def skip(self, n: int) -> bool:
        if self._replay:
            used = min(n, len(self._replay))
            self._replay = self._replay[used:]
            self.pos += used
            n -= used
        return super().skip(n) if n else True
