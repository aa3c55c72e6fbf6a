"""The photo stage: enrichers add what a photo's file says to its item before the scanners see it.

The engine runs the enrichers of an audit in order on every photo item whose image is in the
download: first the metadata reader (EXIF: GPS, capture time, camera, declared size), then the
vision examiner (`media/vision/photo.py`), which looks at the pixels. Each returns the item with its
typed field set (`Item.photo`, `Item.vision`) and records anything it could not use as a `Skipped`
entry in the unit's result, so one unreadable image never stops the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from exposure_audit.errors import MemberError
from exposure_audit.media.metadata import PhotoFacts, read_photo_facts
from exposure_audit.model import GeoPoint, Item, Precision, Skipped, first_member
from exposure_audit.runtime.pickling import replaced
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.runtime.units import UnitResult


class Enricher(Protocol):
    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        """The item with what this enricher learnt from the image `member`; problems go to `result`."""
        ...


def photo_member(item: Item) -> str:
    """The download member holding a photo item's image ("" when the image is not in the download)."""
    return first_member(item.media)


def photo_facts(tree: Tree, member: str) -> PhotoFacts:
    with tree.open_member(member) as handle:
        return read_photo_facts(handle)


def with_facts(item: Item, facts: PhotoFacts) -> Item:
    """The item with the image file's facts, and its EXIF position as a GPS point."""
    geo = item.geo
    if facts.has_gps:
        assert facts.lat is not None and facts.lon is not None
        at = facts.taken_at.replace(tzinfo=None) if facts.taken_at else None
        geo = (*geo, GeoPoint(lat=facts.lat, lon=facts.lon, precision=Precision.GPS, origin="exif", at=at))
    return replaced(item, geo=geo, photo=facts)  # once per photo: without __init__'s slot-by-slot cost


def too_big(tree: Tree, item: Item) -> bool:
    """Whether the image declares more pixels than the cap: its EXIF is used, its pixels never decoded."""
    return item.photo is not None and item.photo.pixels > tree.limits.image_pixels


class MetadataEnricher:
    """Reads each photo's metadata (EXIF and the container's headers), never its pixels."""

    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        try:
            facts = photo_facts(tree, member)
        except MemberError as exc:
            result.skipped.append(Skipped(source=tree.ref(member), stage="media", reason=exc.reason))
            facts = PhotoFacts()
        item = with_facts(item, facts)
        if too_big(tree, item):
            result.skipped.append(
                Skipped(
                    source=tree.ref(member),
                    stage="media",
                    reason=f"image declares {facts.width} x {facts.height} pixels, over the cap of "
                    f"{tree.limits.image_pixels} (possible decompression bomb); its pixels are not examined",
                )
            )
        return item
