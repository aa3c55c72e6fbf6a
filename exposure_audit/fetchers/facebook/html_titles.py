"""What Facebook HTML record titles say when a page has no table for it (English pages only).

A post whose people are not in a Tags row still names them in its title ("Kim Lee is with Ana Ruiz
and Tom Bell.", "... was with A, B and 2 others at Café."); a group membership record with an empty
body names the group only in its title ("Kim Lee joined Harbour Swimmers."). Localised titles are
left alone: guessing their grammar would invent people and groups.
"""

from __future__ import annotations

import re

_WITH = re.compile(r"\b(?:is|was) with (?P<people>.+?)(?: at .+| in .+)?\.?$")
_JOINED = re.compile(r"\bjoined (?:the group )?(?P<group>.+?)\.?$")
_OTHERS = re.compile(r"^\d+ others?$")


def people_in_title(title: str) -> tuple[str, ...]:
    """The people a post title says the person is with, in title order."""
    found = _WITH.search(title)
    if found is None:
        return ()
    names = re.split(r",\s*|\s+and\s+", found.group("people"))
    return tuple(name.strip() for name in names if name.strip() and not _OTHERS.match(name.strip()))


def group_in_title(title: str) -> str:
    """The group a membership record's title says was joined, or ""."""
    found = _JOINED.search(title)
    return found.group("group").strip() if found else ""
