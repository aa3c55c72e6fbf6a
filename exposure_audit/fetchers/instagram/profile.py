"""Instagram account records -> PROFILE, LOGIN, CONTACT, PLACE, LOCATION and IP items.

Every file here is a list of label/value records (`string_map_data`, `string_list_data`, sometimes
`label_values`). A handler turns the flattened fields of one record into items; the same handlers
serve the JSON download and the HTML download (whose label tables flatten to the same fields).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from exposure_audit.fetchers.base import Record, stable_identity
from exposure_audit.fetchers.common.media_kind import coordinate_pair
from exposure_audit.fetchers.common.meta_records import Field, is_boilerplate
from exposure_audit.fetchers.instagram.labels import Concept, concept_by_shape, concept_of, is_true
from exposure_audit.model import GeoPoint, Item, ItemKind, Platform, Precision
from exposure_audit.sources.archive import Tree

PLATFORM = Platform.INSTAGRAM


@dataclass(frozen=True, slots=True)
class RecordAt:
    """One record of a member: where it is and its flattened fields."""

    tree: Tree
    member: str
    pointer: str
    fields: list[Field]
    when: datetime | None
    title: str = ""  # the record's own "title", when it has one

    def item(
        self,
        kind: ItemKind,
        field: str,
        text: str,
        *,
        pointer: str = "",
        labels: frozenset[str] = frozenset(),
        geo: tuple[GeoPoint, ...] = (),
        extra: dict[str, str] | None = None,
        when: datetime | None = None,
    ) -> Item:
        at = when or self.when
        # Account facts are identified by what they say, not when the file was written.
        dated = kind in (ItemKind.IP, ItemKind.LOCATION)
        return Item(
            kind=kind,
            platform=PLATFORM,
            source=self.tree.ref(self.member, pointer or self.pointer),
            identity=stable_identity(
                PLATFORM, kind, when=at if dated else None, content=f"{field}\x1f{text}\x1f{sorted(labels)}\x1f{geo}"
            ),
            created_at=at,
            text=text,
            field=field,
            labels=labels,
            geo=geo,
            extra=extra or {},
        )

    def concepts(self) -> Iterator[tuple[Concept | None, Field]]:
        for field in self.fields:
            if field.value.strip() or field.at is not None:
                yield concept_of(field.label), field


Handler = Callable[[RecordAt], Iterator[Record]]

_PROFILE_FIELDS = {Concept.BIO: "bio", Concept.NAME: "name", Concept.USERNAME: "username", Concept.WEBSITE: "website"}


def personal_information(record: RecordAt) -> Iterator[Record]:
    """The account's own details: e-mail and phone it signs in with, bio, name, website, city."""
    confirmed = any(c is Concept.PHONE_CONFIRMED and is_true(f.value) for c, f in record.concepts())
    for concept, field in record.concepts():
        value = field.value.strip()
        concept = concept or concept_by_shape(value)
        if concept is Concept.EMAIL:
            yield record.item(ItemKind.LOGIN, "email", value, pointer=field.pointer, labels=frozenset({"primary"}))
        elif concept is Concept.PHONE:
            labels = frozenset({"confirmed"}) if confirmed else frozenset()
            yield record.item(ItemKind.LOGIN, "phone", value, pointer=field.pointer, labels=labels)
        elif concept in _PROFILE_FIELDS:
            yield record.item(ItemKind.PROFILE, _PROFILE_FIELDS[concept], value, pointer=field.pointer)
        elif concept is Concept.CITY:
            yield record.item(ItemKind.PLACE, "city", value, pointer=field.pointer)
        elif concept is None and value:
            yield record.item(ItemKind.PROFILE, "other", value, pointer=field.pointer, extra={"label": field.label})


