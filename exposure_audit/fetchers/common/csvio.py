"""CSV reading shared by fetchers: encoding sniffing, LinkedIn's `Notes:` preamble, damaged files.

A member is streamed, never read whole. The encoding is chosen from the first bytes: a UTF-8 BOM,
a UTF-16 BOM (LinkedIn's 2018 files: UTF-16LE, tab-separated, every field quoted), UTF-16 without a
BOM (NUL bytes in every other position), else UTF-8; a head that is not valid UTF-8 is read as
Windows-1252 (a CSV re-saved by a spreadsheet program) with a notice. The delimiter is taken from the
header line. Multi-line quoted fields are handled by the csv module.

Damage does not lose the rest: a record the csv module refuses, or a row shorter or longer than the
header, becomes a `Skipped` with its row; a file that ends inside a quoted field (truncated) yields
the rows before the damage and then a `Skipped`. Rows are numbered from 1 after the header, in the
`row N` pointer form used by every CSV source reference.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import skip
from exposure_audit.model import Skipped
from exposure_audit.reporters.plural import plural
from exposure_audit.sources.archive import Tree

SNIFF_BYTES = 64 * 1024
_HEAD_CHARS = 64 * 1024
_NOTES = re.compile(r"\A\ufeff?[ \t]*notes:", re.IGNORECASE)
# a backslash-escaped quote inside a field: \" not followed by the delimiter or the line end
_BACKSLASH_QUOTE = re.compile(r'[^\\]\\"(?![,\t\r\n])')


class PreambleError(ValueError):
    """A file starts with a `Notes:` preamble but no header line follows it."""


def header_key(name: str) -> str:
    """A header cell as a lookup key: lower case, letters and digits only ("Connected On" -> "connectedon")."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


@dataclass(frozen=True, slots=True)
class CsvRow:
    number: int  # 1 = first record after the header
    values: dict[str, str]  # header_key -> cell as written

    @property
    def pointer(self) -> str:
        return f"row {self.number}"

    def get(self, *keys: str) -> str:
        """The first non-empty cell among `keys` (header_key form), stripped; "" when none."""
        for key in keys:
            value = self.values.get(key, "").strip()
            if value:
                return value
        return ""


@dataclass(frozen=True, slots=True)
class CsvHeader:
    names: tuple[str, ...]  # as written (BOM and surrounding spaces removed)
    keys: tuple[str, ...]  # header_key of each name

    def has(self, *keys: str) -> bool:
        return all(k in self.keys for k in keys)


def _line_end(text: str, start: int) -> int:
    """Index just after the line that begins at `start` (or len(text))."""
    for index in range(start, len(text)):
        char = text[index]
        if char == "\n":
            return index + 1
        if char == "\r":
            return index + 2 if text[index + 1 : index + 2] == "\n" else index + 1
    return len(text)


def preamble_length(text: str) -> int:
    """How many leading characters of `text` are a `Notes:` preamble (0 when there is none).

    The preamble is the `Notes:` line, then the note (often one quoted, possibly multi-line field),
    then blank lines. The header is the first non-blank line after the first blank line outside
    quotes; without such a blank line it is the line after the note. Raises PreambleError (and
    nothing else) when no header follows.
    """
    if not _NOTES.match(text):
        return 0
    position = _line_end(text, 0)
    note_end = -1
    quoted = False
    while position < len(text):
        end = _line_end(text, position)
        line = text[position:end]
        if not quoted and not line.strip():
            break  # a blank line outside quotes ends the note
        quoted ^= line.count('"') % 2 == 1
        position = end
        if not quoted and note_end < 0:
            note_end = position
    else:
        if quoted or note_end < 0 or note_end >= len(text):
            raise PreambleError("the file has a 'Notes:' preamble but no header line after it")
        position = note_end  # no blank line: the header is the line right after the note
    while position < len(text):
        end = _line_end(text, position)
        if text[position:end].strip():
            return position
        position = end
    raise PreambleError("the file has a 'Notes:' preamble but no header line after it")


def strip_notes_preamble(text: str) -> str:
    """`text` without its `Notes:` preamble; the same string when it has none."""
    length = preamble_length(text)
    return text[length:] if length else text


