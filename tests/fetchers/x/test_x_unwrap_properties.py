"""Properties of the X `.js` unwrapper: every way X writes the assignment unwraps to the same JSON, the
streamed and whole-file readers agree, and no bytes make it raise anything but MemberError."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.x import js as x_js
from exposure_audit.fetchers.x.js import iter_js_array, read_js, strip_wrapper
from exposure_audit.sources.archive import Tree

MEMBER = "data/tweets.js"

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**15), max_value=10**15)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)
records = st.lists(
    st.dictionaries(st.sampled_from(["tweet", "like", "account", "id", "full_text"]), json_values, max_size=3),
    max_size=6,
)
names = st.from_regex(r"[A-Za-z_$][A-Za-z0-9_$]{0,20}", fullmatch=True)  # data type names are ASCII
spaces = st.sampled_from(["", " ", "  ", "\t", "\n", "\r\n"])


@st.composite
def assignments(draw: st.DrawFn) -> bytes:
    """`window.YTD.<name>.part<N> = `, spaced and prefixed as real (and re-saved) archives write it."""
    s = [draw(spaces) for _ in range(6)]
    name, part = draw(names), draw(st.integers(min_value=0, max_value=999))
    head = f"{s[0]}window{s[1]}.{s[2]}YTD{s[3]}.{s[4]}{name}{s[5]}.part{part}{draw(spaces)}={draw(spaces)}"
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + head.encode()


@st.composite
def tails(draw: st.DrawFn) -> bytes:
    return (draw(spaces) + draw(st.sampled_from(["", ";"])) + draw(spaces)).encode()


def _tree(data: bytes) -> Tree:
    return Tree.from_memory("x-archive", {MEMBER: data})


@settings(max_examples=300)
@given(assignments(), json_values, tails(), st.booleans())
def test_any_assignment_unwraps_to_the_document_it_wraps(head: bytes, value: Any, tail: bytes, indent: bool) -> None:
    body = json.dumps(value, indent=1 if indent else None).encode()
    assert json.loads(strip_wrapper(head + body + tail)) == value
    assert read_js(_tree(head + body + tail), MEMBER) == value


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=4), spaces, spaces)
def test_the_manifest_assignment_unwraps_too(value: dict[str, Any], before: str, after: str) -> None:
    data = f"window.__THAR_CONFIG{before}={after}".encode() + json.dumps(value).encode()
    assert json.loads(strip_wrapper(data)) == value


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assignments(), records, tails())
def test_streamed_and_whole_reading_give_the_same_records(
    monkeypatch: pytest.MonkeyPatch, head: bytes, document: list[dict[str, Any]], tail: bytes
) -> None:
    data = head + json.dumps(document).encode() + tail
    whole = list(iter_js_array(_tree(data), MEMBER))
    with monkeypatch.context() as patched:
        patched.setattr(x_js, "STREAM_BYTES", 0)  # every member is streamed
        streamed = list(iter_js_array(_tree(data), MEMBER))
    assert streamed == whole == document


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assignments(), st.dictionaries(st.text(max_size=8), json_values, min_size=1, max_size=3) | json_values)
def test_a_document_that_is_not_a_list_is_refused_streamed_or_whole(
    monkeypatch: pytest.MonkeyPatch, head: bytes, value: Any
) -> None:
    assume(not isinstance(value, list))
    data = head + json.dumps(value).encode()
    for threshold in (x_js.STREAM_BYTES, 0):
        with monkeypatch.context() as patched:
            patched.setattr(x_js, "STREAM_BYTES", threshold)
            with pytest.raises(MemberError, match="expected a list"):
                list(iter_js_array(_tree(data), MEMBER))


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.builds(lambda h, b: h + b, assignments(), st.binary(max_size=200))))
def test_no_bytes_make_the_readers_raise_anything_but_member_error(
    monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    for threshold in (x_js.STREAM_BYTES, 0):
        with monkeypatch.context() as patched:
            patched.setattr(x_js, "STREAM_BYTES", threshold)
            with contextlib.suppress(MemberError):
                list(iter_js_array(_tree(data), MEMBER))
    try:
        unwrapped = strip_wrapper(data)
    except MemberError:
        return
    assert data.rstrip().removesuffix(b";").endswith(unwrapped)


def test_a_streamed_file_may_end_with_a_semicolon(monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-saved archives end the assignment with ';': the streaming parser must not call it garbage."""
    monkeypatch.setattr(x_js, "STREAM_BYTES", 16)
    records = [{"tweet": {"id": str(n), "full_text": "x" * 50 + "\\ud83d\\ude00"}} for n in range(200)]
    data = b"window.YTD.tweets.part0 = " + json.dumps(records).encode() + b";\n \n"
    assert list(iter_js_array(_tree(data), MEMBER)) == records
    padded = b"window.YTD.tweets.part0 = [" + b" " * 200_000 + b"1]  ;"
    assert list(iter_js_array(_tree(padded), MEMBER)) == [1]


def _streamed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> list[Any]:
    with monkeypatch.context() as patched:
        patched.setattr(x_js, "STREAM_BYTES", 0)
        return list(iter_js_array(_tree(data), MEMBER))


@pytest.mark.parametrize("tail", [b";", b"\n;\n", b" ; "])
def test_a_streamed_file_longer_than_its_first_read_may_end_with_a_semicolon(
    monkeypatch: pytest.MonkeyPatch, tail: bytes
) -> None:
    document = [{"id": str(n), "full_text": "synthetic tweet text"} for n in range(400)]  # well over 4 KiB
    assert _streamed(monkeypatch, b"window.YTD.tweets.part0 = " + json.dumps(document).encode() + tail) == document


def test_two_semicolons_after_a_streamed_array_are_refused_as_whole_reading_refuses_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = b"window.YTD.tweets.part0 = " + json.dumps([{"id": "1"}] * 400).encode() + b";;"
    with pytest.raises(MemberError):
        list(iter_js_array(_tree(data), MEMBER))
    with pytest.raises(MemberError):
        _streamed(monkeypatch, data)


def test_a_semicolon_or_space_where_the_first_read_ends_stays_in_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    head = b"window.YTD.tweets.part0 = "
    opening = b'[{"full_text": "'
    filler = "a" * (4096 - len(head) - len(opening) - 2)
    for boundary in (" ;", "; ", "  "):  # the last two bytes of the first 4096-byte read
        document = [{"full_text": filler + boundary + "rest"}]
        data = head + json.dumps(document).encode()
        assert data[4094:4096] == boundary.encode()
        assert _streamed(monkeypatch, data) == document
