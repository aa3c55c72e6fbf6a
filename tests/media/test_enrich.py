"""The photo stage: the metadata reader and the vision examiner, run in order on one photo item."""

from __future__ import annotations

from pathlib import Path

from exposure_audit.engine import AuditUnits, Scanning
from exposure_audit.geo.samples import geotagged
from exposure_audit.limits import Limits
from exposure_audit.media.enrich import MetadataEnricher, too_big
from exposure_audit.media.vision.features import VisionFeatures, VisionSettings
from exposure_audit.model import Item
from exposure_audit.policy.model import load_policy
from exposure_audit.runtime.units import Unit, UnitResult
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.sources.archive import Tree
from tests.media.vision.test_photo import photo

POLICY = load_policy("dibp-2015")


def folder(tmp_path: Path, **images: bytes) -> Path:
    root = tmp_path / "roll"
    root.mkdir()
    for name, data in images.items():
        (root / name.replace("_", ".", 1)).write_bytes(data)
    return root


def test_the_metadata_reader_sets_the_typed_facts_and_the_gps_point(tmp_path: Path) -> None:
    tree = Tree.open([folder(tmp_path, a_jpg=geotagged("jpeg", seed=3, lat=-35.2809, lon=149.13))])
    result = UnitResult()
    item = MetadataEnricher().enrich(tree, photo(tree, "a.jpg"), "a.jpg", result)
    assert item.photo is not None and item.photo.has_gps and (item.photo.width, item.photo.height) == (96, 64)
    assert [(round(g.lat, 4), round(g.lon, 2), g.origin) for g in item.geo] == [(-35.2809, 149.13, "exif")]
    assert result.skipped == [] and item.vision is None


def test_an_unreadable_image_is_noted_and_the_item_kept(tmp_path: Path) -> None:
    tree = Tree.open([folder(tmp_path, b_jpg=b"not a picture at all")])
    result = UnitResult()
    item = MetadataEnricher().enrich(tree, photo(tree, "b.jpg"), "b.jpg", result)
    assert item.photo is not None and not item.photo.has_gps and item.geo == ()
    (skipped,) = result.skipped
    assert (skipped.source.member, skipped.stage, skipped.reason) == ("b.jpg", "media", "not a recognised image format")


class Recording:
    """An enricher that records what it was given, to show the order of the stage."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        self.log.append(f"{member}: photo={'read' if item.photo else 'unread'}")
        return item


def test_the_units_run_the_enrichers_in_order_then_the_scanners(tmp_path: Path) -> None:
    tree = Tree.open([folder(tmp_path, a_jpg=geotagged("jpeg", seed=3, lat=-35.2809, lon=149.13))])
    log: list[str] = []
    units = AuditUnits(Scanning(compile_policy(POLICY)), (MetadataEnricher(), Recording(log)))
    result = units(None, tree, Unit(download=0, photos=(photo(tree, "a.jpg"),)))  # type: ignore[arg-type]
    assert log == ["a.jpg: photo=read"] and result.items == 1


def test_an_image_over_the_pixel_cap_is_never_given_to_the_vision_step(tmp_path: Path) -> None:
    tree = Tree.open([folder(tmp_path, a_jpg=geotagged("jpeg", seed=3, lat=None, lon=None))], Limits(image_pixels=100))
    result = UnitResult()
    item = MetadataEnricher().enrich(tree, photo(tree, "a.jpg"), "a.jpg", result)
    assert too_big(tree, item) and "possible decompression bomb" in result.skipped[0].reason

    from exposure_audit.media.vision.captions import CaptionCues
    from exposure_audit.media.vision.photo import PhotoExaminer
    from exposure_audit.text.vocabulary import Vocabulary

    def never(data: bytes, settings: VisionSettings) -> VisionFeatures:
        raise AssertionError("the pixels of an oversized image were examined")

    examiner = PhotoExaminer(POLICY, CaptionCues(POLICY, Vocabulary(POLICY)), VisionSettings(), never)
    assert examiner.enrich(tree, item, "a.jpg", result).vision is None
