"""Recognise a Meta (Facebook) JSON member by what it holds, not only by its file name.

Downloads re-packed by people or tools rename files (`comments_and_reactions.json` holding
`comments_v2`, `v2_profile_information.json` holding `profile_v2`), and partial downloads keep only
some folders; the top-level keys still say what a file is (export-formats, "Quirks seen in real
published downloads"). Only the opening of a member is read: Meta writes the top-level key first,
and an album's `name` and `photos` come before its long list of photos.
"""

from __future__ import annotations

import re

from exposure_audit.fetchers.base import Peek
from exposure_audit.sources.archive import Tree

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


def meta_keys(peek: Peek) -> frozenset[str]:
    """The top-level keys of a JSON member, from its opening; empty for anything else."""
    if not peek.path.lower().endswith(".json"):
        return frozenset()
    head = peek.head(HEAD_BYTES)
    return frozenset(_top_level_keys(head)) if _TOP_KEYS.match(head) else frozenset()


def has_signature(keys: frozenset[str], key: str, other: str) -> bool:
    return key in keys and (not other or other in keys)


def _signed(peek: Peek) -> str | None:
    keys = peek.derived(meta_keys)
    return next((reader for key, other, reader in SIGNATURES if has_signature(keys, key, other)), None)


def reader_by_content(tree: Tree, member: str) -> str | None:
    """The Facebook JSON reader for a member whose name no route knows, from its top-level keys."""
    return _signed(Peek(tree, member))


def has_meta_signature(tree: Tree) -> bool:
    """True when one of the first JSON members holds a Facebook top-level key (a renamed or partial download).

    An album file (`posts/album/N.json`) counts only when its photos carry `photo_metadata`: only
    Facebook writes these; a message thread's keys are too common to count."""
    for member in [m for m in tree.members if m.lower().endswith(".json")][:DETECT_SAMPLE]:
        peek = Peek(tree, member)
        reader = _signed(peek)
        if reader not in (None, "thread", "album"):
            return True
        if reader == "album" and b"photo_metadata" in peek.head(HEAD_BYTES):
            return True
    return False
