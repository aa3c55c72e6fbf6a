"""Official e-mail addresses in any text, written plainly or disguised.

One regular expression per pack covers every official domain and its subdomains, with "@" written
as "@", "[at]", "(at)", "{at}" or " at ", and dots as ".", "[dot]", "(dot)" or " dot ":
"name at border dot gov dot au" and "name[at]abf.gov.au" are both found. A domain that only starts
like an official one ("abf.gov.au.example.com", "notborder.gov.au") is not official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
AT = rf"(?:\s*@\s*|\s*{_OPEN}\s*(?:at|@)\s*{_CLOSE}\s*|\s+at\s+)"
DOT = rf"(?:\.|\s*{_OPEN}\s*(?:dot|\.)\s*{_CLOSE}\s*|\s+dot\s+)"
_LOCAL_PART = r"[a-z0-9_%+'-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_ADDRESS = re.compile(r"^[a-z0-9._%+'-]+@([a-z0-9.-]+)$", re.IGNORECASE)
# A disguised address whose local part is a plain word ("I was at border dot gov dot au") needs one
# of these words in the text before it counts as an address.
_EMAIL_WORDS = re.compile(r"e-?mail|mail|contact|reach|rsvp|ping|send|write|address|inbox", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EmailHit:
    """An official address found in a text, plain or disguised."""

    address: str  # canonical form: lower case, "@" and "." restored
    domain: str  # the official domain it belongs to
    start: int
    end: int
    disguised: bool  # written with "at"/"dot" or brackets
    confident: bool  # plainly an address (not a plain word that happens to sit before "at")


def _domain_pattern(domain: str) -> str:
    return DOT.join(re.escape(label) for label in domain.lower().split("."))


class OfficialEmails:
    def __init__(self, domains: tuple[str, ...]) -> None:
        self.domains = tuple(sorted({d.lower().strip(".") for d in domains if d.strip(".")}, key=len, reverse=True))
        self._stems = tuple({d.split(".")[0] for d in self.domains})

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        # Compiled for the first text that names an official domain's first label, not with the policy:
        # it took about 4 ms, on every run, and most scans of photos never need it. (Only asked for
        # when there are domains.)
        alternatives = "|".join(_domain_pattern(d) for d in self.domains)
        return re.compile(
            rf"(?<![a-z0-9._%+'-])(?P<local>{_LOCAL_PART}(?:{DOT}{_LOCAL_PART})*){AT}"
            rf"(?P<domain>(?:{_LABEL}{DOT})*(?:{alternatives}))(?![a-z0-9-]|\.[a-z0-9]|{DOT}[a-z0-9])",
            re.IGNORECASE,
        )

    def official_domain(self, host: str) -> str:
        """The official domain `host` is (or is a subdomain of); "" if none."""
        host = host.lower().strip().strip(".")
        return next((d for d in self.domains if host == d or host.endswith("." + d)), "")

    def of_address(self, value: str) -> EmailHit | None:
        """A field that holds one address (a contact or login value): is it official?"""
        value = value.strip().removeprefix("mailto:")
        match = _PLAIN_ADDRESS.match(value)
        if not match:
            return None
        domain = self.official_domain(match.group(1))
        return (
            EmailHit(address=value.lower(), domain=domain, start=0, end=len(value), disguised=False, confident=True)
            if domain
            else None
        )

    def find(self, text: str) -> list[EmailHit]:
        if not self.domains:
            return []
        lowered = text.lower()
        if not any(stem in lowered for stem in self._stems):
            return []  # cheap test first: most texts name no official domain at all
        hits = []
        for match in self._pattern.finditer(text):
            raw = match.group(0)
            canonical = _canonical(match.group("local")) + "@" + _canonical(match.group("domain"))
            disguised = "@" not in raw or bool(re.search(_OPEN, raw))
            local = match.group("local")
            looks_like_address = bool(re.search(r"[._\d%+-]|\s+dot\s+|" + _OPEN, local, re.IGNORECASE))
            confident = not disguised or looks_like_address or bool(_EMAIL_WORDS.search(text))
            domain = self.official_domain(_canonical(match.group("domain")))
            hits.append(
                EmailHit(
                    address=canonical,
                    domain=domain,
                    start=match.start(),
                    end=match.end(),
                    disguised=disguised,
                    confident=confident,
                )
            )
        return hits


def _canonical(part: str) -> str:
    part = re.sub(DOT, ".", part, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", part).lower()
