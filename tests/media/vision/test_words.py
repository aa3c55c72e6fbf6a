"""Agency words in OCR output: whole words, OCR look-alikes tolerated, near misses not."""

from __future__ import annotations

import pytest

from exposure_audit.media.vision.words import GENERAL_LEXICON, RANK_ABBREVIATIONS, WordMatcher, fold, lexicon

MATCHER = WordMatcher(lexicon(["Australian Border Force", "Border Force", "ABF", "Customs", "Immigration"]))


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        (["BORDER FORCE"], ["Border Force"]),
        (["AUSTRALIAN", "BORDER FORCE"], ["Border Force"]),  # a term is not assembled across lines
        (["AUSTRALIAN BORDER FORCE"], ["Australian Border Force", "Border Force"]),
        (["B0RDER F0RCE"], ["Border Force"]),  # zeros for O
        (["BORDERFORCE"], ["Border Force"]),  # the space lost
        (["ABF"], ["ABF"]),
        (["IMMIGRAT1ON"], ["Immigration"]),  # 1 for I
        (["IMIGRATION"], ["Immigration"]),  # one letter dropped in a long word
        (["POL1CE"], ["POLICE"]),
        (["5ECURITY"], ["SECURITY"]),
        (["SGT J. NGUYEN"], ["SGT"]),
        (["Customs officer"], ["Customs", "OFFICER"]),
    ],
)
def test_should_match(lines: list[str], found: list[str]) -> None:
    assert MATCHER.find(lines) == found


@pytest.mark.parametrize(
    "lines",
    [
        ["BORDER COLLIE"],
        ["FORCE OF HABIT"],
        ["POLICED"],  # inside a longer word
        ["ABFAB"],
        ["OABF"],  # glued to another shape
        ["ABE"],  # short terms get no tolerance
        ["JUST DO IT"],  # "IT" must not read as the abbreviation LT
        ["CUSTARD"],
        ["ORGANIC COFFEE"],
        ["SECURE"],
        ["IMMIGRANT"],  # two edits from IMMIGRATION
        [],
    ],
)
def test_should_not_match(lines: list[str]) -> None:
    assert MATCHER.find(lines) == []


def test_folding_treats_look_alikes_as_one_letter() -> None:
    assert fold("P0L1CE") == fold("POLICE") == fold("police")
    assert fold("5$") == "SS"


def test_lexicon_puts_policy_words_first_and_keeps_the_general_list() -> None:
    words = lexicon(["Border Force"])
    assert words[0] == "Border Force"
    assert set(GENERAL_LEXICON) <= set(words) and set(RANK_ABBREVIATIONS) <= set(words)
