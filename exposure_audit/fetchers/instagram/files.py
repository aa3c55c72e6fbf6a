"""Reading Instagram members: its nameless media files, and the record list inside a JSON member.

Instagram writes some media files without an extension (`media/posts/202403/FQIoAk..._1807...`);
they are found by their first bytes (`fetchers/common/media_kind.py`). JSON members hold
their records in one of three shapes: a bare list, a single bare object (Meta's one-record quirk),
or an object whose one key ("ig_stories", "profile_user" ...) holds the list. Large members are
streamed so that memory does not grow with the number of records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from exposure_audit.fetchers.common.jsonio import iter_json_array, read_json
from exposure_audit.fetchers.common.media_kind import MediaKind, kind_by_name, member_kind
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.sources.archive import Tree

STREAM_BYTES = 8 * 1024 * 1024  # JSON members above this are streamed record by record


def extensionless_images(tree: Tree) -> list[str]:
    """Members without an extension whose bytes are an image (Instagram's nameless media files)."""
    return [
        path
        for path in tree.members
        if kind_by_name(path) is MediaKind.UNKNOWN and member_kind(tree, path) is MediaKind.IMAGE
    ]


_WRAPPER_KEY = re.compile(rb'^\s*\{\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[')


def _streamable_prefix(tree: Tree, member: str, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """(ijson prefix, pointer) of the record list of a large member, None when it cannot be streamed."""
    with tree.open_member(member) as handle:
        head = handle.read(4096).removeprefix(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"["):
        return "item", ""
    match = _WRAPPER_KEY.match(head)
    if match:
        key = match.group(1).decode("utf-8", "replace")
        if key in keys and "." not in key:
            return f"{key}.item", pointer_join("", key)
    return None


def iter_record_list(
    tree: Tree, member: str, keys: tuple[str, ...], is_record: Callable[[dict[str, Any]], bool]
) -> Iterator[tuple[str, Any]]:
    """(pointer, record) for every record of a JSON member, in order; MemberError if it is unreadable.

    The records are the document itself when it is a list, the value of the first of `keys` present,
    or the value of an unknown wrapper's only key (a renamed wrapper) when the object is not itself a
    record. A bare record stands for a one-record list (Meta's quirk).
    """
    size = tree.members[member].size if member in tree.members else 0
    if size > STREAM_BYTES:
        located = _streamable_prefix(tree, member, keys)
        if located is not None:
            prefix, base = located
            for index, element in enumerate(iter_json_array(tree, member, prefix, meta=True)):
                yield pointer_join(base, index), element
            return
    document = read_json(tree, member, meta=True)
    base, value = unwrap(document, keys, is_record)
    if isinstance(value, list):
        for index, element in enumerate(value):
            yield pointer_join(base, index), element
    elif value is not None:
        yield base, value


def unwrap(document: Any, keys: tuple[str, ...], is_record: Callable[[dict[str, Any]], bool]) -> tuple[str, Any]:
    """(pointer, value) of the part of a parsed document that holds the records; see `iter_record_list`."""
    if isinstance(document, dict):
        for key in keys:
            if key in document:
                return pointer_join("", key), document[key]
        if len(document) == 1 and not is_record(document):
            ((key, value),) = document.items()
            if isinstance(value, (list, dict)):
                return pointer_join("", str(key)), value
    return "", document
