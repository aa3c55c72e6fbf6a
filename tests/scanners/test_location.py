"""EXP501 geotag present, EXP502 work location, EXP503 coarse place: should-flag and near-miss tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from exposure_audit.model import GeoPoint, Item, ItemKind, Level, Platform, Precision, SourceRef
from exposure_audit.policy.model import Site, load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.location import CoarsePlace, GeotagPresent, WorkLocationGeotag

# Invented places in Wollongong, NSW
HOME = (-34.41852, 150.87914)  # Gwynneville
WORK = (-34.46287, 150.90143)  # near Port Kembla
SITE = Site(name="Cargo hall", lat=WORK[0], lon=WORK[1], radius_m=400.0)
POLICY = load_policy(None).with_sites((SITE,))
COMPILED = compile_policy(POLICY)


def item(
    kind: ItemKind = ItemKind.PHOTO,
    *geo: GeoPoint,
    field: str = "photo",
    text: str = "",
    platform: Platform = Platform.FACEBOOK,
) -> Item:
    return Item(
        kind=kind,
        platform=platform,
        source=SourceRef(archive="dl.zip", member="posts/1.json"),
        identity=f"id-{kind}-{len(geo)}-{text}",
        created_at=datetime(2024, 3, 4, tzinfo=UTC),
        text=text,
        field=field,
        geo=geo,
    )


def gps(lat: float, lon: float, origin: str = "exif") -> GeoPoint:
    return GeoPoint(lat=lat, lon=lon, precision=Precision.GPS, origin=origin)


def place(lat: float, lon: float, origin: str = "place.coordinate") -> GeoPoint:
    return GeoPoint(lat=lat, lon=lon, precision=Precision.PLACE, origin=origin, name="Cafe")


def city(lat: float, lon: float) -> GeoPoint:
    return GeoPoint(lat=lat, lon=lon, precision=Precision.CITY, origin="profile", name="Wollongong")


GEOTAG_CASES = [
    # (item, should flag, expected severity)
    (item(ItemKind.PHOTO, gps(*HOME)), True, Level.MEDIUM),
    (item(ItemKind.POST, place(*HOME), field="post"), True, Level.MEDIUM),
    (item(ItemKind.CHECKIN, place(*HOME), field="checkin", text="Cafe"), True, Level.MEDIUM),
    (item(ItemKind.EVENT, place(*HOME, origin="event.place"), field="event"), True, Level.MEDIUM),
    (item(ItemKind.PHOTO, gps(*HOME, origin="exif_data")), True, Level.MEDIUM),
    (item(ItemKind.PHOTO, gps(*HOME, origin="geoData"), platform=Platform.GOOGLE_PHOTOS), True, Level.MEDIUM),
    (
        item(ItemKind.POST, gps(*HOME, origin="tweet.coordinates"), platform=Platform.X, field="tweet"),
        True,
        Level.MEDIUM,
    ),
    (item(ItemKind.LOCATION, gps(*HOME, origin="last_known_location"), field="last_known_location"), True, Level.LOW),
    (item(ItemKind.LOCATION, place(*HOME, origin="marketplace"), field="marketplace"), True, Level.MEDIUM),
    # near misses
    (item(ItemKind.PHOTO), False, None),  # no geo at all
    (item(ItemKind.PHOTO, gps(0.0, 0.0)), False, None),  # 0/0 means none
    (item(ItemKind.PHOTO, gps(91.0, 10.0)), False, None),  # out of range
    (item(ItemKind.PLACE, city(*HOME), field="current_city", text="Wollongong"), False, None),  # coarse only
    (item(ItemKind.IP, field="upload_ip", text="198.51.100.4"), False, None),
    (item(ItemKind.POST, GeoPoint(lat=float("nan"), lon=1.0, precision=Precision.GPS, origin="exif")), False, None),
]


@pytest.mark.parametrize(("record", "flag", "severity"), GEOTAG_CASES)
def test_geotag_present(record: Item, flag: bool, severity: Level | None) -> None:
    findings = list(GeotagPresent(COMPILED).scan(record))
    assert len(findings) == (1 if flag else 0)
    if flag:
        finding = findings[0]
        assert finding.rule == "EXP501" and finding.severity is severity
        assert "Wollongong" in finding.excerpt  # coarse place name, offline
        assert any("from workplace site 'Cargo hall'" in r for r in finding.reasons)
        assert finding.geo and finding.match.startswith("-34.4")


def test_gps_preferred_over_place_and_precision_reported() -> None:
    record = item(ItemKind.PHOTO, place(*WORK), gps(*HOME, origin="exif_data"))
    (finding,) = GeotagPresent(COMPILED).scan(record)
    assert finding.geo[0].precision is Precision.GPS
    assert "precise (GPS)" in finding.reasons
    (named,) = GeotagPresent(COMPILED).scan(item(ItemKind.CHECKIN, place(*HOME)))
    assert "a named place's coordinates" in named.reasons


def test_no_street_address_in_the_excerpt() -> None:
    (finding,) = GeotagPresent(COMPILED).scan(item(ItemKind.PHOTO, gps(*HOME)))
    assert finding.excerpt.split(" from ", 1)[1].startswith(("Gwynneville", "Keiraville", "Wollongong"))
    assert not any(ch.isdigit() for ch in finding.excerpt.split(" from ", 1)[1])


def test_public_item_raises_severity() -> None:
    record = replace(item(ItemKind.PHOTO, gps(*HOME)), public=True)
    (finding,) = GeotagPresent(COMPILED).scan(record)
    assert finding.severity is Level.HIGH


def test_without_sites_no_site_distance() -> None:
    (finding,) = GeotagPresent(compile_policy(load_policy(None))).scan(item(ItemKind.PHOTO, gps(*HOME)))
    assert not any("workplace site" in r for r in finding.reasons)


WORK_CASES = [
    (gps(*WORK), True),
    (gps(WORK[0] + 0.003, WORK[1]), True),  # ~330 m north: inside 400 m
    (place(WORK[0], WORK[1] + 0.0035), True),  # ~320 m east
    (gps(WORK[0] + 0.0045, WORK[1]), False),  # ~500 m: outside
    (gps(*HOME), False),
    (city(*WORK), False),  # a city centroid never places someone at work
]


@pytest.mark.parametrize(("point", "flag"), WORK_CASES)
def test_work_location(point: GeoPoint, flag: bool) -> None:
    findings = list(WorkLocationGeotag(COMPILED).scan(item(ItemKind.PHOTO, point)))
    assert len(findings) == (1 if flag else 0)
    if flag:
        assert findings[0].rule == "EXP502" and findings[0].severity is Level.HIGH
        assert "Cargo hall" in findings[0].excerpt


def test_work_location_needs_sites() -> None:
    assert not list(WorkLocationGeotag(compile_policy(load_policy(None))).scan(item(ItemKind.PHOTO, gps(*WORK))))


COARSE_CASES = [
    (item(ItemKind.PLACE, field="current_city", text="Wollongong, New South Wales"), True, Level.LOW),
    (item(ItemKind.PLACE, field="hometown", text="Dapto"), True, Level.LOW),
    (item(ItemKind.PLACE, field="zip_code", text="2500", platform=Platform.LINKEDIN), True, Level.MEDIUM),
    (item(ItemKind.PLACE, field="profile_based_in", text="Wollongong"), True, Level.LOW),
    (item(ItemKind.PLACE, city(*HOME), field="geo_location"), True, Level.LOW),
    (item(ItemKind.PLACE, field="current_city", text="   "), False, None),
    (item(ItemKind.PROFILE, field="bio", text="Wollongong born and bred"), False, None),
    (item(ItemKind.CHECKIN, place(*HOME), field="checkin", text="Cafe"), False, None),
]


@pytest.mark.parametrize(("record", "flag", "severity"), COARSE_CASES)
def test_coarse_place(record: Item, flag: bool, severity: Level | None) -> None:
    findings = list(CoarsePlace(COMPILED).scan(record))
    assert len(findings) == (1 if flag else 0)
    if flag:
        assert findings[0].rule == "EXP503" and findings[0].severity is severity


# Google Photos keeps the user's edited position (geoData) and the camera's (geoDataExif); the file's
# EXIF adds its own. An edit moves what is shown, not what the download gives away.
SHOWN = (-34.40990, 150.90210)  # a beach, where the user moved the photo to
EDITED_CASES = [
    # (points, positions reported by EXP501, EXP502 fires)
    ((gps(*SHOWN, "geoData"), gps(*WORK, "geoDataExif")), 2, True),
    ((gps(*SHOWN, "geoData"), gps(*WORK, "geoDataExif"), gps(*WORK, "exif")), 2, True),
    ((gps(*SHOWN, "geoData"), gps(*WORK, "exif")), 2, True),
    ((gps(*HOME, "geoData"), gps(*SHOWN, "geoDataExif")), 2, False),
    ((gps(*WORK, "geoData"), gps(*SHOWN, "geoDataExif")), 2, True),
    ((gps(*HOME, "geoData"), gps(*HOME, "geoDataExif")), 1, False),  # not edited
    ((gps(*WORK, "geoData"), gps(*WORK, "geoDataExif"), gps(*WORK, "exif")), 1, True),
    ((gps(*HOME, "geoData"), gps(HOME[0] + 0.0001, HOME[1], "geoDataExif")), 1, False),  # GPS noise, 11 m
    ((gps(*SHOWN, "geoDataExif"),), 1, False),
    ((gps(*HOME, "geoData"),), 1, False),
]


@pytest.mark.parametrize(("points", "reported", "at_work"), EDITED_CASES)
def test_an_edited_position_still_reports_the_original(
    points: tuple[GeoPoint, ...], reported: int, at_work: bool
) -> None:
    record = item(ItemKind.PHOTO, *points, platform=Platform.GOOGLE_PHOTOS)
    found = list(GeotagPresent(COMPILED).scan(record))
    assert len(found) == reported
    assert len({f.fingerprint for f in found}) == reported
    if reported == 2:
        assert any("was edited" in r for r in found[1].reasons)
    assert bool(list(WorkLocationGeotag(COMPILED).scan(record))) is at_work
