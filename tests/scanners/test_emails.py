"""Official e-mail addresses in text, plain and disguised, and look-alike domains that are not official."""

from __future__ import annotations

import pytest

from exposure_audit.scanners.emails import OfficialEmails

EMAILS = OfficialEmails(("border.gov.au", "abf.gov.au", "homeaffairs.gov.au", "immi.gov.au", "mbc.gov.au"))


@pytest.mark.parametrize(
    ("text", "address", "disguised"),
    [
        ("Email me at d.okafor@abf.gov.au if you want the roster swap", "d.okafor@abf.gov.au", False),
        ("send it to m.castellano[at]border.gov.au and I'll sort it", "m.castellano@border.gov.au", True),
        ("my work email is rhys dot abernathy at border dot gov dot au", "rhys.abernathy@border.gov.au", True),
        ("hannah.k (at) immi (dot) gov (dot) au for the roster", "hannah.k@immi.gov.au", True),
        ("Mail me at j.marsh{at}abf{dot}gov{dot}au", "j.marsh@abf.gov.au", True),
        ("Contact: b.mcallister@mail.abf.gov.au", "b.mcallister@mail.abf.gov.au", False),  # a subdomain
        ("EMAIL ME: B.MCALLISTER@ABF.GOV.AU", "b.mcallister@abf.gov.au", False),
        ("email t.rasmussen AT abf DOT gov DOT au during the week", "t.rasmussen@abf.gov.au", True),
        ("RSVP to priya.lindqvist@border.gov.au.", "priya.lindqvist@border.gov.au", False),  # full stop after it
        ("jenny.marsh at homeaffairs.gov.au is the best way", "jenny.marsh@homeaffairs.gov.au", True),
    ],
)
def test_official_addresses_are_found(text: str, address: str, disguised: bool) -> None:
    (hit,) = EMAILS.find(text)
    assert (hit.address, hit.disguised, hit.confident) == (address, disguised, True)
    assert EMAILS.official_domain(address.split("@")[1])


@pytest.mark.parametrize(
    "text",
    [
        "Visit border.gov.au for the visa checklist",  # a website, not an address
        "Check immi.homeaffairs.gov.au for processing times",
        "phishing email from security@border-gov-au.example.net, don't click",
        "Beware: alerts@abf.gov.au.example.com is not a real address",  # only starts like an official domain
        "x@notborder.gov.au is someone else",
        "email me at renee [at] example [dot] com",
        "help@ato.gov.au never answers",
        "",
    ],
)
def test_other_addresses_and_websites_are_not(text: str) -> None:
    assert EMAILS.find(text) == []


def test_a_plain_word_before_at_is_only_a_low_confidence_address_unless_the_text_talks_of_email() -> None:
    (hit,) = EMAILS.find("I was at border.gov.au yesterday")
    assert not hit.confident
    (hit,) = EMAILS.find("Email the team, ruth at border.gov.au")
    assert hit.confident


def test_a_field_holding_one_address_is_checked_exactly() -> None:
    hit = EMAILS.of_address("  Freya.Lindgren@Border.Gov.Au  ")
    assert hit is not None and hit.address == "freya.lindgren@border.gov.au" and hit.domain == "border.gov.au"
    assert EMAILS.of_address("mailto:x@staff.abf.gov.au") is not None
    for value in ("h.k@abf.gov.au.example.net", "x@notborder.gov.au", "not an address", "a@b@abf.gov.au"):
        assert EMAILS.of_address(value) is None, value


def test_without_domains_nothing_is_official() -> None:
    assert OfficialEmails(()).find("x@abf.gov.au") == []
    assert OfficialEmails(()).of_address("x@abf.gov.au") is None
