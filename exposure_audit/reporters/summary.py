"""What an adversary could learn, in plain sentences, for the top of every report.

Built only from the findings' categories, platforms, fields and rules (never from their values), so
it never needs redacting. Location patterns are recognised by what their rule says it found (home,
workplace, routine); a pattern rule that is missing or unknown falls back to "places you have been".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exposure_audit.config import Pack
from exposure_audit.model import Category, Finding, ItemKind, Platform
from exposure_audit.report import AuditReport
from exposure_audit.reporters.plural import counted, plural
from exposure_audit.reporters.rules import pattern_kind
from exposure_audit.reporters.steps import platform_steps

_TIME_PHRASE = re.compile(r"\b(?:on\s+)?((?:weekday|weekend|week-day)s?\s+(?:mornings|afternoons|evenings|nights)"
                          r"|(?:mornings|afternoons|evenings|nights)\s+on\s+(?:weekdays|weekends))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    sentences: tuple[str, ...]
    counts: dict[Category, int]
    total: int


def employer_name(pack: Pack) -> str:
    return pack.employer.display_name or pack.organisation or "your employer"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _audience(platform: Platform, label: str) -> str:
    if platform is Platform.PHOTOS:
        return "Anyone you give these photos to"
    if platform is Platform.GOOGLE_PHOTOS:
        return "Anyone you share your Google Photos albums with"
    return f"Anyone who can see your {label}"


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
    located = [f for f in findings if f.category is Category.LOCATION and f.item_kind is not ItemKind.IP
               and not (f.item_kind is ItemKind.LOCATION and f.field)]
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
    if any(f.field == "phone" or (f.field != "email" and "@" not in f.match and sum(c.isdigit() for c in f.match) >= 6)
           for f in contact):
        reach.append("your work phone number")
    if contact and not reach:
        reach.append("your official contact details")
    return tell, reach


def build_summary(report: AuditReport, pack: Pack) -> Summary:
    counts = report.count_by_category()
    employer = employer_name(pack)
    steps = platform_steps()
    by_platform: dict[Platform, list[Finding]] = {}
    for f in report.findings:
        by_platform.setdefault(f.platform, []).append(f)
    sentences: list[str] = []
    ranked = sorted(by_platform.items(), key=lambda kv: (-max(f.severity.rank for f in kv[1]), -len(kv[1]),
                                                          kv[0].value))
    for platform, findings in ranked:
        label = steps.label(platform.value)
        tell, reach = _learned(findings, employer)
        if tell and reach:
            sentences.append(f"{_audience(platform, label)} can tell {_join(tell)}, and can reach you at "
                             f"{_join(reach)}.")
        elif tell:
            sentences.append(f"{_audience(platform, label)} can tell {_join(tell)}.")
        elif reach:
            sentences.append(f"{_audience(platform, label)} can reach you at {_join(reach)}.")
        if any(f.category is Category.ACCOUNT for f in findings):
            sentences.append(f"Anyone who gets into your {label} account, or a leaked copy of its data, can tell it "
                             f"belongs to someone at {employer}: it is registered with an official address or id.")
    public = sum(1 for f in report.findings if f.public)
    if public:
        sentences.append(f"{public} of these findings are visible to anyone on the internet right now.")
    if not report.findings:
        sentences.append(f"Nothing in the downloads read identifies you as working for {employer} under this policy.")
    unread = sum(i.coverage.not_understood_count + i.coverage.members_failed for i in report.inputs)
    if unread:
        sentences.append(f"{counted(unread, 'file')} in the downloads {plural(unread, 'was')} not understood "
                         "or could not be read, so this "
                         "picture may be incomplete: see the coverage section.")
    if report.interrupted:
        sentences.append("The scan was interrupted: this report covers only what was read before it stopped.")
    return Summary(sentences=tuple(sentences), counts=counts, total=len(report.findings))


def counts_line(summary: Summary) -> str:
    shown = [f"{category.value} {count}" for category, count in summary.counts.items() if count]
    return " · ".join(shown) if shown else "no findings"

