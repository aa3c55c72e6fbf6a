"""The result of one audit, as every reporter sees it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from exposure_audit.model import Category, Finding, InputSummary, Level, Skipped

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class PackSummary:
    id: str
    name: str
    organisation: str
    document: str


class BaselineStatus(StrEnum):
    NEW = "new"  # not in the baseline
    KNOWN = "known"  # in the baseline and still present
    REAPPEARED = "reappeared"  # resolved in an earlier run (or its triage label expired) and present again


@dataclass(frozen=True, slots=True, kw_only=True)
class BaselineMark:
    """How one finding of this run compares with the baseline (`baseline.py` builds these)."""

    id: str  # the finding's short id in the baseline file; `exposure-audit triage FILE ID LABEL` takes it
    status: BaselineStatus
    triage: str = ""  # "accepted", "false-positive" or "fixed" while the label is in force, else ""
    note: str = ""  # the person's own note with the label
    expires: date | None = None  # when the label stops applying
    lapsed: str = ""  # a label whose expiry date has passed (the finding asks for a decision again)

    @property
    def quiet(self) -> bool:
        """Triaged by the person: listed as known, never a reason to exit 1."""
        return bool(self.triage)


@dataclass(frozen=True, slots=True, kw_only=True)
class BaselineView:
    """This run against a baseline file: per-finding marks plus what disappeared since."""

    path: str
    marks: Mapping[str, BaselineMark] = field(default_factory=dict)  # Finding.fingerprint -> mark
    resolved: int = 0  # baseline findings of the platforms scanned now that are no longer found
    resolved_by_category: Mapping[Category, int] = field(default_factory=dict)
    not_checked: int = 0  # baseline findings of platforms this run did not scan (left as they were)
    warnings: tuple[str, ...] = ()  # e.g. made with another pack or other rules

    def count(self, status: BaselineStatus) -> int:
        return sum(1 for mark in self.marks.values() if mark.status is status)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditReport:
    tool_version: str
    generated_at: datetime
    profile: PackSummary
    inputs: tuple[InputSummary, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    interrupted: bool = False  # a partial report written after Ctrl-C
    baseline: BaselineView | None = None  # set when the scan was compared with a baseline file

    def count_by_category(self) -> dict[Category, int]:
        counts = {c: 0 for c in Category}
        for f in self.findings:
            counts[f.category] += 1
        return counts

    def worst(self) -> Level | None:
        return max((f.severity for f in self.findings), key=lambda lv: lv.rank, default=None)

    def at_or_above(self, level: Level) -> list[Finding]:
        return [f for f in self.findings if f.severity.at_least(level)]
