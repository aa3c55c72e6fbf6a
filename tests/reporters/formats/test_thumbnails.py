"""Thumbnails of flagged photos: small, without metadata, read from the download, embedded once."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import piexif
import pytest
from PIL import Image

from exposure_audit.model import AuditReport, Coverage, InputSummary, MediaRef, Platform
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.formats import html
from exposure_audit.reporters.formats.options import HtmlOptions
from exposure_audit.reporters.formats.thumbnails import THUMBNAIL_PX, DownloadThumbnails, make_thumbnail
from exposure_audit.reporters.view import prepare


def photo_bytes(colour: tuple[int, int, int] = (20, 40, 120), size: tuple[int, int] = (1600, 1200)) -> bytes:
    """An invented photo with GPS in its EXIF (an invented place)."""
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"S",
        piexif.GPSIFD.GPSLatitude: ((33, 1), (56, 1), (4500, 100)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((151, 1), (10, 1), (3000, 100)),
    }
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG", exif=piexif.dump({"GPS": gps}))
    return out.getvalue()


def test_thumbnail_is_small_and_carries_no_metadata() -> None:
    source = photo_bytes()
    assert piexif.load(source)["GPS"]
    thumb = make_thumbnail(source)
    assert thumb is not None and len(thumb) < 4000
    with Image.open(io.BytesIO(thumb)) as image:
        assert image.format == "JPEG"
        assert max(image.size) == THUMBNAIL_PX
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.parametrize("data", [b"", b"not an image", photo_bytes()[:200]])
def test_unreadable_images_have_no_thumbnail(data: bytes) -> None:
    assert make_thumbnail(data) is None


def test_provider_reads_the_photo_from_a_zip_in_place(tmp_path: Path) -> None:
    download = tmp_path / "instagram.zip"
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr("media/posts/1.jpg", photo_bytes())
        archive.writestr("media/posts/broken.jpg", b"\xff\xd8 broken")
    summary = InputSummary(
        paths=(str(download),),
        platform=Platform.INSTAGRAM,
        items=1,
        coverage=Coverage(members_total=2, members_read=2, members_not_understood=(), members_failed=0),
    )
    provider = DownloadThumbnails([summary])
    try:
        assert provider(str(download), "media/posts/1.jpg") is not None
        assert provider(str(download), "media/posts/broken.jpg") is None
        assert provider(str(download), "media/posts/missing.jpg") is None
        assert provider(str(tmp_path / "other.zip"), "media/posts/1.jpg") is None
    finally:
        provider.close()


def with_photos(report: AuditReport, members: list[str]) -> AuditReport:
    findings = list(report.findings)
    photos = [i for i, f in enumerate(findings) if f.media]
    for index, member in zip(photos, members, strict=False):
        findings[index] = replace(findings[index], media=(MediaRef(uri=member, member=member),))
    return replace(report, findings=tuple(findings))


def test_html_embeds_each_picture_once(report: AuditReport, strict_policy: Policy) -> None:
    same = photo_bytes()
    images = {"a.jpg": same, "b.jpg": same}
    calls: list[str] = []

    def provider(archive: str, member: str) -> bytes | None:
        calls.append(member)
        data = images.get(member)
        return make_thumbnail(data) if data else None

    page = html.render(
        prepare(with_photos(report, ["a.jpg", "b.jpg"]), strict_policy), HtmlOptions(thumbnails=provider)
    )
    assert page.count("<symbol ") == 1  # two photos with the same picture
    assert page.count('<use href="#t0"/>') == 2
    assert page.count("data:image/jpeg;base64,") == 1
    assert sorted(calls) == ["a.jpg", "b.jpg"]


def test_html_thumbnail_budget(report: AuditReport, strict_policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "MAX_THUMBNAILS", 1)
    images = {"a.jpg": photo_bytes((200, 0, 0)), "b.jpg": photo_bytes((0, 200, 0))}

    def provider(archive: str, member: str) -> bytes | None:
        return make_thumbnail(images[member])

    page = html.render(
        prepare(with_photos(report, ["a.jpg", "b.jpg"]), strict_policy), HtmlOptions(thumbnails=provider)
    )
    assert page.count("<symbol ") == 1
    assert "1 more photo is listed without a thumbnail" in page


def test_a_failing_provider_costs_only_the_thumbnail(report: AuditReport, strict_policy: Policy) -> None:
    def provider(archive: str, member: str) -> Any:
        raise OSError("disk gone")

    page = html.render(prepare(report, strict_policy), HtmlOptions(thumbnails=provider))
    assert "<symbol " not in page and "Checklist (13 actions)" in page


def test_location_section_is_inline_in_the_summary(report: AuditReport, strict_policy: Policy) -> None:
    """Inline (not an image), so that its labels keep their size on a phone; see reporters.formats.html_map."""
    section = '<figure class="location"><svg class="map map-wide" viewBox="0 0 10 10"></svg></figure>'
    page = html.render(prepare(report, strict_policy), HtmlOptions(location_map=section))
    assert section in page and page.index(section) < page.index("Checklist (13 actions)")
