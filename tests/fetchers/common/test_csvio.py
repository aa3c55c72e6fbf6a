"""CSV reading: encodings, the Notes: preamble, multi-line fields and damaged files."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.csvio import (
    CsvRow,
    PreambleError,
    header_key,
    iter_csv,
    preamble_length,
    sniff_encoding,
    strip_notes_preamble,
)
from exposure_audit.limits import Limits
from exposure_audit.model import Skipped
from exposure_audit.sources.archive import Tree

NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    'missing.\nYou can learn more in the help centre."\n\n'
)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    'Ada,Quill,https://www.linkedin.com/in/ada-quill-0000,,Coastal Freight Co,"Analyst, Team 3",14 Jan 2026\n'
    ",,,,,,29 Dec 2025\n"
)


def read(
    tmp_path: Path, data: bytes, name: str = "Connections.csv", limits: Limits | None = None
) -> tuple[list[CsvRow], list[Skipped]]:
    (tmp_path / name).write_bytes(data)
    tree = Tree.open([tmp_path], limits or Limits())
    rows: list[CsvRow] = []
    skipped: list[Skipped] = []
    for record in iter_csv(tree, name):
        if isinstance(record, Skipped):
            skipped.append(record)
        else:
            rows.append(record[1])
    tree.close()
    return rows, skipped


def test_header_keys() -> None:
    assert header_key("Connected On") == "connectedon"
    assert header_key("Date/Time") == "datetime"
    assert header_key("\ufeffFirst Name") == "firstname"
    assert header_key("Invited by (First Name)") == "invitedbyfirstname"


def test_utf8_bom_and_notes_preamble(tmp_path: Path) -> None:
    rows, skipped = read(tmp_path, codecs.BOM_UTF8 + (NOTES + CONNECTIONS).encode())
    assert skipped == []
    assert [r.get("firstname") for r in rows] == ["Ada", ""]
    assert rows[0].get("position") == "Analyst, Team 3"
    assert rows[1].get("connectedon") == "29 Dec 2025"
    assert rows[0].pointer == "row 1"


def test_crlf_and_multiline_quoted_fields(tmp_path: Path) -> None:
    data = 'Date,ShareLink,ShareCommentary\r\n2025-11-19 09:59:30,https://x.invalid/1,"line one\r\n\r\nline three"\r\n'
    rows, skipped = read(tmp_path, data.encode(), "Shares.csv")
    assert skipped == []
    assert rows[0].get("sharecommentary") == "line one\r\n\r\nline three"


def test_utf16le_bom_tab_separated(tmp_path: Path) -> None:
    text = '"Date"\t"Share Commentary"\t"Visibility"\r\n"2017/06/08 08:15:44 UTC"\t"Hello, world"\t"PUBLIC"\r\n'
    rows, skipped = read(tmp_path, codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "Shares.csv")
    assert skipped == []
    assert rows[0].get("sharecommentary") == "Hello, world"
    assert rows[0].get("date") == "2017/06/08 08:15:44 UTC"


def test_utf16le_without_bom_is_sniffed(tmp_path: Path) -> None:
    rows, skipped = read(tmp_path, CONNECTIONS.encode("utf-16-le"))
    assert skipped == []
    assert rows[0].get("company") == "Coastal Freight Co"


def test_wrong_encoding_is_read_with_a_notice(tmp_path: Path) -> None:
    data = "First Name,Last Name,Company\nZoë,Müller,Café Rouge\n".encode("cp1252")
    rows, skipped = read(tmp_path, data)
    assert rows[0].get("firstname") == "Zoë"
    assert [s.source.pointer for s in skipped] == ["encoding"]
    assert "Windows-1252" in skipped[0].reason


def test_late_invalid_bytes_are_replaced_with_a_notice(tmp_path: Path) -> None:
    good = "First Name,Company\n" + "".join(f"Name{i},Coastal Freight Co\n" for i in range(5000))
    data = good.encode() + b"Bad\xff\xfeName,X\n"
    rows, skipped = read(tmp_path, data)
    assert len(rows) == 5001
    assert len(skipped) == 1 and "replacement" in skipped[0].reason


def test_binary_member_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Connections.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    tree = Tree.open([tmp_path])
    with pytest.raises(MemberError, match="binary"):
        list(iter_csv(tree, "Connections.csv"))


def test_truncated_inside_quotes_keeps_earlier_rows(tmp_path: Path) -> None:
    data = CONNECTIONS + 'Bo,Reed,,,Coastal Freight Co,"Driver, night'
    rows, skipped = read(tmp_path, data.encode())
    assert [r.get("firstname") for r in rows] == ["Ada", ""]
    assert len(skipped) == 1 and "truncated" in skipped[0].reason
    assert skipped[0].source.pointer == "row 3"


def test_short_and_long_rows_are_skipped_alone(tmp_path: Path) -> None:
    data = "A,B,C\n1,2,3\n4,5\n6,7,8,9\n10,11,12,,\n13,14,15\n"
    rows, skipped = read(tmp_path, data.encode(), "Other.csv")
    assert [r.get("a") for r in rows] == ["1", "10", "13"]
    assert [s.source.pointer for s in skipped] == ["row 2", "row 3"]


def test_malformed_quoting_skips_one_record(tmp_path: Path) -> None:
    data = 'A,B\n1,2\n"3"x,4\n5,6\n'
    rows, skipped = read(tmp_path, data.encode(), "Other.csv")
    assert [r.get("a") for r in rows] == ["1", "5"]
    assert [s.source.pointer for s in skipped] == ["row 2"]


def test_field_size_cap(tmp_path: Path) -> None:
    data = 'A,B\n1,2\n3,"' + "x" * 500 + '"\n5,6\n'
    rows, skipped = read(tmp_path, data.encode(), "Other.csv", Limits(csv_field_chars=100))
    assert [r.get("a") for r in rows] == ["1"]
    assert "cap of 100" in skipped[0].reason


def test_empty_and_header_only_files(tmp_path: Path) -> None:
    assert read(tmp_path, b"", "Empty.csv") == ([], [])
    assert read(tmp_path, b"Name\n", "Skills.csv") == ([], [])


def test_preamble_without_header_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Connections.csv").write_bytes(b'Notes:\n"only a note"\n\n')
    tree = Tree.open([tmp_path])
    with pytest.raises(MemberError, match="no header"):
        list(iter_csv(tree, "Connections.csv"))


def test_sniff_encoding() -> None:
    assert sniff_encoding(codecs.BOM_UTF8 + b"a,b") == ("utf-8-sig", "")
    assert sniff_encoding(codecs.BOM_UTF16_LE + "a".encode("utf-16-le")) == ("utf-16", "")
    assert sniff_encoding(b"a,b\n") == ("utf-8", "")
    assert sniff_encoding("a,é".encode()[:-1]) == ("utf-8", "")  # a character cut by the sample end


@pytest.mark.parametrize(
    ("text", "header_start"),
    [
        (NOTES + CONNECTIONS, "First Name"),
        ("\ufeff" + NOTES + CONNECTIONS, "First Name"),
        ('notes:\n"a note"\nFirst Name,Last Name\n', "First Name"),  # no blank line after the note
        ("Notes:\nplain note\n\n\n\nFirst Name\n", "First Name"),
        ('Notes:\n"a note\n\nwith a blank line inside"\n\nHeader\n', "Header"),
    ],
)
def test_preamble_shapes(text: str, header_start: str) -> None:
    assert strip_notes_preamble(text).startswith(header_start)


@pytest.mark.parametrize("text", ["Notes:", "Notes:\n", 'Notes:\n"unterminated\n\nHeader\n', "Notes:\n\n\n"])
def test_preamble_without_header(text: str) -> None:
    with pytest.raises(PreambleError):
        preamble_length(text)


_LINES = st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=30), max_size=8)


@given(st.text())
def test_preamble_stripper_raises_only_its_error(text: str) -> None:
    try:
        stripped = strip_notes_preamble(text)
    except PreambleError:
        return
    assert text.endswith(stripped)


@given(_LINES)
def test_text_without_preamble_is_unchanged(lines: list[str]) -> None:
    text = "\n".join(lines)
    if text.lstrip("\ufeff \t").lower().startswith("notes:"):
        return
    assert strip_notes_preamble(text) is text


@given(_LINES, st.lists(st.text(alphabet="abcXYZ ,", min_size=1, max_size=20), min_size=1, max_size=5))
def test_preamble_then_blank_line_then_csv(note: list[str], csv_lines: list[str]) -> None:
    body = "\n".join(line.replace('"', "") for line in note)
    header = "H" + csv_lines[0]
    text = 'Notes:\n"' + body + '"\n\n' + "\n".join([header, *csv_lines[1:]])
    assert strip_notes_preamble(text).startswith(header)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_rows_skips_or_a_member_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "Any.csv").write_bytes(data)
        tree = Tree.open([Path(folder)])
        try:
            for record in iter_csv(tree, "Any.csv"):
                assert isinstance(record, Skipped) or isinstance(record[1], CsvRow)
        except MemberError:
            pass
        finally:
            tree.close()
