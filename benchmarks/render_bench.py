"""Time every report format on a large synthetic report and print the sizes.

    python benchmarks/render_bench.py                      # 10,000 findings, 2,000 of them photos
    python benchmarks/render_bench.py --findings 20000 --photos 5000

The report is built directly (invented findings over every platform and category, with excerpts
that carry e-mail addresses, phone numbers, coordinates and names, so redaction does real work).
The photos are invented JPEGs in a zip, read back through the same thumbnail provider the command
line uses, so the HTML time includes finding, decoding and shrinking every flagged photo. Targets:
all formats together under 5 s, the HTML under 15 MB.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from exposure_audit.model import (
    AuditReport,
    Category,
    Coverage,
    Finding,
    GeoPoint,
    InputSummary,
    ItemKind,
    Level,
    MediaRef,
    Platform,
    PolicySummary,
    Precision,
    SourceRef,
)
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats import FORMATS
from exposure_audit.reporters.formats.options import HtmlOptions
from exposure_audit.reporters.formats.thumbnails import DownloadThumbnails
from exposure_audit.reporters.view import prepare
from exposure_audit.scanners.base import fingerprint

PLATFORMS = (Platform.FACEBOOK, Platform.INSTAGRAM, Platform.LINKEDIN, Platform.X, Platform.GOOGLE_PHOTOS)
SHAPES = (  # category, item kind, field, severity
    (Category.EMPLOYER, ItemKind.POST, "post", Level.HIGH),
    (Category.EMPLOYER, ItemKind.COMMENT, "comment", Level.MEDIUM),
    (Category.EMPLOYER, ItemKind.PROFILE, "headline", Level.HIGH),
    (Category.COLLEAGUE, ItemKind.TAG, "tag", Level.MEDIUM),
    (Category.COLLEAGUE, ItemKind.CONNECTION, "friend", Level.LOW),
    (Category.CONTACT, ItemKind.CONTACT, "email", Level.MEDIUM),
    (Category.ACCOUNT, ItemKind.LOGIN, "email", Level.HIGH),
    (Category.LOCATION, ItemKind.CHECKIN, "checkin", Level.MEDIUM),
    (Category.DUTIES, ItemKind.POST, "post", Level.MEDIUM),
)
NAMES = ("Ravi Kumaran", "Mei Lin Tan", "Tom Okafor", "Priya Naidoo", "Sam Whitlock")


def make_photos(folder: Path, count: int) -> Path:
    download = folder / "photos.zip"
    rng = random.Random(7)
    with zipfile.ZipFile(download, "w", compression=zipfile.ZIP_STORED) as archive:
        for index in range(count):
            out = io.BytesIO()
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            Image.new("RGB", (1024, 768), colour).save(out, format="JPEG", quality=85)
            archive.writestr(f"media/{index:05d}.jpg", out.getvalue())
    return download


def build_report(findings: int, photos: int, photo_zip: str) -> AuditReport:
    rng = random.Random(11)
    start = datetime(2019, 1, 1, tzinfo=UTC)
    out: list[Finding] = []
    for index in range(findings):
        platform = PLATFORMS[index % len(PLATFORMS)]
        name = NAMES[index % len(NAMES)]
        lat, lon = -33.9 + rng.random() / 10, 151.1 + rng.random() / 10
        if index < photos:
            category, kind, field, severity = Category.UNIFORM, ItemKind.PHOTO, "photo", Level.MEDIUM
            media = (
                MediaRef(
                    uri=f"media/{index % max(1, photos // 2):05d}.jpg",
                    member=f"media/{index % max(1, photos // 2):05d}.jpg",
                ),
            )
            archive, member = photo_zip, media[0].member
        else:
            category, kind, field, severity = SHAPES[index % len(SHAPES)]
            media, archive, member = (), f"{platform.value}-download.zip", f"activity/posts_{index // 500}.json"
        text = (
            f"Shift {index} at the ABF cargo hall with {name}, call 0491 570 {index % 1000:03d} or "
            f"j.citizen{index}@abf.gov.au, at {lat:.5f}, {lon:.5f} <b>#BorderForce</b>"
        )
        identity = f"{platform.value}:{kind.value}:{index}"
        match = {
            Category.CONTACT: f"j.citizen{index}@abf.gov.au",
            Category.ACCOUNT: f"j.citizen{index}@abf.gov.au",
            Category.COLLEAGUE: name,
            Category.LOCATION: f"{lat:.5f}, {lon:.5f}",
        }.get(category, "ABF")
        out.append(
            Finding(
                rule=f"EXP{100 * (list(Category).index(category) + 1) + 1}",
                category=category,
                severity=severity,
                confidence=Level.HIGH,
                platform=platform,
                source=SourceRef(archive=archive, member=member, pointer=f"/{index}/data/0/post"),
                item_kind=kind,
                item_identity=identity,
                created_at=start + timedelta(hours=7 * index),
                match=match,
                excerpt=text,
                reasons=("matched the employer's name",),
                guidance=(),
                action="",
                fingerprint=fingerprint("EXP000", platform, identity, match),
                media=media,
                geo=(GeoPoint(lat=lat, lon=lon, precision=Precision.GPS, origin="exif"),),
                field=field,
                people=(name,) if category is Category.COLLEAGUE else (),
            )
        )
    coverage = Coverage(members_total=100, members_read=98, members_not_understood=("odd.json",), members_failed=1)
    inputs = [
        InputSummary(paths=(f"{p.value}-download.zip",), platform=p, items=findings, coverage=coverage)
        for p in PLATFORMS
    ]
    inputs.append(InputSummary(paths=(photo_zip,), platform=Platform.PHOTOS, items=photos, coverage=coverage))
    return AuditReport(
        tool_version="bench",
        generated_at=datetime(2025, 6, 1, tzinfo=UTC),
        profile=PolicySummary(id="dibp-2015", name="bench", organisation="", document=""),
        inputs=tuple(inputs),
        findings=tuple(out),
        skipped=(),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--photos", type=int, default=2_000, help="how many findings are photos")
    args = parser.parse_args()
    policy = load_policy(None)
    with tempfile.TemporaryDirectory() as tmp:
        photo_zip = make_photos(Path(tmp), max(1, args.photos // 2))
        report = build_report(args.findings, args.photos, str(photo_zip))
        thumbnails = DownloadThumbnails(report.inputs)
        total = 0.0
        print(
            f"{len(report.findings)} findings, {args.photos} photo findings over {max(1, args.photos // 2)} "
            "distinct photos\n\n| format | seconds | size |\n|---|---:|---:|"
        )
        try:
            started = time.perf_counter()
            view = prepare(report, policy)  # shared by every format: redaction, checklist, summary
            total = time.perf_counter() - started
            print(f"| (view, once) | {total:.2f} | |")
            for fmt in FORMATS:
                options = HtmlOptions(thumbnails=thumbnails) if fmt.name == "html" else fmt.options()
                started = time.perf_counter()
                text = fmt.render(view, options)
                elapsed = time.perf_counter() - started
                total += elapsed
                print(f"| {fmt.name} | {elapsed:.2f} | {len(text.encode('utf-8')) / 1e6:.1f} MB |")
        finally:
            thumbnails.close()
        print(f"| all | {total:.2f} | |")
    return 0 if total < 5.0 else 1


if __name__ == "__main__":
    sys.exit(main())
