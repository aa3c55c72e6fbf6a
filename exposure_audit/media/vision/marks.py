"""Small things worn on the chest: a medal-ribbon bar, a badge-like patch, an ID card and its lanyard.

Each is found as a connected region of the torso crop that stands out from the fabric and has the
right shape, size and place: ribbons are a short horizontal bar of vertical stripes; a patch is a
compact region with a design inside it; an ID card is a light rectangle with print on it, often
hanging from a thin strap. A printed T-shirt or a patterned shirt produces many such regions, so
more than a few candidates means "pattern", not "badge".
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from exposure_audit.media.vision.features import Mark

_MAX_PATCHES = 3  # more compact regions than this is a pattern or a print, not insignia


@dataclass(frozen=True, slots=True)
class Region:
    x: int
    y: int
    w: int
    h: int
    area: int  # pixels inside the region (not the box)

    @property
    def fill(self) -> float:
        return self.area / max(1, self.w * self.h)


def _regions(mask: np.ndarray, fill_holes: bool = False) -> list[Region]:
    """Connected regions of a mask; with `fill_holes`, a region's area includes what it encloses."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    regions = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if fill_holes:
            area = _enclosed_area(labels[y : y + h, x : x + w] == index)
        regions.append(Region(x, y, w, h, area))
    return regions


def _enclosed_area(shape: np.ndarray) -> int:
    """Pixels of a region plus the holes inside it (what a flood from outside cannot reach)."""
    padded = np.pad(shape.astype(np.uint8), 1)
    outside = padded.copy()
    flood = np.zeros((padded.shape[0] + 2, padded.shape[1] + 2), np.uint8)
    cv2.floodFill(outside, flood, (0, 0), 2)
    return int((outside != 2).sum())


def _fabric_distance(rgb: np.ndarray) -> np.ndarray:
    """Per pixel: how far its colour is from the fabric's (the torso's median colour), in Lab units."""
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    fabric = np.median(lab.reshape(-1, 3), axis=0)
    distance: np.ndarray = np.sqrt(((lab - fabric) ** 2).sum(axis=2))
    return distance


def _inside(region: Region, shape: tuple[int, ...]) -> bool:
    """Not touching the crop's border (the background and the arms do)."""
    height, width = shape[:2]
    return region.x > 0 and region.y > 0 and region.x + region.w < width and region.y + region.h < height


