"""Does an unread member of a download look like the person's own content?

A download's readers understand members by name and shape. When a platform changes its layout, the
readers quietly stop understanding pages that still hold hundreds of posts, and a report built from
what is left looks like a clean bill of health. This module looks at the start of each member that no
reader understood (or that a reader gave up on) and says whether it looks like user content:

- an HTML page with many repeated blocks (the same class attribute on many elements);
- JSON (or an X `window.YTD` script) holding a list of records that carry a timestamp;
- a CSV whose header row has a date column.

Only the first `SNIFF_BYTES` of a member are read, so a large download costs little; nothing is kept
from what was read, only the yes/no answer.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from exposure_audit.errors import MemberError
from exposure_audit.sources.archive import Tree
from exposure_audit.sources.inputs import ZIP_ERRORS

SNIFF_BYTES = 256 * 1024
MIN_REPEATED_BLOCKS = 5  # a page of user content repeats its record wrapper; a settings page rarely does
MIN_RECORDS = 2

_CLASS = re.compile(rb"<(?:div|section|li|tr|table|article)\b[^>]*\bclass=[\"']([^\"']{1,200})[\"']", re.IGNORECASE)
_TIME_KEY = re.compile(
    r"(?:^|_)(?:timestamp|time|date|created|taken|sent)(?:_|$)|timestamp|created_?at|_ms$", re.IGNORECASE
)
_YTD = re.compile(rb"^\s*window\.YTD\.[\w.]+\s*=\s*")
_DATE_HEADER = re.compile(r"(?:^|\s)(?:date|time|created|sent)(?:\s|$)|\bdate\b", re.IGNORECASE)
_TEXT_SUFFIXES = (".html", ".htm", ".json", ".js", ".csv")
_UNREADABLE: tuple[type[BaseException], ...] = (MemberError, *ZIP_ERRORS)


def looks_like_content(tree: Tree, member: str) -> bool:
    """True when the member's opening looks like records the person made (see the module docstring)."""
    lower = member.lower()
    if not lower.endswith(_TEXT_SUFFIXES):
        return False
    try:
        with tree.open_member(member) as handle:
            head = handle.read(SNIFF_BYTES)
    except _UNREADABLE:  # a member that cannot be read (a lying size, a bad CRC): cannot tell
        return False
    if lower.endswith((".html", ".htm")):
        return _html_blocks(head)
    if lower.endswith(".csv"):
        return _csv_dated(head)
    size = tree.members[member].size
    return _json_records(head, complete=size <= SNIFF_BYTES)


def content_members(tree: Tree, members: Iterable[str]) -> tuple[str, ...]:
    """The members among `members` that look like user content, in download order."""
    return tuple(m for m in members if looks_like_content(tree, m))


def _html_blocks(head: bytes) -> bool:
    counts = Counter(_CLASS.findall(head))
    return bool(counts) and counts.most_common(1)[0][1] >= MIN_REPEATED_BLOCKS


def _csv_dated(head: bytes) -> bool:
    text = head.decode("utf-8-sig", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    # LinkedIn puts a "Notes:" preamble above some headers; look at the first few lines
    for line in lines[:4]:
        cells = [c.strip().strip('"') for c in line.split(",")]
        if len(cells) >= 2 and any(_DATE_HEADER.search(c) for c in cells) and len(lines) > 1:
            return True
    return False


def _json_records(head: bytes, *, complete: bool) -> bool:
    body = _YTD.sub(b"", head, count=1)
    if complete:
        try:
            return _has_records(json.loads(body.decode("utf-8", errors="replace")), depth=0)
        except (ValueError, RecursionError):  # not JSON, or nested past what the parser follows: no records
            return False
    # the start of a large file: a timestamp key repeated in the opening is the same signal
    text = body.decode("utf-8", errors="replace")
    keys = re.findall(r'"([A-Za-z_]{2,40})"\s*:\s*(?:\d{9,13}|"\d{4}-\d\d-\d\d)', text)
    return any(count >= MIN_RECORDS and _TIME_KEY.search(key) for key, count in Counter(keys).items())


def _has_records(value: Any, *, depth: int) -> bool:
    if depth > 4:
        return False
    if isinstance(value, list):
        dated = sum(1 for v in value if _dated(v))
        if dated >= MIN_RECORDS:
            return True
        return any(_has_records(v, depth=depth + 1) for v in value[:5])
    if isinstance(value, dict):
        return any(_has_records(v, depth=depth + 1) for v in value.values())
    return False


def _dated(record: Any) -> bool:
    """A record with a time key, or X's one-key wrapper around one (`{"tweet": {"created_at": ...}}`)."""
    if not isinstance(record, dict):
        return False
    if any(_TIME_KEY.search(k) for k in record):
        return True
    inner = next(iter(record.values()), None) if len(record) == 1 else None
    return isinstance(inner, dict) and any(_TIME_KEY.search(k) for k in inner)
