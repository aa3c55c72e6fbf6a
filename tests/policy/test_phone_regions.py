"""The phone-region check agrees with the phone-number library without importing it."""

from __future__ import annotations

import pytest

from exposure_audit.policy.phone_regions import is_phone_region


def test_the_region_files_are_exactly_the_regions_the_library_supports() -> None:
    import phonenumbers

    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    found = {a + b for a in letters for b in letters if is_phone_region(a + b)}
    assert found == set(phonenumbers.SUPPORTED_REGIONS)


@pytest.mark.parametrize("code", ["au", "Australia", "001", "", "A", "AUS", "../AU"])
def test_anything_but_a_supported_two_letter_code_is_refused(code: str) -> None:
    assert not is_phone_region(code)
