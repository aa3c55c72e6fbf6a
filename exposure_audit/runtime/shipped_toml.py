"""The TOML files shipped with the package, parsed once per Python, not on every start.

A scan reads the built-in policy and every platform's steps, eight files: 3.6 ms of `tomllib` (more
on a first call), for text that changes only with the package. So each parsed table is kept,
marshalled, by a digest of its text (`runtime/kept_values.py`), and the eight are read back in 0.25 ms;
text not seen before is parsed as usual and added.

Only the package's own files come here: a person's settings or policy files are always parsed
afresh and never written to the cache. A table `marshal` cannot hold (a TOML date or time) is simply
parsed each time. `tomllib` itself (2 ms to import) is loaded only when a text has to be parsed,
which on most runs none has.
"""

from __future__ import annotations

import contextlib
import marshal
from pathlib import Path
from typing import Any

import platformdirs

from exposure_audit.runtime.kept_values import KeptValues, kept_file, text_key


class ParsedToml:
    """Tables by the digest of their text, loaded from and saved to one file."""

    def __init__(self, path: Path) -> None:
        self.kept = KeptValues(path, lambda value: isinstance(value, bytes))

    def loads(self, text: str) -> dict[str, Any]:
        """`tomllib.loads(text)`, a new table on every call (callers may change it)."""
        key = text_key(text)
        found = self.kept.get(key)
        if isinstance(found, bytes):
            try:
                table = marshal.loads(found)
            except (EOFError, ValueError, TypeError):
                table = None
            if isinstance(table, dict):
                return table
        import tomllib  # loaded only for a text not seen before (2 ms)

        table = tomllib.loads(text)
        with contextlib.suppress(ValueError):  # a date or time in the table: parsed again on each run
            self.kept.put(key, marshal.dumps(table))
        return table


_opened: list[ParsedToml] = []  # the user's, once asked for


def loads(text: str) -> dict[str, Any]:
    """The table of a TOML file shipped with the package (never one of the person's own)."""
    if not _opened:
        parsed = ParsedToml(kept_file(platformdirs.user_cache_path("exposure-audit"), "parsed-toml"))
        parsed.kept.save_at_exit()
        _opened.append(parsed)
    return _opened[0].loads(text)
