"""The indented writers give exactly the text of json.dumps(..., ensure_ascii=False, indent=2)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_audit.reporters.json_text import document_bytes, dumps_document, dumps_indented

# Any code point in the texts: quotes, backslashes, controls, surrogates, non-Latin text.
WHOLE_SCALARS = st.none() | st.booleans() | st.integers() | st.text()
SCALARS = WHOLE_SCALARS | st.floats(allow_nan=True, allow_infinity=True)


def nested(scalars: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Lists, tuples and dicts (with every kind of key json.dumps takes) of the scalars, nested."""
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text() | st.integers() | st.booleans() | st.none(), inner, max_size=4)
        ),
        max_leaves=30,
    )


VALUES = nested(SCALARS)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_same_text_as_the_standard_library(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{}, [], {"a": []}, {"a": {}}, [[], {}], "", {"é": '\u2028\x00"\\'}])
def test_empty_containers_and_escapes(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{1, 2}, b"bytes", {"k": object()}, {(1, 2): "tuple key"}])
def test_what_json_refuses_is_refused(value: object) -> None:
    with pytest.raises(TypeError):
        json.dumps(value, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps_indented(value)


# What a report document holds: every JSON type but floats, with any text and any integer (an
# integer beyond 64 bits and a lone surrogate are what orjson refuses and the walker then writes).
WHOLE_NUMBERS_ONLY = nested(WHOLE_SCALARS)


@settings(max_examples=400, deadline=None)
@given(WHOLE_NUMBERS_ONLY)
def test_a_document_without_floats_is_written_as_the_standard_library_does(value: object) -> None:
    assert dumps_document(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        {"surrogate": "\ud800"},
        {"huge": 2**70},
        {1: "integer key", None: "null key"},
    ],
)
def test_what_orjson_refuses_is_written_by_the_walker(value: object) -> None:
    assert dumps_document(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(WHOLE_NUMBERS_ONLY)
def test_a_documents_file_is_its_text_and_a_newline_in_utf8(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    try:
        expected = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form: the file cannot hold it either
        with pytest.raises(UnicodeEncodeError):
            document_bytes(value)
        return
    assert document_bytes(value) == expected


def test_what_orjson_refuses_reaches_the_file_through_the_walker() -> None:
    value = {"huge": 2**70, 1: "integer key"}
    assert document_bytes(value) == (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_nesting_deeper_than_orjson_allows_is_written_too() -> None:
    value: list[object] = []
    for _ in range(300):
        value = [value]
    assert dumps_document(value) == json.dumps(value, ensure_ascii=False, indent=2)


@dataclass
class _Record:
    name: str


@pytest.mark.parametrize(
    "value",
    [{1, 2}, b"bytes", {"k": object()}, {(1, 2): "tuple key"}, {"at": datetime(2024, 1, 1)}, [_Record("x")]],
)
def test_what_json_refuses_the_document_writer_refuses(value: object) -> None:
    with pytest.raises(TypeError):
        dumps_document(value)
