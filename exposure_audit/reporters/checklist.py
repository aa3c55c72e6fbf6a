"""The remediation checklist every format shows: findings grouped into actions a person performs.

An action is one thing to do on one platform ("Delete or edit these 4 posts on Instagram"); it
carries the policy clauses it serves, the evidence (each finding, redacted) and the steps to find the
item or setting. Every finding of the report lands in exactly one action, and actions are ordered
by their worst severity, then by how many items they cover.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import AuditReport, Category, Finding, Level, Platform, first_member
from exposure_audit.policy.model import Clause, Policy
from exposure_audit.reporters.evidence_where import platform_url, where_phrase
from exposure_audit.reporters.redact import Redactor
from exposure_audit.reporters.rules import pattern_kind
from exposure_audit.reporters.targets import FIELD_TARGETS, field_label, target_of, title

_PATTERN_TITLES = {
    "home": "Stop revealing where you live: remove the location from the {platform} posts and photos that point to it",
    "workplace": "Stop revealing where you work: remove the location from the {platform} posts and photos taken there",
    "routine": "Stop revealing your routine: remove the location from the {platform} posts and photos that show it",
}


def pattern_title(pattern: str, platform_label: str) -> str | None:
    """The action title for a home, workplace or routine pattern ("your Facebook" -> "the Facebook posts"),
    shared by the checklist and the workshop room page so that both say the same thing."""
    wording = _PATTERN_TITLES.get(pattern)
    return wording.format(platform=platform_label.removeprefix("your ")) if wording else None


class Evidence(NamedTuple):
    """One finding as the checklist shows it; personal values already redacted.

    A named tuple, not a frozen dataclass like the rest: one is made for every finding of a report,
    and a frozen dataclass sets each of its 17 fields through a call (twice the time of the whole
    tuple). Build it with keywords."""

    fingerprint: str
    rule: str
    category: Category
    severity: Level
    confidence: Level
    what: str  # "post", "photo", "headline" ...
    archive: str
    member: str
    pointer: str
    created_at: datetime | None
    match: str
    excerpt: str
    reasons: tuple[str, ...]
    # The flagged image, for a thumbnail: raw paths handed to the thumbnail provider, never printed.
    media_archive: str = ""
    media_member: str = ""
    where: str = ""  # "in the album ‘Graduation’" (reporters.evidence_where), redacted
    url: str = ""  # the item's address on the platform, when the download has it


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """One step of the checklist: what to fix where, why, and the findings it covers."""

    key: str  # stable for the same findings: lets a browser remember the tick across reloads
    platform: Platform
    platform_label: str
    target: str
    field: str
    title: str
    instructions: tuple[str, ...]  # the policy's remediation wording for each category involved
    severity: Level
    categories: tuple[Category, ...]
    rules: tuple[str, ...]
    clauses: tuple[Clause, ...]
    steps: tuple[str, ...]
    items: int  # distinct items in the download
    evidence: tuple[Evidence, ...]  # one per item (its worst finding), however many rules it hit
    findings: tuple[Evidence, ...]  # every finding, for the machine formats

    @property
    def fingerprints(self) -> tuple[str, ...]:
        return tuple(e.fingerprint for e in self.findings)


@dataclass(frozen=True, slots=True, kw_only=True)
class Checklist:
    """The checklist's steps, most serious first."""

    actions: tuple[Action, ...]

    def action_index(self) -> dict[str, int]:
        """Finding fingerprint -> position of its action (0-based)."""
        return {fp: i for i, action in enumerate(self.actions) for fp in action.fingerprints}

    def evidence_index(self) -> dict[str, Evidence]:
        return {e.fingerprint: e for action in self.actions for e in action.findings}


def naming_allowed(policy: Policy) -> bool:
    """Policies that let staff name the employer (with a disclaimer) get review wording, not removal."""
    return bool(getattr(policy.employer, "naming_allowed", False) or policy.duties.require_disclaimer)


def _what(finding: Finding, target: str) -> str:
    if target in FIELD_TARGETS and finding.field:
        return field_label(finding.field)
    if target in ("photo_location", "camera"):
        return "photo"
    if target == "location_pattern":
        return pattern_kind(finding) or "location pattern"
    return finding.item_kind.value.replace("_", " ")


def _evidence(finding: Finding, target: str, redactor: Redactor) -> Evidence:
    media = first_member(finding.media)
    return Evidence(
        fingerprint=finding.fingerprint,
        rule=finding.rule,
        category=finding.category,
        severity=finding.severity,
        confidence=finding.confidence,
        what=_what(finding, target),
        archive=redactor.text(finding.source.archive),
        member=redactor.text(finding.source.member),
        pointer=redactor.text(finding.source.pointer),
        created_at=finding.created_at,
        match=redactor.value(finding),
        excerpt=redactor.excerpt(finding),
        reasons=tuple(map(redactor.text, finding.reasons)),
        media_archive=finding.source.archive if media else "",
        media_member=media,
        where=where_phrase(finding, redactor),
        url=platform_url(finding.url),
    )