def sniff_encoding(head: bytes) -> tuple[str, str]:
    """(codec, notice) for a member that starts with `head`; notice is "" when nothing is doubtful."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ""
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16", ""
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", ""
    sample = head[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        odd_nuls = sample[1::2].count(0)
        even_nuls = sample[0::2].count(0)
        if odd_nuls > len(sample) // 4 and even_nuls == 0:
            return "utf-16-le", ""
        if even_nuls > len(sample) // 4 and odd_nuls == 0:
            return "utf-16-be", ""
        raise MemberError("binary data, not CSV text")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return "cp1252", "not UTF-8 text; read as Windows-1252, so some letters may be wrong"
    return "utf-8", ""


def _delimiter(header_line: str) -> str:
    return "\t" if header_line.count("\t") > header_line.count(",") else ","


class LineTooLong(csv.Error):
    """A line longer than the field cap, refused before all of it is in memory."""


def _line(text: io.TextIOBase, cap: int) -> str:
    line = text.readline(cap + 1)
    if len(line) > cap:
        raise LineTooLong(f"field larger than field limit ({cap})")  # the csv module's own wording
    return line


def _bounded_lines(text: io.TextIOBase, cap: int) -> Iterator[str]:
    while line := _line(text, cap):
        yield line


def _head_lines(text: io.TextIOBase, cap: int) -> str:
    """At least the first 64K characters, ending on a line boundary so records are not split."""
    head = text.read(_HEAD_CHARS)
    if len(head) == _HEAD_CHARS:
        head += _line(text, cap)
    return head


def iter_csv(tree: Tree, path: str) -> Iterator[tuple[CsvHeader, CsvRow] | Skipped]:
    """Rows of one CSV member with its header; Skipped entries for damage. Raises MemberError when
    the member cannot be read as CSV at all (binary data, a preamble without a header)."""
    with tree.open_member(path) as probe:
        head_bytes = probe.read(SNIFF_BYTES)
    encoding, notice = sniff_encoding(head_bytes)
    if notice:
        yield skip(tree, path, notice, pointer="encoding")
    with tree.open_member(path) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        try:
            try:
                head = _head_lines(text, tree.limits.csv_field_chars)
            except LineTooLong as exc:
                raise MemberError(
                    f"a line is longer than the cap of {tree.limits.csv_field_chars} characters "
                    "for one CSV field; the file was not read"
                ) from exc
            try:
                head = head[preamble_length(head) :]
            except PreambleError as exc:
                raise MemberError(str(exc)) from exc
            head = head.lstrip("\ufeff")
            lines: Iterable[str] = chain(
                io.StringIO(head, newline=""), _bounded_lines(text, tree.limits.csv_field_chars)
            )
            first_line = head[: _line_end(head, 0)]
            # LinkedIn 2025 escapes a quote inside a field as \" rather than doubling it
            escape = "\\" if _BACKSLASH_QUOTE.search(head) else None
            yield from _rows(tree, path, lines, _delimiter(first_line), escape)
        except (UnicodeError, OSError, EOFError) as exc:
            raise MemberError(f"member cannot be decoded ({type(exc).__name__})") from exc


def _next_row(reader: Iterator[list[str]], cap: int) -> list[str]:
    """The next record under the configured field cap. The csv module's cap is process-wide, so the
    previous one is put back at once for every other reader (place data, reports)."""
    previous = csv.field_size_limit(cap)
    try:
        return next(reader)
    finally:
        csv.field_size_limit(previous)


def _rows(
    tree: Tree, path: str, lines: Iterable[str], delimiter: str, escape: str | None = None
) -> Iterator[tuple[CsvHeader, CsvRow] | Skipped]:
    reader = csv.reader(lines, delimiter=delimiter, strict=True, escapechar=escape)
    header: CsvHeader | None = None
    number = 0
    replaced = 0
    while True:
        try:
            cells = _next_row(reader, tree.limits.csv_field_chars)
        except StopIteration:
            break
        except csv.Error as exc:
            message = str(exc)
            where = f"row {number + 1}" if header else "header"
            if "unexpected end of data" in message:
                yield skip(
                    tree,
                    path,
                    f"the file ends inside a quoted field (truncated?); {where} and anything after it were not read",
                    pointer=where,
                )
                break
            if "field larger than field limit" in message:
                yield skip(
                    tree,
                    path,
                    f"a field is larger than the cap of {tree.limits.csv_field_chars} "
                    f"characters; {where} and anything after it were not read",
                    pointer=where,
                )
                break
            number += 1 if header else 0
            yield skip(tree, path, f"malformed CSV record ({message})", pointer=where)
            continue
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if header is None:
            names = tuple(cell.strip().lstrip("\ufeff").strip() for cell in cells)
            header = CsvHeader(names=names, keys=tuple(header_key(n) for n in names))
            continue
        number += 1
        if any("\ufffd" in cell for cell in cells):
            replaced += 1
        if len(cells) < len(header.keys):
            yield skip(
                tree,
                path,
                f"row has {len(cells)} of the header's {len(header.keys)} fields (cut short or misquoted); not read",
                pointer=f"row {number}",
            )
            continue
        if any(cell.strip() for cell in cells[len(header.keys) :]):
            yield skip(
                tree,
                path,
                f"row has {len(cells)} fields but the header has {len(header.keys)} (misquoted); not read",
                pointer=f"row {number}",
            )
            continue
        values = {key: cell for key, cell in zip(header.keys, cells, strict=False) if key}
        yield header, CsvRow(number=number, values=values)
    if replaced:
        yield skip(
            tree,
            path,
            f"{plural(replaced, 'row has', 'rows hold')} bytes that are not "
            "valid text in this encoding; "
            "they were read with replacement characters",
            pointer="encoding",
        )
