"""Text normalisation and one-pass matching of many phrases at once.

Every phrase of a policy (names, hashtags, context words, duty topics, markings ...) goes into one
Aho-Corasick automaton, built once per policy; each text is normalised once and walked once, whatever
the number of phrases. Normalisation folds case and diacritics and turns punctuation and line breaks
into single spaces, so "Australian\\nBorder-Force" and "australian border force" are the same words.
Phrases are stored with a space on each side and the text is padded the same way, so every match
falls on word boundaries: "ABF" matches in "ABF's roster" but never inside "abfab".

Normalisation keeps one character for each character of the original text, so a match maps back to
the exact words a person wrote (for excerpts, and for checks of capitals such as "ABF" vs "abf").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import ahocorasick

from exposure_audit.text.lazy_pattern import LazyPattern

_ASCII_FOLD = str.maketrans({c: (c.lower() if c.isalnum() else " ") for c in map(chr, range(128))})
# Chinese, Japanese and Korean text has no spaces between words: each of its characters is a word of
# its own, so a Latin name glued to it ("手元とAtCoder側で") and a name written in it ("中原大學") match.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# Words are runs of letters or of digits, so "40kg" is "40 kg" and "s501" is "s 501". In ASCII text
# (most of it) the CJK part can never match, and leaving it out gives the same words: compiling a
# class of 40,000 CJK characters took about 6 ms on every run, so that pattern is only built for
# the first text that needs it.
_ASCII_WORD = re.compile(r"\d+|[^\d\s]+")
_CAPITALS = re.compile(r"[A-Z]")


@cache
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(one CJK character, a word of any script)."""
    return re.compile(f"[{_CJK}]"), re.compile(rf"\d+|[{_CJK}]|[^\d\s{_CJK}]+")


def _word_pattern(text: str) -> re.Pattern[str]:
    return _ASCII_WORD if text.isascii() else _cjk_patterns()[1]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character for one character: the base letter without accents, lower case; else a space."""
    decomposed = unicodedata.normalize("NFKD", ch)
    base = next((c for c in decomposed if not unicodedata.combining(c)), "")
    if not base or not base.isalnum():
        return " "
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    """Lower case, accents removed, everything but letters and digits a space; same length as `text`."""
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    return "".join(map(_fold_char, text))


def normalise(text: str) -> str:
    """The words of `text` folded and joined by single spaces (used for phrases and comparisons)."""
    folded = fold(text)
    return " ".join(_word_pattern(folded).findall(folded))


def is_all_capitals(phrase: str) -> bool:
    """A phrase written entirely in capitals (two letters or more) must match in capitals."""
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase to look for, and how strictly it must appear."""

    group: str  # what the phrase is: "name", "abbreviation", "positive", "topic:detentions" ...
    text: str  # as written in the policy
    exact_case: bool = False  # must appear with the same capitals as written
    capitalised: bool = False  # its capitalised words must be capitalised in the text ("Customs")
    prefix: str = ""  # a character that must come right before it: "#" for hashtags, "@" for handles
    standalone: bool = False  # not when glued to "@", "#" or a dot inside an address ("x@abf.gov.au")
    whole_token: bool = False  # never part of a longer code: "KCS" not in "KCS101", "KCS-7", "4KCS"


