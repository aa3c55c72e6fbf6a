"""How sure we are that a name of the employer in a text identifies the person as staff.

Each alias hit starts from a base that depends on where the text is (a work-history entry says more
than a post), then context words within a few words move it: "my shift", "colleagues", "joined"
raise it; "watching", "episode", "queue at the airport", "collie", a quoted headline or a shared link
lower it. An ambiguous name ("Customs", "Home Affairs", "Treasury") counts in free text only with
raising context, and in a work field only when it is the whole value ("Customs", not "Customs
Brokers Pty Ltd"). Allowed identifiers ("Australian Public Service", "APS") are never mentions.

Score = base + raising cues (at most 2) - lowering cues (at most 2): 2 or more is high confidence,
1 medium, 0 low (a bare mention with no context either way); below 0 the mention is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from exposure_audit.model import Level
from exposure_audit.text.lazy_pattern import LazyPattern
from exposure_audit.text.phrases import Hit, longest_first, normalise
from exposure_audit.text.vocabulary import (
    ABBREVIATION,
    ALIAS_GROUPS,
    ALLOWED,
    AMBIGUOUS,
    DUTY_CONTEXT,
    FIRST_PERSON,
    NEGATIVE,
    POSITIVE,
    SITE,
    Vocabulary,
)
from exposure_audit.text.whose import is_heading, names_a_business, names_another_body, someone_elses

WINDOW = 8  # words either side of a name in which context counts
_QUOTED = LazyPattern(r"[\"“”]([^\"“”\n]{3,200})[\"“”]|(?:^|(?<=[\s:(]))['‘]([^'‘’\n]{3,200})['’](?=[\s.,!?;:…)]|$)")
# X writes every attachment and link as a t.co address, so those say nothing about sharing news.
_LINK = re.compile(r"https?://(?!t\.co/)|www\.", re.IGNORECASE)
_FILLER = frozenset(
    {"the", "department", "dept", "of", "for", "australian", "australia", "government", "commonwealth", "and", "agency"}
)


class Setting(Enum):
    FREE = "free text"  # posts, comments, messages, captions
    PROFILE = "profile field"  # bio, headline, summary, life event, job title
    WORK = "work field"  # an employer, school, company or group name: the value is a name


_BASE = {Setting.FREE: 1, Setting.PROFILE: 1, Setting.WORK: 1}


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of the employer, with how sure it is and the words that made it more or less so."""

    hit: Hit
    confidence: Level
    raising: tuple[str, ...]
    lowering: tuple[str, ...]
    whole_value: bool

    def matched(self, text: str) -> str:
        """The value a finding reports: the words as written ("Border Force Officer", "ABF")."""
        return self.hit.words(text)

    @property
    def alias(self) -> str:
        return self.hit.phrase.text

    def reasons(self, text: str, setting: Setting) -> list[str]:
        written = self.hit.words(text)
        reasons = [f'"{written}" matches {self.hit.group} "{self.alias}" of the employer, in a {setting.value}']
        if self.whole_value:
            reasons.append("the name is the whole value of the field")
        if self.raising:
            reasons.append("context raised confidence: " + ", ".join(f'"{w}"' for w in self.raising))
        if self.lowering:
            reasons.append("context lowered confidence: " + ", ".join(self.lowering))
        if not self.raising and not self.lowering and setting is Setting.FREE:
            reasons.append("no context either way: a bare mention")
        return reasons


def _is_whole_value(text: str, hit: Hit) -> bool:
    rest = normalise(text[: hit.start] + " " + text[hit.end :]).split()
    return all(word in _FILLER for word in rest)


_EXPANSION_AFTER = re.compile(r"\s*\(([^()]{3,80})\)")
_EXPANSION_BEFORE = re.compile(r"((?:[\w'&-]+\s+){1,6})\($")


