"""analyse_image: stages run only when needed, results are pure and compact, bad images never raise."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from exposure_audit.media.vision.analyse import analyse_image
from exposure_audit.media.vision.features import ImageDepth, OcrScope, VisionSettings
from exposure_audit.media.vision.words import lexicon
from exposure_audit.policy.model import load_policy
from tests.conftest import FIXTURES
from tests.media.vision.odd_images import ODD_FILES

PHOTOS = FIXTURES / "uniform"
NAMED = {label["name"]: PHOTOS / label["file"] for label in json.loads((PHOTOS / "labels.json").read_text())}
FULL = VisionSettings(depth=ImageDepth.FULL, words=lexicon(load_policy(None).uniform.words))
FAST = replace(FULL, depth=ImageDepth.FAST)


def test_full_depth_reads_agency_words_on_the_person() -> None:
    features = analyse_image(NAMED["border-force-navy"].read_bytes(), FULL)
    assert features.examined and len(features.people) == 1
    assert features.people[0].words == ("Border Force",)
    assert features.ocr == "people" and features.words == ()


def test_fast_depth_reads_no_text() -> None:
    features = analyse_image(NAMED["border-force-navy"].read_bytes(), FAST)
    assert len(features.people) == 1 and features.people[0].words == () and features.ocr == ""


def test_a_photo_without_people_stops_after_the_face_search() -> None:
    features = analyse_image(NAMED["vessel"].read_bytes(), FULL)
    assert features.people == () and features.ocr == "" and features.words == ()


def test_whole_photo_ocr_reads_words_away_from_people() -> None:
    features = analyse_image(NAMED["vessel"].read_bytes(), replace(FULL, ocr_scope=OcrScope.FULL))
    assert features.words == ("Border Force",) and features.ocr == "full"


def test_pure_and_accepts_a_file_handle() -> None:
    data = NAMED["hivis-yellow"].read_bytes()
    assert analyse_image(data, FULL) == analyse_image(io.BytesIO(data), FULL)


def test_images_off_examines_nothing() -> None:
    features = analyse_image(NAMED["hivis-yellow"].read_bytes(), replace(FULL, depth=ImageDepth.OFF))
    assert not features.examined and "--images off" in features.error


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_awkward_files_get_a_result_or_a_reason_never_an_exception(name: str) -> None:
    features = analyse_image(ODD_FILES[name](), FULL)
    readable = {"huge-100mp.jpg", "cmyk.jpg", "depth16.png", "animated.gif", "phone.heic"}
    assert features.examined == (name in readable), features.error
    assert features.error or features.width > 0
