"""Meta's mojibake undone in the text before parsing: the same value as parsing and `fix_meta` (documents
as Meta writes them round-trip in `test_jsonio`)."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.jsonio import fix_meta, parse_json_bytes
from exposure_audit.fetchers.common.meta_escapes import meta_text
from tests.fetchers.common.test_jsonio import as_meta_writes


def test_an_escaped_backslash_before_u00_keeps_the_fast_reading() -> None:
    value = ["C:\\u00c3 is a folder, café is not", {"\\\\u00e9": "naïve"}]
    data = json.dumps(as_meta_writes(value)).encode("ascii")
    assert b"\\\\u00c3" in data
    assert meta_text(data.decode()) is not None
    assert parse_json_bytes(data, max_depth=64, meta=True) == value


# Documents Meta does not write: raw non-ASCII, escapes of wide characters, escaped bytes that are
# not UTF-8 (a character cut in two), escaped backslashes before "u00..", escapes below 0x80.
_ODD_TEXT = st.lists(
    st.sampled_from(
        [
            "a",
            "é",
            "Ã©",
            "€",
            "\\u00c3\\u00a9",
            "\\u00e2\\u0082\\u00ac",
            "\\u00c3",
            "\\u00a9",
            "\\u00e9",
            "\\u0041",
            "\\u2019",
            "\\\\",
            "u00c3",
            '\\"',
        ]
    )
).map("".join)
_ODD_DOCUMENTS = st.lists(_ODD_TEXT, max_size=4).map(lambda texts: "[" + ", ".join(f'"{t}"' for t in texts) + "]")


@given(_ODD_DOCUMENTS)
@example('["\\u2019 \\u00c3\\u00a9"]')  # a wide character beside escaped bytes: fix_meta leaves the string
@example('["Ã©", "\\u00c3\\u00a9"]')  # raw text that looks like mojibake
@example('["\\u00c3", "\\u00c3\\u0041\\u00a9"]')  # a character cut in two, or split by an escape
def test_any_other_document_reads_as_parsing_and_repairing_it_gives(document: str) -> None:
    data = document.encode("utf-8")
    assert parse_json_bytes(data, max_depth=64, meta=True) == fix_meta(json.loads(document))


def test_a_damaged_document_is_refused_in_the_words_used_for_every_document() -> None:
    data = b'[{"post": "caf\\u00c3\\u00a9 \\u00f0\\u009f\\u0092\\u00aa"}, {"post": '
    with pytest.raises(MemberError) as as_meta:
        parse_json_bytes(data, max_depth=64, meta=True)
    with pytest.raises(MemberError) as plain:
        parse_json_bytes(data, max_depth=64)
    assert as_meta.value.reason == plain.value.reason
    assert as_meta.value.reason == "invalid or truncated JSON (Expecting value at line 1 column 65)"  # as written
