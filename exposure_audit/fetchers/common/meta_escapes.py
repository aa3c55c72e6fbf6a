"""Meta's mojibake undone in the JSON text, before parsing, where it costs least.

Meta writes every byte of a non-ASCII character as its own escape: "é" is `\\u00c3\\u00a9`. The
parsed strings hold one Latin-1 character per byte, and `jsonio.fix_meta` repairs them by walking
the whole parsed document, which took twice as long as parsing it. Here each run of such escapes is
replaced by the bytes it spells before the parser runs, so the parser reads the real characters.

The result is exactly what `fix_meta` gives, because the text is only rewritten when it is written
the way Meta writes: ASCII, no escape beyond `\\u00ff`, and the escaped bytes, once written as bytes,
UTF-8 throughout. A string `fix_meta` would leave alone (escaped bytes that are not UTF-8, an escape
of a wider character beside them) makes the whole document fall back to parsing and `fix_meta`.
"""

from __future__ import annotations

import re

# A run of escaped bytes from 0x80, or an escaped backslash (after which "u00e9" is plain text).
# Written to begin with the backslash both start with: the engine then jumps from one backslash to
# the next instead of trying the pattern at every byte (60 ms a 1.7 MB document, against 0.6 ms).
_RUN = re.compile(rb"\\(?:u00[89a-fA-F][0-9a-fA-F](?:\\u00[89a-fA-F][0-9a-fA-F])*|\\)")
_WIDE = re.compile(rb"\\u(?!00)")  # an escape beyond \u00ff (or text after an escaped backslash)


def _as_bytes(match: re.Match[bytes]) -> bytes:
    run = match.group(0)
    return run if run == b"\\\\" else bytes.fromhex(run.replace(b"\\u00", b"").decode("ascii"))


def meta_text(data: bytes) -> str | None:
    """The JSON text of a Meta document with its escaped bytes written as the characters they spell;
    None when it is not written only the way Meta writes (see the module): parse and repair it then."""
    if not data.isascii() or _WIDE.search(data):
        return None
    try:
        return _RUN.sub(_as_bytes, data).decode("utf-8")
    except UnicodeDecodeError:  # escaped bytes that are not UTF-8: fix_meta leaves such strings as they are
        return None
