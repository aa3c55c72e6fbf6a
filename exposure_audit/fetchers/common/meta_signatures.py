"""Recognise a Meta (Facebook) JSON member by what it holds, not only by its file name.

Downloads re-packed by people or tools rename files (`comments_and_reactions.json` holding
`comments_v2`, `v2_profile_information.json` holding `profile_v2`), and partial downloads keep only
some folders; the top-level keys still say what a file is (export-formats, "Quirks seen in real
published downloads"). Only the opening of a member is read: Meta writes the top-level key first,
and an album's `name` and `photos` come before its long list of photos.
"""

from __future__ import annotations

import re

from exposure_audit.archive import Tree
from exposure_audit.errors import MemberError

HEAD_BYTES = 4096
DETECT_SAMPLE = 40  # JSON members looked at when deciding whether a download is Facebook's

# (a top-level key that must be present, another that must be too or "", reader)
SIGNATURES: tuple[tuple[str, str, str], ...] = (
    ("profile_v2", "", "profile"),
    ("autofill_information_v2", "", "autofill"),
    ("profile_updates_v2", "", "profile_updates"),
    ("comments_v2", "", "comments"),
    ("group_posts_v2", "", "group_posts"),
    ("friends_v2", "", "connections"),
    ("following_v2", "", "connections"),
    ("groups_joined_v2", "", "groups"),
    ("event_responses_v2", "", "events"),
    ("participants", "messages", "thread"),
    ("photos", "name", "album"),
)
_KEY = re.compile(rb'"([A-Za-z0-9_]{1,60})"\s*:')
# a key right after an opening brace at depth one: '{ "profile_v2": ' or '{"name": "...", "photos": ['
_TOP_KEYS = re.compile(rb'^\s*\{\s*"([A-Za-z0-9_]{1,60})"\s*:')


def _head(tree: Tree, member: str) -> bytes:
    try:
        with tree.open_member(member) as handle:
            return handle.read(HEAD_BYTES)
    except (MemberError, OSError):
        return b""


def _top_level_keys(head: bytes) -> set[str]:
    """Keys at the top level of a JSON object, from its opening (approximate: depth is tracked by brackets)."""
    keys: set[str] = set()
    depth = 0
    in_string = False
    escaped = False
    start = -1
    for index, byte in enumerate(head):
        char = chr(byte)
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if depth == 1:
                    match = _KEY.match(head, start)
                    if match:
                        keys.add(match.group(1).decode())
            continue
        if char == '"':
            in_string, start = True, index
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
    return keys


def reader_by_content(tree: Tree, member: str) -> str | None:
    """The Facebook JSON reader for a member whose name no route knows, from its top-level keys."""
    if not member.lower().endswith(".json"):
        return None
    head = _head(tree, member)
    if not _TOP_KEYS.match(head):
        return None
    keys = _top_level_keys(head)
    return next((reader for key, other, reader in SIGNATURES if key in keys and (not other or other in keys)), None)


def has_meta_signature(tree: Tree) -> bool:
    """True when one of the first JSON members holds a Facebook top-level key (a renamed or partial download)."""
    sample = [m for m in tree.members if m.lower().endswith(".json")][:DETECT_SAMPLE]
    return any(
        reader_by_content(tree, m) not in (None, "thread", "album") or _album_with_geotags(tree, m) for m in sample
    )


def _album_with_geotags(tree: Tree, member: str) -> bool:
    """An album file (`posts/album/N.json`) whose photos carry `photo_metadata`: only Facebook writes these."""
    return reader_by_content(tree, member) == "album" and b"photo_metadata" in _head(tree, member)
