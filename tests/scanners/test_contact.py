"""EXP301 official e-mail shown, EXP302 work phone numbers, EXP303 workplace address, EXP304 work-labelled
e-mail: should-flag and near-miss tables."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exposure_audit.model import Category, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.contact import (
    OfficialEmailAddress,
    WorkLabelledEmail,
    WorkPhoneNumber,
    WorkplaceAddress,
)

BASE = load_policy("dibp-2015")
BASE_COMPILED = compile_policy(BASE)
POLICY = replace(
    BASE,
    contact=replace(
        BASE.contact, official_numbers=("+6125550",), workplace_addresses=("17 Tallowwood Quay, Port Kembla NSW 2505",)
    ),
)
COMPILED = compile_policy(POLICY)


def item(
    text: str, kind: ItemKind = ItemKind.POST, field: str = "post", labels: tuple[str, ...] = (), **extra: str
) -> Item:
    return Item(
        kind=kind,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="dl.zip", member="profile.json"),
        identity=f"{kind}:{field}:{text}",
        text=text,
        field=field,
        labels=frozenset(labels),
        extra=dict(extra),
    )


def rules(entry: Item) -> list[str]:
    scanners = (
        OfficialEmailAddress(COMPILED),
        WorkPhoneNumber(COMPILED),
        WorkplaceAddress(COMPILED),
        WorkLabelledEmail(COMPILED),
    )
    return sorted(f.rule for s in scanners for f in s.scan(entry) if f.confidence.at_least(Level.MEDIUM))


SHOULD_FLAG = [
    (item("Email me at d.okafor@abf.gov.au for the roster"), "EXP301"),
    (item("send it to m.castellano[at]border.gov.au", ItemKind.COMMENT, "comment"), "EXP301"),
    (item("Work: priya.lindqvist@homeaffairs.gov.au", ItemKind.PROFILE, "bio"), "EXP301"),
    (item("Australian Government", ItemKind.WORK, "work.employer", description="email me: a.b@abf.gov.au"), "EXP301"),
    (item("s.vuni@border.gov.au", ItemKind.CONTACT, "email"), "EXP301"),
    (item("s.vuni@border.gov.au", ItemKind.CONTACT, "email", ("autofill",)), "EXP301"),
    (item("Call me on (02) 5550 3321 about the car"), "EXP302"),  # starts with the official prefix
    (item("Call my desk on (03) 7010 3321 if the mobile's flat"), "EXP302"),  # called a work number
    (item("work number is 03 7010 2294, don't call after 5"), "EXP302"),
    (item("ring me on my work mobile 0491 570 737", ItemKind.MESSAGE, "message"), "EXP302"),
    (item("+61 3 7010 4821", ItemKind.CONTACT, "phone", ("work",)), "EXP302"),
    (item("(07) 5550 6620", ItemKind.CONTACT, "phone", ("business",)), "EXP302"),
    (item("+61 2 5550 9999", ItemKind.CONTACT, "phone"), "EXP302"),  # official prefix, no label
    (item("Parcel for me? Send it to work: 17 Tallowwood Quay, Port Kembla"), "EXP303"),
    (item("Parking near 17 Tallowwood Qy is a nightmare"), "EXP303"),
    (item("Food trucks along Tallowwood Quay on Thursdays"), "EXP303"),  # street without number: medium
    (item("kofi.m@example.com", ItemKind.CONTACT, "email", ("work",)), "EXP304"),
]

SHOULD_NOT_FLAG = [
    item("Email me at tamsin.fb@example.com for the puppy pics"),
    item("Visit border.gov.au for the visa checklist"),
    item("Selling my couch, call 0491 570 156"),
    item("Worked there 03/2015 - 03/2016 then moved"),
    item("ABN 51 824 753 556, invoices to accounts@example.com"),
    item("Tracking number 7731 2290 4456 shows it in Sydney"),
    item("Call the dentist on (03) 7010 7711 to book"),
    item("Happy 30th!! Born 30/04/1994"),
    item("We're at 12 Tallowwood Avenue, Dubbo, for the garage sale"),
    item("The tallowwood trees are flowering"),
    item("+61 491 570 006", ItemKind.CONTACT, "phone"),
    item("declan.o@example.net", ItemKind.CONTACT, "email"),
    item("d.okafor@abf.gov.au", ItemKind.LOGIN, "email", ("primary",)),  # sign-in addresses are EXP401
    item("Kofi Marchetti", ItemKind.CONNECTION, "connection", company="a@abf.gov.au"),
]


@pytest.mark.parametrize(("entry", "rule"), SHOULD_FLAG, ids=lambda x: x.text if isinstance(x, Item) else x)
def test_should_flag(entry: Item, rule: str) -> None:
    assert rules(entry) == [rule]


@pytest.mark.parametrize("entry", SHOULD_NOT_FLAG, ids=lambda i: i.text)
def test_should_not_flag(entry: Item) -> None:
    assert rules(entry) == []


def test_an_official_work_labelled_address_is_exp301_and_not_also_exp304() -> None:
    assert rules(item("s.vuni@border.gov.au", ItemKind.CONTACT, "email", ("work",))) == ["EXP301"]


def test_findings_report_the_value_as_written_and_explain_themselves() -> None:
    (email,) = OfficialEmailAddress(COMPILED).scan(item("rhys dot abernathy at border dot gov dot au"))
    assert email.match == "rhys.abernathy@border.gov.au" and email.category is Category.CONTACT
    assert any("disguised" in r for r in email.reasons)
    assert "not acceptable to post your work phone number" in email.action
    (phone,) = WorkPhoneNumber(COMPILED).scan(item("My desk phone: (03) 7010 6618. Mobile is off on shift."))
    assert phone.match == "(03) 7010 6618" and phone.confidence is Level.MEDIUM and phone.severity is Level.HIGH
    assert "the number +61370106618" in phone.reasons and 'called a work number: "My desk"' in phone.reasons
    (official,) = WorkPhoneNumber(COMPILED).scan(item("ring (02) 5550 1234"))
    assert official.confidence is Level.HIGH and any("+6125550" in r for r in official.reasons)
    (address,) = WorkplaceAddress(COMPILED).scan(item("Cake at 17 Tallowwood Quay"))
    assert address.confidence is Level.HIGH and "with the street number" in address.reasons


def test_a_work_cue_far_from_the_number_does_not_count() -> None:
    text = "Back at work Monday. Anyway, selling my old bike and helmet and pump, call 0491 570 156 tonight"
    assert list(WorkPhoneNumber(COMPILED).scan(item(text))) == []


def test_without_addresses_or_official_numbers_only_labels_and_cues_count() -> None:
    assert list(WorkplaceAddress(BASE_COMPILED).scan(item("17 Tallowwood Quay"))) == []
    assert list(WorkPhoneNumber(BASE_COMPILED).scan(item("ring (02) 5550 1234"))) == []
    assert len(list(WorkPhoneNumber(BASE_COMPILED).scan(item("my work number is (02) 5550 1234")))) == 1
