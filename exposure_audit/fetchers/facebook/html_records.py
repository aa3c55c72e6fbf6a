"""Facebook HTML records of the profile and of lists: profile sections, autofill, groups, pages,
friends, events, places and the security log.

The profile page is one record per section ("Work", "Emails", "Phone Numbers" ...), each a label
table; sections are recognised by their English titles and labels, the same words the JSON keys
use. Items follow the same conventions as the JSON readers (see `profile.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from exposure_audit.fetchers.base import Reading, Record
from exposure_audit.fetchers.facebook.common import flush_ips, new_item, note_ip
from exposure_audit.fetchers.facebook.html_parse import HtmlPage, HtmlRecord, pair_value
from exposure_audit.fetchers.facebook.html_posts import PLACE_LABELS, coordinates
from exposure_audit.fetchers.facebook.html_titles import group_in_title
from exposure_audit.fetchers.facebook.profile import autofill_item
from exposure_audit.model import ItemKind, Precision

_EMAIL_LABELS = {
    "email": (ItemKind.LOGIN, "confirmed"),
    "emails": (ItemKind.LOGIN, "confirmed"),
    "primary email": (ItemKind.LOGIN, "confirmed"),
    "previous email": (ItemKind.LOGIN, "previous"),
    "previous emails": (ItemKind.LOGIN, "previous"),
    "pending email": (ItemKind.LOGIN, "pending"),
    "pending emails": (ItemKind.LOGIN, "pending"),
    "ad account email": (ItemKind.CONTACT, "business"),
    "ad account emails": (ItemKind.CONTACT, "business"),
}
_SIMPLE_SECTIONS = {
    "name": (ItemKind.PROFILE, "name"),
    "username": (ItemKind.PROFILE, "username"),
    "intro": (ItemKind.PROFILE, "bio"),
    "intro bio": (ItemKind.PROFILE, "bio"),
    "bio": (ItemKind.PROFILE, "bio"),
    "websites": (ItemKind.PROFILE, "website"),
    "website": (ItemKind.PROFILE, "website"),
    "current city": (ItemKind.PLACE, "current_city"),
    "hometown": (ItemKind.PLACE, "hometown"),
    "places lived": (ItemKind.PLACE, "places_lived"),
    "groups": (ItemKind.GROUP, "group"),
}


def profile_records(reading: Reading, page: HtmlPage) -> Iterator[Record]:
    for record in page.records:
        section = record.title.casefold().strip()
        if section in ("emails", "email", "email addresses"):
            yield from _emails(reading, record)
        elif section in ("phone numbers", "phone number", "phones"):
            yield from _phones(reading, record)
        elif section.startswith("work"):
            yield from _tables(
                reading,
                record,
                ("Employer", "Company", "Workplace"),
                ItemKind.WORK,
                "work.employer",
                lambda t: {
                    "title": pair_value(t, "Title", "Position"),
                    "location": pair_value(t, "Location"),
                    "description": pair_value(t, "Description"),
                },
            )
        elif section.startswith("education"):
            yield from _tables(
                reading,
                record,
                ("School", "Name", "School name"),
                ItemKind.EDUCATION,
                "education",
                lambda t: {
                    "degree": pair_value(t, "Degree"),
                    "concentration": pair_value(t, "Concentrations", "Concentration"),
                    "school_type": pair_value(t, "Type", "School type"),
                },
            )
        elif section in _SIMPLE_SECTIONS:
            kind, field_name = _SIMPLE_SECTIONS[section]
            values = [v for _, v in record.pairs if v] or record.texts
            for value in values:
                yield new_item(reading, kind, record.pointer, text=value, field_name=field_name, when=record.when)


def _emails(reading: Reading, record: HtmlRecord) -> Iterator[Record]:
    for label, value in record.pairs:
        kind, tag = _EMAIL_LABELS.get(label.casefold(), (ItemKind.LOGIN, "confirmed"))
        if value:
            yield new_item(reading, kind, record.pointer, text=value, field_name="email", labels=(tag,))
    if not record.pairs:
        for value in record.texts:
            yield new_item(
                reading, ItemKind.LOGIN, record.pointer, text=value, field_name="email", labels=("confirmed",)
            )


def _phones(reading: Reading, record: HtmlRecord) -> Iterator[Record]:
    for table in record.tables:
        number = pair_value(table, "Phone number", "Number")
        # Either one table per phone (Number and Type rows) or one row per phone (the type is the label).
        pairs = [(pair_value(table, "Type", "Phone type"), number)] if number else table
        for kind, value in pairs:
            if value:
                yield new_item(
                    reading,
                    ItemKind.CONTACT,
                    record.pointer,
                    text=value,
                    field_name="phone",
                    labels=("work",) if kind.casefold() == "work" else (),
                    extra={"phone_type": kind},
                )


def _tables(
    reading: Reading,
    record: HtmlRecord,
    labels: tuple[str, ...],
    kind: ItemKind,
    field_name: str,
    extra: Callable[[list[tuple[str, str]]], dict[str, str]],
) -> Iterator[Record]:
    for table in record.tables:
        name = pair_value(table, *labels)
        if name:
            yield new_item(
                reading, kind, record.pointer, text=name, field_name=field_name, when=record.when, extra=extra(table)
            )
        elif kind is ItemKind.WORK and pair_value(table, "Title", "Position"):
            yield new_item(
                reading,
                kind,
                record.pointer,
                text=pair_value(table, "Title", "Position"),
                field_name="work.title",
                when=record.when,
                extra=extra(table),
            )


def autofill_records(reading: Reading, page: HtmlPage) -> Iterator[Record]:
    for record in page.records:
        for label, value in record.pairs:
            yield from autofill_item(reading, label, value, record.pointer)


def named_records(
    reading: Reading,
    page: HtmlPage,
    kind: ItemKind,
    field_name: str,
    labels: tuple[str, ...] = (),
    title_is_name: bool = True,
) -> Iterator[Record]:
    """A list page: each record names one group, page or person, in its text or a Name row, or (on
    pages of names such as friends) in its title. Activity pages title a record with a sentence
    ("... left the group.") and no name: such a record says nothing to keep."""
    for record in page.records:
        name = (
            record.value("Name")
            or (record.texts[0] if record.texts else "")
            or (record.title if title_is_name else group_in_title(record.title) if kind is ItemKind.GROUP else "")
        )
        if not name:
            if not record.title:
                yield reading.skip("record has no name", record.pointer)
            continue
        yield new_item(reading, kind, record.pointer, text=name, field_name=field_name, labels=labels, when=record.when)


_RESPONSES = {
    "going": "joined",
    "joined": "joined",
    "interested": "interested",
    "declined": "declined",
    "can't go": "declined",
    "not going": "declined",
    "hosting": "host",
    "host": "host",
}


def event_records(reading: Reading, page: HtmlPage) -> Iterator[Record]:
    for record in page.records:
        if not record.title:
            yield reading.skip("event record has no name", record.pointer)
            continue
        description = "\n".join(record.texts)
        place = record.value(*PLACE_LABELS)
        response = _RESPONSES.get(record.value("Response", "Your response").casefold(), "")
        geo = (
            None
            if response == "declined"
            else coordinates(record.pairs, origin="event.place", precision=Precision.PLACE, name=place, at=record.when)
        )
        yield new_item(
            reading,
            ItemKind.EVENT,
            record.pointer,
            text="\n".join(t for t in (record.title, description) if t),
            field_name="event",
            when=record.when,
            labels=(response,) if response else (),
            geo=(geo,) if geo else (),
            extra={"place": place, "address": record.value("Address")},
        )


def place_records(reading: Reading, page: HtmlPage, kind: ItemKind, field_name: str) -> Iterator[Record]:
    """Check-ins and places tagged in: the place name, with coordinates when the page gives them."""
    for record in page.records:
        name = record.value("Name", *PLACE_LABELS) or record.title or (record.texts[0] if record.texts else "")
        geo = coordinates(record.pairs, origin="place.coordinate", precision=Precision.PLACE, name=name, at=record.when)
        if not (name or geo):
            yield reading.skip("record has no place", record.pointer)
            continue
        yield new_item(
            reading,
            kind,
            record.pointer,
            text=name,
            field_name=field_name,
            when=record.when,
            geo=(geo,) if geo else (),
            extra={"address": record.value("Address")},
        )


def location_records(reading: Reading, page: HtmlPage, field_name: str) -> Iterator[Record]:
    """last_location / location_history pages: logged coordinates."""
    for record in page.records:
        geo = coordinates(record.pairs, origin=field_name, precision=Precision.GPS, at=record.when)
        if geo is not None:
            yield new_item(
                reading,
                ItemKind.LOCATION,
                record.pointer,
                text=record.value("Name", "Place"),
                field_name=field_name,
                when=record.when,
                geo=(geo,),
            )


def coarse_place_records(reading: Reading, page: HtmlPage, field_name: str) -> Iterator[Record]:
    """primary_location / profile_based_in / locations_of_interest pages: place names."""
    for record in page.records:
        city = ", ".join(
            v for v in (record.value("City", "City Name"), record.value("Region"), record.value("Country")) if v
        )
        values = [city] if city else [v for _, v in record.pairs if v and not v.startswith("http")] or record.texts
        for value in values:
            yield new_item(reading, ItemKind.PLACE, record.pointer, text=value, field_name=field_name, when=record.when)


def ip_records(reading: Reading, page: HtmlPage) -> Iterator[Record]:
    for record in page.records:
        address = record.value("IP Address", "IP address", "IP")
        if address:
            note_ip(reading, address, record.when, "login_ip", record.pointer)
    yield from flush_ips(reading)
