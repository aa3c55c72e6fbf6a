"""Reporters: pure functions render(report, options) -> str, one module per format.

They share the checklist builder (`checklist.py`) and redaction (`redact.py`), so every format shows
the same actions and never a raw personal value unless the person asked for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at run time: the command line reads FILE_SUFFIX before loading any pack
    from exposure_audit.config import Pack
    from exposure_audit.report import AuditReport

ThumbnailProvider = Callable[[str, str], bytes | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderOptions:
    pack: Pack
    show_values: bool = False
    color: bool = False  # terminal only
    width: int = 80  # terminal only
    # HTML only: (archive as in the finding's source, image member) -> a small JPEG, or None.
    thumbnails: ThumbnailProvider | None = None
    # HTML only: the location section (`reporters.html_map.map_html`: inline SVG maps, escaped there).
    location_map: str = ""


Renderer = Callable[["AuditReport", RenderOptions], str]


def renderers() -> dict[str, Renderer]:
    """Format name -> renderer; imported lazily so that a scan does not pay for unused formats."""
    from exposure_audit.reporters import csv_report, html, json_report, markdown, sarif, terminal

    return {
        "terminal": terminal.render,
        "markdown": markdown.render,
        "json": json_report.render,
        "html": html.render,
        "csv": csv_report.render,
        "sarif": sarif.render,
    }


FILE_SUFFIX = {"terminal": ".txt", "markdown": ".md", "json": ".json", "html": ".html", "csv": ".csv",
               "sarif": ".sarif"}
