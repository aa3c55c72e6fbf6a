"""Normalisation and the one-pass phrase matcher: word boundaries, case rules, offsets back to the original."""

from __future__ import annotations

import pytest

from exposure_audit.text.phrases import Phrase, PhraseMatcher, fold, is_all_capitals, longest_first, normalise

MATCHER = PhraseMatcher(
    [
        Phrase(group="name", text="Border Force", standalone=True),
        Phrase(group="name", text="Australian Border Force", standalone=True),
        Phrase(group="abbreviation", text="ABF", exact_case=True, standalone=True),
        Phrase(group="ambiguous", text="Home Affairs", capitalised=True, standalone=True),
        Phrase(group="hashtag", text="BorderForce", prefix="#"),
        Phrase(group="handle", text="AusBorderForce", prefix="@"),
        Phrase(group="positive", text="night shift"),
        Phrase(group="topic", text="kg of"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(h.group, h.words(text)) for h in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Night shift with the ABF crew", [("positive", "Night shift"), ("abbreviation", "ABF")]),
        ("ABF's roster is out", [("abbreviation", "ABF")]),
        ("Australian\nBorder-Force recruits", [("name", "Australian\nBorder-Force"), ("name", "Border-Force")]),
        ("BÓRDER   FÖRCE!!", [("name", "BÓRDER   FÖRCE")]),
        ("proud of #BorderForce today", [("hashtag", "BorderForce")]),
        ("thanks @AusBorderForce", [("handle", "AusBorderForce")]),
        ("seized 40kg of ice", [("topic", "kg of")]),
        ("Starting at Home Affairs", [("ambiguous", "Home Affairs")]),
        ("HOME AFFAIRS ROCKS", [("ambiguous", "HOME AFFAIRS")]),
    ],
)
def test_should_match(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abfab night with the girls",  # inside a word
        "Abf or abf is not the abbreviation",  # abbreviations only in capitals
        "our border collie force of habit",
        "sorting out my home affairs",  # an ambiguous name must keep its capitals
        "BorderForce without the hash",  # a hashtag needs its "#"
        "email me at x@ABF.gov.au",  # glued to "@" and "." inside an address
        "visit ABF.gov.au",
        "#ABF is a hashtag, not the abbreviation",
        "AusBorderForce without the at",
        "",
    ],
)
def test_should_not_match(text: str) -> None:
    assert found(text) == []


def test_offsets_point_at_the_original_words_with_accents_emoji_and_line_breaks() -> None:
    text = "Café 😀 day.\nThen the Australian\n\nBorder  Force"
    hits = [h for h in MATCHER.find(text) if h.phrase.text == "Australian Border Force"]
    assert len(hits) == 1
    assert text[hits[0].start : hits[0].end] == "Australian\n\nBorder  Force"
    assert hits[0].first_token == 4 and hits[0].last_token == 6


def test_fold_keeps_one_character_for_each_character() -> None:
    for text in ("Ångström ﬁne ß ÉCOLE", "plain ascii, with punctuation!", "日本語 and 😀 emoji"):
        assert len(fold(text)) == len(text)
    assert normalise("  Ångström—Café\n40kg ") == "angstrom cafe 40 kg"


def test_all_capitals_rule_needs_two_letters() -> None:
    assert is_all_capitals("PROTECTED") and is_all_capitals("US") and is_all_capitals("X-IN-CONFIDENCE")
    assert not is_all_capitals("I") and not is_all_capitals("For Official Use Only") and not is_all_capitals("12")


def test_longest_first_keeps_the_longest_of_overlapping_hits() -> None:
    hits = MATCHER.find("Welcome to the Australian Border Force")
    assert [h.words("Welcome to the Australian Border Force") for h in longest_first(hits)] == [
        "Australian Border Force"
    ]


def test_distance_counts_words_between_hits() -> None:
    text = "night shift today with the ABF"
    shift, abf = MATCHER.find(text)
    assert shift.distance(abf) == 3 and abf.distance(shift) == 3


def test_an_empty_matcher_finds_nothing() -> None:
    assert PhraseMatcher([]).find("anything at all") == []
