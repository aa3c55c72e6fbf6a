"""Finding people by their faces with OpenCV's bundled cascade, and where their torso is."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from exposure_audit.media.vision.people import Box, clip, find_faces, person_box, torso_box
from tests.conftest import FIXTURES

HEADS = FIXTURES / "uniform" / "sources"


def on_background(head: str, scale: float, grey: bool = False) -> np.ndarray:
    canvas = Image.new("RGB", (400, 320), (150, 160, 170))
    face = Image.open(HEADS / head).convert("RGB")
    face = face.resize((round(face.width * scale), round(face.height * scale)))
    canvas.paste(face, (120, 40))
    return np.asarray(canvas.convert("L").convert("RGB") if grey else canvas)


@pytest.mark.parametrize(
    ("head", "scale"),
    [("head_collins.png", 1.0), ("head_collins.png", 0.6), ("head_hopper.png", 0.8), ("head_hopper.png", 0.5)],
)
def test_real_faces_are_found(head: str, scale: float) -> None:
    faces = find_faces(on_background(head, scale))
    assert len(faces) == 1
    assert faces[0].box.x >= 110 and faces[0].box.y >= 30


def test_black_and_white_photos_skip_the_skin_check() -> None:
    assert len(find_faces(on_background("head_collins.png", 1.0, grey=True))) == 1


@pytest.mark.parametrize(
    "rgb",
    [
        np.full((300, 400, 3), 128, np.uint8),
        np.random.default_rng(3).integers(0, 255, (300, 400, 3), dtype=np.uint8),
        np.zeros((5, 5, 3), np.uint8),
    ],
)
def test_no_faces_in_plain_noise_or_tiny_images(rgb: np.ndarray) -> None:
    assert find_faces(rgb) == []


def test_a_cartoon_face_without_skin_tones_is_not_a_person() -> None:
    with Image.open(FIXTURES / "uniform" / "photos" / "IMG_2004.jpg") as cartoon:  # labels.json: cartoon-officer
        assert find_faces(np.asarray(cartoon.convert("RGB").resize((320, 400)))) == []


def test_torso_lies_below_the_face_and_wider_than_it() -> None:
    face = Box(100, 50, 40, 40)
    torso = torso_box(face)
    assert torso.y == 100 and torso.w == 104 and torso.x + torso.w / 2 == 120
    region = person_box(face)
    assert region.y < face.y and region.y + region.h == torso.y + torso.h
    assert clip(Box(-10, -10, 50, 50), 30, 30) == Box(0, 0, 30, 30)
