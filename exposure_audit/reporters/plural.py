"""Counted nouns for the words people read: "1 finding", "2 findings", never "finding(s)"."""

from __future__ import annotations

# Nouns whose plural is not the singular plus "s".
_IRREGULAR = {"entry": "entries", "copy": "copies", "reply": "replies", "person": "people", "this": "these",
              "was": "were", "is": "are", "has": "have"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """The noun in the form its count takes ("photo" -> "photos"), without the count."""
    if count == 1:
        return noun
    return many or _IRREGULAR.get(noun, noun + "s")


def counted(count: int, noun: str, many: str | None = None) -> str:
    """The count and its noun: counted(1, "photo") == "1 photo", counted(3, "entry") == "3 entries"."""
    return f"{count:,} {plural(count, noun, many)}"
