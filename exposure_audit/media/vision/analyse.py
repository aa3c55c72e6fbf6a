"""analyse_image(): one photo's bytes -> `VisionFeatures` (people, what they wear, agency words read).

Stages, cheapest first, so most photos cost a reduced-scale decode and one face search:

1. decode at reduced scale (`loading`), the decompression-bomb guard first;
2. find faces (`people`); no person and no whole-photo OCR asked for -> done;
3. per person: the torso below the face, its colours and patterns (`clothing`), and ribbons,
   patches, ID cards (`marks`);
4. depth FULL: a second, larger decode, then OCR of each person's region (head and torso)
   (`ocr`), matched against the lexicon (`words`); scope FULL: the whole photo as well.

The function is pure: same bytes and settings, same result. It returns a record without pixels or
raw text, fit for a cache keyed by the image content and `settings.cache_key()`.
"""

from __future__ import annotations

from typing import IO

import cv2
import numpy as np

from exposure_audit.media.vision import clothing, marks, ocr
from exposure_audit.media.vision.features import (
    ImageDepth,
    Mark,
    OcrScope,
    PersonFeatures,
    VisionFeatures,
    VisionSettings,
)
from exposure_audit.media.vision.loading import ImageError, decode_reduced
from exposure_audit.media.vision.people import Box, Face, clip, find_faces, person_box, torso_box
from exposure_audit.media.vision.words import WordMatcher

WORK_SIDE = 640  # colours, patterns and marks are measured at this scale
DETECT_SIDE = 400  # faces are searched at this scale
OCR_SIDE = 2048  # depth FULL decodes this large, so text on a chest is still legible in the crop
PHOTO_OCR_SIDE = 960  # the text detector's input for whole-photo OCR
_MIN_TORSO_VISIBLE = 0.25


def _resized(rgb: np.ndarray, side: int) -> np.ndarray:
    height, width = rgb.shape[:2]
    scale = side / max(height, width)
    if scale >= 1.0:
        return rgb
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized: np.ndarray = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    return resized


def _crop(rgb: np.ndarray, box: Box) -> np.ndarray:
    return rgb[box.y : box.y + box.h, box.x : box.x + box.w]


def _appearance(work: np.ndarray, face: Box) -> tuple[float, list[Mark]]:
    """Share of the torso inside the picture, and the marks found on it."""
    height, width = work.shape[:2]
    expected = torso_box(face)
    visible = clip(expected, width, height)
    share = visible.area / max(1, expected.area)
    if share < _MIN_TORSO_VISIBLE or visible.w < 16 or visible.h < 16:
        return share, []
    torso = _crop(work, visible)
    scale = clothing.TORSO_WIDTH / visible.w
    torso = cv2.resize(torso, (clothing.TORSO_WIDTH, max(8, round(visible.h * scale))), interpolation=cv2.INTER_AREA)
    hsv = clothing.to_hsv(torso)
    return share, clothing.colour_marks(hsv) + marks.accessory_marks(torso, hsv)


def _people(work: np.ndarray) -> list[tuple[Face, float, list[Mark]]]:
    detect = _resized(work, DETECT_SIDE)
    to_work = work.shape[1] / detect.shape[1]
    found = []
    for face in find_faces(detect):
        scaled = Face(face.box.scaled(to_work), face.found_by)
        share, worn = _appearance(work, scaled.box)
        found.append((scaled, share, worn))
    return found


def _per_mille(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    return (
        round(box.x * 1000 / width),
        round(box.y * 1000 / height),
        round(box.w * 1000 / width),
        round(box.h * 1000 / height),
    )


def _read_person(big: np.ndarray, face: Box, to_big: float, matcher: WordMatcher) -> tuple[str, ...]:
    height, width = big.shape[:2]
    region = clip(person_box(face.scaled(to_big)), width, height)
    if region.w < 16 or region.h < 16:
        return ()
    return tuple(matcher.find(ocr.read_lines(_crop(big, region))))


def analyse_image(source: bytes | IO[bytes], settings: VisionSettings) -> VisionFeatures:
    """What the photo shows that may be a uniform; never raises for bad image data."""
    data = source if isinstance(source, bytes) else source.read()
    if not settings.enabled:
        return VisionFeatures(depth=settings.depth, error="images are not examined (--images off)")
    try:
        decoded = decode_reduced(data, WORK_SIDE, settings.max_pixels)
    except ImageError as exc:
        return VisionFeatures(depth=settings.depth, error=exc.reason)
    try:
        return _analyse(data, decoded.image, decoded.width, decoded.height, settings)
    except ImageError as exc:  # the larger decode for OCR failed where the small one did not
        return VisionFeatures(width=decoded.width, height=decoded.height, depth=settings.depth, error=exc.reason)
    except Exception as exc:  # an OpenCV error on a strange image: this photo only, with the reason
        return VisionFeatures(
            width=decoded.width,
            height=decoded.height,
            depth=settings.depth,
            error=f"image analysis failed ({type(exc).__name__})",
        )


def _analyse(data: bytes, image: object, width: int, height: int, settings: VisionSettings) -> VisionFeatures:
    work = np.asarray(image)
    people = _people(work)
    whole_photo = settings.ocr_scope is OcrScope.FULL
    read: list[tuple[str, ...]] = [() for _ in people]
    elsewhere: tuple[str, ...] = ()
    ocr_done = ""
    if settings.depth is ImageDepth.FULL and (people or whole_photo):
        # Only photos that need text read pay for the second, larger decode.
        big = np.asarray(decode_reduced(data, OCR_SIDE, settings.max_pixels).image)
        matcher = WordMatcher(settings.words)
        to_big = big.shape[1] / work.shape[1]
        try:
            read = [_read_person(big, face.box, to_big, matcher) for face, _, _ in people]
            if whole_photo:
                lines = ocr.read_lines(big, PHOTO_OCR_SIDE)
                on_people = {w for words in read for w in words}
                elsewhere = tuple(w for w in matcher.find(lines) if w not in on_people)
            ocr_done = settings.ocr_scope.value if whole_photo else OcrScope.PEOPLE.value
        except ocr.OcrUnavailable as exc:
            ocr_done = f"unavailable: {exc.reason}"
    work_h, work_w = work.shape[:2]
    return VisionFeatures(
        width=width,
        height=height,
        depth=settings.depth,
        people=tuple(
            PersonFeatures(
                box=_per_mille(face.box, work_w, work_h),
                found_by=face.found_by,
                torso_visible=round(share, 2),
                marks=tuple(worn),
                words=words,
            )
            for (face, share, worn), words in zip(people, read, strict=True)
        ),
        words=elsewhere,
        ocr=ocr_done,
    )
