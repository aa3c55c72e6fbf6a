from __future__ import annotations

import pytest

from exposure_audit.reporters.plural import counted, plural


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (0, "finding", "0 findings"), (1, "finding", "1 finding"), (2, "finding", "2 findings"),
    (1, "entry", "1 entry"), (3, "entry", "3 entries"), (1, "copy", "1 copy"), (2, "copy", "2 copies"),
    (12345, "photo", "12,345 photos"),
])
def test_counted_nouns_agree_with_their_count(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected


def test_a_verb_agrees_too() -> None:
    assert [plural(n, "was") for n in (1, 2)] == ["was", "were"]
