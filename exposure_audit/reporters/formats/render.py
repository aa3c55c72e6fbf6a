"""Several formats of one prepared view, each with its options; what the HTML format needs from the
downloads (thumbnails of flagged photos, the location picture) is made once, only when it is asked for."""

from __future__ import annotations

from collections.abc import Sequence

from exposure_audit.reporters.formats import BY_NAME
from exposure_audit.reporters.formats.options import FormatOptions, HtmlOptions, TerminalOptions
from exposure_audit.reporters.view import ReportView


def render_formats(view: ReportView, formats: Sequence[str], *, color: bool = False) -> dict[str, str]:
    """Format name -> text; `color`: ANSI colours in the terminal format."""
    options: dict[str, FormatOptions] = {"terminal": TerminalOptions(color=color)}
    thumbnails = None
    if "html" in formats:
        from exposure_audit.reporters.formats.html_map import map_html
        from exposure_audit.reporters.formats.thumbnails import DownloadThumbnails

        # Thumbnails of flagged photos are read again from the downloads, only for the HTML report.
        thumbnails = DownloadThumbnails(view.report.inputs)
        options["html"] = HtmlOptions(
            thumbnails=thumbnails, location_map=map_html(view.report.findings, view.policy.sites) or ""
        )
    try:
        return {name: BY_NAME[name].render(view, options.get(name) or BY_NAME[name].options()) for name in formats}
    finally:
        if thumbnails is not None:
            thumbnails.close()
