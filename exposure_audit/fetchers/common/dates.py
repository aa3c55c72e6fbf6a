"""Dates as LinkedIn (and Google's `formatted` strings) write them -> aware UTC datetimes.

LinkedIn changes its date format per file and per year: `1/8/18, 6:14 PM`, `14 Jan 2026`, `Jun 2018`,
`2017/06/08 08:15:44 UTC`, `Sat Sep 05 08:12:14 UTC 2020`, `Feb 17, 1998`, a bare year, ISO with or
without a zone, "Not Available". `parse_date` tries each known shape and returns None for anything
else; it never raises, because one odd cell must not cost the rest of a file.

Times without a zone are taken as UTC: LinkedIn's exports are generated in UTC, and a wrong guess of a
few hours does not change what a finding means. Slash dates are month first (the US order LinkedIn
uses) unless the first number cannot be a month.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

# Zone abbreviations seen in Java's Date.toString() and in exports; anything else is refused.
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "UT": 0,
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "IST": 5.5,
    "AEST": 10,
    "AEDT": 11,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AWST": 8,
    "NZST": 12,
    "NZDT": 13,
}

_EMPTY = {"", "-", "n/a", "na", "none", "null", "not available", "present", "current", "unknown"}

# Formats tried in order on the text after zone handling; the first that parses wins.
_FORMATS = (
    "%Y-%m-%d %H:%M:%S",  # 2023-05-01 14:22:10 (UTC stripped)
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d",  # 1815-12-10
    "%Y/%m/%d %H:%M:%S",  # 2017/06/08 08:15:44
    "%Y/%m/%d",
    "%a %b %d %H:%M:%S %Y",  # Sat Sep 05 08:12:14 2020 (zone moved out)
    "%d %b %Y",  # 14 Jan 2026
    "%d %B %Y",
    "%b %d, %Y, %I:%M:%S %p",  # Sep 20, 2020, 10:46:09 AM (Google "formatted")
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y at %I:%M %p",
    "%b %d, %Y",  # Feb 17, 1998
    "%B %d, %Y",
    "%b %Y",  # Jun 2018
    "%B %Y",
    "%m %Y",
    "%Y",  # 2004
)

_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$")
_ZONE_WORD = re.compile(r"\s(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})$|\s([A-Z]{1,4})(?=\s\d{4}$|$)")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z| UTC|[+-]\d{2}:?\d{2})?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _zone_offset(text: str) -> tuple[str, timezone | None]:
    """Remove a trailing (or Java-style middle) zone from the text; return the text and the zone."""
    if text.endswith("Z") and "T" in text:
        return text[:-1], UTC
    match = _ZONE_WORD.search(text)
    if match is None:
        return text, None
    if match.group(1):
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        sign = -1 if match.group(1) == "-" else 1
        if minutes > 14 * 60:
            return text, None
        zone = timezone(timedelta(minutes=sign * minutes))
    else:
        hours = _ZONES.get(match.group(4))
        if hours is None:
            return text, None
        zone = timezone(timedelta(hours=hours))
    return (text[: match.start()] + text[match.end() :]).strip(), zone


def _slash_date(text: str) -> datetime | None:
    match = _SLASH.match(text)
    if match is None:
        return None
    first, second, year_text, hour, minute, second_of_minute, meridiem = match.groups()
    month, day = int(first), int(second)
    if month > 12 >= day:  # cannot be month-first
        month, day = day, month
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 69 else 1900
    hours = int(hour) if hour else 0
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem.lower() == "pm" else 0)
    try:
        return datetime(year, month, day, hours, int(minute or 0), int(second_of_minute or 0))
    except ValueError:
        return None


def parse_date(value: object) -> datetime | None:
    """Any date LinkedIn (or a Google `formatted` field) writes -> aware UTC datetime, else None."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip().strip('"').strip()
    if text.lower() in _EMPTY or len(text) > 64:
        return None
    try:
        if _ISO.match(text):
            iso = datetime.fromisoformat(text.replace(" UTC", "+00:00").replace("Z", "+00:00"))
            if 1800 <= iso.year <= 2200:
                return (iso if iso.tzinfo else iso.replace(tzinfo=UTC)).astimezone(UTC)
    except ValueError:
        pass  # not ISO after all; the format list below decides
    try:
        text, zone = _zone_offset(text)
        parsed = _slash_date(text)
        if parsed is None:
            for fmt in _FORMATS:
                try:
                    parsed = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
        if parsed is None or not 1800 <= parsed.year <= 2200:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=zone or UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
