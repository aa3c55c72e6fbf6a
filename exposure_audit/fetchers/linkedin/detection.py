"""What marks a LinkedIn data export (Basic or Complete): loaded for detection without the readers."""

from __future__ import annotations

from exposure_audit.fetchers.base import Marker, marker


def name_pattern(name: str) -> str:
    """A CSV's kind as LinkedIn spells its file name: "email_addresses" -> "email[ _]addresses"."""
    return name.replace("_", "[ _]")


def _csv_marker(name: str) -> Marker:
    return marker(f"{name.replace('_', ' ').title()}.csv", rf"(^|/){name_pattern(name)}(_\d{{4,}})?\.csv$")


MARKERS = tuple(_csv_marker(n) for n in ("connections", "profile", "positions", "email_addresses", "registration"))
