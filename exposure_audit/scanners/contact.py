"""Official contact details: e-mail addresses at official domains, work phone numbers, workplace addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from exposure_audit.model import Category, Finding, Item, ItemKind, Level
from exposure_audit.scanners.base import Scanner, excerpt_around, rule_reason
from exposure_audit.scanners.catalogue import RuleSpec
from exposure_audit.scanners.contact_patterns import OfficialNumbers
from exposure_audit.text.phrases import Hit
from exposure_audit.text.vocabulary import WORK_CUE

if TYPE_CHECKING:  # the library is loaded by the first text that holds something like a number
    import phonenumbers

# Labels a download gives a work contact: a work phone or address, or the contact of a professional account.
WORK_LABELS = frozenset({"work", "business"})
_NOT_TEXT = frozenset({ItemKind.LOGIN, ItemKind.CONTACT, ItemKind.IP, ItemKind.CONNECTION, ItemKind.LOCATION})
_MAYBE_PHONE = re.compile(r"\d(?:[\s().+-]{0,3}\d){7}")  # eight digits close together: worth parsing
_CUE_WORDS = 6  # a work cue counts within this many words of a number


def scanned_texts(item: Item) -> Iterator[tuple[str, str]]:
    """(where, text) for every free-text part of an item that may carry contact details."""
    if item.kind in _NOT_TEXT:
        return
    if item.text:
        yield "", item.text
    for key in ("title", "description"):
        value = item.extra.get(key, "")
        if value and item.kind is ItemKind.WORK:
            yield key, value


def _clauses(scanner: Scanner) -> str:
    return rule_reason(scanner.rule, scanner.policy, scanner.category)


class OfficialEmailAddress(Scanner):
    """EXP301: an e-mail address at an official domain (or a subdomain of one), anywhere it is shown.

    Posts, comments, bios, work-history descriptions and the profile's contact list are searched for
    addresses at the pack's domains, including disguised forms such as "name at border dot gov dot
    au", "name[at]abf.gov.au" or "NAME (at) immi (dot) gov (dot) au". Look-alike domains
    ("abf.gov.au.example.com") do not count. A disguised address whose local part is a plain word
    ("I was at border.gov.au") is reported at low confidence unless the text talks about e-mail.
    Addresses an account signs in with are EXP401.

    Severity: high.
    """

    spec = RuleSpec(id="EXP301", title="Official e-mail address shown", category=Category.CONTACT)

    def scan(self, item: Item) -> Iterable[Finding]:
        emails = self.compiled.emails
        if item.kind is ItemKind.CONTACT:
            hit = emails.of_address(item.text) if item.field != "phone" else None
            if hit:
                yield self.finding(
                    item,
                    match=hit.address,
                    excerpt=item.text.strip(),
                    severity=Level.HIGH,
                    confidence=Level.HIGH,
                    reasons=[f"the profile lists an address at the official domain {hit.domain}", _clauses(self)],
                )
            return
        for where, text in scanned_texts(item):
            for found in emails.find(text):
                reasons = [f"an address at the official domain {found.domain}"]
                if found.disguised:
                    reasons.append('written in a disguised form ("at", "dot" or brackets); still readable')
                if not found.confident:
                    reasons.append('the part before "at" is a plain word and the text does not mention e-mail')
                reasons.append(_clauses(self))
                yield self.finding(
                    item,
                    match=found.address,
                    excerpt=excerpt_around(text, found.start, found.end),
                    severity=Level.HIGH,
                    confidence=Level.HIGH if found.confident else Level.LOW,
                    reasons=reasons,
                    identity_extra=where,
                )


def _e164(number: phonenumbers.PhoneNumber) -> str:
    import phonenumbers

    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


class WorkPhoneNumber(Scanner):
    """EXP302: a work phone number: an official number, one the download labels as work, or one the text calls so.

    Numbers are found with `phonenumbers` in the pack's region(s) only, with strict grouping, so dates
    ("03/2015 - 03/2016"), ABNs, prices and tracking numbers do not match. A number is reported when
    it starts with one of the pack's official numbers or prefixes (high confidence), when it sits in a
    contact field the download labels as work or business (autofill WORK_PHONE, LinkedIn Type=Work,
    the public contact number of an Instagram or X professional account: high), or when
    words such as "work number", "desk phone" or "direct line" stand within a few words of it (medium).
    Personal numbers are not reported.

    Severity: high.
    """

    spec = RuleSpec(id="EXP302", title="Work phone number shown", category=Category.CONTACT)

    def scan(self, item: Item) -> Iterable[Finding]:
        phones = self.compiled.numbers
        if item.kind is ItemKind.CONTACT:
            if item.field == "phone":
                yield from self._contact_number(item, phones)
            return
        for where, text in scanned_texts(item):
            if not _MAYBE_PHONE.search(text):
                continue
            # Its import is a tenth of start-up, and a scan of photos alone never needs it.
            import phonenumbers

            strict = phonenumbers.Leniency.STRICT_GROUPING  # dates and ids do not pass as numbers
            cues = self.compiled.vocabulary.analyse(text).of(WORK_CUE)
            for region in phones.regions:
                for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=strict):
                    e164 = _e164(match.number)
                    prefix = phones.official_prefix(e164)
                    near = [c for c in cues if _words_between(text, c, match.start, match.end) <= _CUE_WORDS]
                    if not prefix and not near:
                        continue
                    reasons = (
                        ([f"starts with the official number or prefix {prefix}"] if prefix else [])
                        + ([f'called a work number: "{near[0].words(text)}"'] if near else [])
                        + [_clauses(self)]
                    )
                    reasons.insert(0, f"the number {e164}")
                    excerpt = excerpt_around(text, match.start, match.end)
                    yield self.finding(
                        item,
                        match=match.raw_string,
                        excerpt=excerpt,
                        severity=Level.HIGH,
                        confidence=Level.HIGH if prefix else Level.MEDIUM,
                        reasons=reasons,
                        identity_extra=where,
                    )

    def _contact_number(self, item: Item, phones: OfficialNumbers) -> Iterator[Finding]:
        import phonenumbers

        parsed = None
        for region in phones.regions:
            try:
                parsed = phonenumbers.parse(item.text, region)
                break
            except phonenumbers.NumberParseException:
                continue
        value = _e164(parsed) if parsed is not None else item.text.strip()
        prefix = phones.official_prefix(value)
        labelled = sorted(item.labels & WORK_LABELS)
        if not prefix and not labelled:
            return
        reasons = (
            [f"the number {value}"]
            + ([f"starts with the official number or prefix {prefix}"] if prefix else [])
            + ([f"the download labels this number as a {labelled[0]} contact"] if labelled else [])
            + [_clauses(self)]
        )
        yield self.finding(
            item,
            match=item.text.strip(),
            excerpt=item.text.strip(),
            severity=Level.HIGH,
            confidence=Level.HIGH,
            reasons=reasons,
        )


def _words_between(text: str, cue: Hit, start: int, end: int) -> int:
    gap = text[cue.end : start] if cue.end <= start else text[end : cue.start]
    return len(gap.split())


class WorkplaceAddress(Scanner):
    """EXP303: the street address of one of your workplaces (the pack's `contact.workplace_addresses`).

    The street part of each address ("17 Tallowwood Quay") is looked for with common abbreviations of
    the street type ("Qy", "St", "Rd" ...). With the street number it is high confidence; the street
    name alone is medium.

    Severity: medium.
    """

    spec = RuleSpec(id="EXP303", title="Workplace street address shown", category=Category.CONTACT)

    def scan(self, item: Item) -> Iterable[Finding]:
        patterns = self.compiled.workplace_addresses
        if not patterns:
            return
        for where, text in scanned_texts(item):
            for pattern in patterns:
                match = pattern.search(text)
                if match:
                    numbered = bool(match.groupdict().get("number"))
                    # The address itself stays out of the reasons: reports mask the match, not this text.
                    reasons = [
                        "the street address of one of your workplaces (contact.workplace_addresses)",
                        "with the street number" if numbered else "the street without its number",
                        _clauses(self),
                    ]
                    yield self.finding(
                        item,
                        match=match.group(0),
                        excerpt=excerpt_around(text, *match.span()),
                        severity=Level.MEDIUM,
                        confidence=Level.HIGH if numbered else Level.MEDIUM,
                        reasons=reasons,
                        identity_extra=where,
                    )


class WorkLabelledEmail(Scanner):
    """EXP304: an e-mail address the download labels as a work address, at a domain that is not official.

    Facebook autofill (WORK_EMAIL), LinkedIn (Type=Work) and professional accounts (business contact)
    say which address is a work address. An
    official one is EXP301; any other work address still tells people how to reach you at work and,
    often, where that is.

    Severity: medium.
    """

    spec = RuleSpec(id="EXP304", title="Work e-mail address shown", category=Category.CONTACT)

    kinds = frozenset({ItemKind.CONTACT})

    def scan(self, item: Item) -> Iterable[Finding]:
        labelled = sorted(item.labels & WORK_LABELS)
        if item.kind is not ItemKind.CONTACT or item.field == "phone" or not labelled:
            return
        if "@" not in item.text or self.compiled.emails.of_address(item.text):
            return
        yield self.finding(
            item,
            match=item.text.strip(),
            excerpt=item.text.strip(),
            severity=Level.MEDIUM,
            confidence=Level.MEDIUM,
            reasons=[f"the download labels this address as a {labelled[0]} contact", _clauses(self)],
        )
