"""Dataclass methods compiled once per Python, not on every start.

When a dataclass is defined, Python writes its `__init__`, `__repr__` and `__eq__` (and for a frozen
class `__hash__`, `__setattr__` and `__delattr__`) as source text and compiles it: about 0.6 ms a
class. A scan defines about ninety before it reads anything, a sixth of the time a one-photo scan
takes. The compiled code depends only on that text and the Python version, so, like the .pyc files
the interpreter keeps for modules, it is kept in the user's cache folder: `exec` inside the
`dataclasses` module is handed the code compiled earlier for the same text. Text not seen before is
compiled as usual and added to the file (`runtime/kept_values.py`: written when the process ends, read
only when it is this user's own). Nothing else changes: the same code runs with the same globals, and
a class is what it would have been.

The file holds only generated methods (class and field names, never a value from a download).
"""

from __future__ import annotations

import builtins
import dataclasses
from pathlib import Path
from types import CodeType
from typing import Any

from exposure_audit.runtime.kept_values import KeptValues, kept_file, text_key


class CodeCache:
    """Compiled code by the digest of its source text, loaded from and saved to one file."""

    def __init__(self, path: Path) -> None:
        self.kept = KeptValues(path, lambda value: isinstance(value, CodeType))
        self.compiled = 0  # sources compiled in this process

    @property
    def codes(self) -> dict[bytes, object]:
        return self.kept.values

    def code(self, source: str) -> CodeType:
        key = text_key(source)
        found = self.kept.get(key)
        if isinstance(found, CodeType):
            return found
        code = compile(source, "<string>", "exec")
        self.kept.put(key, code)
        self.compiled += 1
        return code

    def save(self) -> None:
        """Write the file if new code was compiled; a failure leaves the old file (or none)."""
        self.kept.save()


def cache_file(folder: Path) -> Path:
    """The file for this interpreter: its code is valid only for this bytecode format."""
    return kept_file(folder, "dataclass-code")


def install(folder: Path) -> CodeCache:
    """Route the `dataclasses` module's `exec` through a cache kept in `folder`, saved at exit."""
    cache = CodeCache(cache_file(folder))

    def cached_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            source = cache.code(source)
        builtins.exec(source, globals, locals)

    dataclasses.exec = cached_exec  # type: ignore[attr-defined]  # the name dataclasses looks up
    cache.kept.save_at_exit()
    return cache
