"""Redaction of personal values in every report, unless the person asks to see them (--show-values).

What is masked, and why that much:
- e-mail addresses keep the first letter of the local part and the whole domain ("j•••@abf.gov.au"):
  the official domain is the point of the finding;
- phone numbers keep their last two digits and their layout, enough to recognise one's own number;
- names of people become initials ("Jane Citizen" -> "J. C."), and so does the first name of each of
  them alone, where it is written with a capital ("lunch with Jane");
- coordinates are rounded to two decimals (about 1 km), from three decimals up; degrees-minutes-seconds
  lose their seconds;
- addresses written to dodge harvesters ("zoe at abf dot gov dot au", "zoe(at)abf.gov.au") are
  masked like any e-mail address;
- IP addresses keep only their first part ("203.•••.•••.•••");
- user names and other account identifiers keep their first character.

Employer names, place names and the text around a match stay readable: they are what the person has
to find and fix, and they identify the organisation, not the person. Whatever the setting, control
characters and bidirectional overrides are neutralised so that no downloaded text can drive a
terminal or disguise itself in a report.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Hashable, Iterable
from typing import TypeVar

import ahocorasick

from exposure_audit.model import Category, Finding, ItemKind
from exposure_audit.text.lazy_pattern import LazyPattern

MASK = "•"
_HIDDEN = MASK * 3

EMAIL = LazyPattern(r"(?<![\w.+'-])([\w.+'%-]+)@((?:[\w-]+\.)+[A-Za-z]{2,})\b")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4 = re.compile(rf"(?<![\d.])({_OCTET}(?:\.{_OCTET}){{3}})(?![\d.])")
IPV6_CANDIDATE = LazyPattern(r"(?<![\w:])((?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\w:])")
# A decimal with three or more places within +/-180 is treated as a coordinate (three places are
# about 100 m): over-rounding an odd number in an excerpt costs nothing, a readable home would.
COORDINATE = re.compile(r"(?<![\w.])(-?(?:1[0-7]\d|\d{1,2})\.\d{3,})(?![\d])")
# What every coordinate has, found far faster than the pattern itself (no look-behind at each place):
# most file names and excerpts have none, and the full pattern is tried only on those that do.
_THREE_PLACES = re.compile(r"\.\d{3}")
# Degrees, minutes and seconds (33°52'10.5"S, 33° 52′ 10″): the seconds (about 30 m) are masked.
DMS = LazyPattern(r"(\d{1,3}\s?°\s?\d{1,2}\s?['′’])\s?(\d{1,2}(?:[.,]\d+)?)\s?([\"″”]|'')")
_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+|\s*@\s*)"
_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
# An address spelt out to dodge harvesters; the domain needs at least one spelt or bracketed part.
OBFUSCATED_EMAIL = LazyPattern(rf"(?<![\w.+'-])([\w.+'%-]+)({_AT})((?:[\w-]+{_DOT})+[A-Za-z]{{2,}})\b", re.IGNORECASE)
PHONE_CANDIDATE = re.compile(r"(?<![\w+.])(\+?\(?\d[\d\s().\-–/]{5,22}\d)(?![\w])")
# The run of digits and separators every candidate has, without the look-arounds: found by a fast scan
# for a digit (a look-behind at every place would be tried first), so most texts are passed by at once.
_DIGIT_RUN = re.compile(r"\d[\d\s().\-–/]{5,22}\d")
# A bare number followed by a unit is a quantity (a size or a cap in a skip reason), not a phone.
_UNIT_AFTER = re.compile(
    r"\s*(?:bytes?|[kmgt]i?b|pixels?|px|tags?|levels?|characters?|members?|items?)\b", re.IGNORECASE
)
_DATE_SHAPES = (
    re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"),
    re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$"),
    re.compile(r"^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$"),
    re.compile(r"^\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}$"),
)
HANDLE = re.compile(r"(?<![^\s(\[{\"'“‘])@([A-Za-z0-9_.]{2,30})")
# C0/C1 controls (but not tab and newline), the bidirectional embedding/override/isolate marks, and
# the invisible tag characters of U+E0000-U+E007F (they can smuggle unseen text into a report).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


def clean(text: str) -> str:
    """Text safe to print anywhere: control and bidi-override characters become U+FFFD."""
    if text.isascii() and text.isprintable():  # most texts: no control character, nothing to replace
        return text
    return _UNSAFE.sub("\ufffd", text)


def mask_email(local: str, domain: str) -> str:
    return f"{local[:1]}{_HIDDEN}@{domain}"


def mask_phone(number: str) -> str:
    """Every digit but the last two becomes a mask character; spaces, dashes and '+' stay."""
    total = sum(c.isdigit() for c in number)
    seen = 0
    out = []
    for char in number:
        if char.isdigit():
            seen += 1
            out.append(char if seen > total - 2 else MASK)
        else:
            out.append(char)
    return "".join(out)


def mask_ip(address: str) -> str:
    if ":" in address:
        return address.split(":", 1)[0] + ":" + _HIDDEN
    first = address.split(".", 1)[0]
    return ".".join([first, _HIDDEN, _HIDDEN, _HIDDEN])


def initials(name: str) -> str:
    """'Jane Q. Citizen' -> 'J. Q. C.'; a name that is not made of words becomes a mask."""
    letters = [part[0].upper() + "." for part in re.findall(r"[^\W\d_][\w'’-]*", name)]
    return " ".join(letters) if letters else _HIDDEN


def mask_identifier(value: str) -> str:
    stripped = value.strip()
    return stripped[:1] + _HIDDEN if stripped else ""


def round_coordinate(value: str) -> str:
    return f"{float(value):.2f}"


def _rounded(match: re.Match[str]) -> str:
    return round_coordinate(match.group(1))


def _looks_like_phone(candidate: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    if not 8 <= digits <= 15:
        return False
    return not any(shape.match(candidate.strip()) for shape in _DATE_SHAPES)


def _ipv6(match: re.Match[str]) -> str:
    try:
        ipaddress.IPv6Address(match.group(1))
    except ValueError:
        return match.group(0)
    return mask_ip(match.group(1))


def _phone(match: re.Match[str]) -> str:
    candidate = match.group(1)
    stripped = candidate.rstrip(" .-–)(/")
    if not _looks_like_phone(stripped):
        return candidate
    if (
        stripped.isdigit()
        and not stripped.startswith("0")
        and (len(stripped) < 10 or _UNIT_AFTER.match(match.string, match.start(1) + len(stripped)))
    ):
        # Bare digits without a trunk 0, separators or '+': a count or a cap ("over the cap of
        # 120000000"), unless ten or more digits with no unit (a number written without spaces).
        return candidate
    return mask_phone(stripped) + candidate[len(stripped) :]


def _obfuscated_email(match: re.Match[str]) -> str:
    local, at, domain = match.group(1), match.group(2), match.group(3)
    spelt_dot = re.search(r"dot", domain, re.IGNORECASE) is not None
    bracketed_at = at.strip() not in ("@", "") and at.strip().lower() != "at"
    if not spelt_dot and not bracketed_at:
        # "name@abf.gov.au" is EMAIL's; "I work at abf.gov.au" names a web site, not an address.
        return match.group(0)
    return f"{local[:1]}{_HIDDEN}@{re.sub(_DOT, '.', domain, flags=re.IGNORECASE)}"


def _spelt_out(lowered: str) -> bool:
    """Whether a lower-cased text may hold an address written out ("zoe at abf dot gov dot au")."""
    if " dot " in lowered:
        return True
    return "at" in lowered and any(mark in lowered for mark in (" at ", "at)", "at]", "at}", "at>"))


def _dms(match: re.Match[str]) -> str:
    return f"{match.group(1)}{_HIDDEN}{match.group(3)}"


def first_names(names: Iterable[str]) -> set[str]:
    """The first word of every name of two or more words, when it looks like a given name."""
    found = set()
    for name in names:
        words = name.split()
        if len(words) >= 2 and len(words[0]) >= 3 and words[0][:1].isupper() and words[0].isalpha():
            found.add(words[0])
    return found


class NameMatcher:
    """Every occurrence of any of many names (whole words, any case) replaced by initials.

    An Aho-Corasick automaton finds thousands of names in one pass over the text; a regular expression
    alternation of the same names is hundreds of times slower on a large friends list.
    """

    def __init__(self, names: Iterable[str], *, capitalised_only: bool = False) -> None:
        self._capitalised_only = capitalised_only  # a first name alone ("Grace") only where written so
        self._automaton = ahocorasick.Automaton()
        for name in {" ".join(n.split()) for n in names}:
            if len(name) >= 2:
                self._automaton.add_word(name.lower(), len(name))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def replace(self, text: str) -> str:
        if self._empty:
            return text
        lowered = text.lower()
        if len(lowered) != len(text):  # a case mapping changed the length: positions would not line up
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        spans = []
        for end, length in self._automaton.iter(lowered):
            start = end - length + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if self._capitalised_only and not text[start].isupper():
                continue
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                spans.append((start, end + 1))
        if not spans:
            return text
        spans.sort(key=lambda span: (span[0], -span[1]))  # leftmost, then longest
        out, position = [], 0
        for start, stop in spans:
            if start >= position:
                out.append(text[position:start])
                out.append(initials(text[start:stop]))
                position = stop
        out.append(text[position:])
        return "".join(out)


# Item kinds whose colleague findings match a person's name (a group or page name is not a person).
_PERSON_KINDS = frozenset(
    {ItemKind.CONNECTION, ItemKind.TAG, ItemKind.POST, ItemKind.PHOTO, ItemKind.COMMENT, ItemKind.MESSAGE}
)


# An IPv4 address is ASCII digits and dots; an IPv6 one has colons. Any other value is not tried.
_IPV4_CHARS = frozenset("0123456789.")

K = TypeVar("K", bound=Hashable)

MEMO_TEXTS = 100_000  # distinct texts remembered per report (bounded, whatever the report's size)


def _remember(memo: dict[K, str], key: K, value: str) -> str:
    """Keep `value` under `key` in a memo bounded to MEMO_TEXTS entries, and return it."""
    if len(memo) >= MEMO_TEXTS:
        memo.clear()
    memo[key] = value
    return value


class Redactor:
    """Masks the personal values of one report; a no-op (apart from `clean`) with show_values."""

    def __init__(
        self,
        *,
        show_values: bool,
        names: Iterable[str] = (),
        keep_handles: Iterable[str] = (),
        keep_names: Iterable[str] = (),
    ) -> None:
        self.show_values = show_values
        self._keep_handles = {h.lstrip("@").casefold() for h in keep_handles}
        # The employer's own names stay readable even when a page of that name was tagged like a person:
        # "an A. B. F. officer" would hide the very thing the person has to find.
        self._keep_names = keep = {" ".join(n.split()).casefold() for n in keep_names}
        names = {n for n in names if " ".join(n.split()).casefold() not in keep}
        self._names = NameMatcher(names) if names else None
        given = first_names(names)
        self._first_names = NameMatcher(given, capitalised_only=True) if given else None
        # Masked texts by their input: a report repeats the same archive, reasons and place names in
        # thousands of findings, and the masking depends only on the text and the settings above.
        self._masked: dict[str, str] = {}
        self._values: dict[tuple[str, Category, ItemKind, bool], str] = {}

    @classmethod
    def for_findings(
        cls,
        findings: Iterable[Finding],
        *,
        show_values: bool,
        keep_handles: Iterable[str] = (),
        keep_names: Iterable[str] = (),
    ) -> Redactor:
        """A redactor that also knows every tagged or matched person's name in the report, so that
        a colleague's name is hidden in every excerpt it appears in, not only in its own finding."""
        names: set[str] = set()
        if not show_values:
            for f in findings:
                names.update(f.people)
                if is_person_name(f):
                    names.add(f.match)
        return cls(show_values=show_values, names=names, keep_handles=keep_handles, keep_names=keep_names)

    def text(self, text: str) -> str:
        """Free text (an excerpt, a reason) with every personal value inside it masked."""
        masked = self._masked.get(text)
        return masked if masked is not None else _remember(self._masked, text, self._mask(text))

    def _mask(self, text: str) -> str:
        text = clean(text)
        if self.show_values or not text:
            return text
        # Each pass runs only when the text has the characters it needs: most excerpts have no address.
        if "@" in text:
            text = EMAIL.sub(lambda m: mask_email(m.group(1), m.group(2)), text)
        lowered = text.lower()
        if _spelt_out(lowered):
            text = OBFUSCATED_EMAIL.sub(_obfuscated_email, text)
        if "°" in text:
            text = DMS.sub(_dms, text)
        if "." in text:
            if text.count(".") >= 3:  # an IPv4 address has three dots; a file name or a coordinate fewer
                text = IPV4.sub(lambda m: mask_ip(m.group(1)), text)
            if _THREE_PLACES.search(text):
                text = COORDINATE.sub(_rounded, text)
        if text.count(":") >= 2:
            text = IPV6_CANDIDATE.sub(_ipv6, text)
        if _DIGIT_RUN.search(text):
            text = PHONE_CANDIDATE.sub(_phone, text)
        if self._names is not None:
            text = self._names.replace(text)
        if self._first_names is not None:
            text = self._first_names.replace(text)
        return HANDLE.sub(self._handle, text) if "@" in text else text

    def _handle(self, match: re.Match[str]) -> str:
        handle = match.group(1)
        if handle.casefold() in self._keep_handles:
            return match.group(0)
        return "@" + mask_identifier(handle)

    def value(self, finding: Finding) -> str:
        """The finding's matched value as a report may show it."""
        # Asked twice per finding (its value and its excerpt); the answer depends only on this key.
        key = (finding.match, finding.category, finding.item_kind, finding.match in finding.people)
        shown = self._values.get(key)
        return shown if shown is not None else _remember(self._values, key, self._value(finding))

    def _value(self, finding: Finding) -> str:
        raw = clean(finding.match)
        if self.show_values or not raw:
            return raw
        if is_person_name(finding) and " ".join(raw.split()).casefold() not in self._keep_names:
            return initials(raw)
        whole_email = EMAIL.fullmatch(raw.strip()) if "@" in raw else None
        if whole_email:
            return mask_email(whole_email.group(1), whole_email.group(2))
        address = raw.strip()
        if ":" in address or _IPV4_CHARS.issuperset(address):  # else no address: spare the raised error
            try:
                return mask_ip(str(ipaddress.ip_address(address)))
            except ValueError:
                pass
        if finding.category in (Category.CONTACT, Category.ACCOUNT) or finding.item_kind in (
            ItemKind.CONTACT,
            ItemKind.LOGIN,
        ):
            if sum(map(str.isdigit, raw)) >= 6:
                return mask_phone(raw)
            masked = self.text(raw)
            return masked if masked != raw else mask_identifier(raw)
        return self.text(raw)

    def excerpt(self, finding: Finding) -> str:
        """The finding's excerpt with personal values masked, including the match itself."""
        shown = self.text(finding.excerpt)
        if self.show_values:
            return shown
        raw, masked = clean(finding.match).strip(), self.value(finding)
        if raw and masked != raw:
            shown = replace_ignoring_case(shown, raw, masked)
        return shown


def replace_ignoring_case(text: str, old: str, new: str) -> str:
    """Every occurrence of `old` in `text`, in any case, replaced by `new`. Without a regular expression:
    each finding has its own value, and compiling one pattern per finding dominated report rendering."""
    low_text, low_old = text.lower(), old.lower()
    if len(low_text) != len(text) or len(low_old) != len(old):  # case mapping changed lengths: let re align
        return re.sub(re.escape(old), lambda _m: new, text, flags=re.IGNORECASE)
    out: list[str] = []
    position = 0
    while (start := low_text.find(low_old, position)) >= 0:
        out += (text[position:start], new)
        position = start + len(old)
    out.append(text[position:])
    return "".join(out)


def is_person_name(finding: Finding) -> bool:
    """True when the finding's match is a person's name (a colleague, a tagged person)."""
    if finding.match in finding.people:
        return True
    return (
        finding.category is Category.COLLEAGUE
        and finding.item_kind in _PERSON_KINDS
        and not any(c in finding.match for c in "@#/:")
        and not any(ch.isdigit() for ch in finding.match)
    )
