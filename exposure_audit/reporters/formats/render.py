"""Several formats of one prepared view, each with its options; what the HTML format needs from the
downloads (thumbnails of flagged photos, the location picture) is made once, only when it is asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from exposure_audit.reporters.formats import BY_NAME
from exposure_audit.reporters.formats.options import FormatOptions, HtmlOptions, TerminalOptions
from exposure_audit.reporters.view import ReportView


def render_formats(view: ReportView, formats: Sequence[str], *, color: bool = False) -> dict[str, str]:
    """Format name -> text; `color`: ANSI colours in the terminal format."""
    return _each(view, formats, color, lambda fmt, options: BY_NAME[fmt].render(view, options))


def render_files(view: ReportView, formats: Sequence[str], *, color: bool = False) -> dict[str, bytes]:
    """Format name -> the bytes of its file (`render_formats`' text in UTF-8, made without it when the
    format can: see ReportFormat.render_bytes)."""
    return _each(view, formats, color, lambda fmt, options: BY_NAME[fmt].render_bytes(view, options))


T = TypeVar("T")


def _each(
    view: ReportView, formats: Sequence[str], color: bool, render: Callable[[str, FormatOptions], T]
) -> dict[str, T]:
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
        return {name: render(name, options.get(name) or BY_NAME[name].options()) for name in formats}
    finally:
        if thumbnails is not None:
            thumbnails.close()
