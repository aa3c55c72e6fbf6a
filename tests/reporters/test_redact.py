"""Redaction: what is masked in text and in matched values, and what must stay readable."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exposure_audit.model import Category, ItemKind, Platform
from exposure_audit.reporters.redact import Redactor, clean, initials, mask_phone, replace_ignoring_case

TEXT_CASES = [
    # (text, expected) -- invented values only
    ("write to jane.citizen@abf.gov.au today", "write to j•••@abf.gov.au today"),
    ("JANE@Border.gov.au", "J•••@Border.gov.au"),
    ("call 0491 570 156.", "call •••• ••• •56."),
    ("mobile +61 491 570 157", "mobile +•• ••• ••• •57"),
    ("desk (02) 5550 1234 ext", "desk (••) •••• ••34 ext"),
    ("at -33.946123, 151.177234 yesterday", "at -33.95, 151.18 yesterday"),
    ('"latitude": -33.9461', '"latitude": -33.95'),
    ("from 203.0.113.7", "from 203.•••.•••.•••"),
    ("from 2001:db8::42 at", "from 2001:••• at"),
    ("with @jcitizen and @AusBorderForce", "with @j••• and @AusBorderForce"),
    # near misses that must stay as they are
    ("served 2019-2021 at the ABF", "served 2019-2021 at the ABF"),
    ("posted 2023-04-01 08:30:00", "posted 2023-04-01 08:30:00"),
    ("shift 10:30:00 to 18:00", "shift 10:30:00 to 18:00"),
    ("version 1.2.3 of the app", "version 1.2.3 of the app"),
    ("team of 12 at Terminal 1", "team of 12 at Terminal 1"),
    ("Australian Border Force", "Australian Border Force"),
    ("border.gov.au is the domain", "border.gov.au is the domain"),
    ("temperature 21.5 degrees", "temperature 21.5 degrees"),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES)
def test_text_redaction(text: str, expected: str) -> None:
    redactor = Redactor(show_values=False, keep_handles=["@AusBorderForce"])
    assert redactor.text(text) == expected


def test_show_values_keeps_everything_but_control_characters() -> None:
    redactor = Redactor(show_values=True)
    assert redactor.text("jane.citizen@abf.gov.au 0491 570 156") == "jane.citizen@abf.gov.au 0491 570 156"
    assert redactor.text("a\x1b[2Jb\u202ec") == "a\ufffd[2Jb\ufffdc"


def test_clean_neutralises_terminal_and_bidi_controls_only() -> None:
    assert clean("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert clean("\x07\x1b\x9b\u2066x") == "\ufffd\ufffd\ufffd\ufffdx"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jane Citizen", "J. C."),
        ("Ravi Q. Kumaran", "R. Q. K."),
        ("Zoë O'Neill", "Z. O."),
        ("ravi", "R."),
        ("1234", "•••"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_mask_phone_keeps_layout_and_last_two_digits() -> None:
    assert mask_phone("0491-570-156") == "••••-•••-•56"


def test_names_tagged_anywhere_in_the_report_are_hidden_in_every_excerpt(make_finding: Any) -> None:
    tag = make_finding(
        rule="EXP201",
        category=Category.COLLEAGUE,
        platform=Platform.FACEBOOK,
        archive="a.zip",
        member="m.json",
        pointer="/0",
        kind=ItemKind.TAG,
        identity="t1",
        match="Ravi Kumaran",
        excerpt="with Ravi Kumaran",
        people=("Ravi Kumaran",),
    )
    other = make_finding(
        rule="EXP101",
        category=Category.EMPLOYER,
        platform=Platform.FACEBOOK,
        archive="a.zip",
        member="m.json",
        pointer="/1",
        kind=ItemKind.POST,
        identity="p1",
        match="ABF",
        excerpt="ravi kumaran and I at the ABF",
    )
    redactor = Redactor.for_findings([tag, other], show_values=False)
    assert redactor.value(tag) == "R. K."
    assert redactor.excerpt(tag) == "with R. K."
    assert redactor.excerpt(other) == "R. K. and I at the ABF"
    assert redactor.value(other) == "ABF"  # employer names are not personal values


@pytest.mark.parametrize(
    ("category", "kind", "match", "expected"),
    [
        (Category.ACCOUNT, ItemKind.LOGIN, "jane.citizen@abf.gov.au", "j•••@abf.gov.au"),
        (Category.ACCOUNT, ItemKind.LOGIN, "jcitizen_abf", "j•••"),
        (Category.CONTACT, ItemKind.CONTACT, "+61 491 570 158", "+•• ••• ••• •58"),
        (Category.LOCATION, ItemKind.IP, "203.0.113.9", "203.•••.•••.•••"),
        (Category.LOCATION, ItemKind.PHOTO, "-33.941002, 151.175501", "-33.94, 151.18"),
        (Category.LOCATION, ItemKind.CHECKIN, "Sydney Airport", "Sydney Airport"),
        (Category.COLLEAGUE, ItemKind.GROUP, "ABF Sydney Social Club", "ABF Sydney Social Club"),
        (Category.COLLEAGUE, ItemKind.CONNECTION, "Mei Lin Tan", "M. L. T."),
    ],
)
def test_matched_values(make_finding: Any, category: Category, kind: ItemKind, match: str, expected: str) -> None:
    finding = make_finding(
        rule="EXP999",
        category=category,
        platform=Platform.FACEBOOK,
        archive="a.zip",
        member="m.json",
        pointer="",
        kind=kind,
        identity="i",
        match=match,
        excerpt=f"before {match} after",
    )
    redactor = Redactor.for_findings([finding], show_values=False)
    assert redactor.value(finding) == expected
    assert redactor.excerpt(finding) == f"before {expected} after"
    assert Redactor.for_findings([finding], show_values=True).value(finding) == match


def test_names_are_found_whole_and_in_any_case_among_many() -> None:
    many = [f"Person{i} Surname{i}" for i in range(3000)] + ["Jane Citizen", "Jane", "Zoë Ng"]
    redactor = Redactor(show_values=False, names=many)
    text = "İstanbul trip with JANE CITIZEN, janecitizen, Jane, Janet, ZOË NG and person12 surname12."
    assert redactor.text(text) == "İstanbul trip with J. C., janecitizen, J., Janet, Z. N. and P. S.."


@given(st.text(alphabet="aAbB .é-É@1", max_size=40), st.text(alphabet="aAbB .é-É@1", min_size=1, max_size=4))
def test_replace_ignoring_case_matches_the_regular_expression(text: str, old: str) -> None:
    expected = re.sub(re.escape(old), lambda _m: "[x]", text, flags=re.IGNORECASE)
    assert replace_ignoring_case(text, old, "[x]") == expected


SHAPE_CASES = [
    # every value of these shapes is masked in any excerpt -- invented values only
    ("mail zoe at abf dot gov dot au today", "mail z•••@abf.gov.au today"),
    ("write to zoe.quill(at)example.com", "write to z•••@example.com"),
    ("zoe [at] abf [dot] gov [dot] au", "z•••@abf.gov.au"),
    ("call 0491/570/006 after six", "call ••••/•••/•06 after six"),
    ("at -33.861, 151.209 today", "at -33.86, 151.21 today"),
    ("33°52'10\"S 151°12'30\"E", "33°52'•••\"S 151°12'•••\"E"),
    ("hidden\U000e0041\U000e0042 text", "hidden\ufffd\ufffd text"),
    # numbers in skip reasons are quantities, not phones
    ("the image is over the cap of 120000000 for one image", "the image is over the cap of 120000000 for one image"),
    ("size 2147483648 bytes exceeds the member cap", "size 2147483648 bytes exceeds the member cap"),
    ("a string longer than the cap of 16777216 characters", "a string longer than the cap of 16777216 characters"),
    # near misses
    ("I work at abf.gov.au these days", "I work at abf.gov.au these days"),
    ("on 12/05/2024 at noon", "on 12/05/2024 at noon"),
]


@pytest.mark.parametrize(("text", "expected"), SHAPE_CASES)
def test_obfuscated_and_other_shapes_are_masked_in_excerpts(text: str, expected: str) -> None:
    assert Redactor(show_values=False).text(text) == expected


def test_the_first_name_of_a_known_person_is_masked_alone_where_capitalised(make_finding: Any) -> None:
    tag = make_finding(
        rule="EXP201",
        category=Category.COLLEAGUE,
        platform=Platform.FACEBOOK,
        archive="a.zip",
        member="m.json",
        pointer="/0",
        kind=ItemKind.TAG,
        identity="t1",
        match="Priya Raman",
        excerpt="with Priya Raman",
        people=("Priya Raman",),
    )
    redactor = Redactor.for_findings([tag], show_values=False)
    assert redactor.text("Lunch with Priya and Tom, priya-style") == "Lunch with P. and Tom, priya-style"


def test_an_obfuscated_official_address_is_masked_in_its_own_excerpt(make_finding: Any) -> None:
    found = make_finding(
        rule="EXP101",
        category=Category.CONTACT,
        platform=Platform.FACEBOOK,
        archive="a.zip",
        member="m.json",
        pointer="/0",
        kind=ItemKind.POST,
        identity="p1",
        match="zoe at abf dot gov dot au",
        excerpt="reach zoe at abf dot gov dot au re rosters",
    )
    redactor = Redactor(show_values=False)
    assert "zoe at" not in redactor.excerpt(found) and "abf.gov.au" in redactor.excerpt(found)


def test_the_employer_s_name_is_never_taken_for_a_person_s() -> None:
    """A page of the employer's name tagged like a person must not turn "Australian Border Force" into
    initials, nor "Australian" alone into "A."."""
    redactor = Redactor(
        show_values=False,
        names={"Australian Border Force", "Tamsin Ferreira"},
        keep_names=("australian  border force",),
    )
    text = redactor.text("Officially an Australian Border Force officer, Australian made, with Tamsin Ferreira")
    assert text == "Officially an Australian Border Force officer, Australian made, with T. F."


def test_connections_at_the_employer_keep_its_name(make_finding: Any) -> None:
    finding = make_finding(
        rule="EXP202",
        category=Category.COLLEAGUE,
        platform=Platform.LINKEDIN,
        archive="a",
        member="Connections.csv",
        pointer="/1",
        kind=ItemKind.CONNECTION,
        identity="i",
        match="Australian Border Force",
        excerpt="5 connections at Australian Border Force",
    )
    redactor = Redactor.for_findings([finding], show_values=False, keep_names=("Australian Border Force",))
    assert redactor.value(finding) == "Australian Border Force"
    assert redactor.excerpt(finding) == "5 connections at Australian Border Force"
    assert Redactor.for_findings([finding], show_values=False).value(finding) == "A. B. F."
