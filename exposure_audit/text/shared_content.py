"""Content the person shared from someone else, or that the platform itself sent, rather than wrote.

A retweet or a forwarded message is the person's exposure only in a weaker sense: it shows what they
passed on, not what they said about themselves or their work. Promotional and system messages from
LinkedIn, Meta or X ("Your Premium trial ends soon") are not the person's words at all. Fetchers keep
such items, labelled `SHARED`; scanners lower the confidence of what they find in them and never read
them as talk about the person's duties.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from exposure_audit.text.lazy_pattern import LazyPattern

SHARED = "shared"
SHARED_REASON = "shared or forwarded from someone else, or sent by the platform itself: not the person's own words"

# Senders that are the platform itself (promotions, notices, security alerts), as their names appear in
# message downloads.
_PLATFORM_SENDER = LazyPattern(
    r"^(linkedin( (premium|learning|jobs|news|sales navigator|talent solutions|recruiter|ads|marketing solutions"
    r"|messaging|security|team))?|facebook( (ads team|team|security|business|marketplace))?|meta( (for business"
    r"|verified|team))?|messenger( team)?|instagram( (team|security))?|x|twitter( (team|support))?|x support)$",
    re.IGNORECASE,
)
_FORWARDED = LazyPattern(r"^\s*(fwd?\s*:|fw\s*:|-+\s*forwarded message\s*-+|forwarded message\b)", re.IGNORECASE)


def is_retweet(tweet: Mapping[str, Any], text: str) -> bool:
    """X marks a retweet by a `retweeted_status` object or, in archives, by text starting `RT @`."""
    return bool(tweet.get("retweeted_status")) or text.lstrip().startswith("RT @")


def not_own_words(sender: str, *texts: str) -> bool:
    """A message the platform itself sent, or one forwarded from elsewhere (`Fwd:`, "Forwarded message")."""
    return bool(_PLATFORM_SENDER.match(sender.strip())) or any(_FORWARDED.match(t) for t in texts if t)
