"""Content the person shared from someone else (a retweet), rather than wrote.

A retweet is the person's exposure only in a weaker sense: it shows what they passed on, not what they
said about themselves or their work. Fetchers keep such items, labelled `SHARED`; scanners lower the
confidence of what they find in them and never read them as talk about the person's duties.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SHARED = "shared"
SHARED_REASON = "shared from someone else (a retweet), not the person's own words"


def is_retweet(tweet: Mapping[str, Any], text: str) -> bool:
    """X marks a retweet by a `retweeted_status` object or, in archives, by text starting `RT @`."""
    return bool(tweet.get("retweeted_status")) or text.lstrip().startswith("RT @")
