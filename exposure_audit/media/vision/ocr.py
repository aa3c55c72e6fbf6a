"""Read text in a photo region with RapidOCR (PP-OCR detection and recognition models run by onnxruntime).

The models are the ones inside the `rapidocr` wheel (3.10 and later ship them and depend on the
headless OpenCV build). They are passed by path, so RapidOCR never reaches for its download code;
if they are missing, OCR is reported unavailable and the rest of the analysis goes on.

Settings chosen for speed on a CPU: one thread (the engine runs a process per core), no text
direction classifier (uniform text is upright), and detection on at most `DETECT_SIDE` pixels.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

DETECT_SIDE = 480  # the text detector's input, longest side
_MIN_SCORE = 0.5


class OcrUnavailable(Exception):
    """OCR cannot run here; `reason` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _model_files() -> tuple[Path, Path]:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise OcrUnavailable("the rapidocr package is not installed")
    models = Path(next(iter(spec.submodule_search_locations))) / "models"
    detection = sorted(models.glob("*det*.onnx"))
    recognition = sorted(models.glob("*rec*.onnx"))
    if not detection or not recognition:
        raise OcrUnavailable("the OCR models are not inside the installed rapidocr package")
    return detection[-1], recognition[-1]


@cache
def _engine(detect_side: int) -> Any:
    detection, recognition = _model_files()
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:  # e.g. onnxruntime missing
        raise OcrUnavailable(f"rapidocr cannot be imported ({exc})") from exc
    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Det.model_path": str(detection),
            "Det.limit_type": "max",
            "Det.limit_side_len": detect_side,
            "Rec.model_path": str(recognition),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def read_lines(rgb: np.ndarray, detect_side: int = DETECT_SIDE) -> list[str]:
    """The lines of text the OCR reads in an RGB image (uint8, H x W x 3) with reasonable confidence.

    Text is searched for on the image reduced to `detect_side` pixels (longest side) and read from the
    image as given, so a larger image helps recognition more than detection."""
    engine = _engine(detect_side)
    if rgb.shape[0] < 8 or rgb.shape[1] < 8:
        return []
    try:
        result = engine(np.ascontiguousarray(rgb[..., ::-1]))  # RapidOCR expects OpenCV's BGR order
    except Exception as exc:  # a model error on one odd crop must not end the photo's analysis
        raise OcrUnavailable(f"OCR failed on this image ({type(exc).__name__})") from exc
    texts = getattr(result, "txts", None) or ()
    scores = getattr(result, "scores", None) or ()
    return [str(t) for t, s in zip(texts, scores, strict=False) if float(s) >= _MIN_SCORE]
