"""The photo phase's hook: examine one photo item's image and attach the result to the item.

The engine calls `examine_photo` for every photo item whose image is in the download, after reading
its EXIF and before the scanners run. The result travels on the item as compact JSON in
`item.extra["vision"]` (plain strings pickle into worker processes); the uniform scanner reads it
back. `analyse_image` is the pure part a cache can memoise, keyed by the image bytes' digest and
`VisionSettings.cache_key()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from exposure_audit.errors import MemberError
from exposure_audit.limits import Limits
from exposure_audit.media.vision.captions import CaptionCues
from exposure_audit.media.vision.features import (
    EXTRA_KEY,
    ImageDepth,
    OcrScope,
    VisionFeatures,
    VisionSettings,
    decode,
    encode,
)
from exposure_audit.media.vision.words import lexicon
from exposure_audit.model import Item, Skipped
from exposure_audit.policy.packs import Pack
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.runtime.cache import CacheSession
    from exposure_audit.runtime.units import UnitResult

IMAGE_BYTES = 256 * 1024 * 1024  # an image file larger than this is not read (a 100 MP JPEG is ~40 MB)

Analyser = Callable[[bytes, VisionSettings], VisionFeatures]


def vision_settings(pack: Pack, images: str, ocr: str, limits: Limits) -> VisionSettings:
    """Settings for one audit from --images and --ocr; ValueError for an unknown value."""
    return VisionSettings(
        depth=ImageDepth(images),
        ocr_scope=OcrScope(ocr),
        words=lexicon(pack.uniform.words),
        max_pixels=limits.image_pixels,
    )


class PhotoExaminer:
    """Examines the images of photo items for one audit (built once, used in every worker).

    `captions` are the pack's caption cues, built once with the rest of the compiled pack."""

    def __init__(
        self, pack: Pack, captions: CaptionCues, settings: VisionSettings, analyser: Analyser | None = None
    ) -> None:
        self.settings = settings
        self._captions = captions
        self._analyse = analyser or _unloaded  # a cache may wrap analyse_image here
        if analyser is None and settings.depth is not ImageDepth.OFF:
            # Loaded here, in the parent, so forked workers share it; with --images off, never.
            from exposure_audit.media.vision.analyse import analyse_image

            self._analyse = analyse_image
        self._active = bool(pack.uniform.words or pack.uniform.caption_cues or pack.uniform.colours)

    def settings_for(self, item: Item) -> VisionSettings:
        """A photo whose words already suggest duty is read whole (depth FULL), person or not."""
        if self.settings.depth is ImageDepth.FULL and self._captions.any(item):
            return replace(self.settings, ocr_scope=OcrScope.FULL)
        return self.settings

    def examine(
        self, tree: Tree, item: Item, member: str, result: UnitResult | None = None, cache: CacheSession | None = None
    ) -> tuple[Item, Skipped | None]:
        """The item with its vision record attached, and a Skipped entry when the image was unusable.

        With a cache, features of an image already analysed with the same settings are reused (they
        are impersonal by design: boxes, cue names and lexicon words, never pixels or text read)."""
        if not self._active or not self.settings.enabled or not member:
            return item, None
        settings = self.settings_for(item)
        memo = cache.image_features(tree, member, settings.cache_key()) if cache is not None else None
        known = decode(memo.value) if memo is not None and memo.value is not None else None
        if known is not None and memo is not None and result is not None:
            memo.reuse(result)
            features = known
        else:
            features = self._features(tree, member, settings)
            if memo is not None and result is not None:
                memo.keep(result, encode(features))
        extra = dict(item.extra)
        extra[EXTRA_KEY] = encode(features)
        skipped = None
        said = result is not None and any(s.source.member == member and s.stage == "media" for s in result.skipped[-1:])
        if features.error and not said:  # one entry per image: the metadata reader may have said it already
            skipped = Skipped(
                source=tree.ref(member), stage="media", reason=f"image not examined for uniform cues: {features.error}"
            )
        return replace(item, extra=extra), skipped

    def _features(self, tree: Tree, member: str, settings: VisionSettings) -> VisionFeatures:
        try:
            data = tree.read_bytes(member, IMAGE_BYTES)
        except MemberError as exc:
            return VisionFeatures(depth=settings.depth, error=exc.reason)
        return self._analyse(data, settings)


def _unloaded(data: bytes, settings: VisionSettings) -> VisionFeatures:
    """The analyser when photos are not looked at (--images off): loaded only if it is called anyway."""
    from exposure_audit.media.vision.analyse import analyse_image

    return analyse_image(data, settings)
