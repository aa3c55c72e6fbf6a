"""How a person finds an evidence item on the platform: what it is, when, and where, in words.

"a post from 3 March 2024 on your Instagram" is something a person can scroll to; a JSON pointer
inside the download is not, so pointers are left to the machine formats (JSON, CSV, SARIF). Dates
are shown in the computer's own time zone, which is the person's: a post made late on Friday
evening shows as Friday, not as Saturday in UTC.
"""

from __future__ import annotations

from datetime import datetime

from exposure_audit.model import Platform
from exposure_audit.reporters.checklist import Action, Evidence

_ARTICLE_AN = ("a", "e", "i", "o", "u")


def local_day(when: datetime | None) -> str:
    """'3 March 2024' in the local time zone; a time without a zone is taken as already local."""
    if when is None:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{when.day} {when:%B %Y}"


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in _ARTICLE_AN else "a"


def place(evidence: Evidence, action: Action) -> str:
    """'a post from 3 March 2024 on your Facebook timeline', 'a photo from 3 March 2024 in the album
    ‘Graduation’ on your Facebook', 'the headline on your LinkedIn'."""
    label = action.platform_label
    on = label if label.startswith("your ") else f"your {label}"
    if action.target == "location_pattern":
        return f"the {evidence.what} pattern in the places you post from on {on}"
    if action.target in ("profile", "contact", "login", "place", "location"):
        return f"the {evidence.what} on {on}"
    when = local_day(evidence.created_at)
    dated = f" from {when}" if when else ""
    where = f" {evidence.where}" if evidence.where else ""
    if not where and evidence.what == "post" and action.platform is Platform.FACEBOOK:
        on += " timeline"  # where Facebook lists a person's own posts
    preposition = "in" if label.startswith("your ") else "on"
    return f"{_article(evidence.what)} {evidence.what}{dated}{where} {preposition} {on}"


def link_text(action: Action) -> str:
    """The words of the link to an item on its platform: 'open it on X'."""
    return f"open it on {action.platform_label.removeprefix('your ')}"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
