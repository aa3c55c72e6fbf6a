"""EXP401 account on an official e-mail, EXP402 corporate user id: should-flag and near-miss tables."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exposure_audit.model import Category, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.account import AccountOnOfficialEmail, CorporateUserId
from exposure_audit.scanners.compiled import compile_policy

POLICY = load_policy("dibp-2015")
COMPILED = compile_policy(POLICY)
TREASURY = load_policy("treasury-2014")
TREASURY_COMPILED = compile_policy(TREASURY)


def login(
    text: str,
    labels: tuple[str, ...] = ("primary",),
    kind: ItemKind = ItemKind.LOGIN,
    field: str = "email",
    platform: Platform = Platform.FACEBOOK,
) -> Item:
    return Item(
        kind=kind,
        platform=platform,
        source=SourceRef(archive="dl.zip", member="account.json"),
        identity=f"{kind}:{text}",
        text=text,
        field=field,
        labels=frozenset(labels),
    )


SHOULD_FLAG = [
    (login("r.okonkwo-hale@abf.gov.au", ("primary", "confirmed")), Level.HIGH),
    (login("t.ferreira@border.gov.au", ("previous",)), Level.HIGH),
    (login("PRIYA.L@IMMI.GOV.AU", ("confirmed",), platform=Platform.LINKEDIN), Level.HIGH),
    (login("s.vuni@mail.border.gov.au"), Level.HIGH),  # a subdomain
    (login("  dokafor@mbc.gov.au ", ("registration",), platform=Platform.INSTAGRAM), Level.HIGH),
    (login("m.c@customs.gov.au", ("pending",), platform=Platform.X), Level.HIGH),
    (login("lupe.fakatava@abf.gov.au", (), ItemKind.CONTACT), Level.MEDIUM),  # listed on the profile
    (login("lupe.fakatava@abf.gov.au", ("business",), ItemKind.CONTACT), Level.MEDIUM),
]

SHOULD_NOT_FLAG = [
    login("renee.okhale@example.com", ("primary", "confirmed")),
    login("+61 491 570 156", field="phone"),
    login("renee.okhale", (), field="username"),
    login("someone.else@defence.gov.au"),
    login("h.k@abf.gov.au.example.net", ("previous",)),
    login("abfab.fan@example.com"),
    login("x.y@notborder.gov.au"),
    login("priya@border-gov-au.example.org", ("pending",)),
    login("dario.w@border.gov.au", ("autofill",), ItemKind.CONTACT),  # kept from a form: a contact exposure
    login("i.c@homeaffairs.gov.au", ("inferred",), ItemKind.CONTACT),  # guessed by the platform
    login("d.okafor@abf.gov.au", (), ItemKind.POST, "post"),  # text is EXP301's business
]


@pytest.mark.parametrize(("entry", "confidence"), SHOULD_FLAG, ids=lambda x: x.text if isinstance(x, Item) else "")
def test_should_flag(entry: Item, confidence: Level) -> None:
    (finding,) = AccountOnOfficialEmail(COMPILED).scan(entry)
    assert (finding.rule, finding.category, finding.severity) == ("EXP401", Category.ACCOUNT, Level.HIGH)
    assert finding.confidence is confidence
    assert finding.match == entry.text.strip().lower()


@pytest.mark.parametrize("entry", SHOULD_NOT_FLAG, ids=lambda i: i.text)
def test_should_not_flag(entry: Item) -> None:
    assert list(AccountOnOfficialEmail(COMPILED).scan(entry)) == []


def test_the_action_quotes_the_fact_sheet_and_the_reasons_say_how_the_address_is_used() -> None:
    (finding,) = AccountOnOfficialEmail(COMPILED).scan(login("t.ferreira@border.gov.au", ("previous", "confirmed")))
    assert (
        "Profiles set up using an official email, corporate ID or departmental password must be removed."
        in finding.action.replace("profiles set up", "Profiles set up")
    )
    assert "an address the account used before (the platform still keeps it)" in finding.reasons
    assert "confirmed by the platform" in finding.reasons
    assert "SA-remove-profiles" in finding.guidance
    (treasury,) = AccountOnOfficialEmail(TREASURY_COMPILED).scan(login("odette.m@treasury.gov.au"))
    assert "Do not use a Treasury profile (e.g. a Treasury email address) for personal use" in treasury.action
    assert list(AccountOnOfficialEmail(TREASURY_COMPILED).scan(login("x@abf.gov.au"))) == []  # another organisation


def test_corporate_user_ids_follow_the_policies_patterns() -> None:
    assert list(CorporateUserId(COMPILED).scan(login("ABC123", (), field="username"))) == []  # no built-in pattern
    policy = replace(POLICY, account=replace(POLICY.account, corporate_id_patterns=(r"[A-Z]{3}\d{3}",)))
    scanner = CorporateUserId(compile_policy(policy))
    (finding,) = scanner.scan(login("ABC123", (), field="username"))
    assert (finding.rule, finding.confidence) == ("EXP402", Level.MEDIUM)
    (profile,) = scanner.scan(login("XYZ789", (), ItemKind.PROFILE, "username", Platform.INSTAGRAM))
    assert profile.match == "XYZ789"
    for value, field in (("ABC1234", "username"), ("abc123", "username"), ("ABC123", "email"), ("renee", "username")):
        assert list(scanner.scan(login(value, (), field=field))) == [], value
