"""`Scanner.kinds`: the engine offers an item only to the scanners of its kind, so no scanner may
report on a kind it does not declare. Every scanner that declares kinds is given records of every
kind, each full of what the rules look for, and must stay silent on the kinds it left out (and
report on at least one it declared, so that the test can fail)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exposure_audit.engine import Scanning
from exposure_audit.model import GeoPoint, Item, ItemKind, Platform, Precision, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners import SCANNERS
from exposure_audit.scanners.base import Scanner
from exposure_audit.scanners.compiled import compile_policy

POLICY = load_policy("dibp-2015")
# The built-in packs name no corporate user id shape; one is added so that EXP402 can report.
COMPILED = compile_policy(replace(POLICY, account=replace(POLICY.account, corporate_id_patterns=(r"abf\d{5}",))))

TEXTS = {
    "employer": "Proud to work for the Australian Border Force, ABF officer at the airport",
    "email": "r.okonkwo-hale@abf.gov.au",
    "other_email": "tomas.ferreira.example@mailbox.example",
    "colleagues": "Night shift at the wharf with Priya Ramaswamy and Tomas Ferreira, ABF officers",
    "marking": "PROTECTED: Sensitive passenger manifest for the ABF counter-terrorism unit",
    "group": "ABF Officers Social Club",
    "username": "abf12345",
    "place": "Tarrant Bay, Queensland",
}
FIELDS = ("", "email", "username", "headline", "summary", "work.company", "current_city")
LABELS = (frozenset(), frozenset({"work", "primary", "confirmed"}))
POINT = GeoPoint(lat=-27.47, lon=153.03, precision=Precision.GPS, origin="exif")


def records(kind: ItemKind) -> list[Item]:
    return [
        Item(
            kind=kind,
            platform=Platform.FACEBOOK,
            source=SourceRef(archive="dl.zip", member="your_activity.json"),
            identity=f"{kind.value}:{what}:{field}:{len(labels)}",
            text=text,
            field=field,
            labels=labels,
            geo=(POINT,),
            extra={"context": text, "title": text, "description": text},
        )
        for what, text in TEXTS.items()
        for field in FIELDS
        for labels in LABELS
    ]


DECLARING = [cls for cls in SCANNERS if cls.kinds is not None]


def test_most_scanners_declare_their_kinds() -> None:
    assert len(DECLARING) >= 10


@pytest.mark.parametrize("cls", DECLARING, ids=lambda cls: cls.rule)
def test_a_scanner_reports_only_on_the_kinds_it_declares(cls: type[Scanner]) -> None:
    assert cls.kinds is not None
    scanner = cls(COMPILED)
    reported = {kind for kind in ItemKind for item in records(kind) if list(scanner.scan(item))}
    assert reported <= cls.kinds
    if cls.rule != "EXP601":  # the uniform rule needs a photo's pixels or a cue next to it, tested in its own file
        assert reported, "the records should make this rule report on at least one of its kinds"


def test_the_engine_offers_each_kind_the_scanners_that_declare_it_in_registry_order() -> None:
    scanning = Scanning(COMPILED)
    for kind in ItemKind:
        offered = [type(s) for s in scanning.scanners_of[kind]]
        assert offered == [cls for cls in SCANNERS if cls.kinds is None or kind in cls.kinds]
    assert len(scanning.scanners_of[ItemKind.PHOTO]) < len(SCANNERS)
