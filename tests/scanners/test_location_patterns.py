"""Home, workplace, routine, cross-platform and network rules on the location personas."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from exposure_audit.geo.distance import haversine_m
from exposure_audit.model import Finding, GeoPoint, Item, ItemKind, Platform, Precision, SourceRef
from exposure_audit.policy.model import Site, load_policy
from exposure_audit.scanners.base import Correlator
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.location_patterns import (
    LikelyHome,
    LikelyWorkplace,
    NetworkLocation,
    SamePlaceAcrossPlatforms,
    WeekdayRoutine,
)

PERSONAS = Path(__file__).resolve().parents[2] / "fixtures" / "location" / "personas"
POLICY = load_policy(None)
COMPILED = compile_policy(POLICY)
PATTERN_RULES = (LikelyHome, LikelyWorkplace, WeekdayRoutine, SamePlaceAcrossPlatforms)


def persona_items(name: str) -> tuple[list[Item], dict[str, object]]:
    data = json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
    items = []
    for index, tag in enumerate(data["geotags"]):
        when = datetime.fromisoformat(tag["time"])
        source = SourceRef(archive=name, member=f"{tag['source']}/{index}")
        if tag["source"] == "photo":  # camera time: naive local, on the GeoPoint
            point = GeoPoint(lat=tag["lat"], lon=tag["lon"], precision=Precision.GPS, origin="exif", at=when)
            items.append(
                Item(kind=ItemKind.PHOTO, platform=Platform.PHOTOS, source=source, identity=f"p{index}", geo=(point,))
            )
        else:  # platform record: UTC timestamp on the item
            precision = Precision.PLACE if tag["source"] == "checkin" else Precision.GPS
            point = GeoPoint(lat=tag["lat"], lon=tag["lon"], precision=precision, origin=tag["origin"])
            kind = ItemKind.CHECKIN if tag["source"] == "checkin" else ItemKind.POST
            items.append(
                Item(
                    kind=kind,
                    platform=Platform(tag["platform"]),
                    source=source,
                    identity=f"i{index}",
                    created_at=when,
                    geo=(point,),
                )
            )
    return items, data["planted"]


def correlate(correlator: Correlator, items: Sequence[Item]) -> list[Finding]:
    observations = [o for item in items if (o := correlator.observe(item)) is not None]
    return list(correlator.correlate(observations))


def centre(finding: Finding) -> tuple[float, float]:
    return finding.geo[0].lat, finding.geo[0].lon


def test_commuter_home_work_and_routine_within_150_m() -> None:
    items, planted = persona_items("commuter")
    (home,) = correlate(LikelyHome(COMPILED), items)
    (work,) = correlate(LikelyWorkplace(COMPILED), items)
    (routine,) = correlate(WeekdayRoutine(COMPILED), items)
    assert haversine_m(*centre(home), *planted["home"]) < 150  # type: ignore[misc]
    assert haversine_m(*centre(work), *planted["work"]) < 150  # type: ignore[misc]
    assert haversine_m(*centre(routine), *planted["routine"]) < 150  # type: ignore[misc]
    assert home.rule == "EXP505" and work.rule == "EXP506" and routine.rule == "EXP507"
    assert "weekday mornings between 07:00 and 08:30" in routine.excerpt
    assert routine.excerpt.startswith("13 geotagged posts within 150 m of ")
    assert "Brisbane" in home.excerpt or "Camp Hill" in home.excerpt


def test_commuter_places_seen_on_several_platforms() -> None:
    items, planted = persona_items("commuter")
    findings = correlate(SamePlaceAcrossPlatforms(COMPILED), items)
    assert {f.rule for f in findings} == {"EXP508"}
    centres = [centre(f) for f in findings]
    for spot in ("home", "routine"):  # Facebook and Instagram both; the workplace only on Facebook and photos
        assert any(haversine_m(*c, *planted[spot]) < 150 for c in centres)  # type: ignore[misc]
    assert not any(haversine_m(*c, *planted["work"]) < 150 for c in centres)  # type: ignore[misc]
    assert "Facebook and Instagram" in findings[0].excerpt


def test_workplace_site_is_named_on_the_workplace_finding() -> None:
    items, planted = persona_items("commuter")
    lat, lon = planted["work"]  # type: ignore[misc]
    policy = POLICY.with_sites((Site(name="Airport cargo", lat=lat, lon=lon, radius_m=300),))
    (work,) = correlate(LikelyWorkplace(compile_policy(policy)), items)
    assert any("workplace site 'Airport cargo'" in r for r in work.reasons)


@pytest.mark.parametrize("name", ["single", "none"])
def test_single_and_none_give_no_pattern_and_no_error(name: str) -> None:
    items, _ = persona_items(name)
    for rule in PATTERN_RULES:
        assert correlate(rule(COMPILED), items) == []


def test_one_place_only_is_not_called_both_home_and_workplace() -> None:
    spot = (-27.49312, 153.07538)
    start = datetime(2024, 3, 4, 1, 0, tzinfo=UTC)  # 11:00 in Brisbane, a Monday
    items = [
        Item(
            kind=ItemKind.POST,
            platform=Platform.FACEBOOK,
            source=SourceRef(archive="a", member="m"),
            identity=f"x{i}",
            created_at=start + timedelta(days=i % 5, minutes=7 * i),
            geo=(GeoPoint(lat=spot[0], lon=spot[1], precision=Precision.GPS, origin="exif_data"),),
        )
        for i in range(12)
    ]
    assert correlate(LikelyHome(COMPILED), items) == []  # all in working hours: never "home"
    (work,) = correlate(LikelyWorkplace(COMPILED), items)
    assert haversine_m(*centre(work), *spot) < 20


def test_utc_timestamps_are_read_in_the_local_time_zone() -> None:
    # 20:30 UTC on a Sunday is 06:30 on Monday in Brisbane: the rest window of a weekday.
    spot = (-27.49312, 153.07538)
    items = [
        Item(
            kind=ItemKind.POST,
            platform=Platform.FACEBOOK,
            source=SourceRef(archive="a", member="m"),
            identity=f"y{i}",
            created_at=datetime(2024, 3, 3, 20, 30, tzinfo=UTC) + timedelta(days=i),
            geo=(GeoPoint(lat=spot[0], lon=spot[1], precision=Precision.GPS, origin="exif_data"),),
        )
        for i in range(4)
    ]
    (home,) = correlate(LikelyHome(COMPILED), items)
    assert "4 rest" in home.reasons[0]


def test_network_location_is_one_count_per_platform() -> None:
    items = [
        Item(
            kind=ItemKind.IP,
            platform=platform,
            source=SourceRef(archive="a", member="security.json"),
            identity=f"ip{i}",
            text=address,
            field="login_ip",
        )
        for i, (platform, address) in enumerate(
            [
                (Platform.FACEBOOK, "198.51.100.4"),
                (Platform.FACEBOOK, "198.51.100.4"),
                (Platform.FACEBOOK, "203.0.113.9"),
                (Platform.INSTAGRAM, "192.0.2.1"),
            ]
        )
    ]
    findings = correlate(NetworkLocation(COMPILED), items)
    assert [(f.platform, f.match) for f in findings] == [
        (Platform.FACEBOOK, "2 distinct IP addresses"),
        (Platform.INSTAGRAM, "1 distinct IP address"),
    ]
    assert not any("198.51" in f.match + f.excerpt + " ".join(f.reasons) for f in findings)
