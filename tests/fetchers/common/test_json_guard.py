"""The byte-level JSON guard measures exactly what the parsed document holds, however the bytes are chunked."""

from __future__ import annotations

import io
import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.json_guard import GuardedStream, JsonGuard, check_json_bytes

# Text rich in the characters the guard must get right: quotes, backslashes, brackets, non-ASCII.
tricky_text = st.text(
    alphabet=st.sampled_from(list('ab"\\[]{}/é😀 \n\t\x00')) | st.characters(codec="utf-8"), max_size=30
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | tricky_text
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(tricky_text, inner, max_size=5),
    max_leaves=40,
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    return []


def depth_of(value: Any) -> int:
    """Nesting depth of a parsed document: the measure the guard must agree with."""
    if not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((depth_of(c) for c in children), default=0)


def _written_length(text: str, ensure_ascii: bool) -> int:
    return len(json.dumps(text, ensure_ascii=ensure_ascii).encode()) - 2


def _feed(data: bytes, cuts: list[int], depth: int, string: int) -> None:
    guard = JsonGuard(depth, string)
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    for start, end in itertools.pairwise(points):
        guard.feed(data[start:end])


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans(), st.sampled_from([None, 1]), st.lists(st.integers(min_value=0), max_size=12))
def test_the_guard_passes_a_document_at_its_own_measure_and_refuses_it_one_below(
    value: Any, ensure_ascii: bool, indent: int | None, cuts: list[int]
) -> None:
    data = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent).encode()
    depth = depth_of(value) if isinstance(value, (list, dict)) else 0
    longest = max((_written_length(s, ensure_ascii) for s in _strings(value)), default=0)
    _feed(data, cuts, depth, longest)
    if depth:
        with pytest.raises(MemberError, match="nesting is deeper"):
            _feed(data, cuts, depth - 1, longest)
    if longest:
        with pytest.raises(MemberError, match="string is longer"):
            _feed(data, cuts, depth, longest - 1)


@pytest.mark.parametrize("cut", range(1, 12))
def test_escaped_backslashes_before_a_quote_split_anywhere(cut: int) -> None:
    # "a\\" then a real closing quote, then a bracket that must count; and "\\\"" that stays open.
    data = rb'["a\\", ["x"], "b\\\"c"]'
    guard = JsonGuard(2, 6)
    guard.feed(data[:cut])
    guard.feed(data[cut:])
    assert guard.depth == 0 and not guard.in_string
    with pytest.raises(MemberError, match="nesting"):
        check_json_bytes(data, max_depth=1, max_string=6)


def test_brackets_inside_strings_do_not_count_and_unbalanced_ones_are_invalid() -> None:
    check_json_bytes(b'["[[[[[[[[[[", "]]]]]]]]"]', max_depth=1, max_string=100)
    with pytest.raises(MemberError, match="closing bracket"):
        check_json_bytes(b"[1]]", max_depth=5, max_string=5)


def test_a_stream_is_refused_before_the_parser_reads_past_the_cap() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    stream = GuardedStream(io.BytesIO(deep), JsonGuard(256, 1024))
    with pytest.raises(MemberError, match="nesting"):
        stream.read(65536)
    long_string = b'["' + b"x" * 5000 + b'"]'
    stream = GuardedStream(io.BytesIO(long_string), JsonGuard(256, 1000))
    stream.read(600)  # the open string is still under the cap
    with pytest.raises(MemberError, match="string is longer than the cap of 1000"):
        stream.read(600)
