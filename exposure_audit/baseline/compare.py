"""Baselines for scheduled self-checks: which findings are new, still present or resolved since last time.

A baseline remembers the findings of an earlier run so that a monthly re-run on a fresh download shows
only what changed, and a scheduler is woken (exit 1) only by new exposures. It never holds a raw
personal value. Each finding is remembered under an id that is an HMAC-SHA256, with a random key
stored in the baseline, of

- the rule id and the platform,
- the item's stable identity (the platform's own id, or a hash of kind, timestamp and content; never a
  list position, so re-ordered or re-downloaded data gives the same ids),
- the normalised matched value (a different e-mail in the same post is a different finding), and
- the finding's fingerprint, which adds the scanner's own sub-identity within an item.

Next to the id the file keeps only what a person needs to recognise and triage a finding without the
download at hand: rule, category, severity, platform, item kind, the day of the post, when it was
first and last seen, and the person's triage label. Neither the item identity nor the matched value
is stored, so the ids cannot be reversed even by guessing values: a guess would also need the item's
identity. The random key makes ids differ between people and between baselines.

The baseline records the policy and the rule set it was made with; comparing with another policy or
other rules adds a warning, because findings then appear or disappear because the rules changed.
Workplace sites given with --site are deliberately left out of the policy digest (they are coordinates).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from enum import StrEnum

from exposure_audit import __version__
from exposure_audit.baseline.model import BaselineMark, BaselineStatus, BaselineView
from exposure_audit.model import Category, Finding, Level, Platform
from exposure_audit.policy.model import Policy
from exposure_audit.scanners import CORRELATORS, SCANNERS
from exposure_audit.scanners.base import normalise_value

ID_DOMAIN = b"exposure-audit/baseline-id/v1"
ID_HEX_CHARS = 32  # 128 bits: collisions between one person's findings are out of reach
SHORT_ID_CHARS = 10  # what reports and the triage listing show; any unique prefix is accepted


class TriageLabel(StrEnum):
    ACCEPTED = "accepted"  # a known risk kept on purpose (e.g. the post is restricted to friends)
    FALSE_POSITIVE = "false-positive"  # not an exposure at all
    FIXED = "fixed"  # fixed on the platform; this download predates the fix


@dataclass(frozen=True, slots=True, kw_only=True)
class Triage:
    label: TriageLabel
    marked: datetime
    note: str = ""
    expires: date | None = None  # the label applies up to and including this day

    def in_force(self, today: date) -> bool:
        return self.expires is None or today <= self.expires


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    rule: str
    category: Category
    severity: Level
    platform: Platform
    kind: str  # the item kind ("post", "contact" ...), so the person can recognise the finding
    day: str  # the item's date (YYYY-MM-DD) or "" when unknown
    first_seen: datetime
    last_seen: datetime
    resolved: datetime | None = None  # when a run of its platform last found it gone
    triage: Triage | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Baseline:
    key: bytes
    created: datetime
    updated: datetime
    tool_version: str
    policy_id: str
    policy_digest: str
    rules: tuple[str, ...]  # rule ids that were active
    entries: dict[str, Entry] = field(default_factory=dict)


def rule_ids() -> tuple[str, ...]:
    """Every rule id the registered scanners and correlators can emit, sorted."""
    return tuple(sorted({cls.rule for cls in SCANNERS} | {cls.rule for cls in CORRELATORS}))


def policy_digest(policy: Policy) -> str:
    """A digest of what the policy flags and cites, without its file location or the person's sites."""
    parts = [f"{f.name}={getattr(policy, f.name)!r}" for f in fields(policy) if f.name not in ("path", "sites")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def new_baseline(policy: Policy, now: datetime) -> Baseline:
    return Baseline(
        key=secrets.token_bytes(32),
        created=now,
        updated=now,
        tool_version=__version__,
        policy_id=policy.id,
        policy_digest=policy_digest(policy),
        rules=rule_ids(),
    )


def finding_id(key: bytes, finding: Finding) -> str:
    parts = (
        finding.rule,
        finding.platform.value,
        finding.item_identity,
        normalise_value(finding.match),
        finding.fingerprint,
    )
    message = ID_DOMAIN + b"\x00" + "\x1f".join(parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:ID_HEX_CHARS]


def short_id(baseline_id: str) -> str:
    return baseline_id[:SHORT_ID_CHARS]


def entry_for(finding: Finding, now: datetime) -> Entry:
    return Entry(
        rule=finding.rule,
        category=finding.category,
        severity=finding.severity,
        platform=finding.platform,
        kind=finding.item_kind.value,
        day=finding.created_at.date().isoformat() if finding.created_at else "",
        first_seen=now,
        last_seen=now,
    )


def mismatch_warnings(baseline: Baseline, policy: Policy) -> tuple[str, ...]:
    """Why findings may appear or vanish for reasons other than the download changing."""
    warnings = []
    if baseline.policy_id != policy.id:
        warnings.append(
            f"the baseline was made with policy '{baseline.policy_id}' and this run used '{policy.id}'; "
            "findings may show as new or resolved only because the policies differ"
        )
    elif baseline.policy_digest != policy_digest(policy):
        warnings.append(
            f"the baseline was made with another version of policy '{policy.id}'; "
            "findings may show as new or resolved only because the policy changed"
        )
    current = rule_ids()
    if baseline.rules != current:
        added = sorted(set(current) - set(baseline.rules))
        removed = sorted(set(baseline.rules) - set(current))
        detail = "; ".join(
            part
            for part in (
                f"added {', '.join(added)}" if added else "",
                f"removed {', '.join(removed)}" if removed else "",
            )
            if part
        )
        warnings.append(f"the baseline was made with other rules ({detail or 'rule set changed'})")
    return tuple(warnings)


def _mark(baseline_id: str, entry: Entry | None, today: date) -> BaselineMark:
    if entry is None:
        return BaselineMark(id=short_id(baseline_id), status=BaselineStatus.NEW)
    status = BaselineStatus.KNOWN if entry.resolved is None else BaselineStatus.REAPPEARED
    triage = entry.triage
    if triage is None:
        return BaselineMark(id=short_id(baseline_id), status=status)
    if not triage.in_force(today):
        return BaselineMark(
            id=short_id(baseline_id),
            status=BaselineStatus.REAPPEARED,
            note=triage.note,
            expires=triage.expires,
            lapsed=triage.label.value,
        )
    if triage.label is TriageLabel.FIXED and status is BaselineStatus.REAPPEARED and triage.expires is None:
        # It went away and came back: whatever was fixed did not hold. (A label with an expiry date
        # holds until then: the person said how long to stay quiet.)
        return BaselineMark(id=short_id(baseline_id), status=status, note=triage.note, lapsed=triage.label.value)
    return BaselineMark(
        id=short_id(baseline_id), status=status, triage=triage.label.value, note=triage.note, expires=triage.expires
    )


def compare(
    baseline: Baseline, findings: Sequence[Finding], scanned: Iterable[Platform], policy: Policy, today: date, path: str
) -> BaselineView:
    """Marks for this run's findings, and how many baseline findings are gone (per scanned platform)."""
    ids = {f.fingerprint: finding_id(baseline.key, f) for f in findings}
    present = set(ids.values())
    marks = {fp: _mark(bid, baseline.entries.get(bid), today) for fp, bid in ids.items()}
    platforms = set(scanned)
    resolved_by_category: dict[Category, int] = {}
    not_checked = 0
    for bid, entry in baseline.entries.items():
        if entry.resolved is not None or bid in present:
            continue
        if entry.platform not in platforms:
            not_checked += 1
            continue
        resolved_by_category[entry.category] = resolved_by_category.get(entry.category, 0) + 1
    return BaselineView(
        path=path,
        marks=marks,
        resolved=sum(resolved_by_category.values()),
        resolved_by_category=resolved_by_category,
        not_checked=not_checked,
        warnings=mismatch_warnings(baseline, policy),
    )


def updated(
    baseline: Baseline, findings: Sequence[Finding], scanned: Iterable[Platform], policy: Policy, now: datetime
) -> Baseline:
    """The baseline after this run: findings recorded, vanished ones resolved, labels kept."""
    platforms = set(scanned)
    entries: dict[str, Entry] = {}
    for finding in findings:
        bid = finding_id(baseline.key, finding)
        old = baseline.entries.get(bid)
        if old is None:
            entries[bid] = entry_for(finding, now)
            continue
        triage = old.triage
        if (
            old.resolved is not None
            and triage is not None
            and triage.label is TriageLabel.FIXED
            and (triage.expires is None or not triage.in_force(now.date()))
        ):
            triage = None  # came back after being fixed, and no expiry asks for quiet: the label is spent
        entries[bid] = replace(
            old, category=finding.category, severity=finding.severity, last_seen=now, resolved=None, triage=triage
        )
    for bid, old in baseline.entries.items():
        if bid in entries:
            continue
        gone = old.resolved is None and old.platform in platforms
        entries[bid] = replace(old, resolved=now) if gone else old
    return replace(
        baseline,
        updated=now,
        tool_version=__version__,
        policy_id=policy.id,
        policy_digest=policy_digest(policy),
        rules=rule_ids(),
        entries=dict(sorted(entries.items())),
    )


def with_new_entries(baseline: Baseline, findings: Sequence[Finding], now: datetime) -> Baseline:
    """Add entries for findings not yet in the baseline (so they can be triaged) without other changes."""
    entries = dict(baseline.entries)
    for finding in findings:
        entries.setdefault(finding_id(baseline.key, finding), entry_for(finding, now))
    return replace(baseline, entries=dict(sorted(entries.items())))
