"""Hostile zip structure: escaping names, repeated names, encryption, links, a cut directory, bad name bytes."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from tests.hostile.harness import assert_complete, assert_every_report_renders, audit, reason_of
from tests.hostile.inputs import (
    CAMERA_ROLL,
    FACEBOOK_JSON,
    fixture_zip,
    rename,
    set_flag_bits,
    set_method,
    symlink_member,
)

pytestmark = pytest.mark.timeout(60)

PROFILE = "personal_information/profile_information/profile_information.json"
GROUPS = "your_facebook_activity/groups/your_groups.json"
PAGES = "your_facebook_activity/pages/pages_and_profiles_you_follow.json"


def test_names_that_try_to_leave_the_download_are_only_lookup_keys(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    profile = (FACEBOOK_JSON / PROFILE).read_bytes()
    download = fixture_zip(
        FACEBOOK_JSON,
        work / "facebook.zip",
        {
            "../../evil.json": b"{}",
            "/etc/cron.d/evil": b"* * * * * root true",
            "C:\\Windows\\System32\\evil.dll": b"MZ",
            "..\\..\\outside.txt": b"x",
            "C:": b"nothing left of this name",
            PROFILE: None,  # the genuine profile is stored under a Windows-style name instead
            PROFILE.replace("/", "\\"): profile,
        },
    )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    run = audit([download])
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing was ever written
    assert "empty after normalisation" in reason_of(run.value, "C:")
    members = [s.source.member for s in run.value.skipped] + [f.source.member for f in run.value.findings]
    members += list(run.value.inputs[0].coverage.members_not_understood)
    assert "evil.json" in members and "etc/cron.d/evil" in members and "Windows/System32/evil.dll" in members
    for member in members:
        if member != "C:":
            assert not member.startswith("/") and "\\" not in member and ".." not in member.split("/"), member
    assert_complete(run, FACEBOOK_JSON)  # includes the plants of the backslash-named profile


def test_a_repeated_name_reads_the_first_copy_and_lists_the_others(tmp_path: Path) -> None:
    download = tmp_path / "facebook.zip"
    fixture_zip(FACEBOOK_JSON, download)
    doctored = json.dumps({"profile_v2": {"name": {"full_name": "Someone Else"}}}).encode()
    with zipfile.ZipFile(download, "a") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr(PROFILE, doctored)
    with zipfile.ZipFile(download, "a") as archive:
        archive.writestr(PAGES.replace("/", "\\"), b"[]")  # the same key once normalised
    run = audit([download])
    assert reason_of(run.value, PROFILE) == "duplicate member name in the zip; first copy read"
    assert reason_of(run.value, PAGES) == "duplicate member name in the zip; first copy read"
    assert_complete(run, FACEBOOK_JSON)


def test_encrypted_unsupported_and_linked_members_are_refused_one_by_one(tmp_path: Path) -> None:
    download = tmp_path / "facebook.zip"
    fixture_zip(FACEBOOK_JSON, download)
    with zipfile.ZipFile(download, "a") as archive:
        symlink_member(archive, "your_facebook_activity/posts/link.json", "/etc/passwd")
    set_flag_bits(download, GROUPS, 0x1)  # "encrypted" (ZipCrypto)
    set_method(download, PAGES, 99)  # WinZip AES
    run = audit([download])
    assert "encrypted" in reason_of(run.value, GROUPS)
    assert "cannot be opened" in reason_of(run.value, PAGES) and "NotImplementedError" in reason_of(run.value, PAGES)
    assert "symbolic link" in reason_of(run.value, "posts/link.json")
    assert_complete(run, FACEBOOK_JSON)


def test_a_zip_cut_before_its_directory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    whole = fixture_zip(FACEBOOK_JSON, tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "facebook.zip"
    cut.write_bytes(whole[: len(whole) - 200])  # the end of the central directory is gone
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["scan", str(cut), "--output-dir", str(out), "--no-cache"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"exposure-audit: {cut}: the zip is incomplete or damaged")
    assert not out.exists()


def test_member_names_that_are_not_utf8_are_read_and_every_report_renders(tmp_path: Path) -> None:
    geotagged = (CAMERA_ROLL / "DCIM" / "Camera" / "IMG_20240302_081502.jpg").read_bytes()
    legacy, marked = "DCIM/Camera/copy_1.jpg", "DCIM/Camera/copy_2.jpg"  # two copies of a geotagged photo
    download = fixture_zip(CAMERA_ROLL, tmp_path / "photos.zip", {legacy: geotagged, marked: geotagged})
    rename(download, legacy, legacy.encode().replace(b"copy_", b"cop\xe9_"))  # Windows-1252, not marked UTF-8
    set_flag_bits(download, marked, 0x800)
    rename(download, marked, marked.encode().replace(b"copy_", b"cop\xff_"))  # marked UTF-8, but is not
    run = audit([download])
    assert not run.value.skipped, [s.reason for s in run.value.skipped]
    flagged = sorted(f.source.member for f in run.value.findings if "/cop" in f.source.member)
    assert flagged == ["DCIM/Camera/cop\u0398_1.jpg", "DCIM/Camera/cop\ufffd_2.jpg"]  # cp437 reading, U+FFFD
    assert_complete(run, CAMERA_ROLL)
    assert_every_report_renders(download, tmp_path / "reports")


def test_a_zip_of_more_members_than_the_cap_is_refused_before_its_directory_is_read(tmp_path: Path) -> None:
    download = tmp_path / "facebook.zip"
    fixture_zip(FACEBOOK_JSON, download)
    with zipfile.ZipFile(download, "a", zipfile.ZIP_STORED) as archive:
        for number in range(30_000):
            archive.writestr(f"your_facebook_activity/posts/media/{number}.jpg", b"")
    result = CliRunner().invoke(app, ["scan", str(download), "--max-members", "10000", "--no-cache"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "over the cap of 10000" in lines[0]


def test_a_zip_claiming_to_span_several_disks_is_one_line_and_exit_2(tmp_path: Path) -> None:
    data = fixture_zip(FACEBOOK_JSON, tmp_path / "whole.zip").read_bytes()
    end = data.rfind(b"PK\x05\x06")
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 2)  # a Zip64 locator: "disk 1 of 2"
    spanned = tmp_path / "facebook.zip"
    spanned.write_bytes(data[:end] + locator + data[end:])
    result = CliRunner().invoke(app, ["scan", str(spanned), "--no-cache"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "the zip cannot be read" in lines[0] and "Traceback" not in result.output
