"""The photo-phase hook: features attached to the item, a Skipped for unusable images, cache reuse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.media.vision.analyse import analyse_image
from exposure_audit.media.vision.captions import CaptionCues
from exposure_audit.media.vision.features import ImageDepth, OcrScope, VisionFeatures, VisionSettings
from exposure_audit.media.vision.photo import Analyser, PhotoExaminer, vision_settings
from exposure_audit.model import Item, ItemKind, MediaRef, Platform, Skipped
from exposure_audit.policy.model import Policy, load_policy
from exposure_audit.runtime.cache import ScanCache
from exposure_audit.runtime.cached_units import cached_features
from exposure_audit.runtime.units import UnitResult
from exposure_audit.sources.archive import Tree
from exposure_audit.text.vocabulary import Vocabulary
from tests.conftest import FIXTURES
from tests.media.vision.odd_images import garbage_with_jpeg_magic

POLICY = load_policy(None)
LABELS = {label["name"]: label["file"] for label in json.loads((FIXTURES / "uniform" / "labels.json").read_text())}


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    folder = tmp_path / "camera"
    folder.mkdir()
    shutil.copy(FIXTURES / "uniform" / LABELS["hivis-orange"], folder / "IMG_0001.jpg")
    (folder / "IMG_0002.jpg").write_bytes(garbage_with_jpeg_magic())
    return Tree.open([folder])


def photo(tree: Tree, member: str, context: str = "") -> Item:
    return Item(
        kind=ItemKind.PHOTO,
        platform=Platform.PHOTOS,
        source=tree.ref(member),
        identity=member,
        media=(MediaRef(uri=member, member=member),),
        extra={"context": context} if context else {},
    )


def settings(images: str = "fast") -> VisionSettings:
    return vision_settings(POLICY, images, "people", DEFAULT_LIMITS)


def examiner(policy: Policy, chosen: VisionSettings, analyser: Analyser | None = None) -> PhotoExaminer:
    return PhotoExaminer(policy, CaptionCues(policy, Vocabulary(policy)), chosen, analyser)


def test_features_travel_on_the_item(tree: Tree) -> None:
    item, skipped = examiner(POLICY, settings()).examine(tree, photo(tree, "IMG_0001.jpg"), "IMG_0001.jpg")
    features = item.vision
    assert skipped is None and features is not None and len(features.people) == 1


def test_an_unusable_image_is_skipped_with_its_reason(tree: Tree) -> None:
    item, skipped = examiner(POLICY, settings()).examine(tree, photo(tree, "IMG_0002.jpg"), "IMG_0002.jpg")
    assert skipped is not None and skipped.stage == "media" and skipped.source.member == "IMG_0002.jpg"
    assert "not an image format" in skipped.reason
    features = item.vision
    assert features is not None and not features.examined


def test_one_skip_per_image_when_the_metadata_reader_already_gave_one(tree: Tree) -> None:
    result = UnitResult()
    result.skipped.append(Skipped(source=tree.ref("IMG_0002.jpg"), stage="media", reason="not a readable image"))
    _, skipped = examiner(POLICY, settings()).examine(tree, photo(tree, "IMG_0002.jpg"), "IMG_0002.jpg", result)
    assert skipped is None


def test_nothing_to_do_for_a_policy_without_uniform_cues_or_with_images_off(tree: Tree) -> None:
    item = photo(tree, "IMG_0001.jpg")
    treasury = load_policy("treasury-2014")
    assert examiner(treasury, vision_settings(treasury, "full", "people", DEFAULT_LIMITS)).examine(
        tree, item, "IMG_0001.jpg"
    ) == (item, None)
    assert examiner(POLICY, settings("off")).examine(tree, item, "IMG_0001.jpg") == (item, None)


def test_words_around_a_photo_make_the_full_depth_read_the_whole_photo(tree: Tree) -> None:
    full, fast = examiner(POLICY, settings("full")), examiner(POLICY, settings("fast"))
    hinted, plain = photo(tree, "IMG_0001.jpg", "first shift!"), photo(tree, "IMG_0001.jpg", "beach day")
    assert full.settings_for(hinted).ocr_scope is OcrScope.FULL
    assert full.settings_for(plain).ocr_scope is OcrScope.PEOPLE
    assert fast.settings_for(hinted).depth is ImageDepth.FAST


def test_a_second_run_reuses_the_cached_features(tree: Tree, tmp_path: Path) -> None:
    calls: list[str] = []

    def counting(data: bytes, chosen: VisionSettings) -> VisionFeatures:
        calls.append(chosen.cache_key())
        return analyse_image(data, chosen)

    cache = ScanCache(tmp_path / "cache")
    first = UnitResult()
    session = cache.session(POLICY, "test")
    assert session is not None
    examined = examiner(POLICY, settings(), counting)
    examined.features = cached_features(examined.features, session)
    item, _ = examined.examine(tree, photo(tree, "IMG_0001.jpg"), "IMG_0001.jpg", first)
    cache.store(session, first.cache)
    second = UnitResult()
    again = cache.session(POLICY, "test")
    assert again is not None
    examined = examiner(POLICY, settings(), counting)
    examined.features = cached_features(examined.features, again)
    reused, _ = examined.examine(tree, photo(tree, "IMG_0001.jpg"), "IMG_0001.jpg", second)
    assert len(calls) == 1 and reused.vision == item.vision and item.vision is not None
    assert second.cache and all(value is None for _, value in second.cache)
