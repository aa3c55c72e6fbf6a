"""Safe JSON reading: Meta's mojibake repaired (property-tested), depth and truncation handled."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.jsonio import as_list, fix_meta, fix_meta_text, parse_json_bytes
from exposure_audit.fetchers.common.meta_escapes import meta_text


def meta_mojibake(text: str) -> str:
    """What Meta's exporter does to a string: every UTF-8 byte becomes its own code point."""
    return text.encode("utf-8").decode("latin-1")


@given(st.text())
def test_repair_undoes_metas_escaping_for_any_text(text: str) -> None:
    assert fix_meta_text(meta_mojibake(text)) == text


@given(st.lists(st.text(), min_size=2, max_size=4))
def test_repair_works_around_a_mended_half_character(texts: list[str]) -> None:
    """U+FFFD stands where half a character was escaped on its own (`json_escapes`): Meta's text on
    each side of it is repaired as usual."""
    assert fix_meta_text("\ufffd".join(map(meta_mojibake, texts))) == "\ufffd".join(texts)


@given(st.text())
def test_repair_never_raises_and_leaves_ascii_alone(text: str) -> None:
    repaired = fix_meta_text(text)
    assert isinstance(repaired, str)
    if text.isascii():
        assert repaired == text


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=30,
    )
)
@example(document=["\\u2019 written as text", "caf\u00e9"])  # a backslash and "u2019" is no escape
def test_documents_round_trip_through_meta_json(document: object) -> None:
    escaped = json.dumps(as_meta_writes(document), ensure_ascii=True).encode()
    assert meta_text(escaped.decode()) is not None  # repaired in the text, before parsing (`meta_escapes`)
    assert parse_json_bytes(escaped, max_depth=1000, meta=True) == document


def as_meta_writes(value: object) -> object:
    """A document as Meta's exporter writes it: every string and key mojibake."""
    if isinstance(value, str):
        return meta_mojibake(value)
    if isinstance(value, list):
        return [as_meta_writes(v) for v in value]
    if isinstance(value, dict):
        return {meta_mojibake(k): as_meta_writes(v) for k, v in value.items()}
    return value


def test_known_examples_are_repaired() -> None:
    assert fix_meta_text("K\u00c3\u00b8benhavn") == "København"
    assert fix_meta_text("\u00f0\u009f\u0087\u00a8\u00f0\u009f\u0087\u00b4") == "🇨🇴"
    assert fix_meta({"Nov\u00c3\u00a1k": ["Zl\u00c3\u00adn"]}) == {"Novák": ["Zlín"]}


def test_deep_nesting_is_a_member_error_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(MemberError, match="nesting"):
        parse_json_bytes(deep, max_depth=256)
    moderately = b"[" * 300 + b"]" * 300
    with pytest.raises(MemberError, match="nesting"):
        parse_json_bytes(moderately, max_depth=256)


@pytest.mark.parametrize("data", [b'[{"post": "cut off', b"\xff\xfe\x00garbage", b""])
def test_truncated_or_binary_members_are_member_errors(data: bytes) -> None:
    with pytest.raises(MemberError):
        parse_json_bytes(data, max_depth=256)


def test_single_record_helper() -> None:
    assert as_list({"x": 1}) == [{"x": 1}] and as_list([1]) == [1] and as_list(None) == []
