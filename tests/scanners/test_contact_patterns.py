"""The policy's contact details as matchers: workplace street addresses and official numbers."""

from __future__ import annotations

from dataclasses import replace

from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.contact_patterns import OfficialNumbers, address_pattern


def test_address_patterns_know_street_type_abbreviations() -> None:
    pattern = address_pattern("4/120 Example Street, Canberra ACT 2600")
    assert pattern.search("meet at 4/120 Example St.")
    assert pattern.search("Example Street is closed")
    assert not pattern.search("Example Streetwear")
    assert address_pattern("Level 3, Customs House").search("Level 3 at the house") is None
    assert address_pattern("Level 3, Customs House").search("lunch at customs house")


def test_official_numbers_are_compared_without_spaces() -> None:
    policy = load_policy("dibp-2015")
    numbers = OfficialNumbers(replace(policy, contact=replace(policy.contact, official_numbers=("+61 2 5550",))))
    assert numbers.official_prefix("+61255501234") == "+6125550"
    assert numbers.official_prefix("+61370106618") == ""
