"""What the image analysis found in one photo: a compact, picklable record with no pixels and no raw text.

`VisionFeatures` is the result of `analyse_image`. It depends only on the image's bytes and the
`VisionSettings` (depth, OCR scope, the words looked for), so a cache keyed by the image's content and
`VisionSettings.cache_key()` can store it and hand it back on a later run. Text read in the photo is
never kept as such: only the lexicon words that were recognised in it, so the record holds nothing
personal (a name badge's name is read, compared and dropped).

The record travels from the photo stage to the uniform scanner on the photo item (`Item.vision`);
the cache stores it as the compact JSON of `encode`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum

ANALYSIS_VERSION = 1  # bump when a change to the analysis changes its results (invalidates caches)


class ImageDepth(StrEnum):
    """--images: how much work to spend on the pixels of each photo."""

    OFF = "off"  # pixels are not examined; only the text around a photo counts
    FAST = "fast"  # people, clothing colours and patterns, badges and ID cards; no OCR
    FULL = "full"  # as fast, plus OCR of the regions of the people found


class OcrScope(StrEnum):
    """--ocr: where text is read when the depth is FULL."""

    PEOPLE = "people"  # only around the people found (cheap, and where uniform text is)
    FULL = "full"  # the whole photo as well (vehicles, signs, vessels; slower)


class Mark(StrEnum):
    """Appearance cues the analysis can report for one person (a fixed vocabulary)."""

    DARK = "dark navy or black top"
    KHAKI = "khaki or olive top"
    FLUORESCENT = "fluorescent top without reflective bands"
    HI_VIS = "hi-vis vest with reflective bands"
    CAMOUFLAGE = "camouflage pattern"
    RIBBONS = "medal-ribbon-like striped bar on the chest"
    PATCH = "badge-like patch or crest"
    ID_CARD = "ID-card-like rectangle on the chest"
    LANYARD = "ID card on a lanyard"


@dataclass(frozen=True, slots=True, kw_only=True)
class VisionSettings:
    """How the pixels are examined: the depth, where OCR looks, the words it looks for, the size cap."""

    depth: ImageDepth = ImageDepth.FULL
    ocr_scope: OcrScope = OcrScope.PEOPLE
    words: tuple[str, ...] = ()  # words to recognise in the photo (policy words and the general lexicon)
    max_pixels: int = 120_000_000  # decompression-bomb guard, per image (Limits.image_pixels)

    @property
    def enabled(self) -> bool:
        return self.depth is not ImageDepth.OFF

    def cache_key(self) -> str:
        """A digest of everything besides the image bytes that the result depends on."""
        payload = json.dumps(
            [ANALYSIS_VERSION, self.depth.value, self.ocr_scope.value, sorted(self.words), self.max_pixels]
        )
        return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonFeatures:
    """One person found in a photo: where their face is, how much of the torso shows, what it bears."""

    box: tuple[int, int, int, int]  # the face (x, y, w, h) in thousandths of the image's width/height
    found_by: str  # "frontal face" or "profile face"
    torso_visible: float  # share of the expected torso area that lies inside the picture
    marks: tuple[Mark, ...] = ()
    words: tuple[str, ...] = ()  # lexicon words read on this person (spelled as in the lexicon)


@dataclass(frozen=True, slots=True, kw_only=True)
class VisionFeatures:
    """Everything the image analysis found in one photo (no pixels, no text read as such)."""

    version: int = ANALYSIS_VERSION
    width: int = 0  # the image's full size in pixels
    height: int = 0
    depth: ImageDepth = ImageDepth.FAST
    people: tuple[PersonFeatures, ...] = ()
    words: tuple[str, ...] = ()  # lexicon words read elsewhere in the photo (whole-photo OCR)
    ocr: str = ""  # where OCR ran: "", "people", "full"; or why it could not: "unavailable: ..."
    error: str = ""  # why the image could not be examined ("" when it was)

    @property
    def examined(self) -> bool:
        return not self.error


def encode(features: VisionFeatures) -> str:
    """Compact JSON for the scan cache (runtime/cached_units.py)."""
    record: dict[str, object] = {
        "v": features.version,
        "size": [features.width, features.height],
        "depth": features.depth.value,
    }
    if features.people:
        record["people"] = [
            {
                "box": list(p.box),
                "by": p.found_by,
                "torso": round(p.torso_visible, 2),
                "marks": [m.name for m in p.marks],
                "words": list(p.words),
            }
            for p in features.people
        ]
    if features.words:
        record["words"] = list(features.words)
    if features.ocr:
        record["ocr"] = features.ocr
    if features.error:
        record["error"] = features.error
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> VisionFeatures | None:
    """The features encoded by `encode`, or None when the text is not such a record."""
    try:
        record = json.loads(text)
        width, height = record.get("size", [0, 0])
        people = tuple(
            PersonFeatures(
                box=(int(p["box"][0]), int(p["box"][1]), int(p["box"][2]), int(p["box"][3])),
                found_by=str(p.get("by", "")),
                torso_visible=float(p.get("torso", 0.0)),
                marks=tuple(Mark[name] for name in p.get("marks", [])),
                words=tuple(str(w) for w in p.get("words", [])),
            )
            for p in record.get("people", [])
        )
        return VisionFeatures(
            version=int(record.get("v", 0)),
            width=int(width),
            height=int(height),
            depth=ImageDepth(record.get("depth", "fast")),
            people=people,
            words=tuple(str(w) for w in record.get("words", [])),
            ocr=str(record.get("ocr", "")),
            error=str(record.get("error", "")),
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
