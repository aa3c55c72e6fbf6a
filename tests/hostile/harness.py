"""What every hostile case checks: the bad part is a Skipped entry with its reason, everything planted
in the fixture is still found, and the audit needed little more memory than the clean fixture did."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.model import AuditReport, Skipped
from exposure_audit.policy.model import load_policy
from tests.hostile.isolation import Measured, isolated
from tests.test_end_to_end import found, planted

NOW = datetime(2026, 1, 1, tzinfo=UTC)
# Memory the hostile run may need beyond the clean run of the same fixture. Generous on purpose:
# a cap that fails on noise is no cap; reading any of the big members would cost gigabytes.
ALLOWANCE_MIB = 200

_clean_peaks: dict[Path, int] = {}


def audit(paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS, jobs: int = 1) -> Measured[AuditReport]:
    """The real engine on `paths`, in its own process, with the memory it needed."""
    options = AuditOptions(jobs=jobs, limits=limits, now=NOW)
    return isolated(lambda: run_audit(list(paths), load_policy(None), options))


def clean_peak(fixture: Path) -> int:
    if fixture not in _clean_peaks:
        _clean_peaks[fixture] = audit([fixture]).peak_mib
    return _clean_peaks[fixture]


def skipped(report: AuditReport, member_suffix: str) -> list[Skipped]:
    return [s for s in report.skipped if s.source.member.endswith(member_suffix)]


def reason_of(report: AuditReport, member_suffix: str) -> str:
    """The reason of the one Skipped entry of a member (fails when there is none, or several)."""
    entries = skipped(report, member_suffix)
    assert len(entries) == 1, f"{member_suffix}: {[s.reason for s in report.skipped]}"
    return entries[0].reason


def assert_complete(run: Measured[AuditReport], fixture: Path) -> None:
    """Every finding planted in the fixture is still in the report, within the memory allowance."""
    want = planted(fixture.with_name(fixture.name + ".expected.json"))
    missing = want - found(run.value.findings, want)
    assert not missing, f"planted findings lost: {sorted(missing.elements())}"
    crashes = [s.reason for s in run.value.skipped if "could not be read (" in s.reason or "failed on" in s.reason]
    assert not crashes, f"a reader or rule crashed instead of refusing the bad part with a reason: {crashes}"
    assert run.peak_mib <= clean_peak(fixture) + ALLOWANCE_MIB, (
        f"needed {run.peak_mib} MiB; the clean fixture needed {clean_peak(fixture)} MiB"
    )


EVERY_FORMAT = ("terminal", "markdown", "json", "html", "csv", "sarif")


def assert_every_report_renders(download: Path, out: Path) -> None:
    """The command line writes a report of `download` in every format (findings: exit code 1)."""
    formats = [arg for fmt in EVERY_FORMAT for arg in ("-f", fmt)]
    result = CliRunner().invoke(app, ["scan", str(download), "--output-dir", str(out), "--no-cache", *formats])
    assert result.exit_code == 1, result.output
    assert len(list(out.iterdir())) == len(EVERY_FORMAT)
