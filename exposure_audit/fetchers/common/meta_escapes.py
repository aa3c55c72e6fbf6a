"""Meta's mojibake undone in the JSON text, before parsing, where it costs least.

Meta writes every byte of a non-ASCII character as its own escape: "é" is `\\u00c3\\u00a9`. The
parsed strings hold one Latin-1 character per byte, and `jsonio.fix_meta` repairs them by walking
the whole parsed document, which took twice as long as parsing it. Here each run of such escapes is
replaced by the characters its bytes spell before the parser runs, so the parser reads them as they
are.

The result is exactly what `fix_meta` gives, because the text is only rewritten when it is written
the way Meta writes: ASCII, no escape beyond `\\u00ff`, and the escaped bytes of each run UTF-8. A
string `fix_meta` would leave alone (escaped bytes that are not UTF-8, an escape of a wider character
beside them) makes the whole document fall back to parsing and `fix_meta`.
"""

from __future__ import annotations

import re

# A run of escaped bytes from 0x80, or an escaped backslash (after which "u00e9" is plain text).
# Written to begin with the backslash both start with: the engine then jumps from one backslash to
# the next instead of trying the pattern at every character (60 ms a 1.7 MB document, against 0.6 ms).
_RUN = re.compile(r"\\(?:u00[89a-fA-F][0-9a-fA-F](?:\\u00[89a-fA-F][0-9a-fA-F])*|\\)")
# An escape beyond \u00ff, or an escaped backslash: a backslash written as text, then "u2019", is no escape.
_WIDE_OR_BACKSLASH = re.compile(r"\\(?:\\|u(?!00))")


def _as_characters(match: re.Match[str]) -> str:
    """The characters a run of escaped bytes spells. The text around a run is ASCII, so every
    character's bytes lie within one run: a run that is not UTF-8 on its own is not UTF-8 at all."""
    run = match.group(0)
    return run if run == "\\\\" else bytes.fromhex(run.replace("\\u00", "")).decode("utf-8")


def meta_text(text: str) -> str | None:
    """The JSON text of a Meta document with its escaped bytes written as the characters they spell;
    None when it is not written only the way Meta writes (see the module): parse and repair it then."""
    if not text.isascii() or any(m.group() != "\\\\" for m in _WIDE_OR_BACKSLASH.finditer(text)):
        return None
    try:
        return _RUN.sub(_as_characters, text)
    except UnicodeDecodeError:  # escaped bytes that are not UTF-8: fix_meta leaves such strings as they are
        return None
