"""What the report page hands out: the report body in the page, report files, cleaned photos, summary.

Report files come from the command line's own rendering (`reporters/formats/render.py`) of the view
prepared once when the scan finished, and the page shows the HTML report's body
(`reporters/formats/html.body`), so the app and the CLI never word things apart.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from exposure_audit.reporters.formats import FILE_SUFFIX
from exposure_audit.reporters.formats.options import HtmlOptions
from exposure_audit.reporters.view import ReportView

REPORT_FORMATS = {
    "html": ("HTML page", "text/html"),
    "markdown": ("Markdown", "text/markdown"),
    "json": ("JSON", "application/json"),
    "csv": ("CSV spreadsheet", "text/csv"),
}
REPORT_STEM = "exposure-audit-report"


def page_body(view: ReportView) -> str:
    """The HTML report's body, with its thumbnails and location picture, for the report page."""
    from exposure_audit.reporters.formats.html import body
    from exposure_audit.reporters.formats.html_map import map_html
    from exposure_audit.reporters.formats.thumbnails import DownloadThumbnails

    thumbnails = DownloadThumbnails(view.report.inputs)
    try:
        location = map_html(view.report.findings, view.policy.sites) or ""
        return body(view, HtmlOptions(thumbnails=thumbnails, location_map=location))
    finally:
        thumbnails.close()


def report_file(view: ReportView, fmt: str) -> tuple[str, bytes]:
    """(file name, content) of the report in one of REPORT_FORMATS, exactly as `scan --format` writes it."""
    from exposure_audit.reporters.formats.render import render_files

    return f"{REPORT_STEM}{FILE_SUFFIX[fmt]}", render_files(view, [fmt])[fmt]


@dataclass(frozen=True, slots=True)
class CleanedPhotos:
    zip_path: Path
    cleaned: int
    had_gps: int
    failed: int


def cleaned_photos(sources: list[Path], workspace: Path) -> CleanedPhotos:
    """A zip of GPS-free copies of every photo in the downloads (the strip-gps engine), each copy
    verified on disk by the engine and verified again as it goes into the zip."""
    from exposure_audit.media.strip import StripOptions, strip_paths, verify_clean

    work = Path(tempfile.mkdtemp(prefix="cleaned-", dir=workspace))
    out = work / "photos"
    result = strip_paths(sources, out, StripOptions())
    target = work / "cleaned-photos.zip"
    partial = work / "cleaned-photos.zip.part"
    with zipfile.ZipFile(
        os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb"), "w", zipfile.ZIP_STORED
    ) as archive:
        for path in result.written:
            data = path.read_bytes()
            verify_clean(data)
            archive.writestr(path.relative_to(out).as_posix(), data)
            path.unlink()
    os.replace(partial, target)
    return CleanedPhotos(target, result.cleaned, result.had_gps, len(result.failed))
