"""The vision record: compact, picklable, round-trips through the item's `extra`, keyed for a cache."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from exposure_audit.media.vision.features import (
    ImageDepth,
    Mark,
    OcrScope,
    PersonFeatures,
    VisionFeatures,
    VisionSettings,
    decode,
    encode,
)

FEATURES = VisionFeatures(
    width=4000,
    height=3000,
    depth=ImageDepth.FULL,
    people=(
        PersonFeatures(
            box=(400, 120, 90, 120),
            found_by="frontal face",
            torso_visible=0.8,
            marks=(Mark.HI_VIS, Mark.LANYARD),
            words=("Border Force",),
        ),
    ),
    words=("POLICE",),
    ocr="full",
)


def test_encode_decode_round_trip() -> None:
    assert decode(encode(FEATURES)) == FEATURES
    failed = VisionFeatures(depth=ImageDepth.FAST, error="image data is damaged or truncated (OSError)")
    assert decode(encode(failed)) == failed


def test_record_is_compact_and_pickles() -> None:
    assert len(encode(FEATURES)) < 300
    assert pickle.loads(pickle.dumps(FEATURES)) == FEATURES


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[1, 2]",
        '{"people": [{"box": [1]}]}',
        '{"depth": "deep"}',
        '{"people": [{"box": [1, 2, 3, 4], "marks": ["NOPE"]}]}',
    ],
)
def test_decode_refuses_what_is_not_a_record(text: str) -> None:
    assert decode(text) is None


def test_cache_key_changes_with_every_setting_that_changes_the_result() -> None:
    base = VisionSettings(words=("ABF",))
    keys = {
        base.cache_key(),
        replace(base, depth=ImageDepth.FAST).cache_key(),
        replace(base, ocr_scope=OcrScope.FULL).cache_key(),
        replace(base, words=("ABF", "POLICE")).cache_key(),
        replace(base, max_pixels=1000).cache_key(),
    }
    assert len(keys) == 5
    assert VisionSettings(words=("B", "A")).cache_key() == VisionSettings(words=("A", "B")).cache_key()
