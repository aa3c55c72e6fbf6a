"""The first enricher of the photo stage: what the image file says (EXIF/XMP GPS, capture time, camera).

It also guards the pixels: an image whose header declares more pixels than the cap is reported, and
the enrichers after it (the vision examiner) leave it alone; its metadata is still safe to use.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from exposure_audit.errors import MemberError
from exposure_audit.limits import Limits
from exposure_audit.media.metadata import PhotoFacts, read_photo_facts
from exposure_audit.model import GeoPoint, Item, Precision, Skipped
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.runtime.units import UnitResult


def photo_facts(tree: Tree, member: str) -> PhotoFacts:
    with tree.open_member(member) as handle:
        return read_photo_facts(handle)


def with_facts(item: Item, facts: PhotoFacts) -> Item:
    """The photo item with what its file says: the facts themselves and, with GPS, a GeoPoint."""
    geo = item.geo
    if facts.has_gps:
        assert facts.lat is not None and facts.lon is not None
        at = facts.taken_at.replace(tzinfo=None) if facts.taken_at else None
        geo = (*geo, GeoPoint(lat=facts.lat, lon=facts.lon, precision=Precision.GPS, origin="exif", at=at))
    return replace(item, geo=geo, photo=facts)


def oversized(item: Item, limits: Limits) -> bool:
    """Whether the image declares more pixels than may be decoded (a possible decompression bomb)."""
    return item.photo is not None and item.photo.pixels > limits.image_pixels


class MetadataReader:
    """Reads each photo's metadata, never its pixels (cheap enough for every image of a download)."""

    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        try:
            facts = photo_facts(tree, member)
        except MemberError as exc:
            result.skipped.append(Skipped(source=tree.ref(member), stage="media", reason=exc.reason))
            facts = PhotoFacts()
        item = with_facts(item, facts)
        if oversized(item, tree.limits):
            result.skipped.append(
                Skipped(
                    source=tree.ref(member),
                    stage="media",
                    reason=f"image declares {facts.width} x {facts.height} pixels, over the cap of "
                    f"{tree.limits.image_pixels} (possible decompression bomb); its pixels are not examined",
                )
            )
        return item
