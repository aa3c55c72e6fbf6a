"""What every rule shares: the reason line that names the rule and the policy clauses it cites."""

from __future__ import annotations

from exposure_audit.model import Category
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.base import rule_reason


def test_the_reason_line_names_the_rule_and_the_clauses() -> None:
    assert (
        rule_reason("EXP301", load_policy("dibp-2015"), Category.CONTACT)
        == "rule EXP301; policy clauses: IG5-contact-details, FS-contact-details"
    )
    assert rule_reason("EXP501", load_policy("treasury-2014"), Category.LOCATION).endswith("none in this policy")