def _colours(rgb: np.ndarray, region: Region, distance: np.ndarray) -> int:
    """How many distinct colours the region's non-fabric pixels hold: saturated hues in 30-degree
    bins, plus white."""
    box = rgb[region.y : region.y + region.h, region.x : region.x + region.w]
    own = distance[region.y : region.y + region.h, region.x : region.x + region.w] > 40
    hsv = cv2.cvtColor(box, cv2.COLOR_RGB2HSV)[own].astype(np.int16)
    if len(hsv) == 0:
        return 0
    saturated = hsv[(hsv[:, 1] >= 90) & (hsv[:, 2] >= 70)]
    counts = np.bincount(((saturated[:, 0] + 7) % 180) // 15, minlength=12)  # red straddles hue 0
    white = int(((hsv[:, 1] < 40) & (hsv[:, 2] >= 190)).sum())
    enough = max(3, int(0.04 * len(hsv)))
    return int((counts >= enough).sum()) + (1 if white >= enough else 0)


def _stripes(rgb: np.ndarray, region: Region) -> int:
    """Colour changes along a row of a region, the most of three rows (a rack may have gaps between rows)."""
    most = 0
    for y in (region.y + region.h // 4, region.y + region.h // 2, region.y + 3 * region.h // 4):
        row = rgb[y, region.x : region.x + region.w].astype(np.int16)
        if len(row) < 4:
            continue
        jumps = np.abs(np.diff(row, axis=0)).sum(axis=1) > 90
        most = max(most, int((jumps[1:] & ~jumps[:-1]).sum()))
    return most


def find_ribbons(rgb: np.ndarray, distance: np.ndarray) -> bool:
    """A short horizontal bar of vertical stripes in three or more colours (printed words have one)."""
    height, width = rgb.shape[:2]
    area = height * width
    distinct = (distance > 40).astype(np.uint8)
    bars = cv2.morphologyEx(distinct, cv2.MORPH_CLOSE, np.ones((3, 5), np.uint8))  # stripes and rows: one rack
    for region in _regions(bars):
        aspect = region.w / max(1, region.h)
        if not (1.8 <= aspect <= 14 and 0.002 * area <= region.area <= 0.06 * area and region.fill >= 0.6):
            continue
        if region.y > 0.7 * height or not _inside(region, rgb.shape):
            continue
        if _stripes(rgb, region) >= 3 and _colours(rgb, region, distance) >= 3:
            return True
    return False


def _in_a_line_of_text(region: Region, others: list[Region]) -> bool:
    """Another region of about the same height sits right beside it on the same baseline: letters."""
    for other in others:
        if other is region or not (0.6 <= other.h / max(1, region.h) <= 1.6):
            continue
        gap = max(other.x - (region.x + region.w), region.x - (other.x + other.w))
        if gap <= 0.6 * region.h and abs((other.y + other.h) - (region.y + region.h)) <= 0.3 * region.h:
            return True
    return False


def find_patches(rgb: np.ndarray, distance: np.ndarray) -> bool:
    height, width = rgb.shape[:2]
    area = height * width
    distinct = cv2.morphologyEx((distance > 45).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    regions = [r for r in _regions(distinct, fill_holes=True) if r.area >= 0.001 * area]  # ring emblems: filled
    candidates = [r for r in regions if r.area >= 0.003 * area]
    found = 0
    for region in candidates:
        aspect = region.w / max(1, region.h)
        # Compact: a printed word is wider than this, a stripe or a strap thinner.
        if not (0.6 <= aspect <= 1.6 and region.area <= 0.05 * area and region.fill >= 0.6):
            continue
        if region.y > 0.7 * height or not _inside(region, rgb.shape) or _in_a_line_of_text(region, regions):
            continue
        inside = grey[region.y : region.y + region.h, region.x : region.x + region.w]
        if float(inside.std()) >= 18:  # a design (letters, an emblem), not a plain stain or shadow
            found += 1
    return 1 <= found <= _MAX_PATCHES and len(candidates) <= _MAX_PATCHES + 3


def find_id_card(rgb: np.ndarray, hsv: np.ndarray) -> Region | None:
    height, width = rgb.shape[:2]
    area = height * width
    bright = ((hsv[..., 2] >= 170) & (hsv[..., 1] <= 70)).astype(np.uint8)
    light = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    for region in _regions(light, fill_holes=True):
        long_side, short_side = max(region.w, region.h), max(1, min(region.w, region.h))
        if not (1.2 <= long_side / short_side <= 1.9 and 0.005 * area <= region.w * region.h <= 0.08 * area):
            continue
        if region.fill < 0.75 or not _inside(region, rgb.shape):
            continue
        centre = region.x + region.w / 2
        if not (0.15 * width <= centre <= 0.85 * width):
            continue
        inside = grey[region.y : region.y + region.h, region.x : region.x + region.w]
        printed = float((inside < 120).mean())
        if 0.03 <= printed <= 0.6:  # a photo and a name on the card
            return region
    return None


def hangs_from_lanyard(rgb: np.ndarray, card: Region) -> bool:
    """A thin strap of one colour runs from the card's top edge up to the neckline."""
    if card.y < 3:
        return False
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    x0 = max(0, card.x - card.w // 2)
    x1 = min(rgb.shape[1], card.x + card.w + card.w // 2)
    above = lab[: card.y, x0:x1]
    seed_x = card.x + card.w // 2 - x0
    strap_colour = lab[card.y - 2, card.x + card.w // 2]
    close = (np.sqrt(((above - strap_colour) ** 2).sum(axis=2)) < 22).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(close, connectivity=8)
    seed = labels[card.y - 2, seed_x] if count > 1 else 0
    if seed == 0:
        return False
    top = int(stats[seed][1])
    share = float(stats[seed][4]) / max(1, above.shape[0] * above.shape[1])
    return bool(top <= 0.1 * rgb.shape[0] and share <= 0.35)


def accessory_marks(rgb: np.ndarray, hsv: np.ndarray) -> list[Mark]:
    distance = _fabric_distance(rgb)
    marks: list[Mark] = []
    if find_ribbons(rgb, distance):
        marks.append(Mark.RIBBONS)
    card = find_id_card(rgb, hsv)
    if card is not None:
        marks.append(Mark.LANYARD if hangs_from_lanyard(rgb, card) else Mark.ID_CARD)
    elif find_patches(rgb, distance):
        marks.append(Mark.PATCH)
    return marks
