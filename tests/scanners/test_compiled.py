"""A policy compiled once: every matcher the rules read is derived from it, and every rule reads the same one."""

from __future__ import annotations

from dataclasses import replace

from exposure_audit.policy.model import load_policy
from exposure_audit.scanners import build_correlators, build_scanners
from exposure_audit.scanners.compiled import compile_policy

POLICY = load_policy("dibp-2015")


def test_the_matchers_come_from_the_policy() -> None:
    contact = replace(POLICY.contact, official_numbers=("+61 2 5550",), workplace_addresses=("17 Tallowwood Quay",))
    policy = replace(
        POLICY, contact=contact, account=replace(POLICY.account, corporate_id_patterns=(r"[A-Z]{3}\d{3}",))
    )
    compiled = compile_policy(policy)
    assert compiled.policy is policy
    assert compiled.emails.official_domain("staff.abf.gov.au") == "abf.gov.au"
    assert compiled.numbers.official == ("+6125550",)
    assert [p.search("cake at 17 Tallowwood Qy") is not None for p in compiled.workplace_addresses] == [True]
    assert [p.fullmatch("ABC123") is not None for p in compiled.corporate_ids] == [True]
    assert compiled.vocabulary.analyse("Night shift with the ABF crew").any_of("abbreviation")
    assert compile_policy(load_policy("treasury-2014")).emails.domains == ("treasury.gov.au",)


def test_every_rule_reads_the_one_compiled_policy() -> None:
    compiled = compile_policy(POLICY)
    rules = [*build_scanners(compiled), *build_correlators(compiled)]
    assert rules and all(rule.compiled is compiled and rule.policy is POLICY for rule in rules)
