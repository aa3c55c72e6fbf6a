"""The app's parts on their own: file names, the Downloads folder, settings, ticks, unusable files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from exposure_audit.app.inputs import InputTable, find_downloads
from exposure_audit.app.settings import find_town, parse_settings
from exposure_audit.app.ticks import TickStore
from exposure_audit.app.uploads import UploadFolder, safe_name
from exposure_audit.errors import ExposureAuditError, UsageError
from exposure_audit.fetchers.downloads import group_downloads
from exposure_audit.limits import DEFAULT_LIMITS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("facebook-jo-2026.zip", "facebook-jo-2026.zip"),
        ("../../etc/facebook.zip", "facebook.zip"),
        ("C:\\Users\\jo\\Downloads\\twitter-1.zip", "twitter-1.zip"),
        ("pack.toml", "pack.toml"),
        ("naïve<script>.zip", "na_ve_script_.zip"),
        ("notes.txt", None),
        ("..", None),
        ("", None),
    ],
)
def test_uploaded_names_lose_their_folders(raw: str, expected: str | None) -> None:
    assert safe_name(raw) == expected


def test_the_upload_folder_is_owner_only(tmp_path: Path) -> None:
    folder = UploadFolder()
    try:
        assert stat.S_IMODE(folder.root.stat().st_mode) == 0o700
    finally:
        folder.clear()
    assert not folder.root.exists()


def test_downloads_are_found_by_the_platforms_names(tmp_path: Path) -> None:
    names = [
        "facebook-jo-2026-10-04-Xq7Lp2.zip",
        "instagram-jo-2026.zip",
        "Complete_LinkedInDataExport_10-04.zip",
        "twitter-2026-10-04-5e1f0c.zip",
        "takeout-20261004T101010Z-001.zip",
        "holiday.zip",
        "facebook.txt",
        "Facebook-Upper-2026.ZIP",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "instagram-folder.zip").mkdir(exist_ok=True)
    (tmp_path / "twitter-link.zip").symlink_to(tmp_path / "holiday.zip")
    found = [p.name for p in find_downloads(tmp_path)]
    assert found == sorted(
        [
            "facebook-jo-2026-10-04-Xq7Lp2.zip",
            "instagram-jo-2026.zip",
            "Complete_LinkedInDataExport_10-04.zip",
            "twitter-2026-10-04-5e1f0c.zip",
            "takeout-20261004T101010Z-001.zip",
            "Facebook-Upper-2026.ZIP",
        ]
    )


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04 cut short"])
def test_an_unusable_file_shows_the_clis_reason(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "facebook-broken.zip"
    path.write_bytes(content)
    entry = InputTable(DEFAULT_LIMITS).add(path, "found")
    with pytest.raises(ExposureAuditError) as raised:
        group_downloads([path], DEFAULT_LIMITS)
    assert not entry.usable
    assert entry.problem == str(raised.value).replace(str(path), path.name)


def test_a_town_is_found_in_the_shipped_places() -> None:
    site = find_town("Canberra")
    assert site is not None and "Canberra" in site.name
    assert abs(site.lat - -35.28) < 0.2 and abs(site.lon - 149.13) < 0.2
    assert find_town("Canberra, AU") is not None
    assert find_town("Canberra, FR") is None
    assert find_town("Nowhereville-on-Nothing") is None


def test_settings_need_no_choice_and_check_what_is_given() -> None:
    default = parse_settings({}, {})
    assert default.profile is None and default.site is None and default.images == "full"
    given = parse_settings({"place": "-35.3, 149.1", "radius": "250", "images": "off", "profile": "dibp-2015"}, {})
    assert given.site is not None and given.site.radius_m == 250 and given.profile == "dibp-2015"
    for bad in (
        {"place": "Nowhereville-on-Nothing"},
        {"place": "95, 10"},
        {"place": "1, 2", "radius": "-4"},
        {"images": "x"},
        {"profile": "/etc/passwd"},
    ):
        with pytest.raises(UsageError):
            parse_settings(bad, {})


def test_ticks_are_kept_owner_only_and_survive_damage(tmp_path: Path) -> None:
    store = TickStore(tmp_path / "app")
    assert store.load() == set()
    store.set(["a" * 32, "b" * 32], True)
    store.set(["b" * 32], False)
    assert TickStore(tmp_path / "app").load() == {"a" * 32}
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    store.path.write_text("{ not json")
    assert store.load() == set()


def test_towns_are_suggested_as_find_town_takes_them() -> None:
    from exposure_audit.app.settings import suggest_towns

    suggestions = suggest_towns("Canber")
    assert suggestions and suggestions[0] == "Canberra, AU"
    assert all(s.lower().startswith("canber") for s in suggestions)
    site = find_town(suggestions[0])
    assert site is not None and abs(site.lat - -35.28) < 0.2
    assert suggest_towns("C") == []
