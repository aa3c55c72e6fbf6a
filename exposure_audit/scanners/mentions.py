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

from exposure_audit.config import Pack
from exposure_audit.model import Level
from exposure_audit.scanners.textmatch import Hit, longest_first, normalise
from exposure_audit.scanners.vocabulary import (
    ABBREVIATION,
    ALIAS_GROUPS,
    ALLOWED,
    AMBIGUOUS,
    NEGATIVE,
    POSITIVE,
    analyse,
)

WINDOW = 8  # words either side of a name in which context counts
_QUOTED = re.compile(r"[\"“”]([^\"“”\n]{3,200})[\"“”]|(?:^|(?<=[\s:(]))['‘]([^'‘’\n]{3,200})['’](?=[\s.,!?;:…)]|$)")
# X writes every attachment and link as a t.co address, so those say nothing about sharing news.
_LINK = re.compile(r"https?://(?!t\.co/)|www\.", re.IGNORECASE)
_FILLER = frozenset({"the", "department", "dept", "of", "for", "australian", "australia", "government",
                     "commonwealth", "and", "agency"})


class Setting(Enum):
    FREE = "free text"  # posts, comments, messages, captions
    PROFILE = "profile field"  # bio, headline, summary, life event, job title
    WORK = "work field"  # an employer, school, company or group name: the value is a name


_BASE = {Setting.FREE: 1, Setting.PROFILE: 1, Setting.WORK: 1}


@dataclass(frozen=True, slots=True)
class Mention:
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


def employer_mentions(pack: Pack, text: str, setting: Setting) -> list[Mention]:
    """Every name of the employer in `text` that survives its context, strongest first."""
    analysis = analyse(pack, text)
    aliases = [h for h in analysis.hits if h.group in ALIAS_GROUPS]
    if not aliases:
        return []
    allowed = analysis.of(ALLOWED)
    aliases = [h for h in longest_first(aliases) if not any(h.overlaps(a) for a in allowed)]
    aliases = [h for h in aliases if not _defined_as_something_else(text, h, aliases)]
    cues = [h for h in analysis.of(POSITIVE, NEGATIVE) if not any(h.overlaps(a) for a in aliases)]
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
        score = _score(hit, setting, whole, len(raising), len(lowering))
        if score is not None:
            mentions.append(Mention(hit=hit, confidence=score, raising=raising, lowering=tuple(lowering),
                                    whole_value=whole))
    return sorted(mentions, key=lambda m: (-m.confidence.rank, m.hit.start))


def _score(hit: Hit, setting: Setting, whole: bool, raising: int, lowering: int) -> Level | None:
    raising, lowering = min(raising, 2), min(lowering, 2)
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
