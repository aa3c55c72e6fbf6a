"""The photo stage's metadata reader and the enricher chain: typed facts, skips, the pixel guard."""

from __future__ import annotations

import io
from dataclasses import replace

from PIL import Image

from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.media.enrich import enrich, photo_member
from exposure_audit.media.metadata import PhotoFacts
from exposure_audit.media.metadata_stage import MetadataReader
from exposure_audit.model import Item, MediaRef
from exposure_audit.runtime.units import UnitResult
from exposure_audit.sources.archive import Tree
from tests.media.photo_items import photo_item


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "JPEG")
    return out.getvalue()


def photo(tree: Tree, member: str) -> Item:
    item = photo_item(tree, member)
    return replace(item, media=(MediaRef(uri="elsewhere.jpg"), *item.media))  # one not in the download first


class Examined:
    """An enricher after the metadata reader, recording which images reached it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        self.seen.append(member)
        return item


def test_the_facts_travel_on_the_item_and_the_member_is_the_first_in_the_download() -> None:
    tree = Tree.from_memory("roll", {"a.jpg": jpeg(40, 30)})
    item = photo(tree, "a.jpg")
    assert photo_member(item) == "a.jpg"
    result = UnitResult()
    enriched = MetadataReader().enrich(tree, item, "a.jpg", result)
    assert enriched.photo == PhotoFacts(width=40, height=30) and enriched.geo == () and result.skipped == []


def test_an_unreadable_image_is_skipped_with_empty_facts() -> None:
    tree = Tree.from_memory("roll", {"b.jpg": b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*\x00\x00\xff\xff"})
    result = UnitResult()
    enriched = MetadataReader().enrich(tree, photo(tree, "b.jpg"), "b.jpg", result)
    assert enriched.photo == PhotoFacts()
    assert [s.stage for s in result.skipped] == ["media"]


def test_an_oversized_image_is_reported_and_its_pixels_left_alone() -> None:
    limits = replace(DEFAULT_LIMITS, image_pixels=1000)
    tree = Tree.from_memory("roll", {"big.jpg": jpeg(40, 30), "small.jpg": jpeg(20, 20)}, limits)
    examined = Examined()
    result = UnitResult()
    for member in ("big.jpg", "small.jpg"):
        enrich((MetadataReader(), examined), tree, photo(tree, member), result)
    (skip,) = result.skipped
    assert skip.source.member == "big.jpg" and "decompression bomb" in skip.reason
    assert examined.seen == ["big.jpg", "small.jpg"]  # the chain runs on; the examiner checks the guard
