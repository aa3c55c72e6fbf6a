"""What every format shows, prepared once: redaction, the checklist, the summary and common wording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from exposure_audit.report import AuditReport
from exposure_audit.reporters import RenderOptions
from exposure_audit.reporters.checklist import Checklist, Evidence, build_checklist
from exposure_audit.reporters.redact import Redactor
from exposure_audit.reporters.start_here import StartHere, start_here
from exposure_audit.reporters.summary import Summary, build_summary

PRIVACY_NOTICE = ("This report contains personal information from your own downloads. Keep it private: "
                  "store it where only you can read it and delete it when you have finished.")
REDACTED_NOTE = "Personal values are masked; run the scan with --show-values to see them in full."
SHOWN_NOTE = "Personal values are shown in full (--show-values)."
UNCITED_NOTE = "No clause of this policy covers it; it is listed for your own safety."


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportView:
    report: AuditReport
    show_values: bool
    redactor: Redactor
    checklist: Checklist
    summary: Summary
    start: StartHere  # the few actions to do first
    evidence: dict[str, Evidence]  # fingerprint -> the finding redacted once, shared by every format

    @property
    def values_note(self) -> str:
        return SHOWN_NOTE if self.show_values else REDACTED_NOTE


_last: tuple[int, int, bool, ReportView] | None = None


def prepare(report: AuditReport, options: RenderOptions) -> ReportView:
    """The shared view of a report; the last one is reused when several formats render the same report."""
    global _last
    if _last is not None and _last[0] == id(report) and _last[1] == id(options.pack) \
            and _last[2] == options.show_values and _last[3].report is report:
        return _last[3]
    redactor = Redactor.for_findings(report.findings, show_values=options.show_values,
                                     keep_handles=options.pack.employer.handles)
    checklist = build_checklist(report, options.pack, redactor)
    view = ReportView(report=report, show_values=options.show_values, redactor=redactor, checklist=checklist,
                      summary=build_summary(report, options.pack), start=start_here(checklist),
                      evidence=checklist.evidence_index())
    _last = (id(report), id(options.pack), options.show_values, view)
    return view


def day(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d") if when else "date unknown"


def iso_utc(when: datetime | None) -> str | None:
    """ISO 8601 in UTC with a 'Z', or None."""
    if when is None:
        return None
    if when.tzinfo is not None:
        from datetime import UTC

        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat(timespec="seconds") + "Z"


def where(member: str, pointer: str) -> str:
    return f"{member} {pointer}".strip()
