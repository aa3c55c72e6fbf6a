"""Recognise agency words in OCR output: whole words only, tolerant of the usual OCR confusions.

OCR on photos mixes up look-alike characters (0/O, 1/I/L, 5/S, 8/B ...) and now and then drops or
adds one letter. Both the text and the lexicon are folded to a canonical spelling where look-alikes
are one character, then compared word by word (a multi-word term must match consecutive words, or
one word written without the space). Long terms also tolerate one edit. Short terms (rank
abbreviations) must match exactly, because folding would make "IT" read as "LT".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Words that mark a uniform of any agency; the policy adds its own agency's words.
GENERAL_LEXICON: tuple[str, ...] = (
    "POLICE",
    "BORDER FORCE",
    "BORDER PATROL",
    "BORDER PROTECTION",
    "CUSTOMS",
    "IMMIGRATION",
    "SECURITY",
    "OFFICER",
    "SHERIFF",
    "CORRECTIONS",
    "FEDERAL AGENT",
    "MILITARY POLICE",
    "PROTECTIVE SERVICE",
    "CONSTABLE",
    "SERGEANT",
    "INSPECTOR",
    "SUPERINTENDENT",
    "COMMANDER",
    "CORPORAL",
    "LIEUTENANT",
)
RANK_ABBREVIATIONS: tuple[str, ...] = ("SGT", "CPL", "INSP", "SUPT", "CAPT", "CMDR", "LCDR", "CONST")

_LOOKALIKE = str.maketrans(
    {
        "0": "O",
        "Q": "O",
        "1": "I",
        "L": "I",
        "|": "I",
        "!": "I",
        "5": "S",
        "$": "S",
        "8": "B",
        "2": "Z",
        "6": "G",
        "4": "A",
        "@": "A",
        "7": "T",
        "€": "E",
    }
)
_TOKEN = re.compile(r"[A-Za-z0-9|!$@€]+")
_FUZZY_FROM = 7  # letters; shorter terms get no edit tolerance
_FOLD_FROM = 4  # letters; shorter terms are compared without folding look-alikes


def fold(text: str) -> str:
    return text.upper().translate(_LOOKALIKE)


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:index] + long[index + 1 :] == short for index in range(len(long)))


class WordMatcher:
    """Finds the terms of a lexicon in lines of OCR text."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms: list[tuple[str, list[str], bool]] = []  # (term, words as compared, fold?)
        seen: set[str] = set()
        for term in terms:
            words = _TOKEN.findall(term)
            key = " ".join(w.upper() for w in words)
            if not words or key in seen:
                continue
            seen.add(key)
            folded = len("".join(words)) >= _FOLD_FROM
            self._terms.append((term, [fold(w) if folded else w.upper() for w in words], folded))

    def _equal(self, seen: str, wanted: str, folded: bool) -> bool:
        if not folded:
            return seen == wanted
        return seen == wanted or (len(wanted) >= _FUZZY_FROM and _within_one_edit(seen, wanted))

    def find(self, lines: Sequence[str]) -> list[str]:
        """Terms (as given to the matcher) found in the lines, in lexicon order, each once."""
        found: list[str] = []
        tokens_per_line = [_TOKEN.findall(line) for line in lines]
        for term, words, folded in self._terms:
            joined = "".join(words)
            for tokens in tokens_per_line:
                seen = [fold(t) if folded else t.upper() for t in tokens]
                hit = any(self._equal(token, joined, folded) for token in seen) if len(words) > 1 else False
                for start in range(len(seen) - len(words) + 1):
                    if hit:
                        break
                    hit = all(self._equal(seen[start + i], words[i], folded) for i in range(len(words)))
                if hit:
                    found.append(term)
                    break
        return found


def lexicon(policy_words: Iterable[str]) -> tuple[str, ...]:
    """The policy's words first (they are the stronger cue), then the general lexicon."""
    return tuple(dict.fromkeys([*policy_words, *GENERAL_LEXICON, *RANK_ABBREVIATIONS]))
