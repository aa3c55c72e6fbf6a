"""Chest marks: medal ribbons, badge-like patches, ID cards and lanyards; printed words and prints are not."""

from __future__ import annotations

import numpy as np
import pytest

from exposure_audit.media.vision.clothing import to_hsv
from exposure_audit.media.vision.features import Mark
from exposure_audit.media.vision.marks import accessory_marks
from tests.media.vision.torsos import FIGURES, solid, torso


def marks(rgb: np.ndarray) -> list[Mark]:
    return accessory_marks(rgb, to_hsv(rgb))


@pytest.mark.parametrize(
    ("rgb", "expected"),
    [
        (torso(colour=FIGURES.NAVY, ribbons=True), [Mark.RIBBONS]),
        (torso(seed=4, colour=FIGURES.BLACK, ribbons=True), [Mark.RIBBONS]),
        (torso(colour=FIGURES.NAVY, patch=True), [Mark.PATCH]),
        (torso(colour=FIGURES.KHAKI, patch=True), [Mark.PATCH]),
        (torso(colour=FIGURES.NAVY, id_card=True, lanyard=True), [Mark.LANYARD]),
        (torso(colour=FIGURES.NAVY, id_card=True), [Mark.ID_CARD]),
    ],
)
def test_should_mark(rgb: np.ndarray, expected: list[Mark]) -> None:
    assert marks(rgb) == expected


@pytest.mark.parametrize(
    "rgb",
    [
        solid(FIGURES.NAVY),
        torso(colour=FIGURES.NAVY, words=[("SECURITY", (240, 240, 240), 0.16, 0.13)]),  # one colour: not ribbons
        torso(colour=FIGURES.BLACK, words=[("IMMIGRATION", (240, 210, 60), 0.16, 0.11)]),
        torso(fabric="stripes", colour=(200, 30, 40), second=FIGURES.WHITE),
        torso(fabric="camo-woodland"),
    ],
)
def test_should_not_mark(rgb: np.ndarray) -> None:
    assert Mark.RIBBONS not in marks(rgb) and Mark.ID_CARD not in marks(rgb) and Mark.LANYARD not in marks(rgb)


def test_many_small_shapes_are_a_print_not_a_badge() -> None:
    rgb = solid(FIGURES.NAVY).copy()
    for row in range(4):
        for col in range(4):
            y, x = 12 + row * 30, 10 + col * 30
            rgb[y : y + 12, x : x + 12] = (230, 200, 40)
            rgb[y + 4 : y + 8, x + 4 : x + 8] = (200, 30, 30)
    assert Mark.PATCH not in marks(rgb)


def test_letters_of_a_printed_word_are_not_patches() -> None:
    shirt = torso(colour=(205, 210, 215), words=[("POLICE", FIGURES.NAVY, 0.2, 0.17)])
    assert Mark.PATCH not in marks(shirt)
