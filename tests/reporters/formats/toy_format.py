"""A toy report format for CONTRIBUTING.md's "Add a format" recipe: one line per action, tab-separated."""

from __future__ import annotations

from dataclasses import dataclass

from exposure_audit.reporters.formats.options import FormatOptions
from exposure_audit.reporters.view import ReportView


@dataclass(frozen=True, slots=True, kw_only=True)
class ToyOptions(FormatOptions):
    separator: str = "\t"


def render(view: ReportView, options: ToyOptions) -> str:
    rows = [
        options.separator.join((str(number), a.severity.value, a.title))
        for number, a in enumerate(view.checklist.actions, 1)
    ]
    return "\n".join(rows) + "\n"
