"""Whole-output snapshots of the fixed report in the human formats.

To accept a deliberate change, regenerate the snapshots and review the diff:
    EXPOSURE_AUDIT_UPDATE_SNAPSHOTS=1 pytest tests/reporters/test_snapshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.formats import BY_NAME, FORMATS
from exposure_audit.reporters.formats.options import TerminalOptions
from exposure_audit.reporters.view import prepare

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("EXPOSURE_AUDIT_UPDATE_SNAPSHOTS") == "1"

CASES = [
    ("terminal", False, False, "report.txt"),
    ("terminal", False, True, "report-color.ansi"),
    ("markdown", False, False, "report.md"),
    ("markdown", True, False, "report-show-values.md"),
    ("html", False, False, "report.html"),
]


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"snapshot {name} is missing; run with EXPOSURE_AUDIT_UPDATE_SNAPSHOTS=1 to write it")
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} changed; if intended, regenerate with EXPOSURE_AUDIT_UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize(("fmt", "show", "color", "name"), CASES)
def test_snapshot(report: AuditReport, strict_policy: Policy, fmt: str, show: bool, color: bool, name: str) -> None:
    view = prepare(report, strict_policy, show_values=show)
    options = TerminalOptions(color=color) if fmt == "terminal" else BY_NAME[fmt].options()
    check_snapshot(name, BY_NAME[fmt].render(view, options))


def test_rendering_is_deterministic(report: AuditReport, strict_policy: Policy, build_report: object) -> None:
    again = build_report()  # type: ignore[operator]
    for fmt in FORMATS:
        assert fmt.render(prepare(report, strict_policy), fmt.options()) == fmt.render(
            prepare(again, strict_policy), fmt.options()
        ), fmt.name


def test_lenient_policy_markdown(report: AuditReport, lenient_policy: Policy) -> None:
    markdown = BY_NAME["markdown"]
    check_snapshot("report-lenient.md", markdown.render(prepare(report, lenient_policy), markdown.options()))


def test_terminal_fits_80_columns(report: AuditReport, strict_policy: Policy) -> None:
    from rich.cells import cell_len

    text = BY_NAME["terminal"].render(prepare(report, strict_policy), TerminalOptions())
    assert max(cell_len(line) for line in text.splitlines()) <= 80