class Hit(NamedTuple):
    """Where a phrase was found in a text, in characters and in words. A named tuple, not a frozen
    dataclass: one is made for every phrase found in every record, and a frozen dataclass sets its
    fields one call at a time (0.9 against 0.4 microseconds a hit)."""

    phrase: Phrase
    start: int  # offsets in the original text
    end: int
    first_token: int  # word positions, for "within N words" tests
    last_token: int

    @property
    def group(self) -> str:
        return self.phrase.group

    def words(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end

    def distance(self, other: Hit) -> int:
        """Words between two hits (0 when adjacent or overlapping)."""
        if other.first_token > self.last_token:
            return other.first_token - self.last_token - 1
        if self.first_token > other.last_token:
            return self.first_token - other.last_token - 1
        return 0


class _Tokens:
    """Where each word of the normalised text starts and ends in the original text, worked out only
    as far as the hits need (most texts have one or two hits, near the start of a short text)."""

    def __init__(self, folded: str, padded: str) -> None:
        self._words = _word_pattern(folded).finditer(folded)
        self._padded = padded
        self.original: list[tuple[int, int]] = []

    def token_at(self, normalised_offset: int) -> int:
        """The word at an offset of the padded text that falls on a word (never on a separator):
        one space before each word, so the spaces up to it count the words up to it."""
        return self._padded.count(" ", 0, normalised_offset + 1) - 1

    def span(self, token: int) -> tuple[int, int]:
        while len(self.original) <= token:
            self.original.append(next(self._words).span())
        return self.original[token]


class PhraseMatcher:
    """All phrases of one policy in one automaton; `find(text)` walks the text once."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            key = normalise(phrase.text)
            if key:
                entries.setdefault(f" {key} ", []).append(phrase)
        for key, group in entries.items():
            self._automaton.add_word(key, (len(key), tuple(group)))
        self.size = len(entries)
        if entries:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        if not self.size or not text:
            return []
        folded = fold(text)
        padded = " " + " ".join(_word_pattern(folded).findall(folded)) + " "
        found = list(self._automaton.iter(padded))
        if not found:
            return []
        tokens = _Tokens(folded, padded)
        hits: list[Hit] = []
        for end_index, (length, phrases) in found:
            start = end_index - length + 2  # first character of the phrase's first word
            first = tokens.token_at(start)
            last = tokens.token_at(end_index - 1)
            span_start, span_end = tokens.span(first)[0], tokens.span(last)[1]
            for phrase in phrases:
                if _accepts(phrase, text, span_start, span_end):
                    hits.append(Hit(phrase=phrase, start=span_start, end=span_end, first_token=first, last_token=last))
        return hits


def _squeeze(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _accepts(phrase: Phrase, text: str, start: int, end: int) -> bool:
    written = text[start:end]
    if phrase.exact_case and _squeeze(written) != _squeeze(phrase.text):
        return False
    if phrase.capitalised and not written.isupper():
        for wanted, got in zip(phrase.text.split(), written.split(), strict=False):
            if wanted[:1].isupper() and not got[:1].isupper():
                return False
    if phrase.prefix:
        return start > 0 and text[start - 1] == phrase.prefix
    if phrase.whole_token and _inside_code(text, start, end):
        return False
    if not phrase.standalone:
        return True
    if _inside_address(text, start, end):
        return False
    # A name glued to "@", "#" or a dot between letters is part of an address, handle or hashtag.
    before = text[start - 1] if start > 0 else " "
    after = text[end : end + 2]
    if before in "@#" or (before == "." and start > 1 and text[start - 2].isalnum()):
        return False
    return not (after.startswith("@") or (len(after) == 2 and after[0] == "." and after[1].isalnum()))


_JOINERS = "-_/."
# A web address or host name: "https://x-y.example.com/jobs", "www.x.com.au", "orgname.com.au".
_ADDRESS_TOKEN = LazyPattern(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/:?#].*)?$", re.IGNORECASE
)


def _inside_address(text: str, start: int, end: int) -> bool:
    """The words are part of a web address, host name or e-mail address ("kcs-karrawong.com.au"): a
    look-alike address names nobody's employer, and an official one is a contact finding."""
    token_start = max(text.rfind(c, 0, start) for c in " \t\n<>(\"'") + 1
    ends = [i for i in (text.find(c, end) for c in " \t\n<>)\"'") if i >= 0]
    token = text[token_start : min(ends, default=len(text))].rstrip(".,!?;:")
    if token == text[start:end] or "@" in token:
        return "@" in token
    return bool(_ADDRESS_TOKEN.search(token))


def _inside_code(text: str, start: int, end: int) -> bool:
    """Letters glued to digits or letters ("KCS101", "4KCS"), or joined to digits by a hyphen, slash,
    dot or underscore ("KCS-7", "2/KCS"): a course code, model number or id, not the name."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if _glued(before, text[start : start + 1]) or _glued(after, text[end - 1 : end]):
        return True
    if after in _JOINERS and end + 1 < len(text) and text[end + 1].isdigit():
        return True
    return before in _JOINERS and start > 1 and text[start - 2].isdigit()


def _glued(neighbour: str, edge: str) -> bool:
    """A letter or digit next to the match continues it, unless one side is CJK (no spaces there)."""
    if not neighbour.isalnum():
        return False
    if neighbour.isascii() and edge.isascii():
        return True
    cjk = _cjk_patterns()[0]
    return not (cjk.match(neighbour) or cjk.match(edge))


def longest_first(hits: Sequence[Hit]) -> list[Hit]:
    """Drop hits contained in (or overlapping) a longer hit, keeping the leftmost-longest ones."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(hit.overlaps(kept) for kept in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def has_capitals(phrase: str) -> bool:
    return bool(_CAPITALS.search(phrase))
