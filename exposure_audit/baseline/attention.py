"""Which findings make a scan exit 1, and the one line a scheduler logs: kept apart from the baseline's
reading and writing, so a scan without a baseline does not load them (about 13 ms of start-up)."""

from __future__ import annotations

from collections.abc import Sequence

from exposure_audit.baseline.model import BaselineStatus
from exposure_audit.model import AuditReport, Finding, Level
from exposure_audit.reporters.plural import plural


def needs_attention(report: AuditReport, level: Level) -> list[Finding]:
    """The findings that make the run exit 1: all at or above `level` without a baseline; with one,
    only new or reappeared ones the person has not triaged."""
    candidates = report.at_or_above(level)
    if report.baseline is None:
        return candidates
    marks = report.baseline.marks
    attention = []
    for finding in candidates:
        status = marks.get(finding.fingerprint)
        if status is None or (status.status is not BaselineStatus.KNOWN and not status.quiet):
            attention.append(finding)
    return attention


def _by_severity(findings: Sequence[Finding]) -> str:
    counts = {lv: 0 for lv in (Level.HIGH, Level.MEDIUM, Level.LOW)}
    for f in findings:
        counts[f.severity] += 1
    return ", ".join(f"{n} {lv.value}" for lv, n in counts.items() if n) or "none"


def quiet_line(report: AuditReport, level: Level) -> str:
    """One line for a scheduler's log: what changed and whether anything needs attention."""
    attention = needs_attention(report, level)
    if report.baseline is None:
        text = f"{plural(len(report.findings), 'finding')} ({_by_severity(report.findings)})"
    else:
        view = report.baseline
        triaged = sum(1 for m in view.marks.values() if m.quiet)
        text = (
            f"{view.count(BaselineStatus.NEW)} new, {view.count(BaselineStatus.REAPPEARED)} reappeared, "
            f"{view.count(BaselineStatus.KNOWN)} known ({triaged} triaged), {view.resolved} resolved "
            "since the baseline"
        )
    text += f"; {len(attention)} need attention at or above {level.value}"
    if attention:
        text += f" ({_by_severity(attention)})"
    if report.skipped:
        text += f"; {len(report.skipped)} skipped"
    if report.baseline is not None and report.baseline.warnings:
        text += f"; warning: {report.baseline.warnings[0]}"
    return "exposure-audit: " + text
