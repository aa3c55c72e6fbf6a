"""Blank GPS out of XMP packets in place: each GPS property becomes spaces of the same length.

XMP allows whitespace anywhere between elements and attributes, so the packet stays well-formed,
and because nothing changes length the container around it needs no rewrite.
"""

from __future__ import annotations

import re

PACKET = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.DOTALL)
GPS_ATTRIBUTE = re.compile(rb"""\s[\w-]*:GPS\w*\s*=\s*(?:"[^"]*"|'[^']*')""")
GPS_ELEMENT = re.compile(rb"<([\w-]*:GPS\w*)\b[^>]*?(?:/>|>.*?</\1\s*>)", re.DOTALL)


def packets(data: bytes | bytearray) -> list[tuple[int, int]]:
    """(start, end) of every XMP packet stored as plain text in the file."""
    return [(m.start(), m.end()) for m in PACKET.finditer(data)]


def has_gps(data: bytes | bytearray) -> bool:
    return any(GPS_ATTRIBUTE.search(data, s, e) or GPS_ELEMENT.search(data, s, e) for s, e in packets(data))


def blank_gps(data: bytearray) -> list[tuple[int, int]]:
    """Overwrite GPS properties inside XMP packets with spaces; returns the ranges changed."""
    changed = []
    for start, end in packets(data):
        for pattern in (GPS_ELEMENT, GPS_ATTRIBUTE):
            for match in list(pattern.finditer(data, start, end)):
                data[match.start() : match.end()] = b" " * (match.end() - match.start())
                changed.append((match.start(), match.end()))
    return changed
