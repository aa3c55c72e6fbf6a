"""The CSV report: one row per finding, with the checklist action that fixes it.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage
return) are prefixed with an apostrophe, so a downloaded post cannot run anything when the file is
opened; a masked phone number such as "+•• ••• ••• •56" is shown the same way.

The file starts with a UTF-8 byte-order mark: Excel on Windows reads a CSV file without one in the
machine's legacy code page, which garbles the masking dots and dashes of every row.
"""

from __future__ import annotations

import csv
import io

from exposure_audit.reporters.formats.options import CsvOptions
from exposure_audit.reporters.unread_warning import warning_lines
from exposure_audit.reporters.view import ReportView, iso_utc

COLUMNS = (
    "fingerprint",
    "rule",
    "category",
    "severity",
    "confidence",
    "platform",
    "archive",
    "member",
    "pointer",
    "created_at",
    "match",
    "excerpt",
    "reasons",
    "guidance",
    "action_number",
    "action",
    "url",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def render(view: ReportView, options: CsvOptions) -> str:
    report = view.report
    index = view.checklist.action_index()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in warning_lines(report):  # first rows, before any finding: the download was not fully read
        writer.writerow(
            [
                "",
                "unread-content",
                "coverage",
                "high",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                cell("WARNING: " + line),
                "",
            ]
        )
    evidence = view.evidence
    for f in report.findings:
        number = index.get(f.fingerprint)
        title = view.checklist.actions[number].title if number is not None else ""
        shown = evidence[f.fingerprint]
        row = (
            f.fingerprint,
            f.rule,
            f.category.value,
            f.severity.value,
            f.confidence.value,
            f.platform.value,
            shown.archive,
            shown.member,
            shown.pointer,
            iso_utc(f.created_at) or "",
            shown.match,
            " ".join(shown.excerpt.split()),
            "; ".join(shown.reasons),
            "; ".join(f.guidance),
            str(number + 1) if number is not None else "",
            title,
            shown.url,
        )
        writer.writerow([cell(v) for v in row])
    # A UTF-8 byte-order mark: without it Excel on Windows reads the file as ANSI and garbles "•••" and "—".
    return BOM + out.getvalue()