def professional_information(record: RecordAt) -> Iterator[Record]:
    """A professional (business/creator) account's public contact options."""
    business = frozenset({"business"})
    for concept, field in record.concepts():
        value = field.value.strip()
        concept = concept or concept_by_shape(value)
        if concept in (Concept.EMAIL, Concept.PHONE):
            yield record.item(ItemKind.CONTACT, concept.value, value, pointer=field.pointer, labels=business)
        elif concept is Concept.CATEGORY:
            yield record.item(ItemKind.PROFILE, "industry", value, pointer=field.pointer)
        elif concept is Concept.WEBSITE:
            yield record.item(ItemKind.PROFILE, "website", value, pointer=field.pointer)
        elif concept in (Concept.CITY, Concept.ADDRESS):
            yield record.item(ItemKind.PLACE, "location", value, pointer=field.pointer, labels=business)


def possible_contacts(field_name: str) -> Handler:
    """E-mails or phone numbers Instagram inferred belong to the person (possible_emails.json ...)."""

    def handler(record: RecordAt) -> Iterator[Record]:
        for field in record.fields:
            if field.value.strip() and concept_of(field.label) is not Concept.TIME:
                yield record.item(
                    ItemKind.CONTACT,
                    field_name,
                    field.value.strip(),
                    pointer=field.pointer,
                    labels=frozenset({"inferred"}),
                )

    return handler


def signup_details(record: RecordAt) -> Iterator[Record]:
    """What the account was registered with: e-mail, phone, username, and the IP it came from."""
    registration = frozenset({"registration"})
    for concept, field in record.concepts():
        value = field.value.strip()
        concept = concept or concept_by_shape(value)
        if concept in (Concept.EMAIL, Concept.PHONE, Concept.USERNAME):
            yield record.item(ItemKind.LOGIN, concept.value, value, pointer=field.pointer, labels=registration)
        elif concept is Concept.IP:
            yield record.item(ItemKind.IP, "registration_ip", value, pointer=field.pointer)


def profile_changes(record: RecordAt) -> Iterator[Record]:
    """A past change of a profile field: the previous value is still an exposure if it was official."""
    changed = next((f.value for c, f in record.concepts() if c is Concept.CHANGED), "")
    previous = next((f for c, f in record.concepts() if c is Concept.PREVIOUS), None)
    if previous is None:
        return
    concept = concept_of(changed) or concept_by_shape(previous.value)
    value = previous.value.strip()
    was = frozenset({"previous"})
    if concept in (Concept.EMAIL, Concept.PHONE):
        yield record.item(ItemKind.LOGIN, concept.value, value, pointer=previous.pointer, labels=was)
    elif concept in _PROFILE_FIELDS:
        yield record.item(ItemKind.PROFILE, _PROFILE_FIELDS[concept], value, pointer=previous.pointer, labels=was)


def place_values(field_name: str) -> Handler:
    """Coarse places Instagram attributes to the person (profile_based_in, locations_of_interest)."""

    def handler(record: RecordAt) -> Iterator[Record]:
        for concept, field in record.concepts():
            if concept is not Concept.TIME and not is_boilerplate(field):
                yield record.item(ItemKind.PLACE, field_name, field.value.strip(), pointer=field.pointer)

    return handler


def last_known_location(record: RecordAt) -> Iterator[Record]:
    """The last location the app reported, precise (GPS) and imprecise (city-level), as strings."""
    coordinates: dict[tuple[bool, str], str] = {}
    uploaded = None
    for field in record.fields:
        label = field.label.casefold()
        axis = "lat" if "lat" in label else ("lon" if ("lon" in label or "lng" in label) else "")
        if axis:
            coordinates[("imprecise" in label or "approx" in label, axis)] = field.value
        elif concept_of(field.label) is Concept.TIME:
            uploaded = field.at or uploaded
    points = []
    for imprecise, precision in ((False, Precision.GPS), (True, Precision.CITY)):
        pair = coordinate_pair(coordinates.get((imprecise, "lat")), coordinates.get((imprecise, "lon")))
        if pair is not None:
            points.append(
                GeoPoint(
                    lat=pair[0],
                    lon=pair[1],
                    precision=precision,
                    origin="last_known_location",
                    at=uploaded.replace(tzinfo=None) if uploaded else None,
                )
            )
    if points:
        yield record.item(ItemKind.LOCATION, "last_known_location", "", geo=tuple(points), when=uploaded)


