"""A pack's words as phrases: which group each lands in, the case rules, and the per-pack caches."""

from __future__ import annotations

from exposure_audit.model import Category
from exposure_audit.policy.packs import Site, load_pack
from exposure_audit.scanners.vocabulary import (
    ABBREVIATION,
    AMBIGUOUS,
    HANDLE,
    HASHTAG,
    MARKING,
    NEGATIVE,
    TOPIC_PREFIX,
    analyse,
    pack_phrases,
    per_pack,
    rule_reason,
)

PACK = load_pack("dibp-2015")


def test_every_list_of_the_pack_becomes_phrases_with_the_right_case_rules() -> None:
    phrases = list(pack_phrases(PACK))
    by_text = {(p.group, p.text): p for p in phrases}
    assert by_text[(ABBREVIATION, "ABF")].exact_case
    assert by_text[(AMBIGUOUS, "Customs")].capitalised
    assert by_text[(HASHTAG, "BorderForce")].prefix == "#"
    assert (HASHTAG, "australianborderforce") in by_text  # derived from the name
    assert by_text[(HANDLE, "AusBorderForce")].prefix == "@"
    assert by_text[(NEGATIVE, "US")].exact_case and not by_text[(NEGATIVE, "watching")].exact_case
    assert by_text[(MARKING, "PROTECTED")].exact_case and not by_text[(MARKING, "For Official Use Only")].exact_case
    topics = {p.group for p in phrases if p.group.startswith(TOPIC_PREFIX)}
    assert topics == {TOPIC_PREFIX + t for t in PACK.duties.topics}


def test_site_names_of_two_words_or_more_become_phrases() -> None:
    pack = PACK.with_sites((Site(name="Kembla Cargo Hall", lat=0.1, lon=0.1), Site(name="Hall", lat=0.2, lon=0.2)))
    sites = [p.text for p in pack_phrases(pack) if p.group == "site"]
    assert sites == ["Kembla Cargo Hall"]


def test_analysis_is_cached_per_text_and_built_once_per_pack() -> None:
    first = analyse(PACK, "Night shift with the ABF crew")
    assert analyse(PACK, "Night shift with the ABF crew") is first
    assert {h.group for h in first.hits} >= {ABBREVIATION, "positive"}
    assert first.any_of(ABBREVIATION) and not first.any_of(MARKING)
    other = load_pack("dibp-2015")  # an equal but distinct pack object gets its own automaton
    assert per_pack(PACK, "probe", lambda p: object()) is per_pack(PACK, "probe", lambda p: object())
    assert per_pack(other, "probe", lambda p: object()) is not per_pack(PACK, "probe", lambda p: object())


def test_the_reason_line_names_the_rule_and_the_clauses() -> None:
    assert (
        rule_reason("EXP301", PACK, Category.CONTACT)
        == "rule EXP301; policy clauses: IG5-contact-details, FS-contact-details"
    )
    assert rule_reason("EXP501", load_pack("treasury-2014"), Category.LOCATION).endswith("none in this policy")


def test_warm_up_builds_the_shared_matchers_before_workers_fork() -> None:
    from exposure_audit.scanners import build_scanners
    from exposure_audit.scanners.vocabulary import TextScanner

    pack = load_pack("dibp-2015")

    def must_not_build(_: object) -> object:
        raise AssertionError("built after warm-up")

    for scanner in build_scanners(pack):
        if isinstance(scanner, TextScanner):
            scanner.warm_up()
    for name in ("words", "emails", "phones", "addresses", "corporate ids"):
        per_pack(pack, name, must_not_build)
