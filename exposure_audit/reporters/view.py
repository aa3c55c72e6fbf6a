"""What every format shows, prepared once: redaction, the checklist, the summary and common wording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.checklist import Checklist, Evidence, build_checklist
from exposure_audit.reporters.redact import Redactor
from exposure_audit.reporters.start_here import StartHere, start_here
from exposure_audit.reporters.summary import Summary, build_summary

PRIVACY_NOTICE = (
    "This report contains personal information from your own downloads. Keep it private: "
    "store it where only you can read it and delete it when you have finished."
)
REDACTED_NOTE = "Personal values are masked; run the scan with --show-values to see them in full."
SHOWN_NOTE = "Personal values are shown in full (--show-values)."
UNCITED_NOTE = "No clause of this policy covers it; it is listed for your own safety."


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportView:
    """A report ready to render: its redactor, checklist, summary and each finding's evidence."""

    report: AuditReport
    policy: Policy
    show_values: bool
    redactor: Redactor
    checklist: Checklist
    summary: Summary
    start: StartHere  # the few actions to do first
    evidence: dict[str, Evidence]  # fingerprint -> the finding redacted once, shared by every format

    @property
    def values_note(self) -> str:
        return SHOWN_NOTE if self.show_values else REDACTED_NOTE


def prepare(report: AuditReport, policy: Policy, *, show_values: bool = False) -> ReportView:
    """The shared view of a report: prepared once by the caller, then rendered in every format it wants."""
    employer = policy.employer
    redactor = Redactor.for_findings(
        report.findings,
        show_values=show_values,
        keep_handles=employer.handles,
        keep_names=(
            *employer.names,
            *employer.misspellings,
            *employer.job_titles,
            *employer.units,
            *employer.allowed,
            employer.display_name,
        ),
    )
    checklist = build_checklist(report, policy, redactor)
    return ReportView(
        report=report,
        policy=policy,
        show_values=show_values,
        redactor=redactor,
        checklist=checklist,
        summary=build_summary(report, policy),
        start=start_here(checklist),
        evidence=checklist.evidence_index(),
    )


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
