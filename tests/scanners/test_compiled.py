"""A pack compiled once: every matcher the rules read is derived from the pack, and every rule reads the same one."""

from __future__ import annotations

from dataclasses import replace

from exposure_audit.policy.packs import load_pack
from exposure_audit.scanners import build_correlators, build_scanners
from exposure_audit.scanners.compiled import compile_pack

PACK = load_pack("dibp-2015")


def test_the_matchers_come_from_the_pack() -> None:
    contact = replace(PACK.contact, official_numbers=("+61 2 5550",), workplace_addresses=("17 Tallowwood Quay",))
    pack = replace(PACK, contact=contact, account=replace(PACK.account, corporate_id_patterns=(r"[A-Z]{3}\d{3}",)))
    compiled = compile_pack(pack)
    assert compiled.pack is pack
    assert compiled.emails.official_domain("staff.abf.gov.au") == "abf.gov.au"
    assert compiled.numbers.official == ("+6125550",)
    assert [p.search("cake at 17 Tallowwood Qy") is not None for p in compiled.workplace_addresses] == [True]
    assert [p.fullmatch("ABC123") is not None for p in compiled.corporate_ids] == [True]
    assert compiled.vocabulary.analyse("Night shift with the ABF crew").any_of("abbreviation")
    assert compile_pack(load_pack("treasury-2014")).emails.domains == ("treasury.gov.au",)


def test_every_rule_reads_the_one_compiled_pack() -> None:
    compiled = compile_pack(PACK)
    rules = [*build_scanners(compiled), *build_correlators(compiled)]
    assert rules and all(rule.compiled is compiled and rule.pack is PACK for rule in rules)
