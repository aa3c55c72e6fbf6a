"""Recognise a LinkedIn CSV by its header row when its file name is not one LinkedIn uses.

People rename files before sharing a download, or keep a copy (`my linkedin comments.csv`); the
header row LinkedIn writes still says what the file is (export-formats §3.3). A signature is the set
of header keys (lower case, letters and digits only) that together only that file has.
"""

from __future__ import annotations

import csv
import io

from exposure_audit.fetchers.base import Peek
from exposure_audit.fetchers.common.csvio import PreambleError, header_key, sniff_encoding, strip_notes_preamble

HEAD_BYTES = 8192

# (header keys that must all be present, file kind in linkedin.KINDS); the first match wins
SIGNATURES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"conversationid", "from", "to", "content"}), "messages"),
    (frozenset({"sharelink", "sharecommentary"}), "shares"),
    (frozenset({"date", "link", "message"}), "comments"),
    (frozenset({"firstname", "lastname", "headline"}), "profile"),
    (frozenset({"companyname", "title", "startedon"}), "positions"),
    (frozenset({"schoolname", "degreename"}), "education"),
    (frozenset({"emailaddress", "confirmed", "primary"}), "email_addresses"),
    (frozenset({"firstname", "lastname", "company", "connectedon"}), "connections"),
    (frozenset({"registeredat", "registrationip"}), "registration"),
)


def header_keys(head: bytes) -> frozenset[str]:
    """The header keys of a CSV from its opening bytes (after a `Notes:` preamble); empty when unreadable."""
    try:
        encoding, _ = sniff_encoding(head)
        text = strip_notes_preamble(head.decode(encoding, errors="replace").lstrip("\ufeff"))
    except (PreambleError, LookupError):
        return frozenset()
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    cells = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    return frozenset(header_key(cell) for cell in cells)


def kind_by_header(peek: Peek) -> str:
    """The LinkedIn file kind a CSV's header row shows, or "" when it matches none."""
    if not peek.path.lower().endswith(".csv"):
        return ""
    keys = header_keys(peek.head(HEAD_BYTES))
    return next((kind for needed, kind in SIGNATURES if needed <= keys), "")
