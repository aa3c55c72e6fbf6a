"""Profile and autofill shapes that the layout fixtures do not all carry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exposure_audit.fetchers.facebook.profile import autofill_key
from exposure_audit.model import Item, ItemKind, Skipped
from tests.fetchers.facebook.test_facebook import read


def read_member(tmp_path: Path, member: str, value: Any) -> tuple[list[Item], list[Skipped]]:
    path = tmp_path / member
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written the way Meta writes: UTF-8 bytes escaped one by one.
    path.write_text(json.dumps(_meta_escape(value)), encoding="ascii")
    items, skipped, _ = read([tmp_path])
    return items, skipped


def _meta_escape(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [_meta_escape(v) for v in value]
    if isinstance(value, dict):
        return {_meta_escape(k): _meta_escape(v) for k, v in value.items()}
    return value


def test_instagram_style_autofill(tmp_path: Path) -> None:
    items, skipped = read_member(
        tmp_path,
        "personal_information/autofill_information/autofill_information.json",
        {
            "ig_autofill_data": {
                "email": "kim@example.org",
                "tel": "0491 570 110",
                "street_address": "4 Ocean St",
                "postal_code": "2035",
                "organization": "Australian Border Force",
                "given_name": "Kim",
            }
        },
    )
    assert skipped == []
    got = {(i.kind, i.field, i.text, tuple(sorted(i.labels))) for i in items}
    assert got == {
        (ItemKind.CONTACT, "email", "kim@example.org", ("autofill",)),
        (ItemKind.CONTACT, "phone", "0491 570 110", ("autofill",)),
        (ItemKind.PLACE, "location", "4 Ocean St", ("autofill",)),
        (ItemKind.PLACE, "zip_code", "2035", ("autofill",)),
        (ItemKind.WORK, "work.employer", "Australian Border Force", ()),
    }


def test_autofill_keys_normalise() -> None:
    assert autofill_key("Work email") == "WORK_EMAIL"
    assert autofill_key("work-phone") == "WORK_PHONE"
    assert autofill_key("COMPANY_NAME") == "COMPANY_NAME"


def test_profile_groups_pages_other_names_and_old_email_list(tmp_path: Path) -> None:
    items, skipped = read_member(
        tmp_path,
        "profile_information/profile_information.json",
        {
            "profile": {
                "name": {"full_name": "Siân Ó Dálaigh"},
                "emails": ["sian@example.net"],
                "other_names": [{"name": "Sí", "type": "Nickname", "timestamp": 1500000000}],
                "groups": [{"name": "ABF Cargo Hall Crew", "timestamp": 1500000000}],
                "pages": [{"name": "Other", "pages": ["Border Force Pipe Band"], "timestamps": [1500000000]}],
                "phone_numbers": [{"phone_type": "WORK", "phone_number": "(02) 5550 0199"}],
                "work_experiences": [{"title": "Trainee officer"}],
                "about_me": {"text": "Coffee first"},
            }
        },
    )
    assert skipped == []
    got = {(i.kind, i.field, i.text) for i in items}
    assert (ItemKind.PROFILE, "name", "Siân Ó Dálaigh") in got
    assert (ItemKind.PROFILE, "name", "Sí") in got
    assert (ItemKind.LOGIN, "email", "sian@example.net") in got
    assert (ItemKind.GROUP, "group", "ABF Cargo Hall Crew") in got
    assert (ItemKind.PAGE, "page", "Border Force Pipe Band") in got
    assert (ItemKind.WORK, "work.title", "Trainee officer") in got
    assert (ItemKind.PROFILE, "about", "Coffee first") in got
    phone = next(i for i in items if i.kind is ItemKind.CONTACT)
    assert phone.labels == {"work"}


def test_label_values_checkins_with_coordinates(tmp_path: Path) -> None:
    items, skipped = read_member(
        tmp_path,
        "your_facebook_activity/your_places/places_you've_created.json",
        [
            {
                "timestamp": 1700000000,
                "label_values": [
                    {"label": "Name", "value": "Lookout Café"},
                    {"label": "Coordinates", "value": "-33.95, 151.26"},
                ],
            },
            {
                "timestamp": 1700000001,
                "label_values": [
                    {"label": "Place name", "value": "Null Island"},
                    {"label": "Latitude", "value": "0"},
                    {"label": "Longitude", "value": "0"},
                ],
            },
        ],
    )
    assert skipped == []
    cafe, island = sorted((i for i in items if i.kind is ItemKind.CHECKIN), key=lambda i: i.text)
    assert (cafe.text, [(g.lat, g.lon, g.origin) for g in cafe.geo]) == (
        "Lookout Café",
        [(-33.95, 151.26, "place.coordinate")],
    )
    assert island.geo == ()
