"""The vision enricher: examine one photo item's image and attach what it shows to the item.

In the photo stage (`media/enrich.py`) it runs after the metadata reader and before the scanners;
its result travels on the item as typed `VisionFeatures` in `Item.vision`, which the uniform scanner
reads. `analyse_image` is the pure part; the features of one image come from a `FeatureSource`,
which a cache may wrap (`runtime/cached_units.py`), keyed by the image's content and
`VisionSettings.cache_key()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from exposure_audit.errors import MemberError
from exposure_audit.limits import Limits
from exposure_audit.media.enrich import too_big
from exposure_audit.media.vision.captions import CaptionCues
from exposure_audit.media.vision.features import ImageDepth, OcrScope, VisionFeatures, VisionSettings
from exposure_audit.media.vision.words import lexicon
from exposure_audit.model import Item, Skipped
from exposure_audit.policy.model import Policy
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.runtime.units import UnitResult

IMAGE_BYTES = 256 * 1024 * 1024  # an image file larger than this is not read (a 100 MP JPEG is ~40 MB)

Analyser = Callable[[bytes, VisionSettings], VisionFeatures]
# The features of the image `member` under the settings; the unit's result collects cache verdicts.
FeatureSource = Callable[[Tree, str, VisionSettings, "UnitResult | None"], VisionFeatures]


def vision_settings(policy: Policy, images: str, ocr: str, limits: Limits) -> VisionSettings:
    """Settings for one audit from --images and --ocr; ValueError for an unknown value."""
    return VisionSettings(
        depth=ImageDepth(images),
        ocr_scope=OcrScope(ocr),
        words=lexicon(policy.uniform.words),
        max_pixels=limits.image_pixels,
    )


class PhotoExaminer:
    """Examines the images of photo items for one audit (built once, used in every worker).

    `captions` are the policy's caption cues, built once with the rest of the compiled policy."""

    def __init__(
        self, policy: Policy, captions: CaptionCues, settings: VisionSettings, analyser: Analyser | None = None
    ) -> None:
        self.settings = settings
        self._captions = captions
        self._analyse = analyser or _unloaded  # tests and benchmarks may pass their own
        if analyser is None and settings.depth is not ImageDepth.OFF:
            # Loaded here, in the parent, so forked workers share it; with --images off, never.
            from exposure_audit.media.vision.analyse import analyse_image

            self._analyse = analyse_image
        self._active = bool(policy.uniform.words or policy.uniform.caption_cues or policy.uniform.colours)
        # Where features come from; a cache wraps it (runtime/cached_units.py) so examine knows no cache.
        self.features: FeatureSource = self.read_features

    def settings_for(self, item: Item) -> VisionSettings:
        """A photo whose words already suggest duty is read whole (depth FULL), person or not."""
        if self.settings.depth is ImageDepth.FULL and self._captions.any(item):
            return replace(self.settings, ocr_scope=OcrScope.FULL)
        return self.settings

    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        """The enricher step: the item with its vision record; an unusable image is noted in `result`."""
        if too_big(tree, item):  # the metadata reader has said why; the pixels are never decoded
            return item
        item, unusable = self.examine(tree, item, member, result)
        if unusable is not None:
            result.skipped.append(unusable)
        return item

    def examine(
        self, tree: Tree, item: Item, member: str, result: UnitResult | None = None
    ) -> tuple[Item, Skipped | None]:
        """The item with its vision record attached, and a Skipped entry when the image was unusable."""
        if not self._active or not self.settings.enabled or not member:
            return item, None
        features = self.features(tree, member, self.settings_for(item), result)
        skipped = None
        said = result is not None and any(s.source.member == member and s.stage == "media" for s in result.skipped[-1:])
        if features.error and not said:  # one entry per image: the metadata reader may have said it already
            skipped = Skipped(
                source=tree.ref(member), stage="media", reason=f"image not examined for uniform cues: {features.error}"
            )
        return replace(item, vision=features), skipped

    def read_features(
        self, tree: Tree, member: str, settings: VisionSettings, result: UnitResult | None = None
    ) -> VisionFeatures:
        """The default feature source: read the image and analyse it."""
        try:
            data = tree.read_bytes(member, IMAGE_BYTES)
        except MemberError as exc:
            return VisionFeatures(depth=settings.depth, error=exc.reason)
        return self._analyse(data, settings)


def _unloaded(data: bytes, settings: VisionSettings) -> VisionFeatures:
    """The analyser when photos are not looked at (--images off): loaded only if it is called anyway."""
    from exposure_audit.media.vision.analyse import analyse_image

    return analyse_image(data, settings)
