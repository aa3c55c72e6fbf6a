"""Cues in the text around a photo: caption, post text, album name, description and file name.

Two lists: phrases that say a person is in uniform or on duty ("in uniform", "passing out parade",
"#onduty", "first shift": a medium cue each) and words that only lean that way ("graduation",
"academy", "parade": weak). The policy's `uniform.caption_cues` join the second list unless they are
in the first. Phrases match case-insensitively on word boundaries, and also as hashtags written
without spaces ("#passingoutparade"). A mention of the employer, as the employer rule reads it
(`text.mentions`: ambiguous names need work context, allowed names never count), is a separate,
weak context cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from exposure_audit.media.file_names import camera_made
from exposure_audit.model import Item
from exposure_audit.policy.model import Policy
from exposure_audit.text.mentions import Setting, employer_mentions
from exposure_audit.text.vocabulary import Vocabulary

STRONG_PHRASES: tuple[str, ...] = (
    "in uniform",
    "my uniform",
    "new uniform",
    "full uniform",
    "uniform inspection",
    "passing out parade",
    "graduation parade",
    "sworn in",
    "swearing in",
    "on duty",
    "first shift",
    "night shift",
    "day shift",
    "my shift",
    "roll call",
    "boarding party",
    "on patrol",
    "epaulettes",
    "my badge",
    "badge number",
    "thin blue line",
)
WEAK_PHRASES: tuple[str, ...] = (
    "uniform",
    "graduation",
    "graduated",
    "academy",
    "recruit",
    "recruits",
    "parade",
    "badge",
    "ceremony",
    "passed out",
    "frontline",
)

_SOURCES = (("context", "text around the photo"), ("album", "album name"), ("title", "title"))


@dataclass(frozen=True, slots=True)
class TextCue:
    """A phrase of uniform or duty found in the text around a photo."""

    phrase: str  # the listed phrase that matched (never the person's own words)
    where: str  # "photo description", "text around the photo", "album name", "file name"
    points: int  # 2 for a phrase that says uniform or duty, 1 for a word that leans that way
    employer: bool = False  # a mention of the employer rather than of uniform or duty


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    spaced = r"[\s_\-]+".join(words)
    compact = "#" + re.escape("".join(phrase.split()).lstrip("#@"))
    body = spaced if phrase.startswith(("#", "@")) else f"(?:{spaced}|{compact})"
    return re.compile(rf"(?<![\w#@]){body}(?!\w)", re.IGNORECASE)


def _first_words(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """Any phrase's lowercased first word, as one alternation of literals: a match of a phrase's spaced
    form contains its first word, and its compact form starts with '#'. None (no shortcut) when a
    phrase is not ASCII, since case-insensitive matching then relates other characters (the Kelvin
    sign matches "k"), or when one has no word at all (its pattern can match next to any space)."""
    split = [phrase.split() for phrase in phrases]
    if not all(words and phrase.isascii() for words, phrase in zip(split, phrases, strict=True)):
        return None
    words = dict.fromkeys(w[0].lower() for w in split)
    return re.compile("|".join(re.escape(word) for word in words)) if words else re.compile(r"(?!)")


def _stem(path: str) -> str:
    """`PurePosixPath(path).stem`, without making a path object when the last part is a plain name."""
    name = path.rsplit("/", 1)[-1]
    if not name or name == ".":  # "a/b/" or "a/.": the path's own normalisation decides
        return PurePosixPath(path).stem
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _file_words(item: Item) -> str:
    for media in item.media:
        name = _stem(media.uri.split("?", 1)[0])
        if name:
            # A name the camera gave (IMG_0001) holds no word the person chose: it is not read at all.
            return "" if camera_made(name) else re.sub(r"[_\-.]+", " ", name)
    return ""


@dataclass(frozen=True, slots=True)
class _Matchers:
    """The uniform and duty phrases compiled for one policy."""

    cues: list[tuple[str, int, re.Pattern[str]]]  # (phrase, points, its expression)
    any_cue: re.Pattern[str]
    first_words: re.Pattern[str] | None


class CaptionCues:
    """The text cues of one policy, compiled once; employer mentions are read with the policy's `vocabulary`."""

    def __init__(self, policy: Policy, vocabulary: Vocabulary) -> None:
        self._phrases = list(dict.fromkeys([*STRONG_PHRASES, *WEAK_PHRASES, *policy.uniform.caption_cues]))
        self._vocabulary = vocabulary

    @cached_property
    def _matchers(self) -> _Matchers:
        # Compiled for the first text read, not with the policy: a scan of camera-named photos with
        # no captions reads none, and the cues' expressions took about 6 ms to compile on every run.
        strong = {p.casefold() for p in STRONG_PHRASES}
        cues = [(phrase, 2 if phrase.casefold() in strong else 1, _phrase_pattern(phrase)) for phrase in self._phrases]
        # One pass over a text says whether any cue can match at all (most photos' texts have none);
        # only then is each cue tried on its own, so the answer is the same as trying every cue.
        any_cue = re.compile("|".join(f"(?:{p.pattern})" for _, _, p in cues) or r"(?!)", re.IGNORECASE)
        return _Matchers(cues, any_cue, _first_words(self._phrases))

    def _texts(self, item: Item) -> Iterable[tuple[str, str]]:
        if item.text:
            yield item.text, "photo description"
        for key, where in _SOURCES:
            value = item.extra.get(key, "")
            if value:
                yield value, where
        words = _file_words(item)
        if words:
            yield words, "file name"

    def find(self, item: Item) -> list[TextCue]:
        """Each listed phrase once, with the first place it was found; employer mentions last."""
        found: dict[str, TextCue] = {}
        for text, where in self._texts(item):
            matchers = self._matchers
            if self._may_match(text) and matchers.any_cue.search(text):
                for phrase, points, pattern in matchers.cues:
                    if phrase not in found and pattern.search(text):
                        found[phrase] = TextCue(phrase, where, points)
            for mention in employer_mentions(self._vocabulary, text, Setting.FREE)[:1]:
                key = "employer:" + mention.alias
                if not any(c.employer for c in found.values()):
                    found[key] = TextCue(mention.alias, where, 1, employer=True)
        # "in uniform" also contains "uniform": keep only the longest phrase of overlapping ones.
        phrases = [c.phrase.casefold() for c in found.values() if not c.employer]
        return [
            c
            for c in found.values()
            if c.employer or not any(c.phrase.casefold() != p and c.phrase.casefold() in p for p in phrases)
        ]

    def _may_match(self, text: str) -> bool:
        """False only when no cue can match: an ASCII text that holds no cue's first word (in any case)
        and no '#'. Camera file names ("IMG 1234") are rejected by one search for literal words instead
        of the combined expression, which costs several times more on every photo."""
        first_words = self._matchers.first_words
        if first_words is None or not text.isascii() or "#" in text:
            return True
        return first_words.search(text.lower()) is not None

    def any(self, item: Item) -> bool:
        return any(not cue.employer for cue in self.find(item))
