"""Torso colours and patterns: dark, khaki, fluorescent, hi-vis with bands, camouflage; and near misses."""

from __future__ import annotations

import numpy as np
import pytest

from exposure_audit.media.vision.clothing import colour_marks, is_camouflage, to_hsv
from exposure_audit.media.vision.features import Mark
from tests.media.vision.torsos import FIGURES, solid, torso


def marks(rgb: np.ndarray) -> list[Mark]:
    return colour_marks(to_hsv(rgb))


@pytest.mark.parametrize(
    ("rgb", "expected"),
    [
        (solid(FIGURES.NAVY), [Mark.DARK]),
        (solid(FIGURES.BLACK), [Mark.DARK]),
        (solid(FIGURES.KHAKI), [Mark.KHAKI]),
        (solid(FIGURES.OLIVE), [Mark.KHAKI]),
        (torso(fabric="hivis", second=FIGURES.HIVIS_YELLOW), [Mark.HI_VIS]),
        (torso(fabric="hivis", second=FIGURES.HIVIS_ORANGE), [Mark.HI_VIS]),
        (solid(FIGURES.HIVIS_YELLOW), [Mark.FLUORESCENT]),  # no reflective bands: not a vest
        (solid((250, 215, 0)), [Mark.FLUORESCENT]),  # a yellow football shirt
        (torso(fabric="camo-woodland"), [Mark.CAMOUFLAGE]),
        (torso(seed=5, fabric="camo-woodland"), [Mark.CAMOUFLAGE]),
        (torso(fabric="camo-desert"), [Mark.CAMOUFLAGE]),
        (torso(seed=9, fabric="camo-desert"), [Mark.CAMOUFLAGE]),
    ],
)
def test_should_mark(rgb: np.ndarray, expected: list[Mark]) -> None:
    assert marks(rgb) == expected


@pytest.mark.parametrize(
    "rgb",
    [
        solid((200, 200, 205)),  # light grey
        solid((180, 30, 40)),  # red
        solid((30, 110, 200)),  # mid blue
        solid((240, 240, 235)),  # white
        torso(fabric="stripes", colour=(200, 30, 40), second=FIGURES.WHITE),
        torso(fabric="hoops", colour=(20, 110, 50), second=FIGURES.WHITE),
    ],
)
def test_should_not_mark(rgb: np.ndarray) -> None:
    assert marks(rgb) == []


def test_a_brown_and_green_check_is_not_camouflage() -> None:
    check = torso(fabric="plaid", colour=(120, 80, 50), second=(200, 190, 160))
    assert not is_camouflage(to_hsv(check))


def test_a_gradient_of_shade_on_khaki_is_not_camouflage() -> None:
    shade = np.linspace(0.55, 1.1, 140)[:, None, None]
    rgb = np.clip(solid(FIGURES.KHAKI).astype(np.float32) * shade, 0, 255).astype(np.uint8)
    assert not is_camouflage(to_hsv(rgb))
