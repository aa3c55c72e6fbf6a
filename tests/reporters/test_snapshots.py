"""Whole-output snapshots of the fixed report in the human formats.

To accept a deliberate change, regenerate the snapshots and review the diff:
    EXPOSURE_AUDIT_UPDATE_SNAPSHOTS=1 pytest tests/reporters/test_snapshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exposure_audit.config import Pack
from exposure_audit.report import AuditReport
from exposure_audit.reporters import RenderOptions, renderers

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
def test_snapshot(report: AuditReport, strict_pack: Pack, fmt: str, show: bool, color: bool, name: str) -> None:
    options = RenderOptions(pack=strict_pack, show_values=show, color=color)
    check_snapshot(name, renderers()[fmt](report, options))


def test_rendering_is_deterministic(report: AuditReport, strict_pack: Pack, build_report: object) -> None:
    options = RenderOptions(pack=strict_pack)
    for fmt, render in renderers().items():
        assert render(report, options) == render(build_report(), options), fmt  # type: ignore[operator]


def test_lenient_pack_markdown(report: AuditReport, lenient_pack: Pack) -> None:
    check_snapshot("report-lenient.md", renderers()["markdown"](report, RenderOptions(pack=lenient_pack)))


def test_terminal_fits_80_columns(report: AuditReport, strict_pack: Pack) -> None:
    from rich.cells import cell_len

    text = renderers()["terminal"](report, RenderOptions(pack=strict_pack))
    assert max(cell_len(line) for line in text.splitlines()) <= 80
