"""How a person finds an evidence item on the platform: what it is, when, and where, in words.

"a post from 3 March 2024 on your Instagram" is something a person can scroll to; a JSON pointer
inside the download is not, so pointers are left to the machine formats (JSON, CSV, SARIF). Dates
are shown in the computer's own time zone, which is the person's: a post made late on Friday
evening shows as Friday, not as Saturday in UTC.
"""

from __future__ import annotations

from datetime import datetime

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
    """'a post from 3 March 2024 on your Instagram', 'your LinkedIn headline'."""
    label = action.platform_label
    on = label if label.startswith("your ") else f"your {label}"
    if action.target == "location_pattern":
        return f"the {evidence.what} pattern in the places you post from on {on}"
    if action.target in ("profile", "contact", "login", "place", "location"):
        return f"the {evidence.what} on {on}"
    when = local_day(evidence.created_at)
    dated = f" from {when}" if when else ""
    return (
        f"{_article(evidence.what)} {evidence.what}{dated} in {on}"
        if label.startswith("your ")
        else f"{_article(evidence.what)} {evidence.what}{dated} on {on}"
    )


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
