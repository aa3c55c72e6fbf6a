"""Records pickle by their slot values: what a worker sends is what the parent receives."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime

import pytest

from exposure_audit.model import Category, Finding, GeoPoint, ItemKind, Level, MediaRef, Platform, Precision, SourceRef
from exposure_audit.runtime.pickling import _restore, pickled_by_slots, replaced

FINDING = Finding(
    rule="EXP501",
    category=Category.LOCATION,
    severity=Level.MEDIUM,
    confidence=Level.HIGH,
    platform=Platform.PHOTOS,
    source=SourceRef(archive="camera-roll", member="DCIM/IMG_0001.jpg", pointer="exif:GPS"),
    item_kind=ItemKind.PHOTO,
    item_identity="photos:photo:IMG_0001.jpg:1000",
    created_at=datetime(2024, 3, 2, 8, 15),
    match="-27.47050, 153.02600",
    excerpt="near Brisbane",
    reasons=("the photo file itself carries GPS coordinates (EXIF)",),
    guidance=("SA-review",),
    action="Remove the geo-tag.",
    fingerprint="0123456789abcdef0123",
    media=(MediaRef(uri="DCIM/IMG_0001.jpg", member="DCIM/IMG_0001.jpg"),),
    geo=(GeoPoint(lat=-27.4705, lon=153.026, precision=Precision.GPS, origin="exif", at=datetime(2024, 3, 2)),),
    where=(("album", "Camera"),),
)


def test_a_finding_with_everything_nested_arrives_equal_and_still_frozen() -> None:
    received = pickle.loads(pickle.dumps(FINDING))
    assert received == FINDING and type(received) is Finding
    assert received.geo[0].precision is Precision.GPS and received.severity is Level.MEDIUM
    with pytest.raises(dataclasses.FrozenInstanceError):
        received.rule = "EXP999"  # type: ignore[misc]


def test_a_value_shared_by_several_records_arrives_shared() -> None:
    source = FINDING.source
    received = pickle.loads(pickle.dumps([FINDING, dataclasses.replace(FINDING, rule="EXP502")]))
    assert received[0].source is received[1].source and received[0].source == source


def test_a_subclass_must_be_decorated_itself() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Wider(SourceRef):  # type: ignore[misc]
        extra: str = ""

    with pytest.raises(TypeError, match="decorate it"):
        pickle.dumps(Wider(archive="a", member="b", extra="c"))


def test_a_class_of_one_slot_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        only: int

    with pytest.raises(TypeError, match="two slots"):
        pickled_by_slots(One)


def test_a_record_replaced_equals_what_dataclasses_replace_makes_and_stays_frozen() -> None:
    point = GeoPoint(lat=1.0, lon=2.0, precision=Precision.GPS, origin="exif")
    copy = replaced(FINDING, geo=(point,), match="1.00000, 2.00000")
    assert copy == dataclasses.replace(FINDING, geo=(point,), match="1.00000, 2.00000")
    assert type(copy) is Finding and FINDING.geo[0].lat == -27.4705  # the original is untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.rule = "EXP999"  # type: ignore[misc]
    with pytest.raises(KeyError):
        replaced(FINDING, no_such_slot=1)


def test_values_that_do_not_fit_the_slots_are_refused() -> None:
    with pytest.raises(TypeError, match="values for"):
        _restore(SourceRef, ("archive", "member"))  # SourceRef has three slots
