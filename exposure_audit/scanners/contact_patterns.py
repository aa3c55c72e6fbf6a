"""A pack's contact details as matchers: its official phone numbers and its workplace street addresses.

Built once per audit into the compiled pack (`scanners.compiled`) and read by the contact rules.
"""

from __future__ import annotations

import re

from exposure_audit.policy.model import Policy
from exposure_audit.text.lazy_pattern import LazyPattern


class OfficialNumbers:
    """The pack's phone regions and its official numbers or prefixes, in E.164 form."""

    def __init__(self, policy: Policy) -> None:
        self.regions = policy.contact.phone_regions
        self.official = tuple(n.replace(" ", "") for n in policy.contact.official_numbers)

    def official_prefix(self, e164: str) -> str:
        return next((p for p in self.official if e164.startswith(p)), "")


_STREET_TYPES = {
    "street": "st",
    "road": "rd",
    "avenue": "ave|av",
    "drive": "dr",
    "quay": "qy",
    "parade": "pde",
    "place": "pl",
    "court": "ct",
    "crescent": "cres|cr",
    "terrace": "tce",
    "highway": "hwy",
    "boulevard": "bvd|blvd",
    "lane": "ln",
    "close": "cl",
    "circuit": "cct",
    "way": "wy",
    "esplanade": "esp",
    "square": "sq",
    "track": "trk",
    "grove": "gr|gv",
    "rise": "ri",
    "row": "rw",
    "walk": "wk",
    "mews": "mw",
    "loop": "lp",
    "boundary": "bdy",
    "promenade": "prom",
    "wharf": "whf",
    "link": "lk",
    "heights": "hts",
    "gardens": "gdns",
}
_ADDRESS = LazyPattern(
    r"^\s*(?:(?P<number>(?:\d+[a-z]?/)?\d+[a-z]?(?:-\d+[a-z]?)?)\s+)?(?P<name>.+?)\s*$", re.IGNORECASE
)


def _street_part(address: str) -> str:
    """The comma-separated part naming the street ("17 Tallowwood Quay"), else the longest part."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    with_type = [p for p in parts if p.split()[-1].lower() in _STREET_TYPES]
    numbered = [p for p in parts if p[:1].isdigit() and len(p.split()) >= 2]  # "400 Boundary Track"
    return (with_type or numbered or [max(parts, key=len, default=address)])[0]


def address_pattern(address: str) -> re.Pattern[str]:
    """A pattern for the street part of an address: "17 Tallowwood Quay" also as "17 Tallowwood Qy"."""
    street = _street_part(address)
    parts = _ADDRESS.match(street)
    number = parts.group("number") if parts else None
    words = (parts.group("name") if parts else street).split()
    kind = words[-1].lower() if words else ""
    if kind in _STREET_TYPES:
        words[-1] = f"(?:{kind}|{_STREET_TYPES[kind]})\\.?"
        words[:-1] = [re.escape(w) for w in words[:-1]]
    else:
        words = [re.escape(w) for w in words]
    body = r"\s+".join(words)
    lead = rf"(?:(?P<number>{re.escape(number)})\s*,?\s+)?" if number else ""
    return re.compile(rf"(?<![\w-]){lead}{body}(?!\w)", re.IGNORECASE)
