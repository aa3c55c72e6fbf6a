"""Names next to and inside Chinese or Japanese text, which has no spaces between words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_audit.text.phrases import _ASCII_WORD, Phrase, PhraseMatcher, _cjk_patterns

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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_has_the_same_words_without_the_cjk_pattern(text: str) -> None:
    assert _ASCII_WORD.findall(text) == _cjk_patterns()[1].findall(text)