def login_activity(record: RecordAt) -> Iterator[Record]:
    """The IP address of one login."""
    for concept, field in record.concepts():
        if concept is Concept.IP:
            yield record.item(ItemKind.IP, "login_ip", field.value.strip(), pointer=field.pointer)


def autofill(record: RecordAt) -> Iterator[Record]:
    """What the in-app browser fills into forms: often a work e-mail, phone, employer or home address."""
    autofilled = frozenset({"autofill"})
    for concept, field in record.concepts():
        value = field.value.strip()
        key = field.label.casefold()
        concept = concept or AUTOFILL_KEYS.get(key) or concept_by_shape(value)
        if concept in (Concept.EMAIL, Concept.PHONE):
            yield record.item(ItemKind.CONTACT, concept.value, value, pointer=field.pointer, labels=autofilled)
        elif concept is Concept.EMPLOYER:
            yield record.item(ItemKind.WORK, "work.employer", value, pointer=field.pointer, labels=autofilled)
        elif concept is Concept.JOB_TITLE:
            yield record.item(ItemKind.WORK, "work.title", value, pointer=field.pointer, labels=autofilled)
        elif concept is Concept.ADDRESS:
            yield record.item(ItemKind.PLACE, "location", value, pointer=field.pointer, labels=autofilled)
        elif concept is Concept.CITY:
            yield record.item(ItemKind.PLACE, "city", value, pointer=field.pointer, labels=autofilled)
        elif concept is Concept.POSTCODE:
            yield record.item(ItemKind.PLACE, "zip_code", value, pointer=field.pointer, labels=autofilled)


# `ig_autofill_data` keys (browser autofill names) -> concept
AUTOFILL_KEYS: dict[str, Concept] = {
    "email": Concept.EMAIL,
    "tel": Concept.PHONE,
    "tel_national": Concept.PHONE,
    "phone": Concept.PHONE,
    "organization": Concept.EMPLOYER,
    "organization_name": Concept.EMPLOYER,
    "company": Concept.EMPLOYER,
    "company_name": Concept.EMPLOYER,
    "job_title": Concept.JOB_TITLE,
    "organization_title": Concept.JOB_TITLE,
    "street_address": Concept.ADDRESS,
    "address_line1": Concept.ADDRESS,
    "address_line2": Concept.ADDRESS,
    "address_line3": Concept.ADDRESS,
    "address_level2": Concept.CITY,
    "city": Concept.CITY,
    "postal_code": Concept.POSTCODE,
    "zip": Concept.POSTCODE,
    "zip_code": Concept.POSTCODE,
}


# File stem -> (wrapper keys, handler). Stems are the same for .json and .html members.
HANDLERS: dict[str, tuple[tuple[str, ...], Handler]] = {
    "personal_information": (("profile_user",), personal_information),
    "professional_information": (("profile_business",), professional_information),
    "possible_emails": (("inferred_data_inferred_emails",), possible_contacts("email")),
    "possible_phone_numbers": (("inferred_data_inferred_phone_numbers",), possible_contacts("phone")),
    "signup_details": (("account_history_registration_info",), signup_details),
    "instagram_signup_details": (("account_history_registration_info",), signup_details),
    "profile_changes": (("profile_profile_change",), profile_changes),
    "profile_based_in": (("inferred_data_primary_location",), place_values("profile_based_in")),
    "account_based_in": (
        ("inferred_data_account_based_in", "inferred_data_primary_location"),
        place_values("profile_based_in"),
    ),
    "locations_of_interest": (("inferred_data_locations_of_interest",), place_values("locations_of_interest")),
    "last_known_location": (("account_history_imprecise_last_known_location",), last_known_location),
    "login_activity": (("account_history_login_history",), login_activity),
    "autofill_information": (("ig_autofill_data",), autofill),
}
