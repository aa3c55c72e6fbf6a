"""Label placement for the offline map: every label gets a spot where it covers no other label, no
marker ring and no fixed furniture (scale bar, north mark), or it is dropped and the caller lists it.

Greedy by priority (`Placer`), the way cartographers' point-feature placement usually works: labels are placed
one at a time in priority order (likely home before a town name); each tries candidate spots around
its anchor, nearest first (right, left, above, below and the diagonals), then the same directions
further out, where a leader line joins it to its anchor. Among the free spots of the nearest ring the
one covering the fewest geotag dots wins.

Text width is estimated from Arial's advance widths, and the renderer draws each label with exactly
that width (SVG `textLength`), so the boxes checked here are the boxes a browser lays out, whatever
sans-serif font it substitutes.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Arial advance widths (1/1000 em) of printable ASCII, space (32) to tilde (126).
_ASCII_WIDTHS = (
    278,
    278,
    355,
    556,
    556,
    889,
    667,
    191,
    333,
    333,
    389,
    584,
    278,
    333,
    278,
    278,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    278,
    278,
    584,
    584,
    584,
    556,
    1015,
    667,
    667,
    722,
    722,
    667,
    611,
    778,
    722,
    278,
    500,
    667,
    556,
    833,
    722,
    778,
    667,
    778,
    722,
    667,
    611,
    722,
    667,
    944,
    667,
    667,
    611,
    278,
    278,
    278,
    469,
    556,
    333,
    556,
    556,
    500,
    556,
    556,
    278,
    556,
    556,
    222,
    222,
    500,
    222,
    833,
    556,
    556,
    556,
    556,
    333,
    500,
    278,
    556,
    500,
    722,
    500,
    500,
    500,
    334,
    260,
    334,
    584,
)
BOLD_FACTOR = 1.08  # semibold text runs about this much wider
GAP = 3.0  # px between a label and its anchor's edge
PAD = 2.0  # px kept free around every label box
RINGS = (0.0, 18.0, 40.0)  # extra distance of each candidate ring; beyond the first, a leader line


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width in px of `text` at `size` px (Arial metrics; wide East Asian glyphs 1 em)."""
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code <= 126:
            total += _ASCII_WIDTHS[code - 32]
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1000
        elif unicodedata.combining(char):
            continue
        else:
            total += 600  # accented Latin, Greek, Cyrillic: close to an average letter
    return total / 1000 * size * (BOLD_FACTOR if bold else 1.0)


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return (
            self.x0 - pad < other.x1
            and other.x0 < self.x1 + pad
            and self.y0 - pad < other.y1
            and other.y0 < self.y1 + pad
        )

    def inside(self, width: float, height: float, margin: float = 2.0) -> bool:
        return self.x0 >= margin and self.y0 >= margin and self.x1 <= width - margin and self.y1 <= height - margin

    def contains(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.y0 - pad <= y <= self.y1 + pad


def circle_box(x: float, y: float, r: float) -> Box:
    return Box(x - r, y - r, x + r, y + r)


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelRequest:
    text: str
    x: float  # the anchor
    y: float
    radius: float  # the anchor's drawn size: labels start outside it
    size: float  # font size, px
    bold: bool = False
    far: bool = True  # may stand apart with a leader line; a town name sits by its mark or not at all


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacedLabel:
    request: LabelRequest
    x: float  # text start (text-anchor start)
    baseline: float
    width: float
    box: Box
    leader: tuple[float, float, float, float] | None  # from the anchor's edge to the box, when set apart


def _box_at(request: LabelRequest, width: float, dx: float, dy: float, reach: float) -> Box:
    """The label box in direction (dx, dy) (each -1, 0 or 1) at `reach` px beyond the anchor's edge."""
    height = request.size * 1.2
    r = request.radius + GAP + reach
    # Diagonal spots sit on the circle's diagonal, not on its bounding square's corner.
    k = r / math.sqrt(2) if dx and dy else r
    cx, cy = request.x + dx * k, request.y + dy * k
    x0 = cx if dx > 0 else cx - width if dx < 0 else cx - width / 2
    y0 = cy if dy > 0 else cy - height if dy < 0 else cy - height / 2
    return Box(x0, y0, x0 + width, y0 + height)


# Preferred directions, the usual cartographic order: right, upper right, left, ..., below.
DIRECTIONS = ((1, 0), (1, -1), (-1, 0), (-1, -1), (0, -1), (1, 1), (-1, 1), (0, 1))


def _leader(request: LabelRequest, box: Box) -> tuple[float, float, float, float]:
    nx = min(max(request.x, box.x0), box.x1)
    ny = min(max(request.y, box.y0), box.y1)
    angle = math.atan2(ny - request.y, nx - request.x)
    return (request.x + request.radius * math.cos(angle), request.y + request.radius * math.sin(angle), nx, ny)


class Placer:
    """Places labels one at a time, most important first, on a map of `width` x `height` px; every
    placed label and every blocked box is avoided by the labels after it."""

    def __init__(
        self, width: float, height: float, obstacles: Sequence[Box] = (), dots: Sequence[tuple[float, float]] = ()
    ) -> None:
        self.width, self.height = width, height
        self.taken = list(obstacles)
        self.labels: list[Box] = []  # the placed labels alone
        self.dots = dots  # geotag dots: covered only when no free spot avoids them

    def free(self, box: Box) -> bool:
        return box.inside(self.width, self.height) and not any(box.overlaps(t, PAD) for t in self.taken)

    def clear_of_labels(self, box: Box) -> bool:
        return not any(box.overlaps(t, PAD) for t in self.labels)

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def place(self, request: LabelRequest) -> PlacedLabel | None:
        label_width = text_width(request.text, request.size, request.bold)
        choice: tuple[int, Box, float] | None = None
        for reach in RINGS if request.far else RINGS[:1]:
            for dx, dy in DIRECTIONS:
                box = _box_at(request, label_width, dx, dy, reach)
                if not self.free(box):
                    continue
                covered = sum(1 for x, y in self.dots if box.contains(x, y, 2.0))
                if choice is None or covered < choice[0]:
                    choice = (covered, box, reach)
                if covered == 0:
                    break
            if choice is not None:
                break
        if choice is None:
            return None
        _, box, reach = choice
        self.block(box)
        self.labels.append(box)
        return PlacedLabel(
            request=request,
            x=box.x0,
            baseline=box.y0 + request.size * 0.93,
            width=label_width,
            box=box,
            leader=_leader(request, box) if reach > 0 else None,
        )
