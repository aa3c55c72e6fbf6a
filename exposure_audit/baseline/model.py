"""How the findings of one run compare with a baseline file: the marks every reporter shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from exposure_audit.model import Category


class BaselineStatus(StrEnum):
    NEW = "new"  # not in the baseline
    KNOWN = "known"  # in the baseline and still present
    REAPPEARED = "reappeared"  # resolved in an earlier run (or its triage label expired) and present again


@dataclass(frozen=True, slots=True, kw_only=True)
class BaselineMark:
    """How one finding of this run compares with the baseline (`baseline/compare.py` builds these)."""

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
    warnings: tuple[str, ...] = ()  # e.g. made with another policy or other rules

    def count(self, status: BaselineStatus) -> int:
        return sum(1 for mark in self.marks.values() if mark.status is status)
