"""EXP601 uniform hints: the labelled photo set in every mode, how cues combine, and whole scans."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.media.vision.analyse import analyse_image
from exposure_audit.media.vision.features import (
    ImageDepth,
    Mark,
    PersonFeatures,
    VisionFeatures,
)
from exposure_audit.media.vision.photo import vision_settings
from exposure_audit.model import GeoPoint, Item, ItemKind, Level, MediaRef, Platform, Precision, SourceRef
from exposure_audit.policy.model import Site, Uniform, load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.uniform import APPEARANCE, AROUND, CONTEXT, TEXT, Cue, UniformInPhoto, level_of
from tests.conftest import FIXTURES
from tests.media.vision.odd_images import ODD_FILES

POLICY = load_policy(None)
COMPILED = compile_policy(POLICY)
SET = FIXTURES / "uniform"
LABELS = json.loads((SET / "labels.json").read_text(encoding="utf-8"))
LEVELS = ("none", "low", "medium", "high")
MODES = {"fast": ("fast", "people"), "full": ("full", "people"), "ocr_full": ("full", "full")}


def photo(
    *,
    context: str = "",
    features: VisionFeatures | None = None,
    geo: tuple[GeoPoint, ...] = (),
    name: str = "IMG_4410.jpg",
    kind: ItemKind = ItemKind.PHOTO,
) -> Item:
    extra = {"context": context} if context else {}
    return Item(
        kind=kind,
        platform=Platform.INSTAGRAM,
        source=SourceRef(archive="ig.zip", member=f"media/{name}"),
        identity=f"ig:{name}",
        media=(MediaRef(uri=f"media/{name}", member=f"media/{name}"),),
        geo=geo,
        extra=extra,
        vision=features,
    )


def level(item: Item, policy: object = POLICY) -> str:
    findings = list(UniformInPhoto(compile_policy(policy)).scan(item))  # type: ignore[arg-type]
    assert len(findings) <= 1
    return findings[0].confidence.value if findings else "none"


@cache
def labelled_features(file: str, mode: str) -> VisionFeatures:
    images, ocr = MODES[mode]
    return analyse_image((SET / file).read_bytes(), vision_settings(POLICY, images, ocr, DEFAULT_LIMITS))


# ------------------------------------------------------------------ the labelled photo set


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["name"])
def test_labelled_photo_reaches_its_level(label: dict[str, object], mode: str) -> None:
    low, high = label["expect"][mode]  # type: ignore[index]
    got = level(photo(features=labelled_features(str(label["file"]), mode)))
    assert LEVELS.index(low) <= LEVELS.index(got) <= LEVELS.index(high), f"{label['name']} in {mode}: {got}"


def test_labels_hold_the_promises_they_guard() -> None:
    """The ranges above are the acceptance criteria; this keeps them from being loosened quietly."""
    for label in LABELS:
        expect, group = label["expect"], label["group"]
        if group == "agency-text":
            assert expect["full"] == expect["ocr_full"] == ["high", "high"], label["name"]
        if group in ("hi-vis", "camouflage"):
            assert all(LEVELS.index(expect[m][0]) >= LEVELS.index("medium") for m in MODES), label["name"]
        if group == "hard-negative":
            assert all(LEVELS.index(expect[m][1]) <= LEVELS.index("low") for m in MODES), label["name"]
        if group in ("no-person", "hard-negative", "departmental-activity") and label["file"] >= "photos/IMG_2":
            assert expect["fast"] == expect["full"] == ["none", "none"], label["name"]
    groups = {label["group"] for label in LABELS}
    assert {"agency-text", "hi-vis", "camouflage", "hard-negative", "no-person"} <= groups


# ------------------------------------------------------------------ how cues combine


@pytest.mark.parametrize(
    ("cues", "expected"),
    [
        ([Cue(TEXT, 4, "", "")], Level.HIGH),
        ([Cue(APPEARANCE, 2, "", "")], Level.MEDIUM),
        ([Cue(APPEARANCE, 1, "", "")], Level.LOW),  # one weak cue alone is at most low
        ([Cue(APPEARANCE, 1, "", ""), Cue(APPEARANCE, 1, "", "")], Level.LOW),  # one family counts once
        ([Cue(APPEARANCE, 1, "", ""), Cue(CONTEXT, 1, "", "")], Level.MEDIUM),
        ([Cue(AROUND, 1, "", ""), Cue(AROUND, 1, "", "")], Level.MEDIUM),  # two leaning words
        ([Cue(APPEARANCE, 2, "", ""), Cue(AROUND, 2, "", "")], Level.HIGH),
        ([Cue(CONTEXT, 1, "", ""), Cue(CONTEXT, 1, "", "")], None),  # context alone is no finding
        ([Cue(APPEARANCE, 0, "", "")], None),
        ([], None),
    ],
)
def test_level_of(cues: list[Cue], expected: Level | None) -> None:
    assert level_of(cues) == expected


def test_an_examined_photo_without_anyone_in_it_lowers_the_level_one_step() -> None:
    parade = [Cue(AROUND, 2, "", ""), Cue(CONTEXT, 1, "", ""), Cue(CONTEXT, 1, "", "")]
    assert level_of(parade) is Level.HIGH and level_of(parade, nobody_seen=True) is Level.MEDIUM
    assert level_of([Cue(AROUND, 2, "", "")], nobody_seen=True) is Level.LOW
    assert level_of([Cue(AROUND, 1, "", "")], nobody_seen=True) is Level.LOW


def person(*marks: Mark, words: tuple[str, ...] = ()) -> PersonFeatures:
    return PersonFeatures(
        box=(400, 100, 100, 120), found_by="frontal face", torso_visible=1.0, marks=marks, words=words
    )


SEEN = VisionFeatures(width=800, height=600, depth=ImageDepth.FULL, ocr="people")
NOBODY = SEEN
DARK = replace(SEEN, people=(person(Mark.DARK),))
WORK = Site(name="Wharf gate", lat=-33.86010, lon=151.20440, radius_m=300)
AT_WORK = (GeoPoint(lat=-33.86050, lon=151.20400, precision=Precision.GPS, origin="exif"),)
AWAY = (GeoPoint(lat=-33.90000, lon=151.10000, precision=Precision.GPS, origin="exif"),)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (photo(context="Me in uniform, day one"), "medium"),  # image not examined: the words stand
        (photo(context="Me in uniform, day one", features=NOBODY), "low"),  # examined, nobody in it
        (photo(context="Me in uniform, day one", features=DARK), "medium"),
        (photo(context="Me in uniform, day one", features=replace(SEEN, people=(person(Mark.HI_VIS),))), "high"),
        (photo(context="Graduation at ABF College", features=DARK), "medium"),
        (photo(context="Beach day", features=DARK), "low"),
        (photo(context="Lunch with the Australian Border Force crew", features=NOBODY), "none"),
        (photo(features=replace(SEEN, people=(person(Mark.FLUORESCENT),))), "none"),
        (photo(features=replace(SEEN, people=(person(words=("POLICE",)),))), "medium"),
        (photo(features=replace(SEEN, people=(person(words=("SGT",)),))), "medium"),
        (photo(features=replace(SEEN, people=(person(words=("Border Force",)),))), "high"),
        (photo(features=replace(SEEN, words=("Border Force",))), "medium"),  # on a vessel, not a person
        (photo(features=replace(SEEN, words=("POLICE",))), "low"),  # a road sign
        (photo(features=replace(SEEN, people=(person(Mark.DARK), person(Mark.LANYARD)))), "low"),
        (photo(features=VisionFeatures(depth=ImageDepth.FULL, error="image data is damaged or truncated")), "none"),
        (photo(context="in uniform", kind=ItemKind.POST), "none"),  # the employer rules read posts
    ],
)
def test_should_and_should_not_flag(item: Item, expected: str) -> None:
    assert level(item) == expected


def test_a_geotag_at_a_workplace_adds_context() -> None:
    policy = POLICY.with_sites((WORK,))
    assert level(photo(features=DARK, geo=AT_WORK), policy) == "medium"
    assert level(photo(features=DARK, geo=AWAY), policy) == "low"
    assert level(photo(features=NOBODY, geo=AT_WORK), policy) == "none"
    parade = "Passing out parade at the ABF College"
    assert level(photo(context=parade, geo=AT_WORK), policy) == "high"  # not examined
    assert level(photo(context=parade, features=NOBODY, geo=AT_WORK), policy) == "medium"  # faces too small


def test_colours_count_only_when_the_policy_lists_them() -> None:
    khaki_only = replace(POLICY, uniform=replace(POLICY.uniform, colours=("khaki",)))
    assert level(photo(features=DARK), khaki_only) == "none"
    assert level(photo(features=replace(SEEN, people=(person(Mark.KHAKI),))), khaki_only) == "low"
    assert level(photo(features=replace(SEEN, people=(person(Mark.CAMOUFLAGE),))), khaki_only) == "medium"


def test_a_policy_without_uniform_cues_switches_the_rule_off() -> None:
    silent = replace(POLICY, uniform=Uniform())
    assert level(photo(context="in uniform", features=replace(SEEN, people=(person(Mark.HI_VIS),))), silent) == "none"


def test_the_finding_is_a_hint_with_its_cues_and_the_photo() -> None:
    item = photo(context="first shift", features=replace(SEEN, people=(person(Mark.HI_VIS),)))
    (finding,) = UniformInPhoto(COMPILED).scan(item)
    assert finding.rule == "EXP601" and finding.media == item.media and finding.match == "IMG_4410.jpg"
    assert finding.severity is finding.confidence is Level.HIGH
    assert any("hi-vis vest" in r for r in finding.reasons) and any("first shift" in r for r in finding.reasons)
    assert "not a verdict" in finding.reasons[-1] and "dismiss" in finding.action
    assert finding.guidance == POLICY.clauses_for(finding.category)
    again = photo(context="first shift", features=replace(SEEN, people=(person(Mark.DARK),)))
    assert next(iter(UniformInPhoto(COMPILED).scan(again))).fingerprint == finding.fingerprint  # same photo, same id


# ------------------------------------------------------------------ whole scans


def test_a_scan_of_awkward_images_finishes_with_a_level_or_a_reason_for_each(tmp_path: Path) -> None:
    folder = tmp_path / "camera-roll"
    folder.mkdir()
    for name, make in ODD_FILES.items():
        (folder / name).write_bytes(make())
    officer = next(label for label in LABELS if label["name"] == "border-force-navy")
    shutil.copy(SET / officer["file"], folder / "IMG_0007.jpg")
    report = run_audit([folder], POLICY, AuditOptions(jobs=1, platform=Platform.PHOTOS))
    flagged = {f.source.member: f for f in report.findings if f.rule == "EXP601"}
    skipped = {s.source.member: s.reason for s in report.skipped}
    assert flagged["IMG_0007.jpg"].confidence is Level.HIGH
    readable = {"huge-100mp.jpg", "cmyk.jpg", "depth16.png", "animated.gif", "phone.heic"}
    for name in ODD_FILES:
        if name in readable:
            assert name not in skipped, skipped.get(name)
        else:
            assert skipped.get(name), name
