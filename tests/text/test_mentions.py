"""How context moves the confidence of an employer mention, setting by setting."""

from __future__ import annotations

import pytest

from exposure_audit.model import Level
from exposure_audit.policy.model import load_policy
from exposure_audit.text.mentions import Setting, employer_mentions
from exposure_audit.text.vocabulary import Vocabulary

WORDS = Vocabulary(load_policy("dibp-2015"))


def best(text: str, setting: Setting = Setting.FREE) -> Level | None:
    found = employer_mentions(WORDS, text, setting)
    return found[0].confidence if found else None


@pytest.mark.parametrize(
    ("text", "setting", "expected"),
    [
        # free text: a bare mention in the person's own post is medium; raising cues make it high
        ("Border Force tomorrow", Setting.FREE, Level.MEDIUM),
        ("Night shift with the Border Force crew", Setting.FREE, Level.HIGH),
        ("Watching the Border Force episode", Setting.FREE, None),  # 1 - 2 lowering cues: dropped
        ("Watching Border Force on the couch", Setting.FREE, Level.LOW),  # 1 - 1: a hint
        ("US Customs and Border Protection queue at LAX", Setting.FREE, None),
        ("'Border Force to patrol the CBD' ugh", Setting.FREE, Level.LOW),  # quoted headline
        ("Border Force news https://example.com/a", Setting.FREE, None),  # news and a shared link
        ("Border Force today https://example.com/a", Setting.FREE, Level.LOW),  # a shared link alone
        ("Border Force today https://t.co/pic0", Setting.FREE, Level.MEDIUM),  # X's own attachment link
        # ambiguous names need raising context in free text
        ("Customs at Denpasar was quick", Setting.FREE, None),
        ("Retired from Customs", Setting.FREE, Level.MEDIUM),
        ("My first day at Customs", Setting.FREE, Level.HIGH),
        ("Joined Customs, first day, new job", Setting.FREE, Level.HIGH),
        # work fields: a name is high unless context lowers it; an ambiguous name only as the whole value
        ("Australian Border Force", Setting.WORK, Level.HIGH),
        ("ABF Freight System", Setting.WORK, None),  # a business whose name starts with the capitals
        ("Customs", Setting.WORK, Level.HIGH),
        ("The Department of Home Affairs", Setting.WORK, Level.HIGH),
        ("Customs Brokers Pty Ltd", Setting.WORK, None),
        # profile fields sit between the two
        ("ABF | mum of 2", Setting.PROFILE, Level.MEDIUM),
        ("Proud ABF officer", Setting.PROFILE, Level.MEDIUM),
        ("Proud to serve with the ABF", Setting.PROFILE, Level.HIGH),
        ("Border Force officer", Setting.PROFILE, Level.MEDIUM),
    ],
)
def test_confidence_by_setting_and_context(text: str, setting: Setting, expected: Level | None) -> None:
    assert best(text, setting) is expected


def test_allowed_identifiers_and_spelt_out_abbreviations_are_never_mentions() -> None:
    assert employer_mentions(WORDS, "I work for the Australian Public Service (APS)", Setting.FREE) == []
    assert employer_mentions(WORDS, "ABF (Australian Baseball Federation) course", Setting.FREE) == []
    assert employer_mentions(WORDS, "Australian Baseball Federation (ABF) course", Setting.FREE) == []
    kept = employer_mentions(WORDS, "Australian Border Force (ABF) recruits", Setting.FREE)
    assert {m.alias for m in kept} == {"Australian Border Force", "ABF"}


def test_strongest_mention_first_and_reasons_list_the_cues() -> None:
    text = "Watching TV with the kids tonight. Border Force on Monday: first shift at the ABF, colleagues are great"
    mentions = employer_mentions(WORDS, text, Setting.FREE)
    assert [m.alias for m in mentions] == ["ABF", "Border Force"]  # the one far from "watching" is stronger
    assert mentions[0].confidence is Level.HIGH and mentions[1].confidence is Level.LOW
    reasons = " | ".join(mentions[0].reasons(text, Setting.FREE))
    assert '"ABF" matches abbreviation "ABF"' in reasons and '"colleagues"' in reasons
    assert mentions[0].matched(text) == "ABF"
