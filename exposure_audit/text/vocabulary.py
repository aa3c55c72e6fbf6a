"""A policy's words as one phrase matcher, and the per-text analysis every text rule shares.

All text rules of an audit look at the same item one after another; `Vocabulary.analyse` keeps the
last few results so that a text is normalised and walked once, not once per rule.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from exposure_audit.policy.model import Policy
from exposure_audit.text.phrases import Hit, Phrase, PhraseMatcher, is_all_capitals, normalise

# The groups a phrase can belong to. Employer aliases are the first eight.
NAME, ABBREVIATION, HASHTAG, HANDLE, MISSPELLING, JOB_TITLE, UNIT, AMBIGUOUS = (
    "name",
    "abbreviation",
    "hashtag",
    "handle",
    "misspelling",
    "job title",
    "unit",
    "ambiguous name",
)
ALIAS_GROUPS = frozenset({NAME, ABBREVIATION, HASHTAG, HANDLE, MISSPELLING, JOB_TITLE, UNIT, AMBIGUOUS})
ALLOWED, POSITIVE, NEGATIVE = "allowed", "positive", "negative"
WORK_CUE, SITE = "work cue", "site"
TOPIC_PREFIX = "topic:"
DUTY_CONTEXT, FIRST_PERSON, MARKING, MARKING_CUE = "duty context", "first person", "marking", "marking cue"
DISCLAIMER, POSITION_CUE, POSITION_TOPIC = "disclaimer", "position cue", "position topic"


def _plain(group: str, text: str, *, standalone: bool = False) -> Phrase:
    return Phrase(group=group, text=text, exact_case=is_all_capitals(text), standalone=standalone)


def _tagged(group: str, text: str, mark: str) -> Phrase:
    return Phrase(group=group, text=text.lstrip(mark), prefix=mark)


def _contains_any(phrase: str, words: list[str]) -> bool:
    return any(f" {w} " in f" {phrase} " for w in words if w)


def policy_phrases(policy: Policy) -> Iterator[Phrase]:
    employer = policy.employer
    ambiguous = [normalise(a) for a in employer.ambiguous]
    for group, values in (
        (NAME, employer.names),
        (MISSPELLING, employer.misspellings),
        (JOB_TITLE, employer.job_titles),
        (UNIT, employer.units),
    ):
        for value in values:
            # A unit is a proper name ("International Mail Centre"), and a title built on an everyday word
            # ("Corrections Officer") is one only in capitals: lower case, they describe something else.
            proper = group == UNIT or (group == JOB_TITLE and _contains_any(normalise(value), ambiguous))
            yield Phrase(
                group=group, text=value, exact_case=is_all_capitals(value), capitalised=proper, standalone=True
            )
            # "#BorderForce" for "Border Force": people hashtag the names they write.
            yield _tagged(HASHTAG, "#" + normalise(value).replace(" ", ""), "#")
    for value in employer.abbreviations:
        yield Phrase(group=ABBREVIATION, text=value, exact_case=True, standalone=True, whole_token=True)
    for value in employer.ambiguous:
        yield Phrase(group=AMBIGUOUS, text=value, exact_case=is_all_capitals(value), capitalised=True, standalone=True)
    yield from (_tagged(HASHTAG, v, "#") for v in employer.hashtags)
    yield from (_tagged(HANDLE, v, "@") for v in employer.handles)
    yield from (_plain(ALLOWED, v) for v in employer.allowed)
    yield from (_plain(POSITIVE, v) for v in employer.context_positive)
    yield from (_plain(NEGATIVE, v) for v in employer.context_negative)
    yield from (_plain(WORK_CUE, v) for v in policy.contact.work_cues)
    yield from (_plain(SITE, site.name) for site in policy.sites if len(site.name.split()) >= 2)
    duties = policy.duties
    for topic, values in duties.topics.items():
        yield from (_plain(TOPIC_PREFIX + topic, v) for v in values)
    yield from (_plain(DUTY_CONTEXT, v) for v in duties.context)
    yield from (_plain(FIRST_PERSON, v) for v in duties.first_person)
    yield from (_plain(MARKING, v) for v in duties.markings)
    yield from (_plain(MARKING_CUE, v) for v in duties.marking_cues)
    yield from (_plain(DISCLAIMER, v) for v in duties.disclaimer_phrases)
    yield from (_plain(POSITION_CUE, v) for v in duties.official_position_cues)
    yield from (_plain(POSITION_TOPIC, v) for v in duties.position_topics)


class Analysis:
    """Every phrase hit in one text, by group."""

    __slots__ = ("hits", "text")

    def __init__(self, text: str, hits: list[Hit]) -> None:
        self.text = text
        self.hits = hits

    def of(self, *groups: str) -> list[Hit]:
        return [h for h in self.hits if h.group in groups]

    def topics(self) -> list[Hit]:
        return [h for h in self.hits if h.group.startswith(TOPIC_PREFIX)]

    def any_of(self, *groups: str) -> bool:
        return any(h.group in groups for h in self.hits)


_RECENT = 8  # texts whose analysis is kept


class Vocabulary:
    """Every phrase of one policy in one matcher, built once per audit (`scanners.compiled`), and the
    analyses of the last few texts: all text rules look at the same item one after another."""

    def __init__(self, policy: Policy) -> None:
        self.matcher = PhraseMatcher(policy_phrases(policy))
        self._recent: OrderedDict[str, Analysis] = OrderedDict()

    def analyse(self, text: str) -> Analysis:
        """The policy's phrases found in `text` (kept for the last few texts)."""
        found = self._recent.get(text)
        if found is not None:
            self._recent.move_to_end(text)
            return found
        found = Analysis(text, self.matcher.find(text))
        self._recent[text] = found
        if len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        return found
