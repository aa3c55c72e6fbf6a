"""Names cameras and phones give photo files are told from names a person chose."""

from __future__ import annotations

import pytest

from exposure_audit.media.file_names import camera_made


@pytest.mark.parametrize(
    "name",
    [
        "IMG_0001.JPG",
        "IMG_0001",
        "DSC01234.jpg",
        "DSCN0042.JPG",
        "PXL_20240101_123456789.jpg",
        "MVIMG_20240101_123456.jpg",
        "IMG-20240101-WA0001.jpeg",
        "P1000123.JPG",
        "GOPR0001.MP4",
        "WP_20140101_001.jpg",
        "20240101_123456.jpg",
    ],
)
def test_names_the_camera_gave(name: str) -> None:
    assert camera_made(name)


@pytest.mark.parametrize(
    "name",
    [
        "passing_out_parade.jpg",
        "ABF_0001.jpg",  # a word (an abbreviation) the person chose
        "IMG_0001_uniform.jpg",
        "IMG_0001.edited.jpg",
        "IMG_E1234.jpg",
        "IMG_1234 (1).jpg",
        "uniform.jpg",
        "",
    ],
)
def test_names_with_a_chosen_word(name: str) -> None:
    assert not camera_made(name)
