"""Find people by their faces, with the detector that ships inside OpenCV 4 (Haar cascades in `cv2.data`).

Why these: they are bundled with the opencv-python-headless wheel, need no download and run offline.
Better face detectors exist (CenterFace, YuNet), but on PyPI their weights come either with a package
that pulls in the GUI build of OpenCV or from a download at run time. The frontal cascade finds
upright faces turned less than about 45 degrees, of 20 pixels and more at the detection scale; a
person seen from the side or from behind, or a crowd of small faces, is missed. (The profile cascade
would add about 60 ms per photo for each direction, more than the whole budget of the fast mode.)

Each candidate face must also show skin tones (unless the photo is black and white): the cascades fire
now and then on textures such as foliage or camouflage, and a face that is not there would send its
"torso" to the clothing cues.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

MAX_PEOPLE = 6  # the largest faces only: a crowd's background faces add work, not evidence
_MIN_FACE = 20  # pixels at the detection scale; the cascades' own window is 20-24 px


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def area(self) -> int:
        return self.w * self.h

    def overlap(self, other: Box) -> float:
        """Intersection over the smaller box's area."""
        ix = max(0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        return ix * iy / max(1, min(self.area, other.area))

    def scaled(self, factor: float) -> Box:
        return Box(round(self.x * factor), round(self.y * factor), round(self.w * factor), round(self.h * factor))


@dataclass(frozen=True, slots=True)
class Face:
    box: Box  # in the coordinates of the image given to `find_faces`
    found_by: str


@cache
def _cascade() -> cv2.CascadeClassifier:
    # One thread per process: the engine already runs one process per core.
    cv2.setNumThreads(1)
    folder: str = cv2.data.haarcascades  # type: ignore[attr-defined]
    frontal = cv2.CascadeClassifier(folder + "haarcascade_frontalface_alt2.xml")
    if frontal.empty():
        raise RuntimeError("OpenCV's face cascades are missing (opencv-python-headless 5 dropped them; use 4.x)")
    return frontal


def _detect(cascade: cv2.CascadeClassifier, grey: np.ndarray) -> list[Box]:
    # Few neighbours for recall; the skin check below removes most of what that lets through.
    found = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=3, minSize=(_MIN_FACE, _MIN_FACE))
    return [Box(int(x), int(y), int(w), int(h)) for (x, y, w, h) in found]


def _skin(rgb: np.ndarray) -> np.ndarray:
    """Skin tones of any complexion (a classic YCrCb range)."""
    ycrcb = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2YCrCb)
    cr, cb = ycrcb[..., 1], ycrcb[..., 2]
    mask: np.ndarray = (cr >= 133) & (cr <= 178) & (cb >= 72) & (cb <= 130)
    return mask


def _colourless(rgb: np.ndarray) -> bool:
    return float(cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)[..., 1].mean()) < 18


def _looks_like_skin(rgb: np.ndarray, box: Box) -> bool:
    """The middle of the face box holds skin tones, or the photo has no colour to check."""
    x0, y0 = box.x + box.w // 5, box.y + box.h // 5
    patch = rgb[y0 : y0 + box.h * 3 // 5, x0 : x0 + box.w * 3 // 5]
    if patch.size == 0:
        return False
    return _colourless(patch) or float(_skin(patch).mean()) >= 0.3


def _fitted(rgb: np.ndarray, box: Box) -> Box:
    """The face box shrunk to the skin it holds, when the cascade's box is clearly too large.

    With few neighbours required, the cascade sometimes merges windows into a box twice the face's
    size, which would put the "torso" far below the person. The largest skin region in the box's
    upper part (the face, not a skin-coloured shirt below it) gives the face's real width."""
    upper = rgb[box.y : box.y + box.h * 3 // 5, box.x : box.x + box.w]
    if upper.size == 0 or _colourless(upper):
        return box
    count, _, stats, _ = cv2.connectedComponentsWithStats(_skin(upper).astype(np.uint8), connectivity=8)
    if count < 2:
        return box
    x, y, w, _, _ = (int(v) for v in stats[1 + int(np.argmax(stats[1:, 4]))])
    if w >= 0.6 * box.w or w < _MIN_FACE // 2:  # a fitting box holds cheek to cheek in most of its width
        return box
    return Box(box.x + x, box.y + y, w, w)  # cascade boxes are square


def find_faces(rgb: np.ndarray) -> list[Face]:
    """Faces in an RGB image (uint8, H x W x 3), largest first, at most MAX_PEOPLE."""
    grey = cv2.equalizeHist(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    candidates = [Face(b, "frontal face") for b in _detect(_cascade(), grey)]
    kept: list[Face] = []
    for face in sorted(candidates, key=lambda f: -f.box.area):
        if any(face.box.overlap(k.box) > 0.4 for k in kept):
            continue
        if _looks_like_skin(rgb, face.box):
            kept.append(Face(_fitted(rgb, face.box), face.found_by))
    kept.sort(key=lambda f: -f.box.area)
    return kept[:MAX_PEOPLE]


def torso_box(face: Box) -> Box:
    """Where the chest and shoulders of a person facing the camera are, from the face box."""
    cx = face.x + face.w / 2
    return Box(round(cx - 1.3 * face.w), round(face.y + 1.25 * face.h), round(2.6 * face.w), round(2.6 * face.h))


def person_box(face: Box) -> Box:
    """Head (with a cap badge) and torso: the region read by OCR."""
    torso = torso_box(face)
    top = round(face.y - 0.6 * face.h)
    return Box(torso.x, top, torso.w, torso.y + torso.h - top)


def clip(box: Box, width: int, height: int) -> Box:
    x0, y0 = max(0, box.x), max(0, box.y)
    x1, y1 = min(width, box.x + box.w), min(height, box.y + box.h)
    return Box(x0, y0, max(0, x1 - x0), max(0, y1 - y0))
