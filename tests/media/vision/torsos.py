"""Torso crops for the clothing and chest-mark tests, drawn with the photo set's own figure code."""

from __future__ import annotations

import importlib.util
import random
import sys
from types import ModuleType

import numpy as np
from PIL import Image, ImageDraw

from tests.conftest import FIXTURES


def _figures() -> ModuleType:
    spec = importlib.util.spec_from_file_location("uniform_figures", FIXTURES / "uniform" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


FIGURES = _figures()
SIZE = (128, 140)  # the analysis resizes every torso to 128 pixels wide


def torso(seed: int = 1, **outfit: object) -> np.ndarray:
    """An RGB torso crop wearing the outfit (see figures.Outfit), with the chest decorations drawn."""
    rng = random.Random(seed)
    chosen = FIGURES.Outfit(**outfit)
    cloth = FIGURES.fabric(chosen, SIZE, rng)
    draw = ImageDraw.Draw(cloth)
    width, height = SIZE
    if chosen.fabric == "hivis":
        FIGURES._hivis(draw, chosen, width, height)
    if chosen.ribbons:
        FIGURES._ribbons(draw, round(width * 0.55), round(height * 0.18), 4, rng)
    if chosen.patch:
        FIGURES._patch(draw, round(width * 0.15), round(height * 0.15), 20)
    if chosen.id_card:
        anchor = (width // 2, 0) if chosen.lanyard else None
        FIGURES._id_card(draw, width // 2 - 9, round(height * 0.35), 18, anchor)
    for words, colour, y, size in chosen.words:
        FIGURES._text(draw, (0, 0, width, height), words, colour, y, size)
    return np.asarray(FIGURES.noise(cloth, rng, 3.0))


def solid(colour: tuple[int, int, int]) -> np.ndarray:
    return np.asarray(Image.new("RGB", SIZE, colour))
