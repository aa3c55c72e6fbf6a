"""The report formats: one module each, registered here with the name `--format` takes, the file
suffix and the options type its `render(view, options) -> str` accepts (and, optionally, a
`render_bytes(view, options) -> bytes` giving the file's bytes directly).

Adding a format is a module in this package and one line in FORMATS; the command line's `--format`
choices, the output file names and the settings file's format list all come from FORMATS. A format's
module is imported only when it renders, so a scan does not pay for the formats it does not write.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from exposure_audit.reporters.formats.options import (
    CsvOptions,
    FormatOptions,
    HtmlOptions,
    JsonOptions,
    MarkdownOptions,
    SarifOptions,
    TerminalOptions,
)

if TYPE_CHECKING:
    from exposure_audit.reporters.view import ReportView

Renderer = Callable[["ReportView", Any], str]
BytesRenderer = Callable[["ReportView", Any], bytes]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportFormat:
    """A report format `--format` can name, and where its renderer lives."""

    name: str  # as `--format` and the settings file spell it
    suffix: str  # of the file it is written to
    options: type[FormatOptions]
    module: str  # the module with `render(view, options)`: a name in this package, or a dotted path

    def render(self, view: ReportView, options: FormatOptions) -> str:
        renderer: Renderer = self._module(options).render
        return renderer(view, options)

    def render_bytes(self, view: ReportView, options: FormatOptions) -> bytes:
        """The report as its file holds it (UTF-8): by the module's own `render_bytes` when it has one
        (the JSON formats, which orjson writes as bytes), else `render`'s text encoded."""
        module = self._module(options)
        encoder: BytesRenderer | None = getattr(module, "render_bytes", None)
        return encoder(view, options) if encoder is not None else self.render(view, options).encode("utf-8")

    def _module(self, options: FormatOptions) -> ModuleType:
        if type(options) is not self.options:
            raise TypeError(f"the {self.name} format takes {self.options.__name__}, not {type(options).__name__}")
        return importlib.import_module(self.module if "." in self.module else f"{__name__}.{self.module}")


FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(name="terminal", suffix=".txt", options=TerminalOptions, module="terminal"),
    ReportFormat(name="markdown", suffix=".md", options=MarkdownOptions, module="markdown"),
    ReportFormat(name="json", suffix=".json", options=JsonOptions, module="json_report"),
    ReportFormat(name="html", suffix=".html", options=HtmlOptions, module="html"),
    ReportFormat(name="csv", suffix=".csv", options=CsvOptions, module="csv_report"),
    ReportFormat(name="sarif", suffix=".sarif", options=SarifOptions, module="sarif"),
)
BY_NAME = {f.name: f for f in FORMATS}
FILE_SUFFIX = {f.name: f.suffix for f in FORMATS}
