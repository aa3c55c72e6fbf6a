"""Safe JSON reading shared by every fetcher: size and depth caps, Meta's mojibake repaired.

Meta (Facebook, Instagram, Threads) writes UTF-8 text with every byte >= 0x80 escaped as its own
`\\u00XX`, so a standard decoder yields Latin-1 code points ("KÃ¸benhavn"). The repair re-encodes
such a string as Latin-1 and decodes it as UTF-8; strings that are not mojibake are left alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import ijson

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.json_escapes import MendedStream, mend_lone_halves
from exposure_audit.fetchers.common.json_guard import ByteSource, GuardedStream, JsonGuard, check_json_bytes
from exposure_audit.fetchers.common.meta_escapes import meta_text
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.sources.archive import Tree

JSON = Any


def fix_meta_text(text: str) -> str:
    """Repair one Meta mojibake string; return it unchanged when it is not mojibake."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    if "\ufffd" in text:  # half a character escaped on its own, mended (`json_escapes`): repair around it
        return "\ufffd".join(map(fix_meta_text, text.split("\ufffd")))
    return text


def fix_meta(value: JSON) -> JSON:
    """Repair every string and key in a parsed Meta document (iteratively: no recursion limit).

    Repaired in place, since the document was just parsed: a dict is rebuilt only when one of its
    keys is not ASCII (almost never), and an ASCII string, which cannot be mojibake, is not touched."""
    if isinstance(value, str):
        return fix_meta_text(value)
    if not isinstance(value, (dict, list)):
        return value
    root: list[JSON] = [value]
    stack: list[tuple[Any, Any, JSON]] = [(root, 0, value)]
    while stack:
        parent, key, node = stack.pop()
        if isinstance(node, dict):
            if not "".join(node).isascii():  # parsed JSON: every key is a string
                node = {fix_meta_text(k): v for k, v in node.items()}
                parent[key] = node
            for k, v in node.items():
                if isinstance(v, str):
                    if not v.isascii():
                        node[k] = fix_meta_text(v)
                elif isinstance(v, (dict, list)):
                    stack.append((node, k, v))
        else:
            for i, v in enumerate(node):
                if isinstance(v, str):
                    if not v.isascii():
                        node[i] = fix_meta_text(v)
                elif isinstance(v, (dict, list)):
                    stack.append((node, i, v))
    return root[0]


def parse_json_bytes(
    data: bytes, *, max_depth: int, meta: bool = False, max_string: int = DEFAULT_LIMITS.json_string_chars
) -> JSON:
    """Decode bytes (UTF-8, optional BOM) as JSON, enforcing the depth and string caps; MemberError on failure.
    An escaped half character without its partner is read as U+FFFD (`json_escapes`). With `meta`,
    Meta's mojibake is repaired: in the text before parsing when it allows (`meta_escapes`), else in
    the parsed value."""
    data = mend_lone_halves(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MemberError(f"not UTF-8 text (byte {exc.start})") from exc
    check_json_bytes(data, max_depth=max_depth, max_string=max_string)  # before the parser builds anything
    repaired = meta_text(text) if meta else None
    if repaired is not None:
        try:
            return json.loads(repaired)
        except (RecursionError, ValueError):
            pass  # refused below, in the words used for every document
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise MemberError(f"JSON nesting is deeper than the cap of {max_depth} levels") from exc
    except json.JSONDecodeError as exc:
        raise MemberError(f"invalid or truncated JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except ValueError as exc:  # an integer of more digits than Python converts (4,300)
        raise MemberError(f"invalid JSON ({exc})") from exc
    # No depth check of the parsed value: check_json_bytes is exact for valid JSON, which it now is.
    return fix_meta(value) if meta else value


def read_json(tree: Tree, path: str, *, meta: bool = False) -> JSON:
    """Read a whole JSON member within the tree's limits."""
    data = tree.read_bytes(path, tree.limits.json_bytes)
    return parse_json_bytes(data, max_depth=tree.limits.json_depth, meta=meta, max_string=tree.limits.json_string_chars)


def guarded_stream(handle: ByteSource, limits: Limits) -> GuardedStream:
    """JSON bytes as a streaming parser is to read them: escaped half characters mended, and every
    chunk checked against the depth and string caps before the parser sees it."""
    return GuardedStream(MendedStream(handle), JsonGuard(limits.json_depth, limits.json_string_chars))


def stream_error(exc: ijson.common.JSONError) -> MemberError:
    """The streaming parser's complaint, worded as for a document read whole. Only its first line is
    kept: the lines after it quote the text around the damage, which may be a person's own words,
    and a report must not show them unmasked."""
    problem = str(exc).split("\n", 1)[0].strip() or "unreadable"
    if isinstance(exc, ijson.common.IncompleteJSONError):
        return MemberError(f"invalid or truncated JSON ({problem})")
    return MemberError(f"invalid JSON ({problem})")


def iter_json_array(tree: Tree, path: str, prefix: str, *, meta: bool = False) -> Iterator[JSON]:
    """Stream the elements of the array at `prefix` ("item" for a top-level list, "key.item" under a key).

    Used for large members so that memory does not grow with the number of records. The bytes are
    checked against the depth and string caps as they are read, and escaped half characters are mended
    (`json_escapes`); each element is mojibake-repaired on its own. A truncated document raises
    MemberError after the elements before the damage have been yielded.
    """
    limits = tree.limits
    with tree.open_member(path) as handle:
        guarded = guarded_stream(handle, limits)
        try:
            # The guard has checked every byte of an element before the parser yields it (it reads
            # ahead of the parser), so the elements need no depth check of their own.
            for element in ijson.items(guarded, prefix, use_float=True):
                yield fix_meta(element) if meta else element
        except ijson.common.JSONError as exc:
            raise stream_error(exc) from exc


def as_list(value: JSON) -> list[JSON]:
    """Meta writes a file with exactly one record as that bare object instead of a one-element list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
