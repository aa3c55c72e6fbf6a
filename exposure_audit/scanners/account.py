"""Accounts registered with, signing in with, or listing an official address or a corporate user id."""

from __future__ import annotations

from collections.abc import Iterable

from exposure_audit.model import Category, Finding, Item, ItemKind, Level
from exposure_audit.scanners.base import Scanner, rule_reason
from exposure_audit.scanners.catalogue import RuleSpec

_NOT_ON_THE_ACCOUNT = frozenset({"autofill", "inferred"})
_LOGIN_ROLES = {
    "primary": "the account's main address",
    "confirmed": "confirmed by the platform",
    "previous": "an address the account used before (the platform still keeps it)",
    "pending": "an address change waiting for confirmation",
    "registration": "the address the account was registered with",
}


def _clauses(scanner: Scanner) -> str:
    return rule_reason(scanner.rule, scanner.policy, scanner.category)


class AccountOnOfficialEmail(Scanner):
    """EXP401: the account is registered with, signs in with, or lists an official e-mail address.

    Sign-in and registration addresses (Facebook emails and previous_emails, Instagram signup and
    personal information, LinkedIn Email Addresses with Primary/Confirmed, X account and
    email-address-change) at the pack's domains or their subdomains are high confidence: the profile
    was set up with a corporate identifier. An official address in the profile's contact list is
    medium confidence: the account may have been registered with it. Addresses the platform only
    keeps from forms (autofill) or guessed (inferred) are contact exposures (EXP301), not this rule.
    The 2015 fact sheet says "Profiles set up using an official email, corporate ID or departmental password must be
    removed."; the action says so (or, for the Treasury pack, that a Treasury address must not be
    used for personal use).

    Severity: high.
    """

    spec = RuleSpec(id="EXP401", title="Account set up with an official e-mail address", category=Category.ACCOUNT)

    kinds = frozenset({ItemKind.LOGIN, ItemKind.CONTACT})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind not in (ItemKind.LOGIN, ItemKind.CONTACT) or item.field == "phone":
            return
        if item.kind is ItemKind.CONTACT and item.labels & _NOT_ON_THE_ACCOUNT:
            return  # typed into a form or guessed by the platform: a contact exposure (EXP301), not the account
        hit = self.compiled.emails.of_address(item.text)
        if hit is None:
            return
        if item.kind is ItemKind.LOGIN:
            roles = [_LOGIN_ROLES[label] for label in sorted(item.labels) if label in _LOGIN_ROLES]
            reasons = [f"the account signs in with an address at the official domain {hit.domain}", *roles]
            confidence = Level.HIGH
        else:
            reasons = [
                f"the profile lists an address at the official domain {hit.domain}",
                "if the account was registered with it, the profile must be removed",
            ]
            confidence = Level.MEDIUM
        yield self.finding(
            item,
            match=hit.address,
            excerpt=item.text.strip(),
            severity=Level.HIGH,
            confidence=confidence,
            reasons=[*reasons, _clauses(self)],
        )


class CorporateUserId(Scanner):
    """EXP402: a user name that matches one of the pack's corporate user-id patterns.

    Organisations give staff user ids of a fixed shape; the pack lists them as regular expressions
    (`account.corporate_id_patterns`). A sign-in user name or profile user name of that shape suggests
    the account was set up with a corporate id. No pattern is built in: an integrity team adds its own.

    Severity: high. Confidence: medium (a personal user name can have the same shape by chance).
    """

    spec = RuleSpec(id="EXP402", title="Account set up with a corporate user id", category=Category.ACCOUNT)

    kinds = frozenset({ItemKind.LOGIN, ItemKind.PROFILE})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.field != "username" or item.kind not in (ItemKind.LOGIN, ItemKind.PROFILE):
            return
        value = item.text.strip()
        for pattern in self.compiled.corporate_ids:
            if pattern.fullmatch(value):
                yield self.finding(
                    item,
                    match=value,
                    excerpt=value,
                    severity=Level.HIGH,
                    confidence=Level.MEDIUM,
                    reasons=[f"the user name has the shape of a corporate id ({pattern.pattern})", _clauses(self)],
                )
                return
