"""Looking at the pixels of photos for uniform cues, offline, with the models that ship in installed wheels.

Entry points (imported from their modules, so that importing this package does not load OpenCV):
`vision.analyse.analyse_image` (pure: image bytes and settings -> `VisionFeatures`, cacheable),
`vision.photo.PhotoExaminer` (the engine's photo-phase hook) and `vision.photo.vision_settings`
(from --images/--ocr). The records and their `encode`/`decode` pair are re-exported here.
"""

from exposure_audit.media.vision.features import (
    ANALYSIS_VERSION,
    ImageDepth,
    Mark,
    OcrScope,
    PersonFeatures,
    VisionFeatures,
    VisionSettings,
    decode,
    encode,
)

__all__ = [
    "ANALYSIS_VERSION",
    "ImageDepth",
    "Mark",
    "OcrScope",
    "PersonFeatures",
    "VisionFeatures",
    "VisionSettings",
    "decode",
    "encode",
]
