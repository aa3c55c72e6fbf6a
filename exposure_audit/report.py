"""The result of one audit, as every reporter sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from exposure_audit.model import Category, Finding, InputSummary, Level, Skipped

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class PackSummary:
    id: str
    name: str
    organisation: str
    document: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditReport:
    tool_version: str
    generated_at: datetime
    profile: PackSummary
    inputs: tuple[InputSummary, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    interrupted: bool = False  # a partial report written after Ctrl-C

    def count_by_category(self) -> dict[Category, int]:
        counts = {c: 0 for c in Category}
        for f in self.findings:
            counts[f.category] += 1
        return counts

    def worst(self) -> Level | None:
        return max((f.severity for f in self.findings), key=lambda lv: lv.rank, default=None)

    def at_or_above(self, level: Level) -> list[Finding]:
        return [f for f in self.findings if f.severity.at_least(level)]
