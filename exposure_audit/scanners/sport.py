"""Sports kit, not a uniform: the context that says a photo's bright or dark tops are a team's.

Team jerseys and club kit share what the uniform hint looks at (dark navy tops, fluorescent colours,
badge-like crests), so colour and pattern cues alone must not fire when the context says sport:

- the text around the photo (caption, post, album, file name) uses a sports word ("grand final",
  "jersey", "club", "netball", "#gameday");
- a number is read on a person (OCR): the number on the back of a jersey;
- three or more people wear the same bright or dark top: a team in identical kit.

Words printed on a person that the pack lists (an agency word read by OCR) still count: a sports
context never hides "CORRECTIONS" written across a chest.
"""

from __future__ import annotations

import re

from exposure_audit.media.vision.features import Mark, VisionFeatures
from exposure_audit.model import Item
from exposure_audit.text.lazy_pattern import LazyPattern

_SPORT = LazyPattern(
    r"(?<![\w#])#?(?:grand ?final|semi ?final|prelim(?:inary)? final|game ?day|match ?day|jerseys?|footy|football|"
    r"soccer|netball|rugby|league|basketball|hockey|cricket|softball|baseball|volleyball|touch footy|oztag|"
    r"afl|nrl|premiership|premiers|our club|footy club|sports? club|fc|team kit|team photo|team pic|"
    r"teammates|season opener|round \d+|fun run|marathon|parkrun|triathlon|tournament|carnival|"
    r"under ?\d{1,2}s?|u\d{1,2}s?|go the \w+|scored|goals|tries|coach|coaching|"
    r"pre-?season|trophy)(?!\w)",
    re.IGNORECASE,
)
_IDENTICAL_KIT = frozenset({Mark.FLUORESCENT, Mark.HI_VIS, Mark.DARK, Mark.KHAKI})
TEAM_SIZE = 3


def _around(item: Item) -> str:
    return " ".join(
        v
        for v in (item.text, item.extra.get("context", ""), item.extra.get("album", ""), item.extra.get("title", ""))
        if v
    )


def sport_context(item: Item, features: VisionFeatures | None) -> str:
    """Why the photo reads as sport ("" when nothing says so)."""
    word = _SPORT.search(_around(item))
    if word:
        return f'the text around the photo says sport ("{word.group(0)}")'
    if features is None:
        return ""
    if any(w.isdigit() for p in features.people for w in p.words):
        return "a number is printed on a person, as on the back of a jersey"
    for mark in _IDENTICAL_KIT:
        wearing = sum(1 for p in features.people if mark in p.marks)
        if wearing >= TEAM_SIZE and wearing == len(features.people):
            return f"{wearing} people wear the same {mark.value}: a team in identical kit"
    return ""
