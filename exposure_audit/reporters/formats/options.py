"""What each report format can be asked for, beyond the prepared view: one options type per format.

Kept apart from the formats themselves so that the command line can name the formats and build their
options without loading any renderer (the terminal one pulls in rich, the HTML one Pillow). A format
whose output depends on nothing but the view has an options type with no fields: every format is
called the same way, `render(view, options)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# (archive as in the finding's source, image member) -> a small JPEG, or None.
ThumbnailProvider = Callable[[str, str], bytes | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class FormatOptions:
    """The base of every format's options (so the registry can check that a format gets its own)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TerminalOptions(FormatOptions):
    """The terminal report: colours, and the width it is wrapped to."""

    color: bool = False
    width: int = 80


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkdownOptions(FormatOptions):
    """The Markdown report (it has no options of its own)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlOptions(FormatOptions):
    """The HTML page: the photos' thumbnails and the location section."""

    thumbnails: ThumbnailProvider | None = None
    # The location section (`reporters.formats.html_map.map_html`: inline SVG maps, escaped there).
    location_map: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class JsonOptions(FormatOptions):
    """The JSON report (it has no options of its own)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CsvOptions(FormatOptions):
    """The CSV report (it has no options of its own)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SarifOptions(FormatOptions):
    """The SARIF log (it has no options of its own)."""
