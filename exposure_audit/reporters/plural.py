"""Counted nouns for report copy: "1 photo", "2 photos", never "photo(s)"."""

from __future__ import annotations

_IRREGULAR = {"person": "people", "this": "these", "is": "are", "was": "were", "it": "them", "its": "their"}


def plural_word(word: str, count: int) -> str:
    """The word as it reads after `count`: 'photo' -> 'photos', 'reply' -> 'replies', 'this' -> 'these'."""
    if count == 1:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 photo' / '2 photos'; `many` gives the whole plural phrase when the rule above does not fit."""
    if count == 1:
        return f"1 {one}"
    return f"{count:,} {many if many is not None else plural_word(one, count)}"
