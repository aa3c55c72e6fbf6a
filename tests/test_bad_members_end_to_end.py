"""A corrupt member, a truncated JSON file and a zip bomb each give a Skipped line and a normal report."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from exposure_audit.cli import app
from tests.conftest import FIXTURES

LAYOUT = FIXTURES / "facebook" / "2025-json"
POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"


def damaged_download(tmp_path: Path) -> Path:
    """The 2025 fixture as a zip, plus a truncated posts file, a corrupt member and a zip bomb."""
    target = tmp_path / "facebook-damaged.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(LAYOUT.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(LAYOUT).as_posix())
        whole = (LAYOUT / POSTS).read_bytes()
        archive.writestr(POSTS.replace("_1.json", "_2.json"), whole[: len(whole) // 2])
        archive.writestr("your_facebook_activity/pages/pages_you've_liked.json", b"\x00\x9f\x92\x96 not json at all")
        archive.writestr("your_facebook_activity/posts/album/9.json", b"[" + b" " * (64 * 1024 * 1024) + b"]")
    return target


def test_each_damage_is_one_skipped_line_and_the_report_is_still_complete(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["scan", str(damaged_download(tmp_path)), "-f", "json", "-o", str(report_path)])
    assert result.exit_code == 1, result.output  # findings, not an error
    report = json.loads(report_path.read_text())
    reasons = {s["member"]: s["reason"] for s in report["skipped"]}
    assert (
        "truncated" in reasons[POSTS.replace("_1.json", "_2.json")].lower()
        or "invalid" in reasons[POSTS.replace("_1.json", "_2.json")].lower()
    )
    corrupt = reasons["your_facebook_activity/pages/pages_you've_liked.json"]
    assert "utf-8" in corrupt.lower() or "json" in corrupt.lower(), corrupt
    assert "zip bomb" in reasons["your_facebook_activity/posts/album/9.json"]
    clean = CliRunner().invoke(app, ["scan", str(LAYOUT), "-f", "json", "-o", str(tmp_path / "clean.json")])
    clean_rules = sorted(f["rule"] for f in json.loads((tmp_path / "clean.json").read_text())["findings"])
    damaged_rules = sorted(f["rule"] for f in report["findings"])
    assert clean.exit_code == 1
    assert set(clean_rules) <= set(damaged_rules), "the damage must not lose findings from the intact members"


def test_strict_turns_skips_into_exit_2_but_still_writes_nothing_half_done(tmp_path: Path) -> None:
    download = damaged_download(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["scan", str(download), "--strict", "--output-dir", str(out)])
    assert result.exit_code == 2
    assert "skipped" in result.output and "--strict" in result.output
    shutil.rmtree(out, ignore_errors=True)
