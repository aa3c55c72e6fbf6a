"""A policy's words as phrases: which group each lands in, the case rules, and the analyses kept per text."""

from __future__ import annotations

from exposure_audit.policy.model import Site, load_policy
from exposure_audit.text.vocabulary import (
    ABBREVIATION,
    AMBIGUOUS,
    HANDLE,
    HASHTAG,
    MARKING,
    NEGATIVE,
    TOPIC_PREFIX,
    Vocabulary,
    policy_phrases,
)

POLICY = load_policy("dibp-2015")


def test_every_list_of_the_policy_becomes_phrases_with_the_right_case_rules() -> None:
    phrases = list(policy_phrases(POLICY))
    by_text = {(p.group, p.text): p for p in phrases}
    assert by_text[(ABBREVIATION, "ABF")].exact_case
    assert by_text[(AMBIGUOUS, "Customs")].capitalised
    assert by_text[(HASHTAG, "BorderForce")].prefix == "#"
    assert (HASHTAG, "australianborderforce") in by_text  # derived from the name
    assert by_text[(HANDLE, "AusBorderForce")].prefix == "@"
    assert by_text[(NEGATIVE, "US")].exact_case and not by_text[(NEGATIVE, "watching")].exact_case
    assert by_text[(MARKING, "PROTECTED")].exact_case and not by_text[(MARKING, "For Official Use Only")].exact_case
    topics = {p.group for p in phrases if p.group.startswith(TOPIC_PREFIX)}
    assert topics == {TOPIC_PREFIX + t for t in POLICY.duties.topics}


def test_site_names_of_two_words_or_more_become_phrases() -> None:
    policy = POLICY.with_sites((Site(name="Kembla Cargo Hall", lat=0.1, lon=0.1), Site(name="Hall", lat=0.2, lon=0.2)))
    sites = [p.text for p in policy_phrases(policy) if p.group == "site"]
    assert sites == ["Kembla Cargo Hall"]


def test_the_analysis_of_a_recent_text_is_kept() -> None:
    words = Vocabulary(POLICY)
    first = words.analyse("Night shift with the ABF crew")
    assert words.analyse("Night shift with the ABF crew") is first
    assert {h.group for h in first.hits} >= {ABBREVIATION, "positive"}
    assert first.any_of(ABBREVIATION) and not first.any_of(MARKING)
    for n in range(8):
        words.analyse(f"post {n}")
    assert words.analyse("Night shift with the ABF crew") is not first  # only the last few texts are kept
