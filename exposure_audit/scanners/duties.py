"""Official duties: writing about one's own operational work, classification markings, and comments
that read as the organisation's official position."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from exposure_audit.model import Category, Finding, Item, ItemKind, Level, Platform
from exposure_audit.scanners.base import Correlator, Scanner, excerpt_around, make_finding, rule_reason
from exposure_audit.scanners.catalogue import RuleSpec
from exposure_audit.text.mentions import Setting, employer_mentions
from exposure_audit.text.phrases import Hit, longest_first
from exposure_audit.text.shared_content import SHARED
from exposure_audit.text.vocabulary import (
    ALIAS_GROUPS,
    AMBIGUOUS,
    DISCLAIMER,
    DUTY_CONTEXT,
    FIRST_PERSON,
    MARKING,
    MARKING_CUE,
    POSITION_CUE,
    POSITION_TOPIC,
    POSITIVE,
    TOPIC_PREFIX,
)

TEXT_KINDS = frozenset({ItemKind.POST, ItemKind.COMMENT, ItemKind.MESSAGE, ItemKind.PHOTO, ItemKind.EVENT})
# Profile fields a person writes about themselves at length (LinkedIn "About", a Facebook intro): duties
# described there are as public as a post.
SUMMARY_FIELDS = frozenset({"summary", "about", "bio", "intro", "description"})


def is_duties_text(item: Item) -> bool:
    if SHARED in item.labels:  # a retweet passes on someone else's words, not talk about one's own work
        return False
    return item.kind in TEXT_KINDS or (item.kind is ItemKind.PROFILE and item.field in SUMMARY_FIELDS)


_CUE_WORDS = 3  # "marked PROTECTED": a marking cue counts this close before a one-word marking


def _quote(hits: Iterable[Hit], text: str) -> str:
    return ", ".join(dict.fromkeys(f'"{h.words(text)}"' for h in hits))


class OfficialDutiesTopic(Scanner):
    """EXP701: a post about your own official work on a topic the policy lists.

    The 2015 instruction's examples of agency-related information each have trigger phrases in the
    pack (current operations, detentions, seizures of goods, visa compliance activity, matters before
    the courts, policy development, departmental systems, day-to-day work). The same words are
    everyday words too ("knee operation", "tennis court", "Kmart haul"), so a topic phrase counts only
    with evidence that the text is about the writer's own work:

    - medium confidence: a work-context phrase ("my shift", "our team", "at work", "the crew"), or the
      employer named in the same text, or two different topic phrases with a first-person word ("we
      seized 40 kilos");
    - low confidence: one topic phrase with only a first-person word ("my engine seized");
    - nothing: a topic phrase alone.

    The finding lists the topic, the phrases and the context that fired. Severity: medium; high with
    two topic phrases and work context; low for private messages.
    """

    spec = RuleSpec(id="EXP701", title="Official duties discussed", category=Category.DUTIES)

    kinds = TEXT_KINDS | {ItemKind.PROFILE}

    def scan(self, item: Item) -> Iterable[Finding]:
        if not is_duties_text(item) or not item.text:
            return
        text = item.text
        analysis = self.compiled.vocabulary.analyse(text)
        # A phrase that says whose work it is ("on the wharf") is context, not also a topic ("the wharf");
        # a topic word inside a name of the employer ("Tarrant Bay Remand Centre") is the name, and one
        # the policy also lists as a job word ("transferred to Eastvale") is about the job, not its work.
        context = analysis.of(DUTY_CONTEXT)
        job_words = analysis.of(*(ALIAS_GROUPS - {AMBIGUOUS}), POSITIVE)
        topics = [
            t
            for t in longest_first(analysis.topics())
            if not any(t.overlaps(c) for c in context) and not any(t.overlaps(n) for n in job_words)
        ]
        if not topics:
            return
        first_person = analysis.of(FIRST_PERSON)
        employer = employer_mentions(self.compiled.vocabulary, text, Setting.FREE)
        phrases = {h.phrase.text for h in topics}
        if context or employer or (len(phrases) >= 2 and first_person):
            confidence = Level.MEDIUM
        elif first_person:
            confidence = Level.LOW
        else:
            return
        names = sorted({h.group.removeprefix(TOPIC_PREFIX) for h in topics})
        reasons = [
            f"topic{'s' if len(names) > 1 else ''} the policy lists: {'; '.join(names)}",
            f"words: {_quote(topics, text)}",
        ]
        if context:
            reasons.append(f"about the writer's own work: {_quote(context, text)}")
        if employer:
            reasons.append(f'names the employer: "{employer[0].hit.words(text)}"')
        if not context and not employer:
            reasons.append(f"only first-person words suggest it is about work: {_quote(first_person, text)}")
        reasons.append(rule_reason(self.rule, self.policy, self.category))
        severity = Level.HIGH if len(phrases) >= 2 and (context or employer) else Level.MEDIUM
        if item.kind is ItemKind.MESSAGE:
            severity = Level.LOW
        first = topics[0]
        yield self.finding(
            item,
            match=first.words(text),
            excerpt=excerpt_around(text, first.start, first.end),
            severity=severity,
            confidence=confidence,
            reasons=reasons,
        )


def _alone_on_its_line(text: str, hit: Hit) -> bool:
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    rest = line[: hit.start - line_start] + line[hit.end - line_start :]
    return not any(c.isalnum() for c in rest)


class ClassificationMarking(Scanner):
    """EXP702: a security classification marking ("PROTECTED", "For Official Use Only", "Sensitive: Cabinet").

    Markings written in capitals in the pack match only in capitals, and a one-word marking inside a
    sentence ("Stay PROTECTED this flu season", "TOP SECRET recipe") is low confidence unless a word
    such as "marked" or "classified" comes just before it; on a line of its own it is medium, as a
    marking on a copied document would be. Mixed-case markings ("For Official Use Only") are
    distinctive enough to count anywhere.

    Severity: high (low for the low-confidence cases).
    """

    spec = RuleSpec(id="EXP702", title="Security classification marking posted", category=Category.DUTIES)

    kinds = TEXT_KINDS | {ItemKind.PROFILE}

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind not in TEXT_KINDS | {ItemKind.PROFILE} or not item.text:
            return
        text = item.text
        analysis = self.compiled.vocabulary.analyse(text)
        markings = longest_first(analysis.of(MARKING))
        if not markings:
            return
        cues = analysis.of(MARKING_CUE)
        best: tuple[Level, Hit, str] | None = None
        for hit in markings:
            if not hit.phrase.exact_case:
                level, why = Level.MEDIUM, "a distinctive marking"
            elif _alone_on_its_line(text, hit):
                level, why = Level.MEDIUM, "on a line of its own, as on a marked document"
            elif any(c.last_token < hit.first_token and hit.distance(c) < _CUE_WORDS for c in cues):
                level, why = Level.MEDIUM, 'introduced as a marking ("marked", "classified")'
            else:
                level, why = Level.LOW, "inside a sentence, where the word may just be emphasis"
            if best is None or level.rank > best[0].rank:
                best = (level, hit, why)
        assert best is not None
        level, hit, why = best
        reasons = [
            f'classification marking "{hit.words(text)}"',
            why,
            rule_reason(self.rule, self.policy, self.category),
        ]
        yield self.finding(
            item,
            match=hit.words(text),
            excerpt=excerpt_around(text, hit.start, hit.end),
            severity=Level.HIGH if level is Level.MEDIUM else Level.LOW,
            confidence=level,
            reasons=reasons,
        )


@dataclass(frozen=True, slots=True)
class _Disclaimed:
    """Seen in a profile: the disclaimer the policy asks for, on this platform."""

    platform: Platform


@dataclass(frozen=True, slots=True)
class _Position:
    """A post that reads as the organisation's position, held until the profiles are known."""

    platform: Platform
    finding: Finding


class OfficialPositionWithoutDisclaimer(Correlator):
    """EXP703: a comment that reads as the organisation's official position, without a disclaimer.

    Only for packs whose policy asks for a disclaimer (`duties.require_disclaimer`, e.g. the Treasury
    2014 policy: make it clear you are not representing your agency or the Government). A post or
    comment with an official-position cue ("Treasury's view", "our forecasts", "the Government's
    position") is reported unless the same text, or the bio of the same account, says the views are
    the writer's own. Confidence is medium when the comment is about a subject the organisation
    advises on (the pack's `position_topics`: the Budget, tax, inflation ...) or names the employer,
    low otherwise ("our forecasts for the weekend: rain").

    Severity: medium.
    """

    spec = RuleSpec(id="EXP703", title="Official-sounding comment without a disclaimer", category=Category.DUTIES)

    def observe(self, item: Item) -> object | None:
        if not self.policy.duties.require_disclaimer or not item.text or SHARED in item.labels:
            return None
        analysis = self.compiled.vocabulary.analyse(item.text)
        if item.kind is ItemKind.PROFILE:
            return _Disclaimed(item.platform) if analysis.any_of(DISCLAIMER) else None
        if item.kind not in TEXT_KINDS or analysis.any_of(DISCLAIMER):
            return None
        cues = analysis.of(POSITION_CUE)
        if not cues:
            return None
        topics = [t for t in analysis.of(POSITION_TOPIC) if not any(t.overlaps(c) for c in cues)]
        employer = employer_mentions(self.compiled.vocabulary, item.text, Setting.FREE)
        confidence = Level.MEDIUM if topics or employer else Level.LOW
        reasons = [
            f"reads as an official position: {_quote(cues, item.text)}",
            "no disclaimer that the views are the writer's own",
        ]
        if topics:
            reasons.append(f"on a subject the organisation advises on: {_quote(topics, item.text)}")
        reasons.append(rule_reason(self.rule, self.policy, self.category))
        finding = make_finding(
            rule=self.rule,
            category=self.category,
            policy=self.policy,
            platform=item.platform,
            cites=self.spec.clauses,
            source=item.source,
            item=item,
            match=cues[0].words(item.text),
            excerpt=excerpt_around(item.text, cues[0].start, cues[0].end),
            severity=Level.MEDIUM,
            confidence=confidence,
            reasons=reasons,
            media=item.media,
        )
        return _Position(item.platform, finding)

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        disclaimed = {o.platform for o in observations if isinstance(o, _Disclaimed)}
        for record in observations:
            if isinstance(record, _Position) and record.platform not in disclaimed:
                yield record.finding