def _defined_as_something_else(text: str, hit: Hit, aliases: list[Hit]) -> bool:
    """ "ABF (Australian Baseball Federation)" or "Australian Baseball Federation (ABF)": the writer
    spelt out an abbreviation, and the spelling is not one of the employer's names."""
    if hit.group != ABBREVIATION:
        return False
    after = _EXPANSION_AFTER.match(text, hit.end)
    if after:
        return not any(after.start(1) <= a.start and a.end <= after.end(1) for a in aliases)
    if text[hit.end : hit.end + 1] == ")":
        before = _EXPANSION_BEFORE.search(text, 0, hit.start)
        if before:
            return not any(before.start(1) <= a.start and a.end <= before.end(1) for a in aliases)
    return False


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def employer_mentions(vocabulary: Vocabulary, text: str, setting: Setting) -> list[Mention]:
    """Every name of the employer in `text` (by the policy's `vocabulary`) that survives its context,
    strongest first."""
    analysis = vocabulary.analyse(text)
    aliases = [h for h in analysis.hits if h.group in ALIAS_GROUPS]
    if not aliases:
        return []
    allowed = analysis.of(ALLOWED)
    aliases = [h for h in longest_first(aliases) if not any(h.overlaps(a) for a in allowed)]
    aliases = [h for h in aliases if not _defined_as_something_else(text, h, aliases)]
    aliases = [h for h in aliases if not _something_else(text, h, aliases, setting)]
    cues = [h for h in analysis.of(POSITIVE, NEGATIVE) if not any(h.overlaps(a) for a in aliases)]
    support = _Support(text, setting, aliases, analysis.of(SITE), analysis.of(DUTY_CONTEXT, FIRST_PERSON))
    quoted = _quoted_spans(text) if setting is Setting.FREE else []
    has_link = bool(_LINK.search(text))
    mentions = []
    for hit in aliases:
        near = [c for c in cues if hit.distance(c) <= WINDOW]
        raising = tuple(dict.fromkeys(c.phrase.text for c in near if c.group == POSITIVE))
        lowering = [f'"{t}"' for t in dict.fromkeys(c.phrase.text for c in near if c.group == NEGATIVE)]
        if any(start <= hit.start and hit.end <= end for start, end in quoted):
            lowering.append("the name is inside quotation marks (a headline or a title)")
        if has_link and setting is Setting.FREE:
            lowering.append("the text shares a link (news or someone else's content)")
        whole = setting is Setting.WORK and _is_whole_value(text, hit)
        relation = someone_elses(text, hit.start) if setting is not Setting.WORK else ""
        if relation:
            lowering.append(f'about someone else\'s job ("{relation}")')
        supported = bool(raising) or support.of(hit)
        score = _score(hit, setting, whole, len(raising), len(lowering), supported)
        if score is not None and relation:
            score = min(score, Level.LOW, key=lambda level: level.rank)
        if score is not None:
            mentions.append(
                Mention(hit=hit, confidence=score, raising=raising, lowering=tuple(lowering), whole_value=whole)
            )
    return sorted(mentions, key=lambda m: (-m.confidence.rank, m.hit.start))


SHORT_ABBREVIATION = 3  # letters: "XYZ" is shared by many businesses, clubs and codes; "DIBP" far less


def _is_short_abbreviation(hit: Hit) -> bool:
    return hit.group == ABBREVIATION and sum(c.isalpha() for c in hit.phrase.text) <= SHORT_ABBREVIATION


def _something_else(text: str, hit: Hit, aliases: list[Hit], setting: Setting) -> bool:
    """An everyday word heading a line ("Corrections: ..."), the start of another body's name ("the
    Department of Education"), or a short abbreviation starting a business's name ("XYZ Plumbing"):
    not a name of the employer at all."""
    if _is_short_abbreviation(hit):
        return names_a_business(text, hit.end)
    if hit.group != AMBIGUOUS:
        return False
    if setting is not Setting.WORK and is_heading(text, hit.start, hit.end):
        return True
    other = names_another_body(text, hit.end)
    return bool(other) and not any(a is not hit and a.start >= hit.end and a.start - hit.end < 12 for a in aliases)


_SEGMENT = re.compile(r"[^|•·\n/,;]+")
_SENTENCE = re.compile(r"[^.!?\n]+")


@dataclass(frozen=True, slots=True)
class _Support:
    """What makes a short abbreviation the employer rather than a shop or a club with the same capitals:
    the person's own job words (a raising cue, the policy's shift and duty words, "I"/"my" in the same
    sentence), another name of the employer or a workplace site in the text, or the abbreviation
    standing alone in a profile field ("ABF | mum of 2")."""

    text: str
    setting: Setting
    aliases: list[Hit]
    sites: list[Hit]
    own_words: list[Hit]

    def of(self, hit: Hit) -> bool:
        if not _is_short_abbreviation(hit):
            return True
        if any(a is not hit and a.group != ABBREVIATION for a in self.aliases) or self.sites:
            return True
        sentence = next(
            (m.span() for m in _SENTENCE.finditer(self.text) if m.start() <= hit.start < m.end()), (0, len(self.text))
        )
        if any(sentence[0] <= w.start < sentence[1] for w in self.own_words):
            return True
        if self.setting is Setting.PROFILE:
            segment = next((m.group(0) for m in _SEGMENT.finditer(self.text) if m.start() <= hit.start < m.end()), "")
            return len(normalise(segment).split()) == 1
        return False


def _score(
    hit: Hit, setting: Setting, whole: bool, raising: int, lowering: int, supported: bool = True
) -> Level | None:
    raising, lowering = min(raising, 2), min(lowering, 2)
    if hit.group == ABBREVIATION and not whole and not supported:
        # Three capitals are shared by plumbers, clubs and course codes ("XYZ Plumbing"): alone they are
        # a hint; a company name that merely contains them is someone else's company.
        if setting is Setting.WORK or lowering:
            return None
        return Level.LOW
    if hit.group == AMBIGUOUS and not whole:
        if raising == 0:
            return None  # "went through customs", "local customs": an everyday word without work context
        base = 0
    elif setting is Setting.WORK and lowering == 0:
        return Level.HIGH  # an employer, school or group named after the organisation
    else:
        base = _BASE[setting]
    score = base + raising - lowering
    if whole:
        score = max(score, 2 - lowering)
    if score >= 2:
        return Level.HIGH
    if score == 1:
        return Level.MEDIUM
    if score == 0:
        return Level.LOW
    return None
