"""Indented JSON text, byte for byte what `json.dumps(value, ensure_ascii=False, indent=2)` writes.

The standard library encodes indented JSON with its pure-Python generator (its C encoder only runs
without `indent`), which was a large share of writing a report of ten thousand findings. This writer
builds the same text in one walk: the scalars of a container are written where they are met, by
their exact type, without a call each; strings go through the C escaper once each, as a report
repeats its keys and long texts (a finding's action) thousands of times. It accepts the types
`json.dumps` accepts without a `default` (dict, list, tuple, str, int, float, bool, None, and their
subclasses) and raises TypeError on anything else, as it does.

`dumps_document` writes the same text with orjson, about four times faster again, for the report
documents: their numbers are all integers, and orjson writes floats in its own shorter form
(`1e-5`, where Python writes `1e-05`) and NaN as null, which is the only way its indented text
differs. What orjson refuses (a lone surrogate, an integer beyond 64 bits, a key that is not a
string, nesting beyond 255 levels) goes through the walker instead, so nothing is lost.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaper when available
from typing import Any

import orjson

_INFINITY = float("inf")
_CONSTANTS = {True: "true", False: "false", None: "null"}


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A key as `json.dumps` writes it, escaped."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is True or key is False or key is None:
        return f'"{_CONSTANTS[key]}"'
    if isinstance(key, int):
        return f'"{int.__repr__(key)}"'
    if isinstance(key, float):
        return f'"{_float(key)}"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalar(value: Any) -> str:
    """A value that is not a container, whatever its type (a str enum, an int subclass), or TypeError."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _empty(value: Any) -> str | None:
    """The text of an empty container, or None when `value` is not one."""
    if isinstance(value, dict):
        return None if value else "{}"
    if isinstance(value, list | tuple):
        return None if value else "[]"
    return _scalar(value)


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, faster."""
    out: list[str] = []
    append = out.append
    strings: dict[str, str] = {}  # each distinct string escaped once
    known = strings.get

    def text(item: Any) -> str | None:
        """The text of a scalar or an empty container; None for a container to walk."""
        kind = type(item)
        if kind is str:
            shown = known(item)
            if shown is None:
                shown = strings[item] = encode_basestring(item)
            return shown
        if kind is int:
            return int.__repr__(item)
        if kind is bool or item is None:
            return _CONSTANTS[item]
        if kind is float:
            return _float(item)
        if kind is dict or kind is list:  # SARIF nests a container in nearly every item
            return None if item else ("{}" if kind is dict else "[]")
        return _empty(item)

    def walk(container: Any, indent: str) -> None:
        inner = indent + "  "
        separator = ",\n" + inner
        if isinstance(container, dict):
            before = "{\n" + inner
            for key, item in container.items():
                name = known(key) if type(key) is str else None
                if name is None:
                    name = _key(key)
                    if type(key) is str:
                        strings[key] = name
                # Strings, most of a report, are looked up here rather than through `text`.
                shown = (known(item) or text(item)) if type(item) is str else text(item)
                if shown is not None:
                    append(before + name + ": " + shown)
                else:
                    append(before + name + ": ")
                    walk(item, inner)
                before = separator
            append("\n" + indent + "}")
        else:
            before = "[\n" + inner
            for item in container:
                shown = (known(item) or text(item)) if type(item) is str else text(item)
                if shown is not None:
                    append(before + shown)
                else:
                    append(before)
                    walk(item, inner)
                before = separator
            append("\n" + indent + "]")

    shown = text(value)
    if shown is not None:
        return shown
    walk(value, "")
    return "".join(out)


# A dataclass or a datetime is refused as json.dumps refuses it, not written in orjson's own form.
_ORJSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def dumps_document(value: Any) -> str:
    """`dumps_indented(value)` for a document without floats (the JSON report, the SARIF log), by orjson."""
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS).decode()
    except TypeError:  # orjson.JSONEncodeError is one: see the module's docstring
        return dumps_indented(value)


def document_bytes(value: Any) -> bytes:
    """`dumps_document(value)` and a final newline, in UTF-8: what a report file holds. orjson writes
    bytes, so a large report is not also decoded into text only to be encoded again (ten thousand
    findings are 15 MB, and the two copies cost more than writing them)."""
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS | orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (dumps_indented(value) + "\n").encode("utf-8")
