"""The location rules end to end: a camera-roll folder (and its zip) through the whole audit."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.geo.distance import haversine_m
from exposure_audit.model import Platform
from exposure_audit.policy.model import Site, load_policy

LOCATION = Path(__file__).resolve().parents[2] / "fixtures" / "location"


def zip_folder(folder: Path, target: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, "Camera/" + path.relative_to(folder).as_posix())
    return target


@pytest.mark.parametrize("zipped", [False, True])
def test_commuter_camera_roll(tmp_path: Path, zipped: bool) -> None:
    persona = json.loads((LOCATION / "personas" / "commuter.json").read_text(encoding="utf-8"))
    planted = persona["planted"]
    photos = sum(1 for tag in persona["geotags"] if tag["source"] == "photo")
    site = Site(name="Airport cargo", lat=planted["work"][0], lon=planted["work"][1], radius_m=300)
    folder = LOCATION / "photos" / "commuter"
    source = zip_folder(folder, tmp_path / "camera.zip") if zipped else folder
    report = run_audit([source], load_policy(None).with_sites((site,)), AuditOptions(jobs=1))
    assert report.inputs[0].platform is Platform.PHOTOS and not report.skipped
    rules = Counter(f.rule for f in report.findings)
    assert rules["EXP501"] == photos
    assert rules["EXP502"] == sum(
        1
        for t in persona["geotags"]
        if t["source"] == "photo" and haversine_m(t["lat"], t["lon"], site.lat, site.lon) <= site.radius_m
    )
    for rule, spot in (("EXP505", "home"), ("EXP506", "work"), ("EXP507", "routine")):
        (finding,) = [f for f in report.findings if f.rule == rule]
        assert haversine_m(finding.geo[0].lat, finding.geo[0].lon, *planted[spot]) < 150
    routine = next(f for f in report.findings if f.rule == "EXP507")
    assert "geotagged photos" in routine.excerpt and "weekday mornings between 07:00 and 08:30" in routine.excerpt


@pytest.mark.parametrize("name", ["single", "none"])
def test_single_and_none_camera_rolls(name: str) -> None:
    report = run_audit([LOCATION / "photos" / name], load_policy(None), AuditOptions(jobs=1))
    assert not report.skipped
    assert {f.rule for f in report.findings} == ({"EXP501"} if name == "single" else set())


def test_every_image_format_through_the_audit(tmp_path: Path) -> None:
    from datetime import datetime

    from exposure_audit.geo.samples import FORMATS, SUFFIX, geotagged

    for index, fmt in enumerate(FORMATS):
        data = geotagged(fmt, seed=index, lat=-27.49312, lon=153.07538, taken=datetime(2024, 1, 1, 9))
        (tmp_path / f"IMG_{index}{SUFFIX[fmt]}").write_bytes(data)
    (tmp_path / "IMG_9.jpg").write_bytes(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\xff\xff\xff\xff")
    report = run_audit([tmp_path], load_policy(None), AuditOptions(jobs=1))
    located = sorted(f.source.member for f in report.findings if f.rule == "EXP501")
    assert located == [f"IMG_{i}{SUFFIX[fmt]}" for i, fmt in enumerate(FORMATS)]
    assert [(s.source.member, s.stage) for s in report.skipped] == [("IMG_9.jpg", "media")]
