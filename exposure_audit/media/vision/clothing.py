"""Colour and pattern of the clothing on a torso: dark navy/black, khaki/olive, fluorescent, hi-vis, camouflage.

All thresholds work on OpenCV's 8-bit HSV (hue 0-179, saturation and value 0-255) of a torso crop
resized to a fixed width, so the cost per person is constant. What colour cannot tell apart is left
apart on purpose: dark navy and black are one cue (in ordinary light they are the same pixels), and a
fluorescent top only becomes a hi-vis vest when it carries grey reflective bands.
"""

from __future__ import annotations

import cv2
import numpy as np

from exposure_audit.media.vision.features import Mark

TORSO_WIDTH = 128  # pixels; the torso crop is resized to this width before any measurement

_DARK_SHARE = 0.45
_KHAKI_SHARE = 0.45
_FLUORESCENT_SHARE = 0.30


def to_hsv(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)


def _channels(hsv: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return hsv[..., 0].astype(np.int16), hsv[..., 1].astype(np.int16), hsv[..., 2].astype(np.int16)


def dark_mask(hsv: np.ndarray) -> np.ndarray:
    _, _, v = _channels(hsv)
    return v < 75


def khaki_mask(hsv: np.ndarray) -> np.ndarray:
    h, s, v = _channels(hsv)
    return (h >= 10) & (h <= 40) & (s >= 45) & (s <= 175) & (v >= 70) & (v <= 215)


def fluorescent_mask(hsv: np.ndarray) -> np.ndarray:
    h, s, v = _channels(hsv)
    yellow = (h >= 22) & (h <= 42) & (s >= 150) & (v >= 170)
    orange = (h >= 2) & (h <= 18) & (s >= 170) & (v >= 170)
    return yellow | orange


def silver_mask(hsv: np.ndarray) -> np.ndarray:
    """Retro-reflective tape photographed without flash: light, grey, unsaturated."""
    _, s, v = _channels(hsv)
    return (s < 45) & (v >= 110) & (v <= 245)


def has_reflective_band(hsv: np.ndarray, fluorescent: np.ndarray) -> bool:
    """A horizontal grey band across the fluorescent fabric, with fluorescent fabric above and below it."""
    rows = hsv.shape[0]
    silver_rows = silver_mask(hsv).mean(axis=1) >= 0.45
    fluoro_rows = fluorescent.mean(axis=1) >= 0.2
    min_run, max_run = max(2, int(rows * 0.03)), max(3, int(rows * 0.25))
    start = None
    for index in range(rows + 1):
        inside = index < rows and bool(silver_rows[index])
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            run = index - start
            if min_run <= run <= max_run and fluoro_rows[:start].any() and fluoro_rows[index:].any():
                return True
            start = None
    return False


def _camouflage_labels(hsv: np.ndarray) -> np.ndarray:
    """Each pixel's camouflage palette class (1-6), or 0 when it is not an earth or foliage tone."""
    h, s, v = _channels(hsv)
    labels = np.zeros(h.shape, dtype=np.uint8)
    earth = (h >= 5) & (h <= 45) & (s >= 30) & (s <= 210) & (v >= 45) & (v <= 210)
    green = (h > 45) & (h <= 85) & (s >= 35) & (v >= 35) & (v <= 190)
    labels[earth & (h < 20) & (v < 120)] = 1  # dark brown
    labels[earth & (h < 20) & (v >= 120)] = 2  # tan
    labels[earth & (h >= 20) & (v < 120)] = 3  # dark olive
    labels[earth & (h >= 20) & (v >= 120)] = 4  # khaki
    labels[green] = 5  # foliage green
    labels[(v < 55) & (labels == 0)] = 6  # black
    return labels


def is_camouflage(hsv: np.ndarray) -> bool:
    """Blotches of three or more earth/foliage tones covering the torso, none of them dominant."""
    labels = cv2.medianBlur(_camouflage_labels(hsv), 3)
    if float((labels > 0).mean()) < 0.75:
        return False
    shares = np.bincount(labels.ravel(), minlength=7)[1:] / labels.size
    if int((shares >= 0.08).sum()) < 3 or float(shares.max()) > 0.75:
        return False
    # Blotchy, not a gradient of shade or a few folds: the class changes often along rows and columns.
    across = labels[:, 1:] != labels[:, :-1]
    down = labels[1:, :] != labels[:-1, :]
    if across.sum() / labels.shape[0] < 4.0 or down.sum() / labels.shape[1] < 4.0:
        return False
    # Irregular, not woven: a check or stripes puts its edges on a few straight lines.
    return _on_straight_lines(across, axis=0) < 0.35 and _on_straight_lines(down, axis=1) < 0.35


def _on_straight_lines(edges: np.ndarray, axis: int) -> float:
    """Share of the edges that lie on lines (columns for axis 0) crossed along most of their length."""
    per_line = edges.mean(axis=axis)
    total = float(edges.sum())
    if total == 0:
        return 0.0
    lines = per_line >= 0.4
    return float(edges.sum(axis=axis)[lines].sum()) / total


def colour_marks(hsv: np.ndarray) -> list[Mark]:
    """Colour and pattern cues of one torso (HSV crop)."""
    if is_camouflage(hsv):
        return [Mark.CAMOUFLAGE]
    fluorescent = fluorescent_mask(hsv)
    if float(fluorescent.mean()) >= _FLUORESCENT_SHARE:
        return [Mark.HI_VIS if has_reflective_band(hsv, fluorescent) else Mark.FLUORESCENT]
    if float(dark_mask(hsv).mean()) >= _DARK_SHARE:
        return [Mark.DARK]
    if float(khaki_mask(hsv).mean()) >= _KHAKI_SHARE:
        return [Mark.KHAKI]
    return []
