from __future__ import annotations

import pytest

from exposure_audit.reporters.plural import plural, plural_word


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "finding", "0 findings"),
        (1, "finding", "1 finding"),
        (2, "finding", "2 findings"),
        (1, "entry", "1 entry"),
        (3, "entry", "3 entries"),
        (2, "copy", "2 copies"),
        (12345, "photo", "12,345 photos"),
    ],
)
def test_counted_nouns_agree_with_their_count(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_a_whole_phrase_can_agree() -> None:
    assert plural(1, "file was", "files were") == "1 file was"
    assert plural(2, "file was", "files were") == "2 files were"
    assert [plural_word("was", n) for n in (1, 2)] == ["was", "were"]
