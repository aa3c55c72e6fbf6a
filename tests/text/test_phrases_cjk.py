"""Names next to and inside Chinese or Japanese text, which has no spaces between words."""

from __future__ import annotations

import pytest

from exposure_audit.text.phrases import Phrase, PhraseMatcher

LATIN = Phrase(group="name", text="AtCoder", standalone=True, whole_token=True)
HAN = Phrase(group="name", text="中原大學")
CODE = Phrase(group="abbreviation", text="KCS", exact_case=True, whole_token=True)
MATCHER = PhraseMatcher([LATIN, HAN, CODE])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("手元とAtCoder側で同じ結果になった", ["AtCoder"]),  # Latin glued to Japanese on both sides
        ("我在中原大學讀書", ["中原大學"]),  # a name written in Han inside Han text
        ("中原大學的校友", ["中原大學"]),
        ("KCS在這裡", ["KCS"]),
        ("今日はKCSの日", ["KCS"]),
        ("KCS101 と KCS-7", []),  # still a course code or model number when glued to digits
        ("AtCoderX で", []),  # a longer Latin word is not the name
        ("中原大", []),  # a part of the name is not the name
    ],
)
def test_names_match_next_to_and_inside_cjk(text: str, found: list[str]) -> None:
    assert [hit.words(text) for hit in MATCHER.find(text)] == found
