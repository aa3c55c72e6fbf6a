"""Facebook profile_information.json and autofill_information.json (export-formats §1.4.1, §1.4.2).

Decisions where the download is ambiguous:

* `emails.emails`, `previous_emails` and `pending_emails` are the addresses the account signs in
  with: LOGIN items labelled "confirmed", "previous" or "pending". `ad_account_emails` are contact
  addresses of ad accounts: CONTACT labelled "business".
* `phone_numbers` are CONTACT items: Facebook shows them under "Contact info" with a type (Mobile,
  Work, Home) the person chose, which is what says whether the number is a work number. A "Work"
  type is labelled "work". (They may also be used for sign-in; the type, not that, is what exposes.)
* Autofill keeps what the person typed into forms: COMPANY_NAME and JOB_TITLE are WORK items,
  WORK_EMAIL/WORK_PHONE are CONTACT items labelled {"work", "autofill"}, EMAIL/PHONE are CONTACT
  items labelled {"autofill"}, CITY/postcode/street are PLACE items. The three shapes (the v2 map
  of lists, the newer label_values list, and the Instagram-style `ig_autofill_data` map) are
  normalised to the same upper-case keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from exposure_audit.fetchers.base import Reading, Record
from exposure_audit.fetchers.common.meta_records import flatten_label_values, iter_records, pointer_join
from exposure_audit.fetchers.facebook.common import (
    as_dict,
    as_items,
    first_time,
    guarded,
    name_of,
    new_item,
    read_document,
    text_of,
    type_name,
    versioned_key,
)
from exposure_audit.model import ItemKind

_EMAIL_LISTS = (
    ("emails", ItemKind.LOGIN, "confirmed"),
    ("previous_emails", ItemKind.LOGIN, "previous"),
    ("pending_emails", ItemKind.LOGIN, "pending"),
    ("ad_account_emails", ItemKind.CONTACT, "business"),
)
_CITIES = (("current_city", "current_city"), ("hometown", "hometown"))


def read_profile(reading: Reading) -> Iterator[Record]:
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    actual = versioned_key(document, "profile") if isinstance(document, dict) else None
    profile = document[actual] if actual is not None else None
    base = pointer_join("", actual or "profile")
    if not isinstance(profile, dict):
        yield reading.skip(
            "unexpected shape: expected an object with a profile_v2 or profile object, found "
            + type_name(document if profile is None else profile)
        )
        return
    for part, produce in (
        ("name", _names),
        ("intro_bio", _about),
        ("emails", _emails),
        ("phone_numbers", _phones),
        ("work_experiences", _work),
        ("education_experiences", _education),
        ("current_city", _cities),
        ("places_lived", _places_lived),
        ("groups", _groups),
        ("pages", _pages),
    ):
        yield from guarded(reading, pointer_join(base, part), produce(reading, profile, base))


def _names(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    name = profile.get("name")
    full = text_of(as_dict(name).get("full_name") if isinstance(name, dict) else name).strip()
    if full:
        yield new_item(
            reading,
            ItemKind.PROFILE,
            pointer_join(base, "name", "full_name") if isinstance(name, dict) else pointer_join(base, "name"),
            text=full,
            field_name="name",
        )
    for key in ("previous_names", "other_names"):
        for index, entry in enumerate(as_items(profile.get(key))):
            other = name_of(entry)
            if other:
                yield new_item(
                    reading,
                    ItemKind.PROFILE,
                    pointer_join(base, key, index, "name"),
                    text=other,
                    field_name="name",
                    when=first_time(as_dict(entry), "timestamp"),
                    extra={"kind": key},
                )


def _about(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    bio = profile.get("intro_bio")
    text = text_of(as_dict(bio).get("name") if isinstance(bio, dict) else bio).strip()
    if text:
        yield new_item(
            reading,
            ItemKind.PROFILE,
            pointer_join(base, "intro_bio"),
            text=text,
            field_name="bio",
            when=first_time(as_dict(bio), "timestamp"),
        )
    username = text_of(profile.get("username")).strip()
    if username:
        yield new_item(reading, ItemKind.PROFILE, pointer_join(base, "username"), text=username, field_name="username")
    for index, site in enumerate(as_items(profile.get("websites"))):
        address = text_of(as_dict(site).get("address") if isinstance(site, dict) else site).strip()
        if address:
            yield new_item(
                reading, ItemKind.PROFILE, pointer_join(base, "websites", index), text=address, field_name="website"
            )
    about = profile.get("about_me")
    text = text_of(as_dict(about).get("text") if isinstance(about, dict) else about).strip()
    if text:
        yield new_item(reading, ItemKind.PROFILE, pointer_join(base, "about_me"), text=text, field_name="about")


def _emails(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    emails = profile.get("emails")
    if isinstance(emails, list):  # an older shape: a plain list of the current addresses
        emails = {"emails": emails}
    for key, kind, label in _EMAIL_LISTS:
        addresses = as_dict(emails).get(key)
        for index, address in enumerate([addresses] if isinstance(addresses, str) else as_items(addresses)):
            text = text_of(address).strip()
            if text:
                yield new_item(
                    reading,
                    kind,
                    pointer_join(base, "emails", key, index),
                    text=text,
                    field_name="email",
                    labels=(label,),
                )


def _phones(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for index, entry in enumerate(as_items(profile.get("phone_numbers"))):
        entry = entry if isinstance(entry, dict) else {"phone_number": entry}
        number = text_of(entry.get("phone_number")).strip()
        if not number:
            continue
        kind = text_of(entry.get("phone_type")).strip()
        yield new_item(
            reading,
            ItemKind.CONTACT,
            pointer_join(base, "phone_numbers", index, "phone_number"),
            text=number,
            field_name="phone",
            labels=("work",) if kind.casefold() == "work" else (),
            when=first_time(entry, "creation_time", "timestamp"),
            extra={"phone_type": kind, "verified": "true" if entry.get("verified") is True else ""},
        )


def _work(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for index, job in enumerate(as_items(profile.get("work_experiences"))):
        if not isinstance(job, dict):
            yield reading.skip(
                f"expected a work experience object, found {type_name(job)}",
                pointer_join(base, "work_experiences", index),
            )
            continue
        employer = text_of(job.get("employer")).strip()
        title = text_of(job.get("title")).strip()
        extra = {
            "title": title,
            "location": text_of(job.get("location")).strip(),
            "description": text_of(job.get("description")).strip(),
        }
        when = first_time(job, "start_timestamp", "timestamp")
        pointer = pointer_join(base, "work_experiences", index)
        if employer:
            yield new_item(
                reading,
                ItemKind.WORK,
                pointer_join(pointer, "employer"),
                text=employer,
                field_name="work.employer",
                when=when,
                extra=extra,
            )
        elif title:
            yield new_item(
                reading,
                ItemKind.WORK,
                pointer_join(pointer, "title"),
                text=title,
                field_name="work.title",
                when=when,
                extra=extra,
            )


def _education(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for index, school in enumerate(as_items(profile.get("education_experiences"))):
        name = name_of(school)
        if not name:
            continue
        school = as_dict(school)
        concentrations = ", ".join(text_of(c) for c in as_items(school.get("concentrations")) if text_of(c))
        yield new_item(
            reading,
            ItemKind.EDUCATION,
            pointer_join(base, "education_experiences", index, "name"),
            text=name,
            field_name="education",
            when=first_time(school, "start_timestamp", "timestamp"),
            extra={
                "degree": text_of(school.get("degree")),
                "concentration": concentrations,
                "school_type": text_of(school.get("school_type")),
            },
        )


def _cities(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for key, field_name in _CITIES:
        value = profile.get(key)
        name = name_of(value)
        if name:
            yield new_item(
                reading,
                ItemKind.PLACE,
                pointer_join(base, key),
                text=name,
                field_name=field_name,
                when=first_time(as_dict(value), "timestamp"),
            )


def _places_lived(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for index, entry in enumerate(as_items(profile.get("places_lived"))):
        place = text_of(as_dict(entry).get("place")) or name_of(entry)
        if place.strip():
            yield new_item(
                reading,
                ItemKind.PLACE,
                pointer_join(base, "places_lived", index),
                text=place.strip(),
                field_name="places_lived",
                when=first_time(as_dict(entry), "start_timestamp", "timestamp"),
            )


def _groups(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for index, group in enumerate(as_items(profile.get("groups"))):
        name = name_of(group)
        if name:
            yield new_item(
                reading,
                ItemKind.GROUP,
                pointer_join(base, "groups", index, "name"),
                text=name,
                field_name="group",
                when=first_time(as_dict(group), "timestamp"),
            )


def _pages(reading: Reading, profile: dict[str, Any], base: str) -> Iterator[Record]:
    for index, category in enumerate(as_items(profile.get("pages"))):
        heading = name_of(category)
        for p_index, page in enumerate(as_items(as_dict(category).get("pages"))):
            name = name_of(page)
            if name:
                yield new_item(
                    reading,
                    ItemKind.PAGE,
                    pointer_join(base, "pages", index, "pages", p_index),
                    text=name,
                    field_name="page",
                    extra={"category": heading},
                )


# --- autofill ---------------------------------------------------------------------------------

_WORK_EMPLOYER = (ItemKind.WORK, "work.employer", ())
_WORK_TITLE = (ItemKind.WORK, "work.title", ())
_AUTOFILL: dict[str, tuple[ItemKind, str, tuple[str, ...]]] = {
    "COMPANY_NAME": _WORK_EMPLOYER,
    "COMPANY": _WORK_EMPLOYER,
    "ORGANIZATION": _WORK_EMPLOYER,
    "EMPLOYER": _WORK_EMPLOYER,
    "JOB_TITLE": _WORK_TITLE,
    "ORGANIZATION_TITLE": _WORK_TITLE,
    "WORK_EMAIL": (ItemKind.CONTACT, "email", ("work", "autofill")),
    "WORK_PHONE": (ItemKind.CONTACT, "phone", ("work", "autofill")),
    "EMAIL": (ItemKind.CONTACT, "email", ("autofill",)),
    "PHONE": (ItemKind.CONTACT, "phone", ("autofill",)),
    "TEL": (ItemKind.CONTACT, "phone", ("autofill",)),
    "PHONE_NUMBER": (ItemKind.CONTACT, "phone", ("autofill",)),
    "CITY": (ItemKind.PLACE, "city", ("autofill",)),
    "ADDRESS_LEVEL2": (ItemKind.PLACE, "city", ("autofill",)),
    "ZIP": (ItemKind.PLACE, "zip_code", ("autofill",)),
    "ZIP_CODE": (ItemKind.PLACE, "zip_code", ("autofill",)),
    "POSTAL_CODE": (ItemKind.PLACE, "zip_code", ("autofill",)),
    "POSTCODE": (ItemKind.PLACE, "zip_code", ("autofill",)),
    "STREET_ADDRESS": (ItemKind.PLACE, "location", ("autofill",)),
    "ADDRESS_LINE1": (ItemKind.PLACE, "location", ("autofill",)),
}
_NON_WORD = re.compile(r"[^A-Z0-9]+")


def autofill_key(label: str) -> str:
    """ "Work email", "work-email" and "WORK_EMAIL" -> "WORK_EMAIL"."""
    return _NON_WORD.sub("_", label.upper()).strip("_")


def read_autofill(reading: Reading) -> Iterator[Record]:
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    found = False
    for key in ("autofill_information", "ig_autofill_data"):
        actual = versioned_key(document, key) if isinstance(document, dict) else None
        if actual is None:
            continue
        mapping = document[actual]
        if isinstance(mapping, dict):
            found = True
            for name, values in mapping.items():
                for index, value in enumerate(as_items(values) if isinstance(values, list) else [values]):
                    pointer = (
                        pointer_join("", actual, name, index)
                        if isinstance(values, list)
                        else pointer_join("", actual, name)
                    )
                    yield from autofill_item(reading, name, value, pointer)
    for pointer, record in iter_records(document):
        found = True
        for field in flatten_label_values(record, pointer):
            yield from autofill_item(reading, field.label, field.value, field.pointer)
    if not found:
        yield reading.skip(
            "unexpected shape: expected autofill_information_v2, ig_autofill_data or label_values "
            "records, found " + type_name(document)
        )


def autofill_item(reading: Reading, name: str, value: Any, pointer: str) -> Iterator[Record]:
    """The item for one autofill value under its field name (any spelling), or nothing if not kept."""
    target = _AUTOFILL.get(autofill_key(name))
    text = text_of(value).strip()
    if target is None or not text:
        return
    kind, field_name, labels = target
    yield new_item(
        reading, kind, pointer, text=text, field_name=field_name, labels=labels, extra={"autofill": autofill_key(name)}
    )
