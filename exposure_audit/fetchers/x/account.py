"""Account facts of an X archive: sign-in e-mail and phone, profile, past e-mails, IPs, work details.

Each data file is a list of one-key wrappers (`{"account": {...}}`, `{"ipAudit": {...}}`). Handlers
take one unwrapped element and yield items. `contact.js` is the person's uploaded address book, i.e.
other people's details: it is read so that it counts as understood, and nothing in it is reported
as the person's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from exposure_audit.fetchers.base import Record, skip, stable_identity
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.fetchers.x.tweets import PLATFORM, text_of, x_time
from exposure_audit.model import Item, ItemKind
from exposure_audit.sources.archive import Tree

Handler = Callable[["Element"], Iterator[Record]]

_EMPLOYER_KEYS = ("company", "companyName", "employer", "organization", "organisation", "organizationName")
_TITLE_KEYS = ("title", "jobTitle", "position", "role")
_BUSINESS_PLACE_KEYS = ("addresssLine1", "addressLine1", "addressLine2", "city", "postalCode")


class Element:
    """One unwrapped element of a data file, with what is needed to build items from it."""

    def __init__(self, tree: Tree, member: str, pointer: str, value: Mapping[str, Any]) -> None:
        self.tree, self.member, self.pointer, self.value = tree, member, pointer, value

    def item(
        self,
        kind: ItemKind,
        field: str,
        text: str,
        key: str,
        *,
        labels: frozenset[str] = frozenset(),
        when: object = None,
        extra: dict[str, str] | None = None,
    ) -> Item:
        at = x_time(when)
        pointer = pointer_join(self.pointer, *key.split("/"))
        return Item(
            kind=kind,
            platform=PLATFORM,
            source=self.tree.ref(self.member, pointer),
            identity=stable_identity(
                PLATFORM,
                kind,
                when=at if kind is ItemKind.IP else None,
                content=f"{field}\x1f{text}\x1f{sorted(labels)}",
            ),
            created_at=at,
            text=text,
            field=field,
            labels=labels,
            extra=extra or {},
        )


def account(element: Element) -> Iterator[Record]:
    value, created = element.value, element.value.get("createdAt")
    if text_of(value.get("email")):
        yield element.item(
            ItemKind.LOGIN, "email", text_of(value["email"]), "email", labels=frozenset({"primary"}), when=created
        )
    if text_of(value.get("phoneNumber")):  # older archives keep the phone here
        yield element.item(ItemKind.LOGIN, "phone", text_of(value["phoneNumber"]), "phoneNumber", when=created)
    if text_of(value.get("username")):
        yield element.item(ItemKind.LOGIN, "username", text_of(value["username"]), "username", when=created)
        yield element.item(ItemKind.PROFILE, "username", text_of(value["username"]), "username", when=created)
    if text_of(value.get("accountDisplayName")):
        yield element.item(
            ItemKind.PROFILE, "name", text_of(value["accountDisplayName"]), "accountDisplayName", when=created
        )


def profile(element: Element) -> Iterator[Record]:
    description = element.value.get("description")
    if not isinstance(description, Mapping):
        return
    for key, kind, field in (
        ("bio", ItemKind.PROFILE, "bio"),
        ("website", ItemKind.PROFILE, "website"),
        ("location", ItemKind.PLACE, "location"),
    ):
        if text_of(description.get(key)):
            yield element.item(kind, field, text_of(description[key]), f"description/{key}")


def phone_number(element: Element) -> Iterator[Record]:
    if text_of(element.value.get("phoneNumber")):
        yield element.item(ItemKind.LOGIN, "phone", text_of(element.value["phoneNumber"]), "phoneNumber")


def email_address_change(element: Element) -> Iterator[Record]:
    change = element.value.get("emailChange")
    if not isinstance(change, Mapping):
        return
    for key in ("changedFrom", "changedTo"):
        if text_of(change.get(key)):
            yield element.item(
                ItemKind.LOGIN,
                "email",
                text_of(change[key]),
                f"emailChange/{key}",
                labels=frozenset({"previous"}),
                when=change.get("changedAt"),
            )


def screen_name_change(element: Element) -> Iterator[Record]:
    change = element.value.get("screenNameChange")
    if isinstance(change, Mapping) and text_of(change.get("changedFrom")):
        yield element.item(
            ItemKind.PROFILE,
            "username",
            text_of(change["changedFrom"]),
            "screenNameChange/changedFrom",
            labels=frozenset({"previous"}),
            when=change.get("changedAt"),
        )


def creation_ip(element: Element) -> Iterator[Record]:
    if text_of(element.value.get("userCreationIp")):
        yield element.item(ItemKind.IP, "registration_ip", text_of(element.value["userCreationIp"]), "userCreationIp")


def ip_audit(element: Element) -> Iterator[Record]:
    if text_of(element.value.get("loginIp")):
        yield element.item(
            ItemKind.IP, "login_ip", text_of(element.value["loginIp"]), "loginIp", when=element.value.get("createdAt")
        )


def work_details(element: Element) -> Iterator[Record]:
    """expanded-profile.js / professional-data.js: work experience and a business's public contacts.

    Their layout is undocumented beyond X's README, so every nested object is examined for
    employer, job-title, e-mail, phone and business-address keys."""
    business = frozenset({"business"})
    for path, node in _objects(element.value):
        employer = next((text_of(node[k]) for k in _EMPLOYER_KEYS if text_of(node.get(k))), "")
        title = next((text_of(node[k]) for k in _TITLE_KEYS if text_of(node.get(k))), "")
        if employer:
            key = next(k for k in _EMPLOYER_KEYS if text_of(node.get(k)))
            extra = {"title": title} if title else {}
            yield element.item(ItemKind.WORK, "work.employer", employer, f"{path}{key}", extra=extra)
        elif title and path:
            key = next(k for k in _TITLE_KEYS if text_of(node.get(k)))
            yield element.item(ItemKind.WORK, "work.title", title, f"{path}{key}")
        for key, field in (("email", "email"), ("phone", "phone"), ("phoneNumber", "phone")):
            if text_of(node.get(key)):
                yield element.item(ItemKind.CONTACT, field, text_of(node[key]), f"{path}{key}", labels=business)
        for key in _BUSINESS_PLACE_KEYS:
            if text_of(node.get(key)):
                yield element.item(ItemKind.PLACE, "location", text_of(node[key]), f"{path}{key}", labels=business)


def _objects(root: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(key path ending in "/", object) for the root and every object nested in it."""
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, Mapping):
            yield path, node
            stack.extend((f"{path}{k}/", v) for k, v in reversed(list(node.items())) if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((f"{path}{i}/", v) for i, v in reversed(list(enumerate(node))))


def address_book(element: Element) -> Iterator[Record]:
    """Other people's contact details: understood, never reported as the person's own."""
    return iter(())


# reader name -> (wrapper key of each element, handler)
ACCOUNT_FILES: dict[str, tuple[str, Handler]] = {
    "account": ("account", account),
    "profile": ("profile", profile),
    "phone_number": ("device", phone_number),
    "email_address_change": ("emailAddressChange", email_address_change),
    "screen_name_change": ("screenNameChange", screen_name_change),
    "account_creation_ip": ("accountCreationIp", creation_ip),
    "ip_audit": ("ipAudit", ip_audit),
    "expanded_profile": ("", work_details),
    "professional_data": ("", work_details),
    "contact": ("contact", address_book),
}


def account_items(tree: Tree, member: str, reader: str, element: object, pointer: str) -> Iterator[Record]:
    wrapper, handler = ACCOUNT_FILES[reader]
    if not isinstance(element, Mapping):
        yield skip(tree, member, "expected an object here", pointer)
        return
    if wrapper:
        value = element.get(wrapper)
        if not isinstance(value, Mapping):
            yield skip(tree, member, f"expected a {wrapper!r} object here", pointer)
            return
        yield from handler(Element(tree, member, pointer_join(pointer, wrapper), value))
    else:
        yield from handler(Element(tree, member, pointer, element))