def _clauses(policy: Policy, findings: Sequence[Finding], categories: Sequence[Category]) -> tuple[Clause, ...]:
    """The policy's clauses the findings cite; else those of their categories; else the general ones."""
    # The findings of one action mostly cite the same clauses: each distinct list is read once, which
    # keeps the first-seen order of the ids.
    ids = list(dict.fromkeys(cid for cited in dict.fromkeys(f.guidance for f in findings) for cid in cited))
    found = [c for c in (policy.clause(i) for i in ids) if c is not None]
    if not found:
        found = [c for cat in categories for c in policy.clauses if cat.value in c.categories]
    if not found:
        found = [c for c in policy.clauses if not c.categories]
    return tuple(dict.fromkeys(found))


# What only the platform keeps (sign-in addresses, its own location log) is not fixed like a geotag:
# the policy's location wording ("remove the geo-tag") would send the person looking for a post.
_PLATFORM_RECORD = {
    "ip": "Only the platform sees where you signed in from; check the list for sessions you do not recognise.",
    "location": "Only the platform keeps this location history; turn it off and delete what it kept.",
}


def _instructions(policy: Policy, target: str, categories: Sequence[Category]) -> tuple[str, ...]:
    if target in _PLATFORM_RECORD:
        return (_PLATFORM_RECORD[target],)
    return tuple(dict.fromkeys(w for w in (policy.action_for(c) for c in categories) if w))


def _item(finding: Finding) -> str:
    return finding.item_identity or finding.fingerprint


def _group_key(finding: Finding, target: str) -> tuple[str, ...]:
    field = finding.field if target in FIELD_TARGETS else ""
    # A location pattern is fixed one pattern at a time (home and routine need different edits).
    extra = (pattern_kind(finding) or finding.rule) if target == "location_pattern" else ""
    return (finding.platform.value, target, field, extra)


_CATEGORY_RANK = {c: i for i, c in enumerate(Category)}  # declaration order, looked up once per finding


def build_checklist(report: AuditReport, policy: Policy, redactor: Redactor) -> Checklist:
    groups: dict[tuple[str, ...], list[Finding]] = {}
    targets: dict[tuple[str, ...], str] = {}
    for finding in report.findings:
        target = target_of(finding)
        key = _group_key(finding, target)
        groups.setdefault(key, []).append(finding)
        targets[key] = target
    steps = platform_steps()
    allowed = policy.employer.allowed_wording
    lenient = naming_allowed(policy)
    actions = []
    for key, findings in groups.items():
        target = targets[key]
        first = findings[0]
        label = steps.label(first.platform.value)
        categories = tuple(sorted({f.category for f in findings}, key=_CATEGORY_RANK.__getitem__))
        field = key[2]
        count = len({_item(f) for f in findings})
        pattern = pattern_title(key[3], label) if target == "location_pattern" else None
        if pattern is not None:
            heading = pattern
        else:
            heading = title(
                target=target,
                field=field,
                platform=label,
                count=count,
                categories=categories,
                allowed_wording=allowed,
                naming_allowed=lenient,
            )
        ordered = sorted(
            findings, key=lambda f: (-f.severity.rank, f.created_at.isoformat() if f.created_at else "", f.fingerprint)
        )
        fingerprints = sorted(f.fingerprint for f in findings)
        every = tuple(_evidence(f, target, redactor) for f in ordered)
        # An item that several rules flagged is listed once, under its worst finding (they come first).
        by_item: dict[str, Evidence] = {}
        for f, shown in zip(ordered, every, strict=True):
            by_item.setdefault(_item(f), shown)
        actions.append(
            Action(
                key=hashlib.blake2b("|".join((*key, *fingerprints)).encode(), digest_size=8).hexdigest(),
                platform=first.platform,
                platform_label=label,
                target=target,
                field=field,
                title=heading,
                instructions=_instructions(policy, target, categories),
                severity=max({f.severity for f in findings}, key=lambda lv: lv.rank),
                categories=categories,
                rules=tuple(sorted({f.rule for f in findings})),
                clauses=_clauses(policy, findings, categories),
                steps=steps.for_target(first.platform.value, target, field),
                items=count,
                evidence=tuple(by_item.values()),
                findings=every,
            )
        )
    actions.sort(key=lambda a: (-a.severity.rank, -a.items, a.platform.value, a.title))
    return Checklist(actions=tuple(actions))
