"""A scan against a baseline, as a scheduler runs it: compare, triage, update, one summary line, exit code.

Exit codes with a baseline: 1 only when a new or reappeared finding at or above --fail-on is not
triaged; 0 otherwise (known findings never wake a scheduler); 2 on errors (raised, not decided here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from exposure_audit.baseline.compare import (
    Baseline,
    TriageLabel,
    compare,
    finding_id,
    new_baseline,
    updated,
    with_new_entries,
)
from exposure_audit.baseline.store import baseline_text, load_baseline, save_baseline
from exposure_audit.baseline.triage import mark, parse_expiry, parse_mark, resolve_id
from exposure_audit.errors import UsageError
from exposure_audit.model import AuditReport, Platform
from exposure_audit.output.commit import OutputCommit
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.plural import plural


@dataclass(frozen=True, slots=True, kw_only=True)
class BaselineRequest:
    path: Path
    update: bool = False  # write the baseline after comparing (--update-baseline)
    marks: tuple[tuple[str, TriageLabel], ...] = ()  # (id or prefix, label) from --triage
    note: str = ""
    expires: date | None = None


def baseline_request(
    path: Path | None, update: bool = False, marks: Sequence[str] = (), note: str = "", until: str | None = None
) -> BaselineRequest | None:
    """The scan flags --baseline, --update-baseline, --triage, --triage-note and --triage-until, checked."""
    if (note or until) and not marks:
        raise UsageError(
            "--triage-note" if note else "--triage-until",
            "needs --triage ID=LABEL",
            "Label a finding with --triage, or use 'exposure-audit triage'",
        )
    if path is None:
        if update or marks:
            raise UsageError(
                "--update-baseline" if update else "--triage",
                "needs --baseline FILE",
                "Name the baseline file with --baseline",
            )
        return None
    return BaselineRequest(
        path=path, update=update, marks=tuple(parse_mark(m) for m in marks), note=note, expires=parse_expiry(until)
    )


def apply_baseline(
    report: AuditReport, policy: Policy, request: BaselineRequest, now: datetime, outputs: OutputCommit | None = None
) -> AuditReport:
    """Compare the report with the baseline (creating it when asked), apply triage flags, write it back.

    Triage flags are applied before comparing, so a finding marked in this run is already quiet. The
    file is written only for --update-baseline or triage flags, and never after an interrupted run
    (a partial scan would mark everything it did not reach as resolved). With `outputs`, the new
    baseline joins the run's outputs and is committed after every report, never before them.
    """
    path = request.path
    baseline = load_baseline(path) if path.exists() or not request.update else new_baseline(policy, now)
    if request.marks:
        by_id = {finding_id(baseline.key, f): f for f in report.findings}
        candidates = set(baseline.entries) | set(by_id)
        for prefix, label in request.marks:
            bid = resolve_id(sorted(candidates), prefix, f"--triage {prefix}")
            if bid not in baseline.entries:
                baseline = with_new_entries(baseline, [by_id[bid]], now)
            baseline = mark(baseline, bid, label, now, request.note, request.expires)
    # A platform counts as checked only when all of it was read: a finding in a member that failed
    # is "not checked" this time, not "resolved" (its label would be lost when it shows up again).
    scanned = fully_read_platforms(report)
    if request.update:
        refuse_unfit_update(baseline, report, policy, path)
    view = compare(baseline, report.findings, scanned, policy, now.date(), str(path))
    warnings = list(view.warnings)
    failed = sum(summary.coverage.members_failed for summary in report.inputs)
    if failed:
        warnings.append(f"{plural(failed, 'file')} could not be read; findings of that platform count as not checked")
    if report.interrupted:
        warnings.append("the scan was interrupted; the baseline was not changed")
    elif request.update or request.marks:
        result = updated(baseline, report.findings, scanned, policy, now) if request.update else baseline
        if outputs is None:
            save_baseline(path, result)
        else:
            outputs.add(path, baseline_text(result), last=True)
    return replace(report, baseline=replace(view, warnings=tuple(warnings)))


def fully_read_platforms(report: AuditReport) -> set[Platform]:
    """Platforms every input of which was read without a failed member."""
    platforms = {summary.platform for summary in report.inputs}
    return platforms - {s.platform for s in report.inputs if s.coverage.members_failed}


def refuse_unfit_update(baseline: Baseline, report: AuditReport, policy: Policy, path: Path) -> None:
    """UsageError when this run must not become the baseline: made with another policy (every finding the
    policies disagree on would turn resolved and lose its label), or with a whole input unread."""
    # A new version of the same policy is how a baseline moves on (with a warning); another policy is not.
    if baseline.entries and baseline.policy_id != policy.id:
        raise UsageError(
            f"--update-baseline {path}",
            f"the baseline was made with policy '{baseline.policy_id}' and this run used '{policy.id}'",
            "Scan with the baseline's policy, or start a new baseline file for this policy",
        )
    for summary in report.inputs:
        if summary.items == 0 and (summary.coverage.members_failed or summary.coverage.members_read == 0):
            raise UsageError(
                f"--update-baseline {path}",
                f"nothing of {', '.join(summary.paths)} could be read in this run",
                "Fix or re-download that input, then update the baseline",
            )
