"""What an adversary could learn, in plain sentences, for the top of every report.

Built only from the findings' categories, platforms, fields and rules (never from their values), so
it never needs redacting. Location patterns are recognised by what their rule says it found (home,
workplace, routine); a pattern rule that is missing or unknown falls back to "places you have been".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import AuditReport, Category, Finding, ItemKind, Platform
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.rules import pattern_kind
from exposure_audit.text.lazy_pattern import LazyPattern

_TIME_PHRASE = LazyPattern(
    r"\b(?:on\s+)?((?:weekday|weekend|week-day)s?\s+(?:mornings|afternoons|evenings|nights)"
    r"|(?:mornings|afternoons|evenings|nights)\s+on\s+(?:weekdays|weekends))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """The report's opening sentences and its counts by category."""

    sentences: tuple[str, ...]
    counts: dict[Category, int]
    total: int


def employer_name(policy: Policy) -> str:
    return policy.employer.display_name or policy.organisation or "your employer"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _time_phrase(findings: list[Finding]) -> str:
    for f in findings:
        for reason in f.reasons:
            found = _TIME_PHRASE.search(reason)
            if found:
                return " on " + found.group(1).lower()
    return ""


def _learned(findings: list[Finding], employer: str) -> tuple[list[str], list[str]]:
    """What these findings let someone tell, and how they could reach the person."""
    categories = {f.category for f in findings}
    tell: list[str] = []
    if categories & {Category.EMPLOYER, Category.UNIFORM, Category.DUTIES}:
        tell.append(f"you work for {employer}")
    if Category.COLLEAGUE in categories:
        tell.append("who some of your colleagues are")
    if Category.UNIFORM in categories:
        tell.append("what you look like in uniform")
    if Category.DUTIES in categories:
        tell.append("what your work involves")
    # Only what others can see: sign-in addresses and the platform's own location log are not shown to
    # anyone who looks at the profile, and a profile's city says less than a geotag.
    located = [
        f
        for f in findings
        if f.category is Category.LOCATION
        and f.item_kind is not ItemKind.IP
        and not (f.item_kind is ItemKind.LOCATION and f.field)
    ]
    places = [f for f in located if f.item_kind is ItemKind.PLACE]
    located = [f for f in located if f.item_kind is not ItemKind.PLACE]
    kinds = {pattern_kind(f) for f in located}
    when = _time_phrase([f for f in located if pattern_kind(f) in ("routine", "workplace")])
    if "home" in kinds:
        tell.append("roughly where you live")
    if "workplace" in kinds:
        usual = " and when you are usually there" if "routine" in kinds else ""
        tell.append(f"where you work{when or usual}")
    elif "routine" in kinds:
        tell.append(f"where you usually are{when or ' and when'}")
    if located and not kinds - {""}:
        tell.append("where you have been")
    if places and "home" not in kinds:
        tell.append("which city you are based in")
    reach: list[str] = []
    contact = [f for f in findings if f.category is Category.CONTACT]
    if any(f.field == "email" or "@" in f.match for f in contact):
        reach.append("your official e-mail address")
    if any(
        f.field == "phone" or (f.field != "email" and "@" not in f.match and sum(c.isdigit() for c in f.match) >= 6)
        for f in contact
    ):
        reach.append("your work phone number")
    if contact and not reach:
        reach.append("your official contact details")
    return tell, reach


def _platform_list(labels: list[str]) -> str:
    """'your Instagram, Facebook and photo folders': one 'your' however the labels start."""
    bare = [label.removeprefix("your ").removeprefix("the ") for label in labels]
    return "your " + _join(bare)


def _overview(report: AuditReport, employer: str) -> str:
    """One paragraph for the whole download: which platforms, what they show together; employer named once."""
    steps = platform_steps()
    by_platform: dict[Platform, list[Finding]] = {}
    for f in report.findings:
        by_platform.setdefault(f.platform, []).append(f)
    ranked = sorted(
        by_platform.items(), key=lambda kv: (-max(f.severity.rank for f in kv[1]), -len(kv[1]), kv[0].value)
    )
    tell, reach = _learned(list(report.findings), employer)
    labels = [steps.label(p.value) for p, _ in ranked]
    parts: list[str] = []
    if tell or reach:
        what = ""
        if tell:
            what = f"tell {_join(tell)}"
        if reach:
            what += (", and " if tell else "") + f"reach you at {_join(reach)}"
        together = "Together, " if len(labels) > 1 else ""
        platforms = _platform_list(labels)
        verb = "let anyone who sees them" if len(labels) > 1 else "lets anyone who sees it"
        parts.append(f"{together}{platforms if together else platforms[:1].upper() + platforms[1:]} {verb} {what}.")
    accounts = [steps.label(p.value) for p, fs in ranked if any(f.category is Category.ACCOUNT for f in fs)]
    if accounts:
        noun = "account is" if len(accounts) == 1 else "accounts are"
        parts.append(
            f"Your {_join([a.removeprefix('your ') for a in accounts])} {noun} registered with an "
            f"official address or id, so anyone who gets into {'it' if len(accounts) == 1 else 'one of them'}, "
            "or a leaked copy of its data, can tell it belongs to someone at work."
        )
    return " ".join(parts)


def build_summary(report: AuditReport, policy: Policy) -> Summary:
    counts = report.count_by_category()
    employer = employer_name(policy)
    sentences: list[str] = []
    overview = _overview(report, employer)
    if overview:
        sentences.append(overview)
    public = sum(1 for f in report.findings if f.public)
    if public:
        sentences.append(
            f"{plural(public, 'of these findings is', 'of these findings are')} visible to anyone "
            "on the internet right now."
        )
    if not report.findings:
        sentences.append(f"Nothing in the downloads read identifies you as working for {employer} under this policy.")
    unread = sum(i.coverage.not_understood_count + i.coverage.members_failed for i in report.inputs)
    if unread:
        sentences.append(
            f"{plural(unread, 'file')} in the downloads {'was' if unread == 1 else 'were'} not "
            "understood or could not be read, so this picture may be incomplete: see the coverage "
            "section."
        )
    if report.interrupted:
        sentences.append("The scan was interrupted: this report covers only what was read before it stopped.")
    return Summary(sentences=tuple(sentences), counts=counts, total=len(report.findings))


def counts_line(summary: Summary) -> str:
    shown = [f"{category.value} {count}" for category, count in summary.counts.items() if count]
    return " · ".join(shown) if shown else "no findings"
