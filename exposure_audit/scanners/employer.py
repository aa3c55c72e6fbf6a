"""Employer mentions: posts, profile fields and groups that name the organisation you work for."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from exposure_audit.model import Category, Finding, Item, ItemKind, Level
from exposure_audit.scanners.base import Scanner, excerpt_around, rule_reason
from exposure_audit.scanners.catalogue import RuleSpec
from exposure_audit.text.mentions import Mention, Setting, employer_mentions

FREE_TEXT_KINDS = frozenset(
    {ItemKind.POST, ItemKind.COMMENT, ItemKind.MESSAGE, ItemKind.PHOTO, ItemKind.EVENT, ItemKind.CHECKIN, ItemKind.TAG}
)


def item_texts(item: Item) -> Iterator[tuple[str, str, Setting]]:
    """The texts of a profile-like item with where each comes from and how to read it."""
    if item.kind in (ItemKind.WORK, ItemKind.EDUCATION):
        yield "", item.text, Setting.WORK if item.field != "work.title" else Setting.PROFILE
        for key in ("title", "description", "degree", "concentration"):
            value = item.extra.get(key, "")
            if value:
                yield key, value, Setting.PROFILE
    elif item.kind in (ItemKind.PROFILE, ItemKind.LIFE_EVENT):
        yield "", item.text, Setting.PROFILE
    elif item.kind is ItemKind.CONNECTION:
        company = item.extra.get("company", "")
        if company:
            yield "company", company, Setting.WORK


class _EmployerScanner(Scanner):
    """The finding builder the three employer rules share."""

    def _report(
        self,
        item: Item,
        where: str,
        text: str,
        setting: Setting,
        mentions: list[Mention],
        severity: Level,
        extra_reasons: Iterable[str] = (),
    ) -> Finding:
        best = mentions[0]
        reasons = [*best.reasons(text, setting), *extra_reasons]
        others = sorted({m.matched(text) for m in mentions[1:]} - {best.matched(text)})
        if others:
            reasons.append("also names: " + ", ".join(f'"{o}"' for o in others))
        if where:
            reasons.append(f"found in the entry's {where}")
        if self.policy.employer.naming_allowed:
            severity = Level.LOW
            reasons.append("this policy lets staff name the employer; keep it apart from personal profiles")
        reasons.append(rule_reason(self.rule, self.policy, self.category))
        excerpt = excerpt_around(text, best.hit.start, best.hit.end)
        return self.finding(
            item,
            match=best.matched(text),
            excerpt=excerpt,
            severity=severity,
            confidence=best.confidence,
            reasons=reasons,
            identity_extra=where,
        )


class EmployerInFreeText(_EmployerScanner):
    """EXP101: the employer named in a post, comment, message, photo description, event or check-in.

    Every name, abbreviation ("ABF", in capitals only), hashtag (#BorderForce), @-handle, common
    misspelling and job title of the pack counts, on word boundaries, ignoring case, accents,
    punctuation and line breaks. Context decides confidence: words about one's own job nearby
    ("my shift", "colleagues", "joined", "sworn in") raise it; a TV show, a news report, a quoted
    headline, a shared link, travel through the airport or a dog breed lower it, and with more lowering
    than raising the mention is dropped. A bare mention with no context either way is reported at low
    confidence. Ambiguous names ("Customs", "Home Affairs") need raising context. Identifiers the policy
    allows ("Australian Public Service", "APS") are never reported.

    Severity: medium; high with confidence high; low for private messages.
    """

    spec = RuleSpec(id="EXP101", title="Employer named in a post, comment or message", category=Category.EMPLOYER)

    kinds = FREE_TEXT_KINDS

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind not in FREE_TEXT_KINDS or not item.text:
            return
        mentions = employer_mentions(self.compiled.vocabulary, item.text, Setting.FREE)
        if not mentions:
            return
        best = mentions[0].confidence
        severity = Level.LOW if item.kind is ItemKind.MESSAGE else (Level.HIGH if best is Level.HIGH else Level.MEDIUM)
        yield self._report(item, "", item.text, Setting.FREE, mentions, severity)


class EmployerInProfile(_EmployerScanner):
    """EXP102: the employer in a profile field, work-history entry, job title, school or life event.

    Profile fields (bio, headline, summary, about), work history (employer, job title, description),
    education (an employer's college) and life events ("Started New Job at ...") describe the person,
    so a name there starts from a higher confidence than in a post: a work-history employer or a
    school named after the organisation is high confidence unless context lowers it (ABF Freight is
    not the Australian Border Force). An ambiguous name ("Customs") counts when it is the whole value.

    Severity: high.
    """

    spec = RuleSpec(
        id="EXP102", category=Category.EMPLOYER, title="Employer named in a profile, work history or life event"
    )

    kinds = frozenset({ItemKind.PROFILE, ItemKind.WORK, ItemKind.EDUCATION, ItemKind.LIFE_EVENT})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind not in (ItemKind.PROFILE, ItemKind.WORK, ItemKind.EDUCATION, ItemKind.LIFE_EVENT):
            return
        for where, text, setting in item_texts(item):
            mentions = employer_mentions(self.compiled.vocabulary, text, setting)
            if mentions:
                yield self._report(item, where, text, setting, mentions, Level.HIGH)
                return  # one finding per entry: the strongest field


class EmployerGroupOrPage(_EmployerScanner):
    """EXP103: a group you belong to, or a page you follow, named after the employer or one of its units.

    Membership of a group named after the organisation or a unit ("ABF Officers Social Club",
    "Maritime Border Command Crew") tells anyone who can see it where you work: medium severity, high
    if you run the group. Following the official page is permitted by the 2015 instruction, so a
    followed page is reported at low severity and low confidence: it only adds to other signals.
    """

    spec = RuleSpec(id="EXP103", title="Group or page named after the employer", category=Category.EMPLOYER)

    kinds = frozenset({ItemKind.GROUP, ItemKind.PAGE})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind not in (ItemKind.GROUP, ItemKind.PAGE) or not item.text:
            return
        mentions = employer_mentions(self.compiled.vocabulary, item.text, Setting.WORK)
        if not mentions:
            return
        if item.kind is ItemKind.PAGE:
            page = [replace(m, confidence=Level.LOW) for m in mentions]
            yield self._report(
                item,
                "",
                item.text,
                Setting.WORK,
                page,
                Level.LOW,
                ["following the official page is permitted; it adds to other signals"],
            )
            return
        severity = Level.HIGH if "admin" in item.labels else Level.MEDIUM
        extra = ["you run this group"] if "admin" in item.labels else []
        yield self._report(item, "", item.text, Setting.WORK, mentions, severity, extra)
